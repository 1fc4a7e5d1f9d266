/**
 * The labelled corpus format (tests/fixtures/classifier/*.jsonl, described in its README). Kept apart from
 * the classifier so that training can read the corpus without loading the weights it is about to write.
 */
import type { CitizenKind, Lang } from './citizen.js';

export type Addressee = 'account' | 'resident' | 'none';

export type LabelledItem = {
  text: string;
  needsAnswer: boolean;
  kind: CitizenKind;
  lang: Lang;
  split: 'dev' | 'heldout';
  /** Who the item is put to: the municipality, other residents, or nobody in particular. */
  addressee?: Addressee;
  /** The parent item is by another resident. */
  replyToCitizen?: boolean;
  note?: string;
};

/** Parses JSONL fixture text; throws on a malformed line so a broken fixture cannot pass silently. */
export function parseLabelled(jsonl: string): LabelledItem[] {
  return jsonl
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => {
      const o = JSON.parse(l) as Partial<LabelledItem>;
      if (typeof o.text !== 'string' || typeof o.needsAnswer !== 'boolean' || typeof o.kind !== 'string' || typeof o.lang !== 'string') {
        throw new Error(`fixture line ${i + 1} lacks text/needsAnswer/kind/lang`);
      }
      return o as LabelledItem;
    });
}
