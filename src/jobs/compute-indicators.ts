import { CLASSIFIER_VERSION } from '../classifier/version.js';
import type { Clock } from '../clock.js';
import { assembleRows, baseFromStored, rowKey } from '../indicators/assemble.js';
import { DEFINITION_VERSION, SECTOR_ID } from '../indicators/definitions.js';
import type { DialogueWindow } from '../indicators/dialogue-index.js';
import { addWeeks, compareWeeks, isoWeekOf, parseIsoWeek, weekBounds, weekRange, type IsoWeek } from '../indicators/iso-week.js';
import type { Logger } from '../logger.js';
import type { Db } from '../store/db.js';
import { itemTimeSpan, listAccountMeta, loadIndicatorInputs } from '../store/indicator-inputs.js';
import { deleteDirtyMarks, listDirtyMarks, readDialogueBases, upsertIndicatorValues } from '../store/indicator-values.js';

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
  /** Weeks loaded per transaction. @default 8 */
  chunkWeeks?: number;
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

/**
 * Recomputes indicator rows: the weeks touched by `indicator_dirty` marks (with their reach), any weeks asked
 * for, or all of history. Every scope of a recomputed week is rewritten (municipality, county and sector rows
 * rest on all accounts' items), and the marks it consumed are deleted. Idempotent.
 */
export async function computeIndicators(
  payload: ComputeIndicatorsPayload,
  deps: ComputeIndicatorsDeps,
): Promise<ComputeIndicatorsSummary> {
  const t0 = Date.now();
  const now = deps.clock();
  const log = deps.log.child({ module: 'indicators' });
  const currentWeek = isoWeekOf(now);
  const marks = await listDirtyMarks(deps.db);

  const wanted = new Set<IsoWeek>();
  for (const w of payload.weeks ?? []) {
    parseIsoWeek(w);
    wanted.add(w);
  }
  for (const m of marks) {
    for (let k = -REACH_BACK; k <= REACH_FORWARD; k++) wanted.add(addWeeks(m.week, k));
  }
  if (payload.all) {
    const span = await itemTimeSpan(deps.db);
    if (span.first) for (const w of weekRange(isoWeekOf(span.first), currentWeek)) wanted.add(w);
  }
  // Weeks that have not begun have nothing to count; a week asked for explicitly is computed anyway.
  const asked = new Set(payload.weeks ?? []);
  const weeks = [...wanted].filter((w) => asked.has(w) || compareWeeks(w, currentWeek) <= 0).sort(compareWeeks);

  let rows = 0;
  if (weeks.length > 0) {
    const accounts = await listAccountMeta(deps.db);
    const classifierVersion = deps.classifierVersion ?? CLASSIFIER_VERSION;
    const chunkSize = Math.max(1, deps.chunkWeeks ?? 8);
    const priorBases = new Map<string, DialogueWindow>();
    for (const chunk of contiguousChunks(weeks, chunkSize)) {
      const first = chunk[0] as IsoWeek;
      // Dialogue bases of the 3 weeks before the chunk that this run has not computed: read from storage.
      const before = [1, 2, 3].map((k) => addWeeks(first, -k)).filter((w) => !weeks.includes(w));
      for (const b of await readDialogueBases(deps.db, { weeks: before, definitionVersion: DEFINITION_VERSION })) {
        priorBases.set(rowKey(b.scope, b.scopeId, b.week), baseFromStored(b.values, b.n));
      }
      const written = await deps.db.transaction(async (tx) => {
        const inputs = await loadIndicatorInputs(tx, {
          weeks: chunk.map((w) => ({ week: w, ...weekBounds(w) })),
          classifierVersion,
          now,
          sectorId: SECTOR_ID,
        });
        const assembled = assembleRows({
          weeks: chunk,
          figures: inputs.figures,
          answered: inputs.answered,
          accounts,
          priorBases,
          now,
          sectorId: SECTOR_ID,
        });
        return upsertIndicatorValues(tx, assembled);
      });
      rows += written;
      log.debug({ firstWeek: first, weeks: chunk.length, rows: written }, 'indicator weeks recomputed');
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
