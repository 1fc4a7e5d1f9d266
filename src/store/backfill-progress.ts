import type { Queryable } from './db.js';

/** How far a backfill slot has come: finished harvest runs of that slot and items stored so far. */
export async function backfillProgress(db: Queryable, slot: string): Promise<{ finished: number; failed: number; items: number }> {
  const { rows } = await db.query<{ finished: number; failed: number; items: number }>(
    `select count(*) filter (where h.status <> 'running')::int as finished,
            count(*) filter (where h.status = 'failed')::int as failed,
            (select count(*) from items)::int as items
     from harvest_runs h where h.slot = $1`,
    [slot],
  );
  return rows[0] ?? { finished: 0, failed: 0, items: 0 };
}
