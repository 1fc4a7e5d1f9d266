import type { Queryable } from './db.js';

/**
 * Per municipality and platform: whether Lyttepost follows an account there, and the broadcast posts of those
 * accounts over a week range (summed `owner_posts` of the stored account rows). The measured side of the
 * annual "Dialog i kommunesektoren" summary (src/indicators/annual-summary.ts).
 */
export type PlatformActivity = { municipalityCode: string; platform: string; accounts: number; posts: number };

export async function loadPlatformActivity(
  db: Queryable,
  q: { from: string; to: string; definitionVersion: number },
): Promise<PlatformActivity[]> {
  const { rows } = await db.query<{ municipality_code: string; platform: string; accounts: number; posts: number }>(
    `select a.municipality_code, a.platform, count(distinct a.id)::int as accounts,
       coalesce(sum((v."values"->>'owner_posts')::int), 0)::int as posts
     from accounts a
     left join indicator_values v on v.scope = 'account' and v.scope_id = a.id::text
       and v.definition_version = $3 and v.week >= $1 and v.week <= $2
     group by a.municipality_code, a.platform
     order by a.municipality_code, a.platform`,
    [q.from, q.to, q.definitionVersion],
  );
  return rows.map((r) => ({ municipalityCode: r.municipality_code, platform: r.platform, accounts: r.accounts, posts: r.posts }));
}

/** How many municipalities the register holds. */
export async function countRegisterMunicipalities(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>('select count(*)::int as n from municipalities');
  return rows[0]?.n ?? 0;
}
