import type { Db } from '../store/db.js';
import { migrate, withMigrationLock, type MigrateResult } from '../store/migrate.js';
import { importPopulation } from '../store/population.js';
import { seedRegister } from '../store/register.js';
import { backfillTrendPoints } from './trend-points.js';

export type PreparedStore = { migrations: MigrateResult; municipalities: number; population: number };

/**
 * What every start and `lyttepost migrate` do before anything else: apply missing migrations, seed the
 * municipality register, import its population and fill in trend points of rows written before sql/0080. The
 * seeding runs under the migration lock, so processes starting at once take turns instead of deadlocking.
 */
export async function prepareStore(db: Db): Promise<PreparedStore> {
  const migrations = await migrate(db);
  return withMigrationLock(db, async (tx) => {
    const municipalities = await seedRegister(tx);
    const population = await importPopulation(tx);
    await backfillTrendPoints(tx);
    return { migrations, municipalities, population };
  });
}
