import type { Queryable } from './db.js';

/**
 * Broadcast posts by kind and what they drew, the stored sums behind the post-type figures (#23 part B,
 * src/indicators/post-kind-figures.ts): one row per account, ISO week of the post and post kind (the stored
 * classifier label at `classifierVersion`; `unclassified` when the classifier has not reached the post), written
 * by the indicator recompute (src/jobs/compute-indicators.ts) from the threads and turns it has just built
 * (src/store/account-weeks.ts), so the turn and answer rules are the indicators' own:
 *
 * - `posts`: broadcast posts created in the week;
 * - `posts_commented`, `citizen_comments`, `comments_sq`: posts with ≥ 1 citizen comment, citizen comments (any
 *   depth) in the post's thread within 7 days of the post (as `c2_citizen`, reading 8), and the sum of squares of
 *   the per-post counts (for the interval of the per-post mean);
 * - `questions`, `questions_sq`, `questions_answered`: question turns of the thread that began within 7 days of
 *   the post, and of those the ones answered within 7 days of the turn.
 *
 * Computing these per request re-read every thread of the period and took seconds for one national week.
 */
/** The sums of one municipality and kind (over weeks and accounts): what the figures are computed from. */
export type PostKindSumRow = {
  municipalityCode: string;
  kind: string;
  posts: number;
  postsCommented: number;
  citizenComments: number;
  commentsSq: number;
  questions: number;
  questionsSq: number;
  questionsAnswered: number;
};

/** One stored row: an account's sums for the posts of one ISO week and kind. */
export type PostKindCountRow = PostKindSumRow & { accountId: string; platform: string; week: string };

/**
 * Replaces the rows of `weeks` for `accounts` (null = every account) from the recompute's temporary tables
 * ind_weeks, ind_posts and ind_turns (computeAccountWeeks, same transaction). Returns the rows written.
 */
export async function storePostKindWeeks(
  tx: Queryable,
  args: { weeks: readonly string[]; accounts: readonly number[] | null; classifierVersion: string; now: Date },
): Promise<number> {
  await tx.query(
    `delete from post_kind_weeks
     where classifier_version = $1 and week = any ($2::text[]) and ($3::bigint[] is null or account_id = any ($3::bigint[]))`,
    [args.classifierVersion, args.weeks, args.accounts],
  );
  const { rowCount } = await tx.query(
    `insert into post_kind_weeks (account_id, week, classifier_version, kind, posts, posts_commented, citizen_comments,
       comments_sq, questions, questions_sq, questions_answered, computed_at)
     with asked as (
       select platform, root, count(*)::int as n, (count(*) filter (where answered))::int as answered
       from ind_turns
       where is_question and started_at <= root_created_at + interval '7 days'
       group by platform, root
     ),
     per_post as (
       select p.account_id, w.week, coalesce(c.post_kind, 'unclassified') as kind,
         p.citizen_comments_7d as comments, coalesce(q.n, 0) as questions, coalesce(q.answered, 0) as answered
       from ind_posts p
       join ind_weeks w on w.wk = p.wk
       left join classifications c on c.item_id = p.id and c.classifier_version = $1
       left join asked q on q.platform = p.platform and q.root = p.root
       where $2::bigint[] is null or p.account_id = any ($2::bigint[])
     )
     select account_id, week, $1::text, kind,
       count(*)::int, (count(*) filter (where comments > 0))::int, sum(comments)::int, sum(comments * comments)::bigint,
       sum(questions)::int, sum(questions * questions)::bigint, sum(answered)::int, $3::timestamptz
     from per_post
     group by account_id, week, kind`,
    [args.classifierVersion, args.accounts, args.now.toISOString()],
  );
  return rowCount;
}

const SUMS = `sum(k.posts)::int as posts, sum(k.posts_commented)::int as posts_commented,
       sum(k.citizen_comments)::int as citizen_comments, sum(k.comments_sq)::bigint as comments_sq,
       sum(k.questions)::int as questions, sum(k.questions_sq)::bigint as questions_sq,
       sum(k.questions_answered)::int as questions_answered, max(k.computed_at) as computed_at`;
const RANGE = `from post_kind_weeks k
     join accounts a on a.id = k.account_id
     where k.classifier_version = $1 and k.week >= $2 and k.week <= $3`;

type SumsRecord = {
  municipality_code: string;
  kind: string;
  posts: number;
  posts_commented: number;
  citizen_comments: number;
  comments_sq: string | number;
  questions: number;
  questions_sq: string | number;
  questions_answered: number;
  computed_at: Date;
};

const sumsOf = (r: SumsRecord): PostKindSumRow => ({
  municipalityCode: r.municipality_code,
  kind: r.kind,
  posts: r.posts,
  postsCommented: r.posts_commented,
  citizenComments: r.citizen_comments,
  commentsSq: Number(r.comments_sq),
  questions: r.questions,
  questionsSq: Number(r.questions_sq),
  questionsAnswered: r.questions_answered,
});

const newest = (rows: readonly SumsRecord[]): Date | null =>
  rows.reduce<Date | null>((m, r) => (m === null || r.computed_at > m ? r.computed_at : m), null);

/**
 * The sums of ISO weeks `from`…`to` (inclusive) at `classifierVersion` per municipality and kind — summed in
 * Postgres, so a year of the sector is a few thousand rows, not one per account, week and kind — and when the
 * newest was computed.
 */
export async function readPostKindSums(
  db: Queryable,
  args: { from: string; to: string; classifierVersion: string },
): Promise<{ rows: PostKindSumRow[]; computedAt: Date | null }> {
  const { rows } = await db.query<SumsRecord>(
    `select a.municipality_code, k.kind, ${SUMS}
     ${RANGE}
     group by a.municipality_code, k.kind
     order by a.municipality_code, k.kind`,
    [args.classifierVersion, args.from, args.to],
  );
  return { rows: rows.map(sumsOf), computedAt: newest(rows) };
}

/** The stored rows themselves (one per account, week and kind) of ISO weeks `from`…`to`. */
export async function readPostKindWeeks(
  db: Queryable,
  args: { from: string; to: string; classifierVersion: string },
): Promise<PostKindCountRow[]> {
  const { rows } = await db.query<SumsRecord & { account_id: number; platform: string; week: string }>(
    `select k.account_id, a.municipality_code, a.platform, k.week, k.kind, ${SUMS}
     ${RANGE}
     group by k.account_id, a.municipality_code, a.platform, k.week, k.kind
     order by a.municipality_code, k.account_id, k.week, k.kind`,
    [args.classifierVersion, args.from, args.to],
  );
  return rows.map((r) => ({ ...sumsOf(r), accountId: String(r.account_id), platform: r.platform, week: r.week }));
}

/** Deletes rows of other classifier versions (a full recompute under a new classifier leaves them unread). */
export async function deleteOtherClassifierPostKinds(db: Queryable, classifierVersion: string): Promise<number> {
  const { rowCount } = await db.query(`delete from post_kind_weeks where classifier_version <> $1`, [classifierVersion]);
  return rowCount;
}
