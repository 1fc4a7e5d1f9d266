import { CLASSIFIER_VERSION } from '../classifier/version.js';
import type { Clock } from '../clock.js';
import { assembleRows, baseFromStored, refreshDialogueWeek, rowKey, type AssembledRow } from '../indicators/assemble.js';
import { DEFINITION_VERSION, SECTOR_ID } from '../indicators/definitions.js';
import type { DialogueWindow } from '../indicators/dialogue-index.js';
import { mergeScopes } from '../indicators/merge-scopes.js';
import { addWeeks, compareWeeks, isoWeekOf, parseIsoWeek, weekBounds, weekRange, type IsoWeek } from '../indicators/iso-week.js';
import type { Logger } from '../logger.js';
import type { Db } from '../store/db.js';
import { computeAccountWeeks, deleteOtherClassifierVersions } from '../store/account-weeks.js';
import { withIndicatorLock } from '../store/indicator-lock.js';
import { deleteOtherClassifierPostKinds, storePostKindWeeks } from '../store/post-kind-weeks.js';
import {
  itemTimeSpan,
  listAccountMeta,
  loadCoverageFigures,
  loadIndicatorInputs,
  missingAccountWeeks,
  type AccountMeta,
  type IndicatorInputs,
} from '../store/indicator-inputs.js';
import { deleteDirtyMarks, listDirtyMarks, readDialogueBases, readIndicatorValues } from '../store/indicator-values.js';
import { inParallel } from './in-parallel.js';
import { upsertRowsWithTrendPoints } from './trend-points.js';

export type ComputeIndicatorsPayload = {
  /** Weeks to recompute as asked (in addition to the dirty marks), e.g. ['2026-W47']. */
  weeks?: string[];
  /** Recompute every week from the first stored item to the current week. */
  all?: boolean;
};

export type ComputeIndicatorsDeps = {
  db: Db;
  log: Logger;
  clock: Clock;
  /** Classifier version whose needs_answer labels make questions. @default CLASSIFIER_VERSION */
  classifierVersion?: string;
  /** Weeks loaded per transaction. @default 8 (a full recompute: history split over `concurrency`, at most 53) */
  chunkWeeks?: number;
  /** Account-week transactions run at once (item-level work; one Postgres backend each). @default 2 on Postgres, 1 on PGlite */
  concurrency?: number;
  /** Called after each transaction with the steps done and the steps this run has (a progress bar). */
  onProgress?: (done: number, total: number) => void;
};

export type ComputeIndicatorsSummary = {
  weeks: number;
  firstWeek: IsoWeek | null;
  lastWeek: IsoWeek | null;
  rows: number;
  marksConsumed: number;
  durationMs: number;
};

/**
 * How far one changed account-week reaches: an item of week w can answer a question of w − 1 (7-day window)
 * and leaves a question open into w + 1 (unanswered_open), and the dialogue index of w + 1 … w + 3 sums w.
 */
const REACH_BACK = 1;
const REACH_FORWARD = 3;
/** Weeks after a dirty week whose counts it changes (unanswered_open); later ones only see it in their window. */
const REACH_COUNTS = 1;

/**
 * The figures of every scope-week: the stored account-week rows merged into municipality, county and sector
 * figures (counts summed, authors as a union, medians over the scope's own answered questions), with coverage.
 */
function scopeFigures(inputs: IndicatorInputs, accounts: readonly AccountMeta[]): Map<string, Record<string, number | null>> {
  const figures = mergeScopes(inputs.accountWeeks, new Map(accounts.map((a) => [a.id, a])), SECTOR_ID);
  for (const [key, f] of inputs.coverage) {
    const merged = figures.get(key);
    if (merged) Object.assign(merged, f);
  }
  return figures;
}

/**
 * Recomputes indicator rows: the weeks touched by `indicator_dirty` marks (with their reach), any weeks asked
 * for, or all of history. Every scope of a recomputed week is rewritten (municipality, county and sector rows
 * rest on all accounts' items), and the marks it consumed are deleted. Idempotent.
 *
 * Recomputes are serialised (withIndicatorLock): one that starts while another runs waits for it, then reads the
 * marks left after it. So the stored rows depend only on the stored data, not on the order jobs ran in.
 */
export async function computeIndicators(payload: ComputeIndicatorsPayload, deps: ComputeIndicatorsDeps): Promise<ComputeIndicatorsSummary> {
  return withIndicatorLock(deps.db, () => computeLocked(payload, deps), {
    onWait: () => deps.log.debug({ module: 'indicators' }, 'waiting for the recompute in progress'),
  });
}

async function computeLocked(payload: ComputeIndicatorsPayload, deps: ComputeIndicatorsDeps): Promise<ComputeIndicatorsSummary> {
  const t0 = Date.now();
  const now = deps.clock();
  const log = deps.log.child({ module: 'indicators' });
  const currentWeek = isoWeekOf(now);
  const marks = await listDirtyMarks(deps.db);

  const wanted = new Set<IsoWeek>();
  // Whose items a week is re-read for: every account ('all') or the marked accounts (and those sharing a thread
  // with them); the wider scopes are merged from stored account rows either way.
  const readFor = new Map<IsoWeek, Set<number> | 'all'>();
  const readAll = (w: IsoWeek) => readFor.set(w, 'all');
  const readAccount = (w: IsoWeek, account: number) => {
    const cur = readFor.get(w);
    if (cur === 'all') return;
    readFor.set(w, (cur ?? new Set()).add(account));
  };
  // Weeks reached only through a dirty week's dialogue window (w + 2, w + 3): their counts are unchanged, so
  // their stored rows are refreshed from stored counts without reading items (refreshDialogueWeek).
  const windowOnly = new Set<IsoWeek>();
  for (const w of payload.weeks ?? []) {
    parseIsoWeek(w);
    wanted.add(w);
    readAll(w);
  }
  for (const m of marks) {
    for (let k = -REACH_BACK; k <= REACH_COUNTS; k++) {
      const w = addWeeks(m.week, k);
      wanted.add(w);
      readAccount(w, m.accountId);
    }
  }
  for (const m of marks) {
    for (let k = REACH_COUNTS + 1; k <= REACH_FORWARD; k++) {
      const w = addWeeks(m.week, k);
      if (!wanted.has(w)) windowOnly.add(w);
    }
  }
  if (payload.all) {
    const span = await itemTimeSpan(deps.db);
    if (span.first) {
      for (const w of weekRange(isoWeekOf(span.first), currentWeek)) {
        wanted.add(w);
        readAll(w);
      }
    }
  }
  for (const w of wanted) windowOnly.delete(w);
  // Weeks that have not begun have nothing to count; a week asked for explicitly is computed anyway.
  const asked = new Set(payload.weeks ?? []);
  const weeks = [...wanted, ...windowOnly].filter((w) => asked.has(w) || compareWeeks(w, currentWeek) <= 0).sort(compareWeeks);

  let rows = 0;
  if (weeks.length > 0) {
    const accounts = await listAccountMeta(deps.db);
    const classifierVersion = deps.classifierVersion ?? CLASSIFIER_VERSION;
    const concurrency = Math.max(1, deps.concurrency ?? (deps.db.kind === 'postgres' ? 2 : 1));
    // A full recompute reads history in large chunks, one per session at once (fewer whole-thread look-backs,
    // scans and statements), at most a year each so a chunk's sorts stay within work_mem.
    const chunkSize = Math.max(1, deps.chunkWeeks ?? (payload.all ? Math.min(53, Math.ceil(weeks.length / concurrency)) : 8));
    const priorBases = new Map<string, DialogueWindow>();
    const readPrior = async (first: IsoWeek) => {
      // Dialogue bases of the 3 weeks before the chunk that this run has not computed: read from storage.
      const before = [1, 2, 3].map((k) => addWeeks(first, -k)).filter((w) => !weeks.includes(w));
      for (const b of await readDialogueBases(deps.db, { weeks: before, definitionVersion: DEFINITION_VERSION })) {
        priorBases.set(rowKey(b.scope, b.scopeId, b.week), baseFromStored(b.values, b.n));
      }
    };
    // Item level: the account-week rows of each chunk, for the accounts it must re-read (plus any account-week
    // not stored yet), several chunks at once. Each chunk is its own transaction.
    const readAccounts = async (chunk: IsoWeek[]) => {
      const who = new Set<number>();
      let all = false;
      for (const w of chunk) {
        const r = readFor.get(w);
        if (r === 'all') all = true;
        else for (const a of r ?? []) who.add(a);
      }
      if (!all) for (const m of await missingAccountWeeks(deps.db, { weeks: chunk, classifierVersion })) who.add(m.accountId);
      if (!all && who.size === 0) return;
      const t = Date.now();
      await deps.db.transaction(async (tx) => {
        const written = await computeAccountWeeks(tx, {
          weeks: chunk.map((w) => ({ week: w, ...weekBounds(w) })),
          accounts: all || who.size >= accounts.length ? null : [...who],
          classifierVersion,
          now,
        });
        // The post-kind sums of the same posts, from the threads and turns just built (src/store/post-kind-weeks.ts).
        await storePostKindWeeks(tx, { weeks: chunk, accounts: written, classifierVersion, now });
      });
      log.debug({ firstWeek: chunk[0], weeks: chunk.length, accounts: all ? 'all' : who.size, ms: Date.now() - t }, 'account weeks read');
    };
    // Scope level: every scope-week row of a chunk, merged from the stored account rows. The dialogue index of a
    // week sums the 3 weeks before it: read from stored rows (or this run's earlier chunks, in week order), or —
    // when every week is recomputed — merged again from the account rows of those 3 weeks ('lead'), which lets the
    // chunks of a full recompute run side by side.
    const recompute = async (chunk: IsoWeek[], mode: 'in-order' | 'lead') => {
      const first = chunk[0] as IsoWeek;
      const lead = mode === 'lead' ? [3, 2, 1].map((k) => addWeeks(first, -k)) : [];
      if (mode === 'in-order') await readPrior(first);
      const written = await deps.db.transaction(async (tx) => {
        const inputs = await loadIndicatorInputs(tx, {
          weeks: [...lead, ...chunk].map((w) => ({ week: w, ...weekBounds(w) })),
          classifierVersion,
          now,
          sectorId: SECTOR_ID,
        });
        const assembled = assembleRows({
          weeks: [...lead, ...chunk],
          figures: scopeFigures(inputs, accounts),
          answered: inputs.answered,
          accounts,
          priorBases: mode === 'lead' ? new Map() : priorBases,
          now,
          sectorId: SECTOR_ID,
        });
        const leadSet = new Set(lead);
        return upsertRowsWithTrendPoints(tx, lead.length > 0 ? assembled.filter((r) => !leadSet.has(r.week)) : assembled);
      });
      log.debug({ firstWeek: first, weeks: chunk.length, rows: written }, 'indicator weeks recomputed');
      return written;
    };
    const plan = segments(weeks, windowOnly, chunkSize);
    const steps = plan.reduce((n, s) => n + (s.windowOnly ? s.weeks.length : 2), 0);
    let done = 0;
    const step = () => deps.onProgress?.(++done, steps);
    await inParallel(
      plan
        .filter((s) => !s.windowOnly)
        .map((s) => async () => {
          await readAccounts(s.weeks);
          step();
        }),
      concurrency,
    );
    if (payload.all) {
      await deleteOtherClassifierVersions(deps.db, classifierVersion);
      await deleteOtherClassifierPostKinds(deps.db, classifierVersion);
      // Every week from the first item to now: no window-only weeks, and each chunk's 3 prior weeks are either
      // recomputed in this run or hold no items.
      await inParallel(
        plan.map((s) => async () => {
          rows += await recompute(s.weeks, 'lead');
          step();
        }),
        concurrency,
      );
    }
    for (const segment of payload.all ? [] : plan) {
      if (!segment.windowOnly) {
        rows += await recompute(segment.weeks, 'in-order');
        step();
        continue;
      }
      for (const week of segment.weeks) {
        const stored = await readIndicatorValues(deps.db, { weeks: [week], definitionVersion: DEFINITION_VERSION });
        const accountRows = new Set(stored.filter((r) => r.scope === 'account').map((r) => r.scopeId));
        const complete =
          stored.some((r) => r.scope === 'sector') &&
          accountRows.size === accounts.length &&
          accounts.every((a) => accountRows.has(String(a.id)));
        // Never computed, or accounts added since: the week is computed from its items like any other.
        if (!complete) {
          await readAccounts([week]);
          rows += await recompute([week], 'in-order');
          step();
          continue;
        }
        await readPrior(week);
        rows += await deps.db.transaction(async (tx) => {
          const figures = await loadCoverageFigures(tx, { weeks: [{ week, ...weekBounds(week) }], now, sectorId: SECTOR_ID });
          const changed = refreshDialogueWeek({ week, stored: stored as AssembledRow[], figures, accounts, priorBases, now });
          return upsertRowsWithTrendPoints(tx, changed);
        });
        step();
      }
    }
  }
  const marksConsumed = await deleteDirtyMarks(deps.db, marks);
  const summary: ComputeIndicatorsSummary = {
    weeks: weeks.length,
    firstWeek: weeks[0] ?? null,
    lastWeek: weeks[weeks.length - 1] ?? null,
    rows,
    marksConsumed,
    durationMs: Date.now() - t0,
  };
  log.info(summary, 'indicators computed');
  return summary;
}

/** Splits ascending weeks into runs of consecutive weeks, each at most `size` long. */
export function contiguousChunks(weeks: readonly IsoWeek[], size: number): IsoWeek[][] {
  const out: IsoWeek[][] = [];
  let cur: IsoWeek[] = [];
  for (const w of weeks) {
    const prev = cur[cur.length - 1];
    if (prev !== undefined && (addWeeks(prev, 1) !== w || cur.length >= size)) {
      out.push(cur);
      cur = [];
    }
    cur.push(w);
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

/**
 * Splits ascending weeks into runs to recompute from items (contiguous, each at most `size` long) and runs
 * of window-only weeks, in week order (a window-only week needs the bases of the weeks before it).
 */
function segments(
  weeks: readonly IsoWeek[],
  windowOnly: ReadonlySet<IsoWeek>,
  size: number,
): Array<{ windowOnly: boolean; weeks: IsoWeek[] }> {
  const out: Array<{ windowOnly: boolean; weeks: IsoWeek[] }> = [];
  let run: IsoWeek[] = [];
  let kind = false;
  const flush = () => {
    if (run.length === 0) return;
    if (kind) out.push({ windowOnly: true, weeks: run });
    else for (const c of contiguousChunks(run, size)) out.push({ windowOnly: false, weeks: c });
    run = [];
  };
  for (const w of weeks) {
    const k = windowOnly.has(w);
    if (k !== kind) flush();
    kind = k;
    run.push(w);
  }
  flush();
  return out;
}
