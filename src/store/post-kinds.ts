import type { Queryable } from './db.js';
import { isoWeekSql } from './iso-week-sql.js';
import { branchOf, turnSegment } from './turn-sql.js';

/**
 * Broadcast posts by kind and what they drew, the read behind the post-type figures (#23 part B,
 * src/indicators/post-kind-figures.ts). One row per account, ISO week of the post and post kind (the stored
 * classifier label at `classifierVersion`; `unclassified` when the classifier has not reached the post):
 *
 * - `posts`: broadcast posts created in [since, until);
 * - `posts_commented`, `citizen_comments`, `comments_sq`: posts with ≥ 1 citizen comment, citizen comments
 *   (any depth) in the post's thread within 7 days of the post (as `c2_citizen`, reading 8), and the sum of
 *   squares of the per-post counts (for the interval of the per-post mean);
 * - `questions`, `questions_sq`, `questions_answered`: question turns of the thread that began within 7 days of
 *   the post (the turn and answer rules of the indicators, src/store/turn-sql.ts), and of those the ones
 *   answered within 7 days of the turn.
 *
 * Only what was stored by `knownAt` counts (an answer written later is not known yet).
 */
export type PostKindCountRow = {
  accountId: string;
  municipalityCode: string;
  platform: string;
  week: string;
  kind: string;
  posts: number;
  postsCommented: number;
  citizenComments: number;
  commentsSq: number;
  questions: number;
  questionsSq: number;
  questionsAnswered: number;
};

export async function loadPostKindCounts(
  db: Queryable,
  args: { since: Date; until: Date; knownAt: Date; classifierVersion: string; municipalities?: readonly string[] | null },
): Promise<PostKindCountRow[]> {
  const { rows } = await db.query<{
    account_id: number;
    municipality_code: string;
    platform: string;
    week: string;
    kind: string;
    posts: number;
    posts_commented: number;
    citizen_comments: number;
    comments_sq: number;
    questions: number;
    questions_sq: number;
    questions_answered: number;
  }>(
    `with posts as (
       select p.id, p.account_id, a.municipality_code, p.platform, p.external_id, p.created_at,
         ${isoWeekSql('p.created_at')} as week,
         coalesce(c.post_kind, 'unclassified') as kind
       from items p
       join accounts a on a.id = p.account_id
       left join classifications c on c.item_id = p.id and c.classifier_version = $4
       where p.kind = 'post' and p.author_role = 'owner' and p.external_id = p.root_external_id
         and p.created_at >= $1 and p.created_at < $2 and p.created_at <= $3
         and ($5::text[] is null or a.municipality_code = any($5::text[]))
     ),
     ti as (
       select i.id, i.platform, i.root_external_id as root, i.author_role, i.author_key, i.created_at,
         ${branchOf('i', "'owner'")} as branch,
         coalesce(q.needs_answer, false) as needs_answer
       from posts p
       join items i on i.platform = p.platform and i.root_external_id = p.external_id
       left join classifications q on q.item_id = i.id and q.classifier_version = $4
       where i.created_at <= $3 and i.created_at <= p.created_at + interval '14 days'
     ),
     seq as (
       select ti.*, ${turnSegment('ti')} as seg
       from ti
       where ti.branch is not null
     ),
     owners as (
       select platform, branch, seg, min(created_at) as at
       from seq where author_role = 'owner'
       group by platform, branch, seg
     ),
     turns as (
       select platform, branch, author_key, seg, min(root) as root, min(created_at) as started_at,
         bool_or(needs_answer) as is_question
       from seq where author_role = 'citizen'
       group by platform, branch, author_key, seg
     ),
     comments as (
       select p.id, count(c.id)::int as n
       from posts p
       join ti c on c.platform = p.platform and c.root = p.external_id and c.author_role = 'citizen'
         and c.created_at <= p.created_at + interval '7 days'
       group by p.id
     ),
     asked as (
       select p.id, count(*)::int as n,
         (count(*) filter (where o.at <= t.started_at + interval '7 days'))::int as answered
       from posts p
       join turns t on t.platform = p.platform and t.root = p.external_id and t.is_question
         and t.started_at <= p.created_at + interval '7 days'
       left join owners o on o.platform = t.platform and o.branch = t.branch and o.seg = t.seg + 1
       group by p.id
     ),
     per_post as (
       select p.account_id, p.municipality_code, p.platform, p.week, p.kind,
         coalesce(c.n, 0) as comments, coalesce(q.n, 0) as questions, coalesce(q.answered, 0) as answered
       from posts p
       left join comments c on c.id = p.id
       left join asked q on q.id = p.id
     )
     select account_id, municipality_code, platform, week, kind,
       count(*)::int as posts,
       (count(*) filter (where comments > 0))::int as posts_commented,
       sum(comments)::int as citizen_comments,
       sum(comments * comments)::bigint as comments_sq,
       sum(questions)::int as questions,
       sum(questions * questions)::bigint as questions_sq,
       sum(answered)::int as questions_answered
     from per_post
     group by account_id, municipality_code, platform, week, kind
     order by municipality_code, account_id, week, kind`,
    [args.since, args.until, args.knownAt, args.classifierVersion, args.municipalities ?? null],
  );
  return rows.map((r) => ({
    accountId: String(r.account_id),
    municipalityCode: r.municipality_code,
    platform: r.platform,
    week: r.week,
    kind: r.kind,
    posts: r.posts,
    postsCommented: r.posts_commented,
    citizenComments: r.citizen_comments,
    commentsSq: Number(r.comments_sq),
    questions: r.questions,
    questionsSq: Number(r.questions_sq),
    questionsAnswered: r.questions_answered,
  }));
}
