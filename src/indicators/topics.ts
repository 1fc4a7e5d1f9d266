/**
 * The `topics` block (issue 25): per service topic, per account / municipality / county / sector and ISO
 * week, what residents asked about and how it went — questions, answered within 7 days, response rate with
 * its Wilson 95 % interval, median response time (wall-clock hours, answered questions), and questions still
 * unanswered now. Not new v1 indicator ids: a breakdown of `questions` / `questions_answered` by topic, with
 * the same turns and the same 7-day rule (INDICATORS.md).
 *
 * A question with several topics counts under each. `none` holds questions about no municipal service, and
 * `pending` counts questions whose items have no topics at the current version yet (unknown is not zero).
 */
import type { TopicQuestion } from '../store/topic-weeks.js';
import { SECTOR_ID, SUPPRESSION_MIN, type Scope } from './definitions.js';
import { isoWeekOf, type IsoWeek } from './iso-week.js';
import { percentileCont } from './percentile.js';
import { wilsonInterval } from './wilson.js';

const ANSWER_WINDOW_MS = 7 * 86_400_000;
const round = (x: number, d: number): number => Math.round(x * 10 ** d) / 10 ** d;

export type TopicFigure = {
  /** A topic id, or `none` for questions about no municipal service. */
  topic: string;
  /** Counts are null only in the sector role's suppressed view. */
  questions: number | null;
  questions_answered: number | null;
  response_rate: number | null;
  response_rate_ci_low: number | null;
  response_rate_ci_high: number | null;
  median_response_hours: number | null;
  unanswered_now: number | null;
  /** Municipalities with at least one question on the topic that week (what county/sector suppression counts). */
  municipalities: number;
  flags?: Array<'suppressed'>;
};

export type TopicBlock = { scope: Scope; id: string; week: IsoWeek; pending: number; topics: TopicFigure[] };

type Acc = { questions: number; answered: number; hours: number[]; open: number; municipalities: Set<string> };

/** Answered: an answer within 7 days of the question, as the indicators count it. */
export const isAnswered = (q: TopicQuestion): boolean =>
  q.answeredAt !== null && q.answeredAt.getTime() - q.askedAt.getTime() <= ANSWER_WINDOW_MS;

function scopeIds(q: TopicQuestion): Array<[Scope, string]> {
  return [
    ['account', q.accountId],
    ['municipality', q.municipalityCode],
    ['county', q.countyCode],
    ['sector', SECTOR_ID],
  ];
}

/**
 * Topic blocks of every scope for the questions asked in `weeks`, ordered by scope, id, week; topics by
 * questions. With `period`, all the weeks form one block labelled `period` (a period's figures are counted
 * from its questions, never summed from weekly blocks: a municipality counts once).
 */
export function topicBlocks(questions: readonly TopicQuestion[], weeks: readonly IsoWeek[], period?: string): TopicBlock[] {
  const wanted = new Set(weeks);
  const blocks = new Map<string, { scope: Scope; id: string; week: IsoWeek; pending: number; acc: Map<string, Acc> }>();
  for (const q of questions) {
    const asked = isoWeekOf(q.askedAt);
    if (!wanted.has(asked)) continue;
    const week = period ?? asked;
    for (const [scope, id] of scopeIds(q)) {
      const key = `${scope}|${id}|${week}`;
      let b = blocks.get(key);
      if (b === undefined) {
        b = { scope, id, week, pending: 0, acc: new Map() };
        blocks.set(key, b);
      }
      if (q.topics === null) {
        b.pending++;
        continue;
      }
      for (const topic of q.topics.length === 0 ? ['none'] : q.topics) {
        let a = b.acc.get(topic);
        if (a === undefined) {
          a = { questions: 0, answered: 0, hours: [], open: 0, municipalities: new Set() };
          b.acc.set(topic, a);
        }
        a.questions++;
        a.municipalities.add(q.municipalityCode);
        if (isAnswered(q) && q.answeredAt !== null) {
          a.answered++;
          a.hours.push((q.answeredAt.getTime() - q.askedAt.getTime()) / 3_600_000);
        }
        if (q.answeredAt === null && q.removed === null) a.open++;
      }
    }
  }
  const order: Scope[] = ['account', 'municipality', 'county', 'sector'];
  return [...blocks.values()]
    .sort((x, y) => order.indexOf(x.scope) - order.indexOf(y.scope) || x.id.localeCompare(y.id) || x.week.localeCompare(y.week))
    .map((b) => ({
      scope: b.scope,
      id: b.id,
      week: b.week,
      pending: b.pending,
      topics: [...b.acc.entries()]
        .map(([topic, a]) => figure(topic, a))
        .sort((x, y) => (y.questions ?? 0) - (x.questions ?? 0) || x.topic.localeCompare(y.topic)),
    }));
}

function figure(topic: string, a: Acc): TopicFigure {
  const ci = wilsonInterval(a.answered, a.questions);
  const median = percentileCont(a.hours, 0.5);
  return {
    topic,
    questions: a.questions,
    questions_answered: a.answered,
    response_rate: a.questions === 0 ? null : round(a.answered / a.questions, 4),
    response_rate_ci_low: ci === null ? null : round(ci.low, 4),
    response_rate_ci_high: ci === null ? null : round(ci.high, 4),
    median_response_hours: median === null ? null : round(median, 2),
    unanswered_now: a.open,
    municipalities: a.municipalities.size,
  };
}

/**
 * The sector role's view, by the usual rules (indicators/output.ts suppressForSector): a county or sector
 * topic figure resting on fewer than 5 municipalities is null and flagged `suppressed`; an account's or
 * municipality's response rate, interval and median resting on fewer than 5 questions likewise.
 */
export function suppressTopicBlocks(blocks: readonly TopicBlock[]): TopicBlock[] {
  return blocks.map((b) => ({
    ...b,
    topics: b.topics.map((f) => {
      const wide = b.scope === 'county' || b.scope === 'sector';
      if (wide && f.municipalities < SUPPRESSION_MIN) {
        return { ...f, questions: null, questions_answered: null, unanswered_now: null, ...NULL_RATIOS, flags: ['suppressed' as const] };
      }
      if ((f.questions ?? 0) < SUPPRESSION_MIN) return { ...f, ...NULL_RATIOS, flags: ['suppressed' as const] };
      return f;
    }),
  }));
}

const NULL_RATIOS = { response_rate: null, response_rate_ci_low: null, response_rate_ci_high: null, median_response_hours: null };

/**
 * The `topics` block of one printed indicator row (scope, id, week), as `lyttepost indicators` and the API
 * print it: `{ version, pending, by_topic: [...] }`; an empty list when no question was asked that week.
 */
export function topicBlockFor(blocks: readonly TopicBlock[], version: string, row: { scope: string; id: string; week: string }) {
  const b = blocks.find((x) => x.scope === row.scope && x.id === row.id && x.week === row.week);
  return { version, pending: b?.pending ?? 0, by_topic: b?.topics ?? [] };
}
