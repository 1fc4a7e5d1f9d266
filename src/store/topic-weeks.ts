import { loadQuestions } from './alerts.js';
import type { Queryable } from './db.js';
import { readTopicsByExternalId } from './item-topics.js';

/** A question turn with what the topic figures need: where it was asked, its answer, and its topics. */
export type TopicQuestion = {
  itemId: string;
  accountId: string;
  municipalityCode: string;
  countyCode: string;
  askedAt: Date;
  answeredAt: Date | null;
  removed: 'hidden' | 'deleted' | null;
  /** Topic ids of the turn (union over its items, the first item's first), [] = no service; null = not classified yet. */
  topics: string[] | null;
};

/**
 * Question turns begun in [since, now] with their service topics at `topicsVersion`: the same turns, answers
 * and removals as the alerts, open questions and indicators use (loadQuestions in alerts.ts), so a topic
 * figure never counts a question differently from the indicator it breaks down.
 */
export async function loadTopicQuestions(
  db: Queryable,
  args: { since: Date; now: Date; classifierVersion: string; topicsVersion: string; accountIds?: readonly string[] },
): Promise<TopicQuestion[]> {
  const questions = await loadQuestions(db, {
    since: args.since,
    now: args.now,
    classifierVersion: args.classifierVersion,
    ...(args.accountIds ? { accountIds: args.accountIds } : {}),
  });
  if (questions.length === 0) return [];
  const keys = questions.flatMap((q) => q.turnExternalIds.map((externalId) => ({ platform: q.platform, externalId })));
  const topics = await readTopicsByExternalId(db, keys, args.topicsVersion);
  const codes = [...new Set(questions.map((q) => q.municipalityCode))];
  const { rows } = await db.query<{ code: string; county_code: string }>(
    `select code, county_code from municipalities where code = any($1::text[])`,
    [codes],
  );
  const county = new Map(rows.map((r) => [r.code, r.county_code]));
  return questions.map((q) => {
    let turn: string[] | null = null;
    for (const id of q.turnExternalIds) {
      const t = topics.get(`${q.platform}:${id}`);
      if (t === undefined) continue;
      turn ??= [];
      for (const x of t) if (!turn.includes(x)) turn.push(x);
    }
    return {
      itemId: q.itemId,
      accountId: q.accountId,
      municipalityCode: q.municipalityCode,
      countyCode: county.get(q.municipalityCode) ?? '',
      askedAt: q.askedAt,
      answeredAt: q.answeredAt,
      removed: q.removed,
      topics: turn,
    };
  });
}
