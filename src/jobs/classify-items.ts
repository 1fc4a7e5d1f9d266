import { classifyCitizen } from '../classifier/citizen.js';
import { classifyPost } from '../classifier/post-kind.js';
import { CLASSIFIER_VERSION } from '../classifier/version.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Db } from '../store/db.js';
import { markItemWeeksDirty } from '../store/indicator-values.js';

export type ClassifyItemsPayload = {
  /** Classify again the items that already have a classification at the current version (rules changed in place). */
  reclassify?: boolean;
};
export type ClassifyItemsDeps = { db: Db; log: Logger; clock: Clock; /** @default 1000 */ batchSize?: number };
export type ClassifyItemsSummary = { classified: number; batches: number; durationMs: number };

type Pending = {
  id: number;
  author_role: 'owner' | 'citizen';
  top: boolean;
  text: string | null;
  reply_to_citizen: boolean;
};

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
    const { rows } = await deps.db.query<Pending>(
      `select i.id, i.author_role, i.external_id = i.root_external_id as top, i.text,
         coalesce(p.author_role = 'citizen' and p.author_key <> i.author_key, false) as reply_to_citizen
       from items i
       left join items p on p.platform = i.platform and p.external_id = i.parent_external_id
       where i.id > $1
         and (i.author_role = 'citizen' or i.external_id = i.root_external_id)
         and ($3::boolean or not exists (
           select 1 from classifications c where c.item_id = i.id and c.classifier_version = $2))
       order by i.id
       limit $4`,
      [after, CLASSIFIER_VERSION, payload.reclassify === true, batchSize],
    );
    if (rows.length === 0) break;
    after = (rows[rows.length - 1] as Pending).id;
    const now = deps.clock();
    const out = rows.map((r) => {
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
      return { item_id: r.id, needs_answer: null, kind: null, lang: null, score: null, abusive: false, post_kind: p.kind, reasons: p.reasons };
    });
    await deps.db.transaction(async (tx) => {
      await tx.query(
        `insert into classifications (item_id, classifier_version, needs_answer, kind, lang, score, abusive, post_kind,
           reasons, classified_at)
         select r.item_id, $2, r.needs_answer, r.kind, r.lang, r.score, r.abusive, r.post_kind, r.reasons, $3
         from jsonb_to_recordset($1::jsonb) as r(item_id bigint, needs_answer boolean, kind text, lang text,
           score real, abusive boolean, post_kind text, reasons jsonb)
         on conflict (item_id, classifier_version) do update
           set needs_answer = excluded.needs_answer, kind = excluded.kind, lang = excluded.lang,
               score = excluded.score, abusive = excluded.abusive, post_kind = excluded.post_kind,
               reasons = excluded.reasons, classified_at = excluded.classified_at`,
        [JSON.stringify(out), CLASSIFIER_VERSION, now.toISOString()],
      );
      await markItemWeeksDirty(tx, rows.map((r) => r.id), now);
    });
    classified += rows.length;
    batches++;
    if (rows.length < batchSize) break;
  }
  const summary = { classified, batches, durationMs: Date.now() - t0 };
  if (classified > 0) log.info(summary, 'items classified');
  return summary;
}
