import type { Queryable } from './db.js';

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
