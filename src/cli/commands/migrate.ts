import { backfillTrendPoints } from '../../jobs/trend-points.js';
import { importPopulation } from '../../store/population.js';
import { seedRegister } from '../../store/register.js';
import { migrate } from '../../store/migrate.js';
import type { Command } from '../command.js';
import { withRuntime } from '../with-runtime.js';

export const migrateCommand: Command = {
  path: ['migrate'],
  summary: 'apply the sql/ migrations, seed the municipality register and import its population (idempotent)',
  usage: 'migrate',
  options: {},
  details:
    'Uses DATABASE_URL when set, otherwise the embedded database under LYTTEPOST_DATA_DIR.\n' +
    'Safe to run from several processes at once: they serialise on an advisory lock.\n' +
    'Population: assets/population.csv (SSB table 07459, 1 January of the year in the file); replace the file with a\n' +
    'newer SSB export in the same columns (code,population,year,source) and run migrate again.',
  async run(_args, ctx) {
    return withRuntime(
      ctx,
      async (rt) => {
        const result = await migrate(rt.db);
        const municipalities = await seedRegister(rt.db);
        const population = await importPopulation(rt.db);
        await backfillTrendPoints(rt.db);
        const where = rt.db.kind === 'pglite' ? `embedded database in ${rt.cfg.LYTTEPOST_DATA_DIR}` : 'Postgres';
        if (result.applied.length === 0) {
          ctx.stdout.write(`Nothing to apply: all ${result.alreadyApplied} migrations already applied (${where}).\n`);
        } else {
          for (const name of result.applied) ctx.stdout.write(`applied ${name}\n`);
          ctx.stdout.write(
            `Applied ${result.applied.length} migration(s), ${result.alreadyApplied} already applied (${where}); register has ${municipalities} municipalities.\n`,
          );
        }
        if (population > 0) ctx.stdout.write(`Population updated for ${population} municipalities (assets/population.csv).\n`);
        return 0;
      },
      { autoMigrate: false },
    );
  },
};
