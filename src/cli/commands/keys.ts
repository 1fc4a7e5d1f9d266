import { AppError } from '../../errors.js';
import { listMunicipalityCodes } from '../../store/accounts.js';
import { API_ROLES, createApiKey, listApiKeys, revokeApiKey, type ApiRole } from '../../store/api-keys.js';
import type { Command } from '../command.js';
import { requireOpt, stringOpt } from '../parse.js';
import { withRuntime } from '../with-runtime.js';

export const keysCreateCommand: Command = {
  path: ['keys', 'create'],
  summary: 'create an API key (shown once) for the API and dashboard login',
  usage: 'keys create --role admin|sector|municipality [--municipality <code>] [--name <text>]',
  options: {
    role: {
      type: 'string',
      description: 'admin (everything), sector (aggregates only) or municipality (one municipality)',
      valueName: '<role>',
    },
    municipality: {
      type: 'string',
      description: 'the municipality a municipality key may see (required for that role)',
      valueName: '<code>',
    },
    name: { type: 'string', description: 'a label for `keys list`, e.g. who holds the key', valueName: '<text>' },
  },
  details: 'Only a sha256 of the key is stored: copy it now, it cannot be shown again. Revoke with `keys revoke <id>`.',
  async run(args, ctx) {
    const role = requireOpt(this, args, 'role');
    if (!(API_ROLES as readonly string[]).includes(role)) {
      throw new AppError('USAGE', `keys create: --role must be one of ${API_ROLES.join(', ')}, got '${role}'`);
    }
    const municipality = stringOpt(args, 'municipality');
    const name = stringOpt(args, 'name') ?? null;
    if (role === 'municipality' && municipality === undefined)
      throw new AppError('USAGE', 'keys create: --municipality is required with --role municipality');
    if (role !== 'municipality' && municipality !== undefined)
      throw new AppError('USAGE', `keys create: --municipality only goes with --role municipality`);
    if (municipality !== undefined && !/^[0-9]{4}$/.test(municipality))
      throw new AppError('USAGE', `keys create: --municipality expects a four-digit code such as 0301, got '${municipality}'`);
    if (name !== null && name.length > 200) throw new AppError('USAGE', 'keys create: --name may be at most 200 characters');
    return withRuntime(ctx, async (rt) => {
      if (municipality !== undefined && !(await listMunicipalityCodes(rt.db)).has(municipality)) {
        throw new AppError('NOT_FOUND', `keys create: no municipality with code ${municipality} in the register`);
      }
      const { key, apiKey } = await createApiKey(rt.db, { role: role as ApiRole, municipality: municipality ?? null, name }, rt.clock());
      ctx.stderr.write(
        `Created key ${apiKey.id} (${apiKey.role}${apiKey.municipality ? ` ${apiKey.municipality}` : ''}). It is shown once; store it now:\n`,
      );
      ctx.stdout.write(`${key}\n`);
      return 0;
    });
  },
};

export const keysListCommand: Command = {
  path: ['keys', 'list'],
  summary: 'list API keys (id, role, municipality, prefix, last use; never the keys)',
  usage: 'keys list',
  options: {},
  async run(_args, ctx) {
    return withRuntime(ctx, async (rt) => {
      const keys = await listApiKeys(rt.db);
      const rows = [
        ['id', 'role', 'municipality', 'prefix', 'created', 'last_used', 'revoked', 'name'],
        ...keys.map((k) => [
          k.id,
          k.role,
          k.municipality ?? '-',
          `${k.prefix}…`,
          k.createdAt.toISOString().slice(0, 16),
          k.lastUsedAt?.toISOString().slice(0, 16) ?? '-',
          k.revokedAt?.toISOString().slice(0, 16) ?? '-',
          k.name ?? '',
        ]),
      ];
      const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
      ctx.stdout.write(
        rows
          .map((r) =>
            r
              .map((c, i) => c.padEnd(widths[i] ?? 0))
              .join('  ')
              .trimEnd(),
          )
          .join('\n') + '\n',
      );
      return 0;
    });
  },
};

export const keysRevokeCommand: Command = {
  path: ['keys', 'revoke'],
  summary: 'revoke an API key (its dashboard sessions end at their next request)',
  usage: 'keys revoke <id>',
  options: {},
  positionals: { min: 1, max: 1, names: '<id>' },
  async run(args, ctx) {
    const id = args.positionals[0] as string;
    if (!/^[0-9]{1,18}$/.test(id)) throw new AppError('USAGE', `keys revoke: expected a numeric key id, got '${id}'`);
    return withRuntime(ctx, async (rt) => {
      if (!(await revokeApiKey(rt.db, id, rt.clock()))) throw new AppError('NOT_FOUND', `keys revoke: no live key with id ${id}`);
      ctx.stdout.write(`Revoked key ${id}.\n`);
      return 0;
    });
  },
};
