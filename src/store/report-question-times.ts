import type { Queryable } from './db.js';
import { turnItemsSql } from './turn-sql.js';

/** The question turns of the weekly and period reports: when each was asked, answered or removed. */

export type QuestionTimes = {
  platform: string;
  askedAt: string;
  /** First owner item in the branch after the question, as known when the inputs were read; null if none. */
  answeredAt: string | null;
  removed: 'deleted' | 'hidden' | null;
};

/**
 * Question turns begun in [since, until) with their answer and removal as known at `knownAt`: the same turn
 * and answer rules as the indicator engine and the alerts (branch items in time order; `seg` = owner items so
 * far; citizen items of one author with the same seg are one turn; the owner item numbered seg + 1 answers
 * it). Set-based for the whole country at once: the answers are grouped and hash-joined, not looked up per turn.
 */
export async function loadQuestionTimes(
  db: Queryable,
  args: { since: Date; until: Date; knownAt: Date; classifierVersion: string; municipalities: readonly string[] | null },
): Promise<Array<QuestionTimes & { municipalityCode: string }>> {
  const { rows } = await db.query<{
    municipality_code: string;
    platform: string;
    started_at: Date;
    answered_at: Date | null;
    removed: boolean;
    any_deleted: boolean;
  }>(
    `with acc as (
       select id, municipality_code from accounts
       where ($5::text[] is null or municipality_code = any($5::text[]))
     ),
     touched as (
       select distinct i.platform, i.root_external_id
       from items i
       join acc a on a.id = i.account_id
       where i.created_at >= $1 and i.created_at < $2 and i.author_role = 'citizen'
     ),
     ${turnItemsSql({
       knownAt: '$3',
       classifierVersion: '$4',
       // Removed as the indicators count it (items.removed_at: from creation when first stored removed).
       columns: ['case when i.removed_at <= $3 then i.removed_at end as removed_at'],
     })},
     owners as (
       select platform, branch, seg, min(created_at) as at
       from seq
       where author_role = 'owner'
       group by platform, branch, seg
     ),
     turns as (
       select platform, branch, author_key, seg,
         min(account_id) as account_id,
         min(created_at) as started_at,
         bool_or(needs_answer) as is_question,
         bool_and(removed_at is not null) as removed,
         bool_or(deleted_at is not null) as any_deleted
       from seq
       where author_role = 'citizen'
       group by platform, branch, author_key, seg
     )
     select a.municipality_code, t.platform, t.started_at, o.at as answered_at, t.removed, t.any_deleted
     from turns t
     join acc a on a.id = t.account_id
     left join owners o on o.platform = t.platform and o.branch = t.branch and o.seg = t.seg + 1
     where t.is_question and t.started_at >= $1 and t.started_at < $2
     order by a.municipality_code, t.started_at`,
    [args.since, args.until, args.knownAt, args.classifierVersion, args.municipalities],
  );
  return rows.map((r) => ({
    municipalityCode: r.municipality_code,
    platform: r.platform,
    askedAt: new Date(r.started_at).toISOString(),
    answeredAt: r.answered_at === null ? null : new Date(r.answered_at).toISOString(),
    removed: r.removed ? (r.any_deleted ? 'deleted' : 'hidden') : null,
  }));
}
