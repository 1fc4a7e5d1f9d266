import { COLLECTED_PLATFORMS, PLATFORMS } from '../../domain/records.js';
import { AppError } from '../../errors.js';
import { eraseResident } from '../../store/residents.js';
import type { Command } from '../command.js';
import { requireOpt } from '../parse.js';
import { withRuntime } from '../with-runtime.js';

export const eraseCommand: Command = {
  path: ['erase'],
  summary: "delete one resident's data everywhere (GDPR erasure request)",
  usage: 'erase --platform <platform> --author-id <platform user id>',
  options: {
    platform: { type: 'string', description: `platform of the resident's account (${COLLECTED_PLATFORMS.join(', ')})`, valueName: '<platform>' },
    'author-id': { type: 'string', description: "the resident's user id on that platform (as the platform shows it)", valueName: '<id>' },
  },
  details:
    'The raw id is never stored: it is pseudonymised with LYTTEPOST_SECRET exactly as at ingest and every item with\n' +
    'that pseudonym is deleted, with its classifications and engagement snapshots, and the pseudonym is removed from\n' +
    'the indicator engine\'s author sets. Aggregated indicator values stay.',
  async run(args, ctx) {
    const platform = requireOpt(this, args, 'platform');
    const authorId = requireOpt(this, args, 'author-id');
    if (!(PLATFORMS as readonly string[]).includes(platform)) {
      throw new AppError('USAGE', `erase: unknown platform '${platform}' (allowed: ${PLATFORMS.join(', ')})`);
    }
    return withRuntime(ctx, async (rt) => {
      const { items, authorSets } = await rt.db.transaction((tx) => eraseResident(tx, platform, rt.pseudonymise(platform, authorId)));
      ctx.stdout.write(
        items === 0 && authorSets === 0
          ? `No stored items from that ${platform} resident (nothing to erase).\n`
          : `Erased ${items} item(s) from that ${platform} resident, with their classifications and snapshots, and ` +
            `their pseudonym from ${authorSets} stored author set(s).\n`,
      );
      rt.log.info({ platform, items, authorSets }, 'resident erased');
      return 0;
    });
  },
};
