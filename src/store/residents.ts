import type { Queryable } from './db.js';

/**
 * Deletes everything stored about one resident (GDPR erasure): their items on the platform, with the
 * classifications and snapshots that hang off them (foreign keys cascade), and their pseudonym from the
 * indicator engine's per-account author sets (`indicator_account_weeks`). Indicator values are aggregates
 * without personal data and stay as computed. One transaction when `db` is one.
 */
export async function eraseResident(
  db: Queryable,
  platform: string,
  authorKey: string,
): Promise<{ items: number; authorSets: number }> {
  const { rowCount } = await db.query(`delete from items where platform = $1 and author_key = $2 and author_role = 'citizen'`, [platform, authorKey]);
  const sets = await db.query(
    `update indicator_account_weeks w set citizen_authors = array_remove(w.citizen_authors, $2)
     from accounts a
     where a.id = w.account_id and a.platform = $1 and $2 = any (w.citizen_authors)`,
    [platform, authorKey],
  );
  return { items: rowCount, authorSets: sets.rowCount };
}

/** Nulls resident text older than the retention limit; counts and classifications (aggregates) stay. */
export async function purgeExpiredText(db: Queryable, now: Date, retentionDays: number): Promise<number> {
  const { rowCount } = await db.query(
    `update items set text = null, text_purged_at = $1
     where author_role = 'citizen' and text is not null and created_at < $1::timestamptz - make_interval(days => $2::int)`,
    [now, retentionDays],
  );
  return rowCount;
}
