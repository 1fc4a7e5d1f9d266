import { isoWeekOslo } from './oslo.js';
import { textAt } from './engagement.js';
import type { AccountData, SimAccount, SimItem, SimPlatform, World } from './world.js';

/**
 * Ground truth per INDICATORS.md (definition version 1), computed from the generated items as they stand at
 * `now` — never from the generator's intentions — so it is exactly what a perfect pipeline would report.
 *
 * - Turn: consecutive citizen items by the same author in the same branch with no owner item between them.
 *   Another resident writing in between does not end a turn; an owner item ends every open turn.
 * - Question: a turn with at least one item labelled needsAnswer (hidden or deleted ones included).
 * - Answer: the first owner (any responder) item after the turn's first item in its branch; answered when it
 *   comes within 7 days.
 * - Week: ISO week of created_at in Europe/Oslo.
 */

export const ANSWER_WINDOW_MS = 7 * 86_400_000;

export type TruthItem = {
  platform: SimPlatform;
  externalId: string;
  accountExternalId: string;
  kind: 'post' | 'comment';
  parentExternalId: string | null;
  rootExternalId: string;
  branchExternalId: string;
  depth: number;
  authorRole: 'owner' | 'citizen';
  authorRawId: string;
  authorName: string;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  hiddenAt: string | null;
  text: string;
  /** Template label: a question or request addressed to the municipality (always false for owner items). */
  needsAnswer: boolean;
  /** Template kind (question, request, complaint, praise, tag, emoji, …; a post kind for broadcast posts). */
  textKind: string;
  lang: 'nb' | 'nn' | 'en';
  week: string;
  /** Citizen items: first item of the turn this item belongs to. */
  turnExternalId: string | null;
  /** Citizen items: whether the turn is a question. */
  turnIsQuestion: boolean;
  /** Citizen items: the turn's answer (first owner item after the turn began in its branch), at any delay. */
  answerExternalId: string | null;
  answeredAt: string | null;
  /** Citizen items: the answer came within 7 days. */
  answered: boolean;
};

export type TruthWeek = {
  ownerPosts: number;
  ownerReplies: number;
  citizenPosts: number;
  citizenComments: number;
  questions: number;
  questionsAnswered: number;
  /** Wall-clock hours from question to answer, for answered questions of the week, in the order asked. */
  responseTimesH: number[];
};

export type GroundTruth = {
  now: string;
  seed: number;
  accounts: Omit<SimAccount, 'token'>[];
  items: TruthItem[];
  /** weeks[accountExternalId]['2026-W47'] */
  weeks: Record<string, Record<string, TruthWeek>>;
};

export type Turn = {
  branchId: string;
  authorId: string;
  items: SimItem[];
  isQuestion: boolean;
  answer: SimItem | null;
};

/** The turns of one account at `now`, per the definitions above. */
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

const emptyWeek = (): TruthWeek => ({
  ownerPosts: 0,
  ownerReplies: 0,
  citizenPosts: 0,
  citizenComments: 0,
  questions: 0,
  questionsAnswered: 0,
  responseTimesH: [],
});

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** Weekly truth for one account at `now`, plus its items when asked. */
export function accountTruth(data: AccountData, now: number, withItems: boolean): { weeks: Record<string, TruthWeek>; items: TruthItem[] } {
  const weeks: Record<string, TruthWeek> = {};
  const week = (ms: number): TruthWeek => {
    const key = isoWeekOslo(ms);
    return (weeks[key] ??= emptyWeek());
  };
  for (const it of data.items) {
    if (it.createdAt > now) break;
    const w = week(it.createdAt);
    if (it.authorRole === 'owner') {
      if (it.kind === 'post') w.ownerPosts++;
      else w.ownerReplies++;
    } else if (it.kind === 'post') w.citizenPosts++;
    else w.citizenComments++;
  }
  const turns = turnsOf(data, now);
  const turnOf = new Map<string, Turn>();
  for (const t of turns) {
    for (const it of t.items) turnOf.set(it.id, t);
    const first = t.items[0];
    if (!t.isQuestion || !first) continue;
    const w = week(first.createdAt);
    w.questions++;
    if (t.answer && t.answer.createdAt - first.createdAt <= ANSWER_WINDOW_MS) {
      w.questionsAnswered++;
      w.responseTimesH.push((t.answer.createdAt - first.createdAt) / 3_600_000);
    }
  }
  const items: TruthItem[] = [];
  if (withItems) {
    for (const it of data.items) {
      if (it.createdAt > now) break;
      const t = turnOf.get(it.id);
      const first = t?.items[0];
      const answer = t?.answer ?? null;
      items.push({
        platform: it.platform,
        externalId: it.id,
        accountExternalId: it.accountId,
        kind: it.kind,
        parentExternalId: it.parentId,
        rootExternalId: it.rootId,
        branchExternalId: it.branchId,
        depth: it.depth,
        authorRole: it.authorRole,
        authorRawId: it.authorId,
        authorName: it.authorName,
        createdAt: new Date(it.createdAt).toISOString(),
        editedAt: it.editedAt !== null && it.editedAt <= now ? iso(it.editedAt) : null,
        deletedAt: it.deletedAt !== null && it.deletedAt <= now ? iso(it.deletedAt) : null,
        hiddenAt: it.hiddenAt !== null && it.hiddenAt <= now ? iso(it.hiddenAt) : null,
        text: textAt(it, now),
        needsAnswer: it.authorRole === 'citizen' && it.needsAnswer,
        textKind: it.textKind,
        lang: it.lang,
        week: isoWeekOslo(it.createdAt),
        turnExternalId: first?.id ?? null,
        turnIsQuestion: t?.isQuestion ?? false,
        answerExternalId: answer?.id ?? null,
        answeredAt: iso(answer?.createdAt ?? null),
        answered: !!(answer && first && answer.createdAt - first.createdAt <= ANSWER_WINDOW_MS),
      });
    }
  }
  return { weeks, items };
}

/**
 * Ground truth for the world at `now`: every item created by then (deleted ones with `deletedAt`) and the weekly
 * counts per account. `accounts` limits it to some accounts; `includeItems: false` keeps only the weekly counts
 * (a year of all 357 municipalities has about a million items).
 */
export function groundTruth(world: World, opts: { now: Date; accounts?: readonly string[]; includeItems?: boolean }): GroundTruth {
  const now = opts.now.getTime();
  const wanted = opts.accounts ? new Set(opts.accounts) : null;
  const accounts = world.accounts.filter((a) => !wanted || wanted.has(a.externalId));
  const out: GroundTruth = {
    now: opts.now.toISOString(),
    seed: world.options.seed,
    accounts: accounts.map(({ token: _token, ...rest }) => rest),
    items: [],
    weeks: {},
  };
  for (const a of accounts) {
    const t = accountTruth(world.data(a.externalId, { cache: false }), now, opts.includeItems ?? true);
    out.weeks[a.externalId] = t.weeks;
    for (const it of t.items) out.items.push(it);
  }
  return out;
}
