import { seedRegister } from '../../store/register.js';
import { migrate } from '../../store/migrate.js';
import type { Command } from '../command.js';
import { withRuntime } from '../with-runtime.js';

export const migrateCommand: Command = {
  path: ['migrate'],
  summary: 'apply the sql/ migrations and seed the municipality register (idempotent)',
  usage: 'migrate',
  options: {},
  details:
    'Uses DATABASE_URL when set, otherwise the embedded database under LYTTEPOST_DATA_DIR.\n' +
    'Safe to run from several processes at once: they serialise on an advisory lock.',
  async run(_args, ctx) {
    return withRuntime(
      ctx,
      async (rt) => {
        const result = await migrate(rt.db);
        const municipalities = await seedRegister(rt.db);
        const where = rt.db.kind === 'pglite' ? `embedded database in ${rt.cfg.LYTTEPOST_DATA_DIR}` : 'Postgres';
        if (result.applied.length === 0) {
          ctx.stdout.write(`Nothing to apply: all ${result.alreadyApplied} migrations already applied (${where}).\n`);
        } else {
          for (const name of result.applied) ctx.stdout.write(`applied ${name}\n`);
          ctx.stdout.write(
            `Applied ${result.applied.length} migration(s), ${result.alreadyApplied} already applied (${where}); register has ${municipalities} municipalities.\n`,
          );
        }
        return 0;
      },
      { autoMigrate: false },
    );
  },
};
