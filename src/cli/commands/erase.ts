import { COLLECTED_PLATFORMS } from '../../collectors/registry.js';
import { PLATFORMS } from '../../domain/records.js';
import { AppError } from '../../errors.js';
import { recordAudit } from '../../store/audit-log.js';
import { eraseResident } from '../../store/residents.js';
import { cliActor } from '../actor.js';
import type { Command } from '../command.js';
import { requireOpt } from '../parse.js';
import { withRuntime } from '../with-runtime.js';

export const eraseCommand: Command = {
  path: ['erase'],
  summary: "delete one resident's data everywhere (GDPR erasure request)",
  usage: 'erase --platform <platform> --author-id <platform user id>',
  options: {
    platform: {
      type: 'string',
      description: `platform of the resident's account (${COLLECTED_PLATFORMS.join(', ')})`,
      valueName: '<platform>',
    },
    'author-id': { type: 'string', description: "the resident's user id on that platform (as the platform shows it)", valueName: '<id>' },
  },
  details:
    'The raw id is never stored: it is pseudonymised with LYTTEPOST_SECRET exactly as at ingest and every item with\n' +
    'that pseudonym is deleted, with its classifications and engagement snapshots, and the pseudonym is removed from\n' +
    "the indicator engine's author sets. The pseudonym is kept as a tombstone (nothing else): later syncs never store\n" +
    "the resident's items again, old or new. Others' replies to their items point at a placeholder instead, and open\n" +
    'alerts on their questions are closed, and the weeks whose indicators change are marked for recompute. The\n' +
    'erasure is written to the audit log (`lyttepost audit`). See docs/privacy.md.',
  async run(args, ctx) {
    const platform = requireOpt(this, args, 'platform');
    const authorId = requireOpt(this, args, 'author-id');
    if (!(PLATFORMS as readonly string[]).includes(platform)) {
      throw new AppError('USAGE', `erase: unknown platform '${platform}' (allowed: ${PLATFORMS.join(', ')})`);
    }
    return withRuntime(ctx, async (rt) => {
      const now = rt.clock();
      const r = await rt.db.transaction(async (tx) => {
        const result = await eraseResident(tx, platform, rt.pseudonymise(platform, authorId), now);
        await recordAudit(tx, { at: now, actor: cliActor(ctx.env), action: 'erase', scope: `${platform} resident`, detail: { ...result } });
        return result;
      });
      ctx.stdout.write(
        r.items === 0 && r.authorSets === 0
          ? `No stored items from that ${platform} resident (nothing to erase); their pseudonym is tombstoned, so none will be stored.\n`
          : `Erased ${r.items} item(s) from that ${platform} resident, with their classifications and snapshots, and ` +
              `their pseudonym from ${r.authorSets} stored author set(s); ${r.references} reply reference(s) now point at a ` +
              `placeholder, ${r.alerts} open alert(s) closed. Their pseudonym is tombstoned: later syncs never store their items.\n`,
      );
      rt.log.info({ platform, ...r }, 'resident erased');
      return 0;
    });
  },
};
