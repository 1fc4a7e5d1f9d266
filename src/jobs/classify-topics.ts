import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Db } from '../store/db.js';
import { listItemsForTopics, writeItemTopics, type ItemTopicsRow } from '../store/item-topics.js';
import { classifyTopics } from '../topics/classify.js';
import { TOPICS_VERSION } from '../topics/version.js';

export type ClassifyTopicsDeps = { db: Db; log: Logger; clock: Clock; /** @default 1000 */ batchSize?: number };

/**
 * Gives every citizen item and every top-level post its service topics at TOPICS_VERSION (all of them again
 * with `reclassify`), in batches. Runs with every classify job (classify-items.ts), so a new topic version
 * reaches every stored item on the next run, and `lyttepost classify --reclassify` redoes them all.
 * Topic figures are read at question time (src/store/topic-weeks.ts), so nothing needs marking dirty.
 */
export async function classifyItemTopics(payload: { reclassify?: boolean }, deps: ClassifyTopicsDeps): Promise<{ classified: number }> {
  const batchSize = Math.max(1, deps.batchSize ?? 1000);
  let after = 0;
  let classified = 0;
  for (;;) {
    const rows = await listItemsForTopics(deps.db, {
      after,
      version: TOPICS_VERSION,
      reclassify: payload.reclassify === true,
      limit: batchSize,
    });
    if (rows.length === 0) break;
    after = rows[rows.length - 1]?.id ?? after;
    const out = rows.map((r): ItemTopicsRow => {
      const c = classifyTopics(r.text ?? '');
      return { item_id: r.id, topics: c.topics, reasons: c.reasons };
    });
    await writeItemTopics(deps.db, out, TOPICS_VERSION, deps.clock());
    classified += rows.length;
    if (rows.length < batchSize) break;
  }
  if (classified > 0) deps.log.child({ module: 'classify-topics' }).info({ classified, version: TOPICS_VERSION }, 'item topics classified');
  return { classified };
}
