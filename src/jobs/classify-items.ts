import { classifyCitizen } from '../classifier/citizen.js';
import { classifyPost } from '../classifier/post-kind.js';
import { CLASSIFIER_VERSION } from '../classifier/version.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { listItemsToClassify, writeClassifications, type ClassificationRow } from '../store/classifications.js';
import type { Db } from '../store/db.js';
import { markItemWeeksDirty } from '../store/indicator-values.js';
import { classifyItemTopics } from './classify-topics.js';

export type ClassifyItemsPayload = {
  /** Classify again the items that already have a classification at the current version (rules changed in place). */
  reclassify?: boolean;
};
export type ClassifyItemsDeps = { db: Db; log: Logger; clock: Clock; /** @default 1000 */ batchSize?: number };
export type ClassifyItemsSummary = { classified: number; batches: number; durationMs: number };

/**
 * Classifies every citizen item and every broadcast post that has no classification at CLASSIFIER_VERSION
 * (all of them with `reclassify`), in batches, and marks their account-weeks dirty for the indicators.
 * A citizen reply to another resident's item is classified with `replyToCitizen`, so a question addressed to
 * that resident does not count as one for the account. Owner comments are not classified (nothing reads them).
 */
export async function classifyItems(payload: ClassifyItemsPayload, deps: ClassifyItemsDeps): Promise<ClassifyItemsSummary> {
  const t0 = Date.now();
  const log = deps.log.child({ module: 'classify-items' });
  const batchSize = Math.max(1, deps.batchSize ?? 1000);
  let after = 0;
  let classified = 0;
  let batches = 0;
  for (;;) {
    const rows = await listItemsToClassify(deps.db, {
      after,
      version: CLASSIFIER_VERSION,
      reclassify: payload.reclassify === true,
      limit: batchSize,
    });
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    const now = deps.clock();
    const out = rows.map((r): ClassificationRow => {
      if (r.author_role === 'citizen') {
        const c = classifyCitizen(r.text ?? '', { replyToCitizen: r.reply_to_citizen });
        return {
          item_id: r.id,
          needs_answer: c.needsAnswer,
          kind: c.kind,
          lang: c.lang,
          score: c.score,
          abusive: c.abusive,
          post_kind: null,
          reasons: c.reasons,
        };
      }
      const p = classifyPost(r.text ?? '');
      return {
        item_id: r.id,
        needs_answer: null,
        kind: null,
        lang: null,
        score: null,
        abusive: false,
        post_kind: p.kind,
        reasons: p.reasons,
      };
    });
    await deps.db.transaction(async (tx) => {
      await writeClassifications(tx, out, CLASSIFIER_VERSION, now);
      await markItemWeeksDirty(
        tx,
        rows.map((r) => r.id),
        now,
      );
    });
    classified += rows.length;
    batches++;
    if (rows.length < batchSize) break;
  }
  // Service topics (issue 25) ride along: same items, their own version.
  await classifyItemTopics(payload, deps);
  const summary = { classified, batches, durationMs: Date.now() - t0 };
  if (classified > 0) log.info(summary, 'items classified');
  return summary;
}
