import { readFile } from 'node:fs/promises';

import { COLLECTED_PLATFORMS, hasCollector } from '../../collectors/registry.js';
import { PLATFORMS, type Platform } from '../../domain/records.js';
import { AppError } from '../../errors.js';
import { writeCsv } from '../../exports/csv.js';
import { decodeCsvText, parseCsv } from '../../formats/csv.js';
import { checkRecovery, markActive, RECOVERABLE_STATUSES, type ReactivateDeps } from '../../jobs/reactivate-account.js';
import type { Runtime } from '../../runtime.js';
import { findAccount, listAccounts, listMunicipalityCodes, upsertAccounts, type NewAccount } from '../../store/accounts.js';
import type { Command, CommandContext } from '../command.js';
import { boolOpt, requireOpt, stringOpt } from '../parse.js';
import { withRuntime } from '../with-runtime.js';
import { DIALECT_OPTION, dialectOpt } from '../dialect.js';

const PLATFORM_LIST = COLLECTED_PLATFORMS.join(', ');
const EXTERNAL_ID = /^[A-Za-z0-9_.@:-]{1,128}$/;
const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;
/**
 * Longest handle or display name a platform allows, in characters (X: display name 50; YouTube: channel name
 * 100; Facebook: Page name 75, others a generous 100). A longer one is not an account's name but a mistake.
 */
const HANDLE_MAX: Readonly<Record<Platform, number>> = { facebook: 75, youtube: 100, x: 50, instagram: 100, bluesky: 100, mastodon: 100 };
// Control characters (NUL, line breaks, escapes) are never part of a handle and would garble the tables.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * A name's length as the platforms count it: Unicode code points of its NFC form (X counts so), so 'å' typed as
 * a + combining ring counts once and an emoji once. Not graphemes: Intl.Segmenter takes seconds on the
 * million-character input this check must refuse quickly.
 */
function nameLength(s: string): number {
  let n = 0;
  for (const _ of s.normalize('NFC')) n++;
  return n;
}

type RawAccount = { municipality: string; platform: string; externalId: string; handle?: string; tokenEnv?: string };

/** Checks one account description; returns the reason it is bad, or a NewAccount. */
function validate(raw: RawAccount, municipalities: ReadonlySet<string>, env: NodeJS.ProcessEnv): string | NewAccount {
  if (!municipalities.has(raw.municipality)) {
    return `unknown municipality code '${raw.municipality}' (expected a 4-digit code from the register in assets/municipalities.csv, e.g. 0301 for Oslo)`;
  }
  if (!(PLATFORMS as readonly string[]).includes(raw.platform)) {
    return `unknown platform '${raw.platform}' (allowed: ${PLATFORM_LIST})`;
  }
  // An account nothing can collect would only sit in the registry and pull its municipality's coverage down.
  if (!hasCollector(raw.platform)) {
    return `no collector for ${raw.platform} yet: it cannot be monitored (collected: ${PLATFORM_LIST})`;
  }
  if (!EXTERNAL_ID.test(raw.externalId)) {
    return `invalid external id '${raw.externalId.slice(0, 40)}' (expected the platform's id: letters, digits, _ . @ : -)`;
  }
  const handleMax = HANDLE_MAX[raw.platform as Platform];
  const handleLength = raw.handle ? nameLength(raw.handle) : 0;
  if (handleLength > handleMax) {
    return `handle is ${handleLength} characters long; ${raw.platform} allows at most ${handleMax}`;
  }
  if (raw.handle && CONTROL.test(raw.handle)) return 'handle contains a control character';
  let token: string | null = null;
  if (raw.tokenEnv) {
    if (!ENV_NAME.test(raw.tokenEnv)) return `invalid token variable name '${raw.tokenEnv}' (expected e.g. OSLO_PAGE_TOKEN)`;
    const v = env[raw.tokenEnv];
    if (!v) return `token variable ${raw.tokenEnv} is not set in the environment`;
    token = v;
  }
  return {
    municipalityCode: raw.municipality,
    platform: raw.platform as Platform,
    externalId: raw.externalId,
    handle: raw.handle || null,
    tokenEnv: raw.tokenEnv || null,
    token,
  };
}

const reactivateDeps = (rt: Runtime): ReactivateDeps => ({
  db: rt.db,
  cipher: rt.cipher,
  cfg: rt.cfg,
  now: rt.clock,
  log: rt.log,
  pseudonymise: rt.pseudonymise,
});

function printAccounts(
  ctx: CommandContext,
  accounts: ReadonlyArray<{
    id: string;
    municipalityCode: string;
    platform: string;
    externalId: string;
    handle: string | null;
    status: string;
  }>,
) {
  const rows = accounts.map((a) => [a.id, a.municipalityCode, a.platform, a.externalId, a.handle ?? '', a.status]);
  const header = ['id', 'municipality', 'platform', 'external_id', 'handle', 'status'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  for (const r of [header, ...rows])
    ctx.stdout.write(
      r
        .map((c, i) => String(c).padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd() + '\n',
    );
}

export const accountsAddCommand: Command = {
  path: ['accounts', 'add'],
  summary: 'register one platform account of a municipality',
  usage: 'accounts add --municipality <code> --platform <platform> --id <external id> [--handle <h>] [--token-env <VAR>]',
  options: {
    municipality: { type: 'string', description: 'municipality code (4 digits, SSB register)', valueName: '<code>' },
    platform: { type: 'string', description: `one of ${PLATFORM_LIST}`, valueName: '<platform>' },
    id: {
      type: 'string',
      description: "the platform's id: Page id, channel id (UC…), X user id, Instagram user id (17841…)",
      valueName: '<external id>',
    },
    handle: { type: 'string', description: 'human-readable handle or name', valueName: '<h>' },
    'token-env': {
      type: 'string',
      description:
        "environment variable holding this account's token (stored encrypted; takes precedence over deployment-wide credentials)",
      valueName: '<VAR>',
    },
  },
  async run(args, ctx) {
    const raw: RawAccount = {
      municipality: requireOpt(this, args, 'municipality'),
      platform: requireOpt(this, args, 'platform'),
      externalId: requireOpt(this, args, 'id'),
      handle: stringOpt(args, 'handle'),
      tokenEnv: stringOpt(args, 'token-env'),
    };
    return withRuntime(ctx, async (rt) => {
      const checked = validate(raw, await listMunicipalityCodes(rt.db), ctx.env);
      if (typeof checked === 'string') throw new AppError('USAGE', `accounts add: ${checked}`);
      // Re-adding an account the platform stopped accepting (needs_reauth) with a token is how an operator gives it
      // a new one: the token is proved with one check call first, and stored only with the account back to active.
      const [known] = await findAccount(rt.db, `${checked.platform}:${checked.externalId}`);
      const stuck = known && RECOVERABLE_STATUSES.has(known.status) ? known : null;
      const recovering = stuck && checked.token !== null ? stuck : null;
      if (recovering) await checkRecovery(recovering, checked.token, reactivateDeps(rt));
      const acc = await rt.db.transaction(async (tx) => {
        const [a] = await upsertAccounts(tx, rt.cipher, [checked], rt.clock());
        if (!a) throw new Error('upsert returned no row');
        if (recovering) await markActive(tx, a.id, rt.clock());
        return a;
      });
      ctx.stdout.write(
        `${acc.created ? 'Added' : 'Updated'} account ${acc.id}: ${acc.platform} ${acc.externalId} for municipality ${acc.municipalityCode}${checked.token ? ' (token stored encrypted)' : ''}\n`,
      );
      if (recovering)
        ctx.stdout.write(
          `The platform accepted the token: account ${acc.id} is active again (was ${recovering.status}) and is collected from its next slot.\n`,
        );
      else if (stuck)
        ctx.stdout.write(
          `Account ${acc.id} is still ${stuck.status}: give it a new token with --token-env <VAR>, or run \`accounts reactivate ${acc.id}\` once its token works again.\n`,
        );
      return 0;
    });
  },
};

export const accountsImportCommand: Command = {
  path: ['accounts', 'import'],
  summary: 'register accounts from a CSV file, all or nothing',
  usage: 'accounts import <file.csv>',
  options: {},
  positionals: { min: 1, max: 1, names: 'the CSV file' },
  details:
    'The CSV has a header row with municipality,platform,external_id and optionally handle,token_env.\n' +
    'Every row is checked first; if any row is bad, its line number and reason are reported and nothing is imported.',
  async run(args, ctx) {
    const file = args.positionals[0] as string;
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (err) {
      throw new AppError(
        'BAD_INPUT',
        `accounts import: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      );
    }
    const [header, ...records] = parseCsv(decodeCsvText(bytes, `accounts import: ${file}`));
    const cols = header?.fields.map((f) => f.trim().toLowerCase()) ?? [];
    for (const required of ['municipality', 'platform', 'external_id']) {
      if (!cols.includes(required)) {
        throw new AppError(
          'BAD_INPUT',
          `accounts import: ${file} line 1: header must name municipality,platform,external_id[,handle,token_env]; '${required}' is missing`,
        );
      }
    }
    if (records.length === 0) throw new AppError('BAD_INPUT', `accounts import: ${file} has no rows after the header`);
    const at = (fields: string[], name: string) => {
      const i = cols.indexOf(name);
      return i < 0 ? undefined : fields[i]?.trim();
    };
    return withRuntime(ctx, async (rt) => {
      const municipalities = await listMunicipalityCodes(rt.db);
      const good: NewAccount[] = [];
      const bad: string[] = [];
      const seen = new Map<string, number>();
      for (const r of records) {
        if (r.fields.length !== cols.length) {
          bad.push(`line ${r.line}: expected ${cols.length} fields, got ${r.fields.length}`);
          continue;
        }
        const checked = validate(
          {
            municipality: at(r.fields, 'municipality') ?? '',
            platform: at(r.fields, 'platform') ?? '',
            externalId: at(r.fields, 'external_id') ?? '',
            handle: at(r.fields, 'handle'),
            tokenEnv: at(r.fields, 'token_env'),
          },
          municipalities,
          ctx.env,
        );
        if (typeof checked === 'string') {
          bad.push(`line ${r.line}: ${checked}`);
          continue;
        }
        const key = `${checked.platform}:${checked.externalId}`;
        const first = seen.get(key);
        if (first !== undefined) {
          bad.push(`line ${r.line}: ${key} repeats line ${first}`);
          continue;
        }
        seen.set(key, r.line);
        good.push(checked);
      }
      // Rows that re-add an account the platform stopped accepting: each token proved with one check call first.
      const known = new Map((await listAccounts(rt.db)).map((a) => [`${a.platform}:${a.externalId}`, a]));
      const recovering: string[] = [];
      if (bad.length === 0) {
        for (const g of good) {
          const key = `${g.platform}:${g.externalId}`;
          const acc = known.get(key);
          if (!acc || !RECOVERABLE_STATUSES.has(acc.status) || g.token === null) continue;
          try {
            await checkRecovery(acc, g.token, reactivateDeps(rt));
            recovering.push(acc.id);
          } catch (err) {
            if (!(err instanceof AppError)) throw err;
            bad.push(`line ${seen.get(key)}: ${err.code}: ${err.message}`);
          }
        }
      }
      if (bad.length > 0) {
        throw new AppError(
          'BAD_INPUT',
          `accounts import: ${bad.length} bad row(s) of ${records.length} in ${file}, nothing imported: ${bad.slice(0, 5).join('; ')}${bad.length > 5 ? `; … and ${bad.length - 5} more` : ''}`,
        );
      }
      // One transaction: a failure anywhere leaves the registry as it was.
      const result = await rt.db.transaction(async (tx) => {
        const upserted = await upsertAccounts(tx, rt.cipher, good, rt.clock());
        for (const id of recovering) await markActive(tx, id, rt.clock());
        return upserted;
      });
      const created = result.filter((a) => a.created).length;
      ctx.stdout.write(
        `Imported ${result.length} account(s) from ${file}: ${created} new, ${result.length - created} updated` +
          (recovering.length > 0
            ? `; ${recovering.length} active again after a check call with their token (${recovering.join(', ')}).\n`
            : '.\n'),
      );
      return 0;
    });
  },
};

export const accountsListCommand: Command = {
  path: ['accounts', 'list'],
  summary: 'list registered accounts',
  usage: 'accounts list [--municipality <code>] [--platform <platform>] [--csv [--dialect rfc4180|excel-nb]]',
  options: {
    municipality: { type: 'string', description: 'only this municipality', valueName: '<code>' },
    platform: { type: 'string', description: `only this platform (${PLATFORMS.join(', ')})`, valueName: '<platform>' },
    csv: { type: 'boolean', description: 'print CSV (importable with accounts import in the rfc4180 dialect)' },
    dialect: { ...DIALECT_OPTION, description: `with --csv: ${DIALECT_OPTION.description}; accounts import reads rfc4180` },
  },
  async run(args, ctx) {
    const platform = stringOpt(args, 'platform');
    const dialect = dialectOpt(this, args, boolOpt(args, 'csv'), '--csv');
    if (platform && !(PLATFORMS as readonly string[]).includes(platform)) {
      throw new AppError('USAGE', `accounts list: unknown platform '${platform}' (allowed: ${PLATFORMS.join(', ')})`);
    }
    return withRuntime(ctx, async (rt) => {
      const accounts = await listAccounts(rt.db, {
        municipality: stringOpt(args, 'municipality'),
        platform: platform as Platform | undefined,
      });
      if (boolOpt(args, 'csv')) {
        ctx.stdout.write(
          writeCsv(
            [['id', 'municipality', 'platform', 'external_id', 'handle', 'status', 'token_env']],
            accounts.map((a) => [a.id, a.municipalityCode, a.platform, a.externalId, a.handle, a.status, a.tokenEnv]),
            dialect,
          ),
        );
      } else if (accounts.length === 0) {
        ctx.stdout.write('No accounts registered. Add one with `lyttepost accounts add` or `lyttepost accounts import`.\n');
      } else printAccounts(ctx, accounts);
      return 0;
    });
  },
};

export const accountsReactivateCommand: Command = {
  path: ['accounts', 'reactivate'],
  summary: 'bring an account back to active after a check call with its token',
  usage: 'accounts reactivate <account>',
  options: {},
  positionals: { min: 1, max: 1, names: 'the account (id, platform:external_id, external id or handle)' },
  details:
    'For an account in needs_reauth (the platform refused its token) or error, once the token works again (renewed\n' +
    'on the platform, or a new deployment-wide YOUTUBE_API_KEY / X_BEARER_TOKEN). One call to the platform proves it;\n' +
    'if the platform still refuses, the account stays as it is and the reason is printed. To give the account a new\n' +
    'token of its own, use `accounts add … --token-env <VAR>`, which runs the same check. Also resumes a paused account.',
  async run(args, ctx) {
    const ref = args.positionals[0] as string;
    return withRuntime(ctx, async (rt) => {
      const found = await findAccount(rt.db, ref);
      if (found.length === 0)
        throw new AppError('NOT_FOUND', `accounts reactivate: no account '${ref.slice(0, 80)}' (see \`accounts list\`)`);
      if (found.length > 1) {
        throw new AppError(
          'USAGE',
          `accounts reactivate: '${ref.slice(0, 80)}' names ${found.length} accounts (${found.map((a) => a.id).join(', ')}); give the id`,
        );
      }
      const account = found[0] as (typeof found)[number];
      if (account.status === 'active') {
        ctx.stdout.write(`Account ${account.id} (${account.platform} ${account.externalId}) is already active.\n`);
        return 0;
      }
      const source = await checkRecovery(account, null, reactivateDeps(rt));
      await markActive(rt.db, account.id, rt.clock());
      ctx.stdout.write(
        `The platform accepted the ${source === 'account' ? "account's own" : 'deployment-wide'} token: account ${account.id} (${account.platform} ${account.externalId}) is active again (was ${account.status}) and is collected from its next slot.\n`,
      );
      rt.log.info({ accountId: account.id, was: account.status }, 'account reactivated');
      return 0;
    });
  },
};
