import { addOfficeHours, type OfficeHours } from './office-time.js';

/**
 * The alert rules, pure: when a question is overdue and when it escalates, and what an alert's stored state
 * becomes at `now`. No IO and no clock; the job feeds it stored questions and alerts.
 *
 * A question here is a citizen turn marked needs_answer (INDICATORS.md "Question"); it is open while no owner
 * item follows its first item in its branch, it is not removed (every item hidden or deleted), and it is less
 * than 7 days old (an answer after 7 days no longer counts as one).
 */

/** Office hours of waiting before a question is overdue (`overdueHours`) and escalates (`escalateHours`). */
export type AlertRule = { overdueHours: number; escalateHours: number };

/** Defaults of issue 9: overdue after 4 office hours, escalation after 16 (about two office days). */
export const DEFAULT_ALERT_RULE: Readonly<AlertRule> = Object.freeze({ overdueHours: 4, escalateHours: 16 });

/** A question older than this is no longer answerable in the indicators' sense: its alert expires. */
export const ALERT_MAX_AGE_MS = 7 * 24 * 3_600_000;

export type AlertState = 'open' | 'notified' | 'escalated' | 'resolved' | 'expired';
export const ACTIVE_STATES = ['open', 'notified', 'escalated'] as const satisfies readonly AlertState[];
export type Resolution = 'answered' | 'deleted' | 'hidden' | 'not_a_question' | 'erased';

/** One alert per question, whatever number of evaluations see it. */
export const dedupeKey = (questionItemId: string | number): string => `unanswered:${questionItemId}`;

/** A rule override as stored: per municipality (accountId null) or per account. */
export type RuleOverride = { municipalityCode: string; accountId: string | null } & AlertRule;

/** The rule of an account: its own override, else its municipality's, else the default. */
export function ruleFor(overrides: readonly RuleOverride[], municipalityCode: string, accountId: string): AlertRule {
  const own = overrides.find((o) => o.accountId === accountId);
  const mun = overrides.find((o) => o.accountId === null && o.municipalityCode === municipalityCode);
  const r = own ?? mun;
  return r ? { overdueHours: r.overdueHours, escalateHours: r.escalateHours } : { ...DEFAULT_ALERT_RULE };
}

/** When a question asked at `askedAt` falls due and escalates, counting office time only. */
export function deadlines(askedAt: Date, rule: AlertRule, oh: OfficeHours): { dueAt: Date; escalateAt: Date } {
  return { dueAt: addOfficeHours(askedAt, rule.overdueHours, oh), escalateAt: addOfficeHours(askedAt, rule.escalateHours, oh) };
}

/** What the store knows about a question at `now`. */
export type QuestionStatus = {
  askedAt: Date;
  /** First owner item after the question in its branch, if collected. */
  answeredAt: Date | null;
  /** Set when every item of the turn is hidden or deleted. */
  removed: 'deleted' | 'hidden' | null;
};

/**
 * The verdict on an active alert's question at `now`: still open, resolved (answered, removed, or no longer a
 * question at all when `status` is undefined), or expired (7 days without an answer).
 */
export function judge(status: QuestionStatus | undefined, now: Date): 'open' | 'expired' | { resolve: Resolution } {
  if (!status) return { resolve: 'not_a_question' };
  if (status.answeredAt && status.answeredAt.getTime() <= now.getTime()) {
    // An answer after 7 days is no answer (INDICATORS.md): the alert had expired by then.
    return status.answeredAt.getTime() - status.askedAt.getTime() <= ALERT_MAX_AGE_MS ? { resolve: 'answered' } : 'expired';
  }
  if (status.removed) return { resolve: status.removed };
  if (now.getTime() - status.askedAt.getTime() >= ALERT_MAX_AGE_MS) return 'expired';
  return 'open';
}

export type AlertLevel = 'first' | 'escalation';

/** Which notifications an active alert owes at `now` (office time is checked by the caller). */
export function levelsDue(alert: { state: AlertState; dueAt: Date; escalateAt: Date | null }, now: Date): AlertLevel[] {
  const t = now.getTime();
  const out: AlertLevel[] = [];
  if (alert.state === 'open' && alert.dueAt.getTime() <= t) out.push('first');
  if ((alert.state === 'open' || alert.state === 'notified') && alert.escalateAt && alert.escalateAt.getTime() <= t) {
    out.push('escalation');
  }
  return out;
}

/**
 * The state after the notifications of `levels` were all delivered (or owed to nobody). Escalated wins: a
 * question first seen after its escalation time goes straight there, with both messages sent.
 */
export function stateAfter(state: AlertState, levels: readonly AlertLevel[]): AlertState {
  if (levels.includes('escalation')) return 'escalated';
  if (levels.includes('first') && state === 'open') return 'notified';
  return state;
}
