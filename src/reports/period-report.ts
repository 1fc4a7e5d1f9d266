import type { IndicatorValues } from '../indicators/definitions.js';
import { officeDayHours, officeHoursBetween, officeHoursFrom } from '../indicators/office-hours.js';
import type { Period } from '../indicators/period.js';
import { percentileCont } from '../indicators/percentile.js';
import { wilsonInterval } from '../indicators/wilson.js';
import type { StoredFigures } from '../store/report-inputs.js';
import type { QuestionTimes } from '../store/report-question-times.js';

/**
 * A month, quarter or year to date for the board meeting, built from the weekly rows by the same merge rules
 * as wider scopes (INDICATORS.md): counts are summed over the period's weeks, ratios recomputed from the summed
 * counts (never averaged), and response-time medians taken over the period's answered questions themselves
 * (never a median of weekly medians). The dialogue index is a four-week window: the period shows the one of
 * its last week, named as such. Weeks without a stored row are counted and named, never read as zero.
 */
export type PeriodInputs = {
  period: Period;
  asOf: string;
  municipality: { code: string; name: string; officeHours: unknown; responseTargetOfficeHours: number | null };
  /** Every week of the period with its stored municipality row (null: nothing stored). */
  weeks: Array<{ week: string; figures: StoredFigures | null }>;
  /** Questions begun in the period, with answers as known at asOf. */
  questions: QuestionTimes[];
};

export type PeriodView = {
  period: Period;
  asOf: Date;
  municipality: { code: string; name: string };
  weeksWithData: number;
  missingWeeks: string[];
  provisional: boolean;
  /** Null (not zero) when no week of the period has figures. */
  questions: number | null;
  answered: number | null;
  responseRate: number | null;
  responseRateCi: { low: number; high: number } | null;
  timelyAnswered: number;
  medianH: number | null;
  officeMedianH: number | null;
  /** Answered questions the medians rest on. */
  answeredItems: number;
  target: { officeHours: number; custom: boolean; withinTarget: number; questions: number };
  ownerPosts: number | null;
  ownerReplies: number | null;
  citizenItems: number | null;
  replyShare: number | null;
  citizenShare: number | null;
  /** The four-week window of the period's last week. */
  lastWindow: { week: string; index: number | null; band: string | null };
  perWeek: Array<{
    week: string;
    questions: number | null;
    answered: number | null;
    responseRate: number | null;
    dialogueIndex: number | null;
  }>;
};

const HOUR = 3_600_000;
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const val = (f: StoredFigures | null, id: keyof IndicatorValues): number | null => (f ? num(f.values[id]) : null);
const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

export function buildPeriodReport(inp: PeriodInputs): PeriodView {
  const rows = inp.weeks.filter((w): w is { week: string; figures: StoredFigures } => w.figures !== null);
  const sum = (id: keyof IndicatorValues) => rows.reduce((s, r) => s + (val(r.figures, id) ?? 0), 0);
  const known = (x: number): number | null => (rows.length === 0 ? null : x);
  const questions = sum('questions');
  const answered = sum('questions_answered');
  const ownerPosts = sum('owner_posts');
  const ownerReplies = sum('owner_replies');
  const citizenItems = sum('citizen_posts') + sum('citizen_comments');

  const office = officeHoursFrom(inp.municipality.officeHours);
  const times = inp.questions
    .filter((q) => q.answeredAt !== null && new Date(q.answeredAt).getTime() - new Date(q.askedAt).getTime() <= 7 * 24 * HOUR)
    .map((q) => ({ asked: new Date(q.askedAt), answered: new Date(q.answeredAt as string) }));
  const wallH = times.map((x) => (x.answered.getTime() - x.asked.getTime()) / HOUR);
  const officeH = times.map((x) => officeHoursBetween(x.asked, x.answered, office));
  const targetHours = inp.municipality.responseTargetOfficeHours ?? officeDayHours(office);
  // The index is a four-week window: the one of the period's last week with figures.
  const last = rows[rows.length - 1];
  const bandRaw = last?.figures?.values.dialogue_band;

  return {
    period: inp.period,
    asOf: new Date(inp.asOf),
    municipality: { code: inp.municipality.code, name: inp.municipality.name },
    weeksWithData: rows.length,
    missingWeeks: inp.weeks.filter((w) => w.figures === null).map((w) => w.week),
    provisional: rows.some((r) => r.figures.provisional),
    questions: known(questions),
    answered: known(answered),
    responseRate: ratio(answered, questions),
    responseRateCi: wilsonInterval(answered, questions),
    timelyAnswered: sum('timely_answered'),
    medianH: percentileCont(wallH, 0.5),
    officeMedianH: percentileCont(officeH, 0.5),
    answeredItems: times.length,
    target:
      inp.municipality.responseTargetOfficeHours === null
        ? { officeHours: targetHours, custom: false, withinTarget: sum('timely_answered'), questions }
        : {
            officeHours: targetHours,
            custom: true,
            withinTarget: officeH.filter((h) => h <= targetHours + 1e-9).length,
            questions: inp.questions.length,
          },
    ownerPosts: known(ownerPosts),
    ownerReplies: known(ownerReplies),
    citizenItems: known(citizenItems),
    replyShare: ratio(ownerReplies, ownerReplies + ownerPosts),
    citizenShare: ratio(citizenItems, citizenItems + ownerPosts + ownerReplies),
    lastWindow: {
      week: last?.week ?? inp.period.weeks[inp.period.weeks.length - 1] ?? '',
      index: val(last?.figures ?? null, 'dialogue_index'),
      band: typeof bandRaw === 'string' ? bandRaw : null,
    },
    perWeek: inp.weeks.map((w) => ({
      week: w.week,
      questions: val(w.figures, 'questions'),
      answered: val(w.figures, 'questions_answered'),
      responseRate: val(w.figures, 'response_rate'),
      dialogueIndex: val(w.figures, 'dialogue_index'),
    })),
  };
}
