import type { GroundTruth } from '../../../src/simulator/truth.js';
import type { Queryable } from '../../../src/store/db.js';

/**
 * Test builder for the indicator engine: accounts, threads, classifications, snapshots and harvest coverage
 * written straight into the store (no collector, no classifier), so every case states exactly what is stored.
 */

export const TEST_CLASSIFIER = 'test-1';

export async function addAccount(
  db: Queryable,
  a: { municipality: string; platform?: string; externalId: string; createdAt?: string },
): Promise<number> {
  // Registered long before every week the tests look at, unless a case says when (coverage counts from then).
  const { rows } = await db.query<{ id: number }>(
    `insert into accounts (municipality_code, platform, external_id, created_at, updated_at) values ($1, $2, $3, $4, $4) returning id`,
    [a.municipality, a.platform ?? 'facebook', a.externalId, a.createdAt ?? '2000-01-01T00:00:00Z'],
  );
  return (rows[0] as { id: number }).id;
}

export type ItemSpec = {
  /** External id (unique per platform). */
  id: string;
  /** Parent external id; omitted for the thread's top-level item. */
  parent?: string;
  role: 'owner' | 'citizen';
  /** Author key; owners default to 'page', citizens to 'c1'. */
  author?: string;
  /** ISO instant. */
  at: string;
  /** needs_answer label (citizen items). */
  q?: boolean;
  abusive?: boolean;
  /** No classification stored (the classifier has not reached the item yet). */
  unclassified?: boolean;
  /** When a collection pass first saw the item hidden / deleted (items.hidden_at / deleted_at). */
  hidden?: string;
  deleted?: string;
  /** When the item was first stored (default `at`): a removal seen by then counts from the item's creation. */
  firstSeen?: string;
  /** Latest engagement snapshot of a post: [likes, comments, shares] captured at `at` + 1 day. */
  metrics?: [number, number, number | null];
  /** Engagement snapshots of a post at given instants: [captured_at, likes, comments, shares]. */
  snapshots?: Snapshot[];
};

export type Snapshot = [string, number | null, number | null, number | null];

export type ItemRow = {
  account_id: number;
  platform: string;
  external_id: string;
  kind: 'post' | 'comment';
  parent_external_id: string | null;
  root_external_id: string;
  branch_external_id: string | null;
  author_role: 'owner' | 'citizen';
  author_key: string;
  created_at: string;
  hidden_at: string | null;
  deleted_at: string | null;
  /** When first stored; created_at when omitted. */
  first_seen_at?: string;
  needs_answer: boolean | null;
  abusive: boolean;
  unclassified?: boolean;
  metrics: [number, number, number | null] | null;
  snapshots?: Snapshot[];
};

/** Resolves root and branch (the comment directly under the root) for a list of items of one or more threads. */
export function toRows(accountId: number, platform: string, items: readonly ItemSpec[]): ItemRow[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  const rootOf = (i: ItemSpec): { root: string; branch: string | null } => {
    let cur = i;
    let child: ItemSpec | null = null;
    while (cur.parent) {
      child = cur;
      const p = byId.get(cur.parent);
      if (!p) throw new Error(`unknown parent ${cur.parent}`);
      cur = p;
    }
    return { root: cur.id, branch: child ? child.id : null };
  };
  return items.map((i) => {
    const { root, branch } = rootOf(i);
    return {
      account_id: accountId,
      platform,
      external_id: i.id,
      kind: i.parent ? 'comment' : 'post',
      parent_external_id: i.parent ?? null,
      root_external_id: root,
      branch_external_id: branch,
      author_role: i.role,
      author_key: i.author ?? (i.role === 'owner' ? 'page' : 'c1'),
      created_at: i.at,
      hidden_at: i.hidden ?? null,
      deleted_at: i.deleted ?? null,
      first_seen_at: i.firstSeen ?? i.at,
      needs_answer: i.role === 'citizen' ? (i.q ?? false) : null,
      abusive: i.abusive ?? false,
      unclassified: i.unclassified ?? false,
      metrics: i.metrics ?? null,
      snapshots: i.snapshots ?? [],
    };
  });
}

/**
 * Inserts items with their classifications (at `classifierVersion`) and metric snapshots, set-based. removed_at
 * is set as ingest sets it: from the item's creation when its removal was seen by its first storing, else from
 * the removal's first sighting.
 */
export async function insertItemRows(db: Queryable, rows: readonly ItemRow[], classifierVersion: string = TEST_CLASSIFIER): Promise<void> {
  for (let i = 0; i < rows.length; i += 5000) {
    const batch = JSON.stringify(rows.slice(i, i + 5000));
    await db.query(
      `with r as (
         select * from jsonb_to_recordset($1::jsonb) as r(account_id bigint, platform text, external_id text,
           kind text, parent_external_id text, root_external_id text, branch_external_id text, author_role text,
           author_key text, created_at timestamptz, hidden_at timestamptz, deleted_at timestamptz,
           first_seen_at timestamptz, needs_answer boolean, abusive boolean, unclassified boolean, metrics jsonb,
           snapshots jsonb)
       ),
       ins as (
         insert into items (account_id, platform, external_id, kind, parent_external_id, root_external_id,
           branch_external_id, author_role, author_key, created_at, hidden_at, deleted_at, removed_at, first_seen_at,
           last_seen_at)
         select account_id, platform, external_id, kind, parent_external_id, root_external_id, branch_external_id,
           author_role, author_key, created_at, hidden_at, deleted_at,
           case when least(hidden_at, deleted_at) <= coalesce(first_seen_at, created_at) then created_at
                else least(hidden_at, deleted_at) end,
           coalesce(first_seen_at, created_at), coalesce(first_seen_at, created_at)
         from r
         returning id, platform, external_id
       ),
       cls as (
         insert into classifications (item_id, classifier_version, needs_answer, kind, abusive, classified_at)
         select ins.id, $2, r.needs_answer, case when r.needs_answer then 'question' else 'other' end,
           r.abusive, r.created_at
         from ins join r using (platform, external_id)
         where not coalesce(r.unclassified, false)
       )
       insert into metric_snapshots (item_id, captured_at, likes, comments, shares)
       select ins.id, r.created_at + interval '1 day', (r.metrics->>0)::int, (r.metrics->>1)::int,
         (r.metrics->>2)::int
       from ins join r using (platform, external_id)
       where r.metrics is not null
       union all
       select ins.id, (s.x->>0)::timestamptz, (s.x->>1)::int, (s.x->>2)::int, (s.x->>3)::int
       from ins join r using (platform, external_id)
       cross join lateral jsonb_array_elements(coalesce(r.snapshots, '[]')) as s(x)`,
      [batch, classifierVersion],
    );
  }
}

export async function insertThread(db: Queryable, accountId: number, items: readonly ItemSpec[], platform = 'facebook'): Promise<void> {
  await insertItemRows(db, toRows(accountId, platform, items));
}

/** A succeeded harvest run covering [from, to) for the account. */
export async function coverHarvest(db: Queryable, accountId: number, from: string, to: string, slot = 'test'): Promise<void> {
  await db.query(
    `insert into harvest_runs (account_id, stream, slot, status, started_at, finished_at, covered_from, covered_to)
     values ($1, 'all', $2, 'succeeded', $4, $4, $3, $4)`,
    [accountId, `${slot}-${from}`, from, to],
  );
}

export async function setFollowers(db: Queryable, accountId: number, at: string, followers: number): Promise<void> {
  await db.query(`insert into follower_snapshots (account_id, captured_at, followers) values ($1, $2, $3)`, [accountId, at, followers]);
}

/**
 * Stores the simulator's ground truth as the collectors would leave it after the truth's collection passes
 * (classifications from its needsAnswer labels, so the classifier's errors are not measured): accounts with
 * harvest coverage over [start, end), then every item with its removal sightings and its posts' snapshots.
 * Returns the account ids by external id.
 */
export async function storeTruth(db: Queryable, truth: GroundTruth, start: Date, end: Date): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const a of truth.accounts) {
    const id = await addAccount(db, { municipality: a.municipalityCode, platform: a.platform, externalId: a.externalId });
    ids.set(a.externalId, id);
    await coverHarvest(db, id, start.toISOString(), end.toISOString());
  }
  await insertItemRows(
    db,
    truth.items.map((i) => ({
      account_id: ids.get(i.accountExternalId) as number,
      platform: i.platform,
      external_id: i.externalId,
      kind: i.kind,
      parent_external_id: i.parentExternalId,
      root_external_id: i.rootExternalId,
      branch_external_id: i.kind === 'post' ? null : i.branchExternalId,
      author_role: i.authorRole,
      author_key: i.authorRawId,
      created_at: i.createdAt,
      // What the truth's collection passes saw: the first storing, the first sighting of a removal, the snapshots.
      hidden_at: i.hiddenSeenAt,
      deleted_at: i.deletedSeenAt,
      ...(i.firstSeenAt ? { first_seen_at: i.firstSeenAt } : {}),
      needs_answer: i.authorRole === 'citizen' ? i.needsAnswer : null,
      abusive: false,
      metrics: null,
      snapshots: i.snapshots.map((x): Snapshot => [x.capturedAt, x.likes, x.comments, x.shares]),
    })),
  );
  return ids;
}
