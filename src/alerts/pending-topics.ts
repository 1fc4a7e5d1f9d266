import type { StoredQuestion } from '../store/alerts.js';
import type { Queryable } from '../store/db.js';
import { readTopicsByExternalId } from '../store/item-topics.js';
import { TOPICS_VERSION } from '../topics/version.js';
import { primaryTopicOfTurn } from './topic-routing.js';

/** The primary service topic of each question (by its first item id), for routing alerts by topic. */
export async function pendingTopics(db: Queryable, questions: readonly StoredQuestion[]): Promise<Map<string, string | null>> {
  const keys = questions.flatMap((q) => q.turnExternalIds.map((externalId) => ({ platform: q.platform, externalId })));
  const topics = await readTopicsByExternalId(db, keys, TOPICS_VERSION);
  return new Map(
    questions.map((q) => [
      q.itemId,
      primaryTopicOfTurn(
        q.turnExternalIds.map((id) => `${q.platform}:${id}`),
        topics,
      ),
    ]),
  );
}
