import { addWeeks, weekBounds, type IsoWeek } from '../indicators/iso-week.js';
import type { Queryable } from './db.js';
import { INSERT_ACCOUNT_WEEKS } from './account-weeks-insert.js';
import { branchOf, turnSegment } from './turn-sql.js';

/**
 * The item-level half of the indicator engine: reads the threads of some accounts (or all) for a run of weeks
 * and stores one `indicator_account_weeks` row per account and week — its summable counts, its distinct citizen
 * authors and its answered questions' times. Threads, branches, turns and answers are built set-based with
 * window functions in temporary tables. The wider scopes are merged from these rows later (indicator-inputs.ts),
 * so a change in one account re-reads that account's threads only. Must run inside one transaction (the temp
 * tables drop at commit).
 */

export type WeekSpan = { week: IsoWeek; start: Date; end: Date };

/** Platforms that report shares (v1–v3); YouTube and Instagram do not. */
export const SHARE_PLATFORMS = ['facebook', 'x', 'bluesky', 'mastodon'] as const;

/**
 * Platforms on which residents' own top-level posts to the account cannot be read: on Bluesky they only mention
 * the account, and the public AppView shows those only to the account's login or through searchPosts, which it
 * refuses without login. Their `citizen_posts` is unknown, not 0 (docs/indicators.md, `citizen_posts_unavailable`).
 */
export const CITIZEN_POSTS_UNSEEN_PLATFORMS = ['bluesky'] as const;

const DAY_MS = 86_400_000;

/**
 * Items are numbered by the week they fall in with width_bucket over the sorted week boundaries (a binary search
 * per item): 1 is the week before the run, 2 its first week, …; 0 and anything past the last week are outside.
 * Grouping by this number is an equality join; a range join of every item against every week of a chunk, or a
 * time-zone conversion per item, cost seconds per chunk. The boundaries are parameter $2 of the statement.
 */
const weekNumberOf = (ts: string) => `width_bucket(${ts}, $2::timestamptz[])`;

/**
 * ind_weeks, the run's weeks for joins (dropped at commit): label, start, end and the week number weekNumberOf
 * gives items of that week (2 for the first).
 */
export async function createWeeksTable(tx: Queryable, weeks: readonly WeekSpan[]): Promise<void> {
  await tx.query(`drop table if exists pg_temp.ind_weeks`);
  await tx.query(
    `create temp table ind_weeks on commit drop as
     select w.week, w.ws, w.we, w.wk
     from jsonb_to_recordset($1::jsonb) as w(week text, ws timestamptz, we timestamptz, wk int)`,
    [JSON.stringify(weeks.map((w, k) => ({ week: w.week, ws: w.start.toISOString(), we: w.end.toISOString(), wk: k + 2 })))],
  );
}

/**
 * Recomputes the account-week rows of `weeks` (contiguous, ascending) for `accounts` (null = every registered
 * account) from the items as stored now, replacing any stored rows of those account-weeks. An account that shares
 * a thread with one of `accounts` is recomputed too (a turn or branch counts for the first account among its
 * items). Returns the accounts whose rows were written, or null when all were.
 */
export async function computeAccountWeeks(
  tx: Queryable,
  args: { weeks: readonly WeekSpan[]; accounts: readonly number[] | null; classifierVersion: string; now: Date },
): Promise<number[] | null> {
  const first = args.weeks[0];
  const last = args.weeks[args.weeks.length - 1];
  if (!first || !last) return [];
  const from = first.start;
  const to = last.end;
  // Turns begun up to 7 days before the first week still count in its unanswered_open.
  const lookBack = new Date(from.getTime() - 7 * DAY_MS);

  // JIT compilation costs more than these queries run (hundreds of ms each on a cold plan), and a chunk's window
  // sorts (about 140 MB for half a year of national history) run in memory with more work_mem; a longer chunk
  // spills to disk rather than failing. Both last only until this transaction ends.
  await tx.query(`set local jit = off`);
  await tx.query(`set local work_mem = '256MB'`);
  // The items, their index and classifications are mostly in memory: random reads cost little more than
  // sequential ones, so a run of a few weeks is fetched thread by thread through items_root rather than by a
  // scan of every item (a full recompute's large chunks still hash-join).
  await tx.query(`set local random_page_cost = 1.1`);
  await tx.query(`drop table if exists pg_temp.ind_roots, pg_temp.ind_items, pg_temp.ind_ti, pg_temp.ind_turns, pg_temp.ind_posts`);
  await createWeeksTable(tx, args.weeks);
  // Boundaries for weekNumberOf: the start of the week before the run, each week's start, the last week's end.
  const boundaries = [weekBounds(addWeeks(first.week, -1)).start, ...args.weeks.map((w) => w.start), to].map((d) => d.toISOString());

  let accounts = args.accounts === null ? null : [...new Set(args.accounts)].sort((a, b) => a - b);
  for (;;) {
    await loadThreads(tx, { lookBack, to, boundaries, accounts, classifierVersion: args.classifierVersion });
    if (accounts === null) break;
    const { rows } = await tx.query<{ account_id: number }>(
      `select distinct account_id from ind_items where account_id <> all ($1::bigint[])`,
      [accounts],
    );
    if (rows.length === 0) break;
    accounts = [...accounts, ...rows.map((r) => r.account_id)].sort((a, b) => a - b);
  }
  await buildTurns(tx, lookBack, from, to);

  const weekIds = args.weeks.map((w) => w.week);
  await tx.query(
    `delete from indicator_account_weeks
     where week = any ($1::text[]) and classifier_version = $2 and ($3::bigint[] is null or account_id = any ($3::bigint[]))`,
    [weekIds, args.classifierVersion, accounts],
  );
  await tx.query(INSERT_ACCOUNT_WEEKS, [
    args.classifierVersion,
    accounts,
    args.now.toISOString(),
    SHARE_PLATFORMS,
    CITIZEN_POSTS_UNSEEN_PLATFORMS,
  ]);
  return accounts;
}

/**
 * ind_items: every item of every thread that has an item in [lookBack, to) (of `accounts`, when given) — whole
 * threads, so turns, answers and conversation depth never depend on where a run of weeks starts or ends. The
 * threads (with their root post, looked up once per thread) go first into a small analysed table, so the planner
 * fetches their items through items_root instead of scanning all items.
 */
async function loadThreads(
  tx: Queryable,
  args: { lookBack: Date; to: Date; boundaries: string[]; accounts: readonly number[] | null; classifierVersion: string },
): Promise<void> {
  await tx.query(`drop table if exists pg_temp.ind_roots, pg_temp.ind_items`);
  await tx.query(
    `create temp table ind_roots on commit drop as
     select t.platform, t.root, r.created_at as root_created_at, r.author_role as root_role
     from (
       select distinct platform, root_external_id as root
       from items
       where created_at >= $1 and created_at < $2 and ($3::bigint[] is null or account_id = any ($3::bigint[]))
     ) t
     -- One index probe per thread for its root post (a hash join scanned every stored item for this).
     left join lateral (
       select r.created_at, r.author_role
       from items r
       where r.platform = t.platform and r.external_id = t.root
       limit 1
     ) r on true`,
    [args.lookBack.toISOString(), args.to.toISOString(), args.accounts],
  );
  // Analysed, so the planner sees how many items will follow and joins their classifications by hash.
  await tx.query(`analyze ind_roots`);
  await tx.query(
    `create temp table ind_items on commit drop as
     select i.id, i.account_id, i.platform collate "C" as platform, i.external_id collate "C" as external_id,
       i.root_external_id collate "C" as root,
       i.external_id = i.root_external_id as is_top,
       i.author_role, i.author_key collate "C" as author_key, i.created_at, i.hidden_at, i.deleted_at, i.removed_at,
       coalesce(t.root_created_at, i.created_at) as root_created_at,
       ${weekNumberOf('i.created_at')} as wk,
       ${weekNumberOf('coalesce(t.root_created_at, i.created_at)')} as root_wk,
       (${branchOf('i', 't.root_role')}) collate "C" as branch,
       t.root_role is null as root_missing,
       -- Not classified yet (by this classifier version): counted as no question and not abusive, and flagged
       -- classification_pending on the week (unknown is not zero: the figures are lower bounds until classified).
       coalesce(c.needs_answer, false) as needs_answer,
       coalesce(c.abusive, false) as abusive,
       c.item_id is null as unclassified
     from ind_roots t
     join items i on i.platform = t.platform and i.root_external_id = t.root
     left join classifications c on c.item_id = i.id and c.classifier_version = $1`,
    [args.classifierVersion, args.boundaries],
  );
}

/** ind_ti (branch items in time order), ind_turns (citizen turns with their answers) and ind_posts (broadcast posts). */
async function buildTurns(tx: Queryable, lookBack: Date, from: Date, to: Date): Promise<void> {
  // seg = owner items so far in the branch: citizen items of one author with the same seg form one turn, and the
  // owner item numbered seg + 1 is that turn's answer.
  await tx.query(
    `create temp table ind_ti on commit drop as
     select i.*,
       ${turnSegment('i')} as seg,
       lag(i.author_role) over (partition by i.platform, i.branch order by i.created_at, i.id) as prev_role,
       -- The first owner item after this one in the branch: a turn's answer (no owner item lies between a turn's items).
       min(i.created_at) filter (where i.author_role = 'owner') over (
         partition by i.platform, i.branch order by i.created_at, i.id
         rows between 1 following and unbounded following) as next_owner_at
     from ind_items i
     where i.branch is not null`,
  );
  await tx.query(`create index on ind_ti (platform, branch, created_at)`);

  await tx.query(
    `create temp table ind_turns on commit drop as
     with turns as (
       select platform, branch, author_key, seg,
         min(root) as root,
         min(account_id) as account_id,
         min(root_created_at) as root_created_at,
         min(created_at) as started_at,
         min(next_owner_at) as answer_at,
         min(wk) as wk,
         bool_or(needs_answer) as is_question,
         bool_or(external_id = branch) as begins_branch,
         -- A turn is removed when every item of it is hidden or deleted, from when its last item counts as removed
         -- (items.removed_at: its creation when first stored already removed); removal never answers it.
         case when bool_and(removed_at is not null) then max(removed_at) end as removed_at
       from ind_ti
       where author_role = 'citizen'
       group by platform, branch, author_key, seg
     ),
     answered as (
       select t.*, coalesce(t.answer_at <= t.started_at + interval '7 days', false) as answered
       from turns t
       where t.started_at >= $1
     )
     select t.*,
       -- Follow-ups count for answered questions only (followup_rate); other turns skip the look-up.
       t.is_question and t.answered and exists (
         select 1
         from ind_ti x
         where x.platform = t.platform and x.branch = t.branch
           and x.created_at > t.answer_at and x.created_at <= t.answer_at + interval '7 days'
           and (x.author_role = 'owner' or x.author_key = t.author_key)
       ) as has_followup
     from answered t`,
    [lookBack.toISOString()],
  );
  // Temporary tables are never analysed by autovacuum: without statistics the planner took the chunk's posts
  // (is_top, owner, in range) for one row and re-ran the per-thread aggregates below once per post (quadratic:
  // minutes for 8 weeks of national history). Sampled statistics cost milliseconds.
  await tx.query(`analyze ind_items, ind_turns`);

  // Per thread, what the broadcast post's 7 days after it hold: hash aggregates over the chunk's items and turns
  // (the post is the thread's root, so root_created_at is the post's time).
  await tx.query(
    `create temp table ind_posts on commit drop as
     with thread as (
       select platform, root,
         count(*) filter (where author_role = 'citizen' and not is_top
                            and created_at <= root_created_at + interval '7 days') as citizen_comments_7d,
         bool_or(author_role = 'owner' and not is_top and created_at <= root_created_at + interval '7 days') as owner_reply_7d
       from ind_items
       group by platform, root
     ),
     two_way as (
       select distinct platform, root
       from ind_turns
       where answered and answer_at <= root_created_at + interval '7 days'
     )
     select p.id, p.account_id, p.platform, p.root, p.created_at, p.wk,
       coalesce(th.citizen_comments_7d, 0) as citizen_comments_7d,
       tw.root is not null as two_way,
       not coalesce(th.owner_reply_7d, false) as one_way,
       s.likes, s.comments, s.shares, s.late, s.age_days
     from ind_items p
     left join thread th on th.platform = p.platform and th.root = p.root
     left join two_way tw on tw.platform = p.platform and tw.root = p.root
     -- The latest snapshot taken within 7 days of the post; with none (a first backfill), the earliest later one,
     -- flagged late (INDICATORS.md, clarification 1). Two index probes, the second only when the first finds none.
     left join lateral (
       select ms.likes, ms.comments, ms.shares, ms.captured_at
       from metric_snapshots ms
       where ms.item_id = p.id and ms.captured_at <= p.created_at + interval '7 days'
       order by ms.captured_at desc
       limit 1
     ) w on true
     left join lateral (
       select ms.likes, ms.comments, ms.shares, ms.captured_at
       from metric_snapshots ms
       where w.captured_at is null and ms.item_id = p.id and ms.captured_at > p.created_at + interval '7 days'
       order by ms.captured_at
       limit 1
     ) l on true
     cross join lateral (
       select coalesce(w.likes, l.likes) as likes, coalesce(w.comments, l.comments) as comments,
         coalesce(w.shares, l.shares) as shares, l.captured_at is not null as late,
         extract(epoch from l.captured_at - p.created_at)::float8 / 86400 as age_days
     ) s
     where p.is_top and p.author_role = 'owner' and p.created_at >= $1 and p.created_at < $2`,
    [from.toISOString(), to.toISOString()],
  );
}

/**
 * Deletes account-week rows computed with another classifier version: a full recompute under a new classifier
 * leaves the old version's rows unread forever (each holds residents' pseudonymous author keys). Returns rows deleted.
 */
export async function deleteOtherClassifierVersions(db: Queryable, classifierVersion: string): Promise<number> {
  const { rowCount } = await db.query(`delete from indicator_account_weeks where classifier_version <> $1`, [classifierVersion]);
  return rowCount;
}
