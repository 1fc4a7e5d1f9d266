import type { AccountData, SimItem } from './world.js';

/**
 * The simulator's own turn rule (INDICATORS.md): consecutive citizen items by the same author in the same
 * branch with no owner item between them; an owner item ends every open turn and answers it.
 *
 * Deliberately independent of the pipeline's definitions (the branch rule in src/domain/branch.ts and its SQL
 * forms in src/store/turn-sql.ts): the ground truth is what the pipeline is tested against, so it must not
 * share the pipeline's code. It reads the branch the generator gave each item rather than deriving it from
 * parent links.
 */

export type Turn = {
  branchId: string;
  authorId: string;
  items: SimItem[];
  isQuestion: boolean;
  answer: SimItem | null;
};

/** The turns of one account at `now`, per the definition above. */
export function turnsOf(data: AccountData, now: number): Turn[] {
  const branches = new Map<string, SimItem[]>();
  for (const it of data.items) {
    if (it.createdAt > now) break;
    if (it.kind === 'post' && it.authorRole === 'owner') continue;
    const list = branches.get(it.branchId);
    if (list) list.push(it);
    else branches.set(it.branchId, [it]);
  }
  const turns: Turn[] = [];
  for (const [branchId, items] of branches) {
    const open = new Map<string, Turn>();
    for (const it of items) {
      if (it.authorRole === 'owner') {
        for (const t of open.values()) t.answer = it;
        open.clear();
        continue;
      }
      let t = open.get(it.authorId);
      if (!t) {
        t = { branchId, authorId: it.authorId, items: [], isQuestion: false, answer: null };
        open.set(it.authorId, t);
        turns.push(t);
      }
      t.items.push(it);
      t.isQuestion ||= it.needsAnswer;
    }
  }
  return turns;
}
