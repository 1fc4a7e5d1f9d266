/**
 * Topic figures as the CLI, the API, the report and the dashboard read them: the question turns of the asked
 * weeks (as known at `now`) with their topics, aggregated per scope and week (src/indicators/topics.ts).
 */
import { CLASSIFIER_VERSION } from '../classifier/version.js';
import type { Scope } from '../indicators/definitions.js';
import { weekBounds, type IsoWeek } from '../indicators/iso-week.js';
import { suppressTopicBlocks, topicBlocks, type TopicBlock } from '../indicators/topics.js';
import type { Queryable } from '../store/db.js';
import { loadTopicQuestions } from '../store/topic-weeks.js';
import { TOPICS_VERSION } from './version.js';

export async function readTopicBlocks(
  db: Queryable,
  args: {
    weeks: readonly IsoWeek[];
    now: Date;
    scope?: Scope;
    id?: string;
    accountIds?: readonly string[];
    role?: 'sector' | null;
    /** The question labels to read (default: the current classifier's). */
    classifierVersion?: string;
    /** One block for all `weeks`, labelled with this (see topicBlocks). */
    period?: string;
  },
): Promise<TopicBlock[]> {
  const first = args.weeks[0];
  if (first === undefined) return [];
  const since = weekBounds([...args.weeks].sort()[0] ?? first).start;
  const questions = await loadTopicQuestions(db, {
    since,
    now: args.now,
    classifierVersion: args.classifierVersion ?? CLASSIFIER_VERSION,
    topicsVersion: TOPICS_VERSION,
    ...(args.accountIds ? { accountIds: args.accountIds } : {}),
  });
  let blocks = topicBlocks(questions, args.weeks, args.period).filter(
    (b) => (args.scope === undefined || b.scope === args.scope) && (args.id === undefined || b.id === args.id),
  );
  if (args.role === 'sector') blocks = suppressTopicBlocks(blocks);
  return blocks;
}
