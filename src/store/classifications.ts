import type { Queryable } from './db.js';

/** An item waiting for classification, with what the classifier needs to know about it. */
export type ItemToClassify = {
  id: number;
  author_role: 'owner' | 'citizen';
  /** A top-level post (a broadcast or a visitor post). */
  top: boolean;
  text: string | null;
  /** A citizen item answering another resident's item. */
  reply_to_citizen: boolean;
};

/** One classification row as classify-items writes it. */
export type ClassificationRow = {
  item_id: number;
  needs_answer: boolean | null;
  kind: string | null;
  lang: string | null;
  score: number | null;
  abusive: boolean;
  post_kind: string | null;
  reasons: unknown;
};

/**
 * The next `limit` citizen items and top-level posts after item id `after` (in id order) with no classification
 * at `version`, or every such item with `reclassify`.
 */
export async function listItemsToClassify(
  db: Queryable,
  args: { after: number; version: string; reclassify: boolean; limit: number },
): Promise<ItemToClassify[]> {
  const { rows } = await db.query<ItemToClassify>(
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
    [args.after, args.version, args.reclassify, args.limit],
  );
  return rows;
}

/** Stores classifications at `version`, replacing earlier ones of the same version. */
export async function writeClassifications(db: Queryable, rows: readonly ClassificationRow[], version: string, at: Date): Promise<void> {
  await db.query(
    `insert into classifications (item_id, classifier_version, needs_answer, kind, lang, score, abusive, post_kind,
       reasons, classified_at)
     select r.item_id, $2, r.needs_answer, r.kind, r.lang, r.score, r.abusive, r.post_kind, r.reasons, $3
     from jsonb_to_recordset($1::jsonb) as r(item_id bigint, needs_answer boolean, kind text, lang text,
       score real, abusive boolean, post_kind text, reasons jsonb)
     on conflict (item_id, classifier_version) do update
       set needs_answer = excluded.needs_answer, kind = excluded.kind, lang = excluded.lang,
           score = excluded.score, abusive = excluded.abusive, post_kind = excluded.post_kind,
           reasons = excluded.reasons, classified_at = excluded.classified_at`,
    [JSON.stringify(rows), version, at.toISOString()],
  );
}

/** A stored citizen item with its classification at one classifier version, and the context it was classified in. */
export type StoredCitizenLabel = {
  platform: string;
  externalId: string;
  text: string | null;
  replyToCitizen: boolean;
  needsAnswer: boolean | null;
  kind: string | null;
  lang: string | null;
};

/**
 * Every citizen item with its classification at `classifierVersion` (null fields when it has none). The
 * reply context is computed as the classify job computes it: the parent is another resident's item. Used to
 * check that the stored labels are what the classifier says about the stored text.
 */
export async function listCitizenLabels(db: Queryable, classifierVersion: string): Promise<StoredCitizenLabel[]> {
  const { rows } = await db.query<StoredCitizenLabel>(
    `select i.platform, i.external_id as "externalId", i.text,
       coalesce(p.author_role = 'citizen' and p.author_key <> i.author_key, false) as "replyToCitizen",
       c.needs_answer as "needsAnswer", c.kind, c.lang
     from items i
     left join items p on p.platform = i.platform and p.external_id = i.parent_external_id
     left join classifications c on c.item_id = i.id and c.classifier_version = $1
     where i.author_role = 'citizen'
     order by i.id`,
    [classifierVersion],
  );
  return rows;
}
