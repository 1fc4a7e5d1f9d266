import { pendingTopics } from '../alerts/pending-topics.js';
import { routeByTopic } from '../alerts/topic-routing.js';
import type { Config } from '../../config/env.js';
import { makeEmailSender, type EmailSender } from '../alerts/channels/email.js';
import { makeWebhookSender, webhookKindOf } from '../alerts/channels/webhook.js';
import { buildDigest, type Digest, type DigestEntry } from '../alerts/digest.js';
import { isOfficeTime, officeHoursBetween } from '../alerts/office-time.js';
import {
  ALERT_MAX_AGE_MS,
  deadlines,
  dedupeKey,
  judge,
  levelsDue,
  ruleFor,
  stateAfter,
  type AlertLevel,
  type Resolution,
} from '../alerts/rules.js';
import { makeThreadReaders, type LiveVerdict, type ThreadReaders } from '../alerts/verify.js';
import { CLASSIFIER_VERSION } from '../classifier/version.js';
import type { Clock } from '../clock.js';
import type { HttpTuning } from '../collectors/make-collector.js';
import { AppError } from '../errors.js';
import { officeHoursFrom } from '../indicators/office-hours.js';
import type { Logger } from '../logger.js';
import type { TokenCipher } from '../privacy/token-cipher.js';
import { listResponderIds } from '../store/accounts.js';
import { listAlertRules, listRecipients, type Recipient, type WebhookKind } from '../store/alert-recipients.js';
import {
  advanceAlerts,
  closeAlerts,
  listActiveAlerts,
  listDeliveries,
  loadQuestions,
  recordDeliveries,
  upsertAlerts,
  type AlertRow,
  type Delivery,
  type NewAlert,
  type StoredQuestion,
} from '../store/alerts.js';
import type { Queryable } from '../store/db.js';

/**
 * One alert evaluation (`lyttepost alerts check`; the scheduler runs it every 15 minutes in office hours):
 *
 * 1. reads the open questions as stored (INDICATORS.md: a citizen turn marked needs_answer with no owner item
 *    after it in its branch), creates their alerts (one per question, by dedupe key), and resolves or expires
 *    alerts whose question was answered, removed or turned 7 days old;
 * 2. in the municipality's office hours only, collects what is due (overdue after N office hours, escalation
 *    after M), re-reads each such thread live and drops (and resolves) what was answered, deleted or hidden;
 * 3. sends ONE digest per recipient address, records each delivery, and moves an alert to notified/escalated
 *    only when every recipient of that level has it. A failed send changes nothing, so the next evaluation
 *    sends exactly what is still missing; a recipient never gets the same alert twice at the same level.
 */
export type EvaluateAlertsPayload = { now?: Date };

/** How digests leave the building; tests inject their own. */
export type DigestTransports = {
  email(to: string, digest: Digest): Promise<void>;
  webhook(url: string, kind: WebhookKind, digest: Digest): Promise<void>;
};

export type EvaluateAlertsDeps = {
  db: Queryable;
  log: Logger;
  clock: Clock;
  cfg: Pick<
    Config,
    | 'SMTP_URL'
    | 'SMTP_FROM'
    | 'ALERT_WEBHOOK_URL'
    | 'LYTTEPOST_DASHBOARD_URL'
    | 'FACEBOOK_GRAPH_URL'
    | 'FACEBOOK_GRAPH_VERSION'
    | 'YOUTUBE_API_URL'
    | 'X_API_URL'
    | 'YOUTUBE_API_KEY'
    | 'X_BEARER_TOKEN'
  >;
  cipher: TokenCipher;
  /** Live thread readers per platform; default: the platform APIs (FACEBOOK_GRAPH_URL, …). */
  readers?: ThreadReaders;
  /** Default: nodemailer over SMTP_URL and axios for webhooks. */
  transports?: Partial<DigestTransports>;
  /** HTTP tuning of the default readers (tests). */
  http?: HttpTuning;
};

export type EvaluateAlertsSummary = {
  now: string;
  /** Questions open as stored (unanswered, not removed, under 7 days old). */
  openQuestions: number;
  alertsCreated: number;
  resolved: number;
  expired: number;
  /** Alert-levels due now in office hours, before the live re-read. */
  due: number;
  /** Alert-levels due but held back because the municipality is outside office hours. */
  heldOutsideOfficeHours: number;
  /** Live re-read verdicts. */
  verified: Record<LiveVerdict['status'], number>;
  platformCalls: number;
  digestsSent: number;
  digestsFailed: number;
  notified: number;
  escalated: number;
  /** Due alerts of municipalities that have no first-level recipient (kept open until one is added). */
  withoutRecipients: number;
};

const ENV_WEBHOOK_KEY = 'env:webhook';

type Target = {
  /** Delivery key of the recipient row ('r:<id>' or 'env:webhook'). */
  key: string;
  municipalityCode: string | null;
  level: AlertLevel;
  /** Only alerts of this primary topic (null: the general recipient); see alerts/topic-routing.ts. */
  topic: string | null;
  address: { channel: 'email'; email: string } | { channel: 'webhook'; url: string; kind: WebhookKind };
};

const addressKey = (t: Target) => (t.address.channel === 'email' ? `email:${t.address.email}` : `webhook:${t.address.url}`);

function targetsOf(recipients: readonly Recipient[]): Target[] {
  return recipients.map((r) => ({
    key: `r:${r.id}`,
    municipalityCode: r.municipalityCode,
    level: r.level,
    topic: r.topic,
    address: r.channel === 'email' ? { channel: 'email', email: r.email } : { channel: 'webhook', url: r.url, kind: r.kind },
  }));
}

export async function evaluateAlerts(payload: EvaluateAlertsPayload, deps: EvaluateAlertsDeps): Promise<EvaluateAlertsSummary> {
  const now = payload.now ?? deps.clock();
  const log = deps.log.child({ module: 'alerts' });
  const summary: EvaluateAlertsSummary = {
    now: now.toISOString(),
    openQuestions: 0,
    alertsCreated: 0,
    resolved: 0,
    expired: 0,
    due: 0,
    heldOutsideOfficeHours: 0,
    verified: { open: 0, answered: 0, deleted: 0, hidden: 0, unknown: 0 },
    platformCalls: 0,
    digestsSent: 0,
    digestsFailed: 0,
    notified: 0,
    escalated: 0,
    withoutRecipients: 0,
  };

  // 1. Questions as stored → alerts created, resolved, expired.
  // Questions of the last 7 days (+1 day of slack), and far enough back to judge every active alert: an alert is
  // created within 7 days of its question, so its question began at most 7 days before the alert did.
  const active = await listActiveAlerts(deps.db);
  const oldest = active.reduce((min, a) => Math.min(min, a.createdAt.getTime()), now.getTime());
  const since = new Date(oldest - ALERT_MAX_AGE_MS - 24 * 3_600_000);
  const questions = await loadQuestions(deps.db, { since, now, classifierVersion: CLASSIFIER_VERSION });
  const byKey = new Map(questions.map((q) => [dedupeKey(q.itemId), q]));
  const overrides = await listAlertRules(deps.db);

  const closing: Array<{ id: string; state: 'resolved' | 'expired'; resolution: Resolution | 'expired' }> = [];
  for (const a of active) {
    const q = byKey.get(a.dedupeKey);
    const v = q ? judge(q, now) : now.getTime() - a.createdAt.getTime() >= ALERT_MAX_AGE_MS ? 'expired' : judge(undefined, now);
    if (v === 'expired') closing.push({ id: a.id, state: 'expired', resolution: 'expired' });
    else if (v !== 'open') closing.push({ id: a.id, state: 'resolved', resolution: v.resolve });
  }
  const fresh: NewAlert[] = [];
  for (const q of questions) {
    if (judge(q, now) !== 'open') continue;
    summary.openQuestions++;
    const d = deadlines(q.askedAt, ruleFor(overrides, q.municipalityCode, q.accountId), officeHoursFrom(q.officeHours));
    fresh.push({ dedupeKey: dedupeKey(q.itemId), municipalityCode: q.municipalityCode, accountId: q.accountId, itemId: q.itemId, ...d });
  }
  await closeAlerts(deps.db, closing, now);
  summary.resolved += closing.filter((c) => c.state === 'resolved').length;
  summary.expired += closing.filter((c) => c.state === 'expired').length;
  summary.alertsCreated = await upsertAlerts(deps.db, fresh, now);

  // 2. What is owed now, in office hours only.
  type Pending = { alert: AlertRow; q: StoredQuestion; levels: AlertLevel[] };
  const pending: Pending[] = [];
  for (const a of await listActiveAlerts(deps.db)) {
    const q = byKey.get(a.dedupeKey);
    if (!q) continue;
    const levels = levelsDue(a, now);
    if (levels.length === 0) continue;
    if (!isOfficeTime(now, officeHoursFrom(q.officeHours))) {
      summary.heldOutsideOfficeHours += levels.length;
      continue;
    }
    summary.due += levels.length;
    pending.push({ alert: a, q, levels });
  }
  if (pending.length === 0) {
    log.info(summary, 'alerts evaluated');
    return summary;
  }

  const municipalities = [...new Set(pending.map((p) => p.alert.municipalityCode))];
  const own = targetsOf(await listRecipients(deps.db, deps.cipher, municipalities));
  const topicOf = await pendingTopics(
    deps.db,
    pending.map((p) => p.q),
  );
  const targetsFor = (municipality: string, level: AlertLevel, itemId: string): Target[] => {
    const mine = routeByTopic(
      own.filter((t) => t.municipalityCode === municipality && t.level === level),
      topicOf.get(itemId) ?? null,
    );
    // The deployment-wide webhook stands in for municipalities without a webhook of their own, at both levels.
    const url = deps.cfg.ALERT_WEBHOOK_URL;
    if (url && !own.some((t) => t.municipalityCode === municipality && t.address.channel === 'webhook')) {
      mine.push({
        key: ENV_WEBHOOK_KEY,
        municipalityCode: null,
        level,
        topic: null,
        address: { channel: 'webhook', url, kind: webhookKindOf(url) },
      });
    }
    return mine;
  };
  const delivered = new Set(
    (
      await listDeliveries(
        deps.db,
        pending.map((p) => p.alert.id),
      )
    ).map((d) => `${d.alertId}|${d.recipientKey}|${d.level}`),
  );
  const owes = (p: Pending, level: AlertLevel) =>
    targetsFor(p.alert.municipalityCode, level, p.q.itemId).filter((t) => !delivered.has(`${p.alert.id}|${t.key}|${level}`));

  // 3. Live re-read of every question someone is still owed; answered, deleted and hidden ones are resolved.
  const live = deps.readers ? { readers: deps.readers, stats: { calls: 0 } } : makeThreadReaders({ ...deps, now: () => now });
  const responders = new Map<string, ReadonlySet<string>>();
  const unverified = new Set<string>();
  const verifiedPending: Pending[] = [];
  const liveClosing: Array<{ id: string; state: 'resolved'; resolution: Resolution }> = [];
  for (const p of pending) {
    if (!p.levels.some((l) => owes(p, l).length > 0)) {
      verifiedPending.push(p);
      continue;
    }
    const reader = live.readers[p.q.platform];
    let verdict: LiveVerdict;
    if (!reader) verdict = { status: 'unknown', reason: `no reader for ${p.q.platform}` };
    else {
      let r = responders.get(p.q.accountId);
      if (!r) {
        r = new Set(await listResponderIds(deps.db, p.q.accountId));
        responders.set(p.q.accountId, r);
      }
      try {
        verdict = await reader.read({
          platform: p.q.platform,
          accountId: p.q.accountId,
          accountExternalId: p.q.accountExternalId,
          responders: r,
          rootExternalId: p.q.rootExternalId,
          branchExternalId: p.q.branchExternalId,
          turnExternalIds: p.q.turnExternalIds,
          askedAt: p.q.askedAt,
        });
      } catch (err) {
        verdict = { status: 'unknown', reason: err instanceof AppError ? err.code : 'error' };
      }
    }
    summary.verified[verdict.status]++;
    if (verdict.status === 'answered' || verdict.status === 'deleted' || verdict.status === 'hidden') {
      liveClosing.push({ id: p.alert.id, state: 'resolved', resolution: verdict.status });
      continue;
    }
    if (verdict.status === 'unknown') {
      unverified.add(p.alert.id);
      log.warn({ alertId: p.alert.id, platform: p.q.platform, reason: verdict.reason }, 'alert sent on stored state: live re-read failed');
    }
    verifiedPending.push(p);
  }
  summary.platformCalls = live.stats.calls;
  await closeAlerts(deps.db, liveClosing, now);
  summary.resolved += liveClosing.length;

  // 4. One digest per address: every alert-level owed to any recipient row with that address.
  type Outgoing = { target: Target; entries: Map<string, DigestEntry>; deliveries: Delivery[] };
  const outgoing = new Map<string, Outgoing>();
  for (const p of verifiedPending) {
    if (targetsFor(p.alert.municipalityCode, 'first', p.q.itemId).length === 0 && p.levels.includes('first')) summary.withoutRecipients++;
    for (const level of p.levels) {
      for (const t of owes(p, level)) {
        const k = addressKey(t);
        let o = outgoing.get(k);
        if (!o) {
          o = { target: t, entries: new Map(), deliveries: [] };
          outgoing.set(k, o);
        }
        const prev = o.entries.get(p.alert.id);
        // Shown once per digest; escalation wins over the first notice.
        if (!prev || level === 'escalation') {
          o.entries.set(p.alert.id, {
            alertId: p.alert.id,
            level,
            municipalityCode: p.alert.municipalityCode,
            municipalityName: p.q.municipalityName,
            platform: p.q.platform,
            account: p.q.accountHandle ?? p.q.accountExternalId,
            text: p.q.text,
            askedAt: p.q.askedAt,
            waitedOfficeHours: officeHoursBetween(p.q.askedAt, now, officeHoursFrom(p.q.officeHours)),
            dueAt: p.alert.dueAt,
            permalink: p.q.permalink,
            verified: !unverified.has(p.alert.id),
          });
        }
        o.deliveries.push({ alertId: p.alert.id, recipientKey: t.key, level });
      }
    }
  }

  let email: EmailSender | undefined;
  const webhook = makeWebhookSender();
  const transports: DigestTransports = {
    email:
      deps.transports?.email ??
      (async (to, d) => {
        if (!deps.cfg.SMTP_URL) throw new AppError('DELIVERY_FAILED', 'e-mail delivery failed: SMTP_URL is not set', { retryable: true });
        email ??= makeEmailSender({ smtpUrl: deps.cfg.SMTP_URL, from: deps.cfg.SMTP_FROM });
        await email.send(to, d);
      }),
    webhook: deps.transports?.webhook ?? ((url, kind, d) => webhook.send(url, kind, d)),
  };
  try {
    for (const o of outgoing.values()) {
      const digest = buildDigest([...o.entries.values()], now, deps.cfg.LYTTEPOST_DASHBOARD_URL ?? null);
      const a = o.target.address;
      try {
        if (a.channel === 'email') await transports.email(a.email, digest);
        else await transports.webhook(a.url, a.kind, digest);
      } catch (err) {
        summary.digestsFailed++;
        const e = err instanceof AppError ? err : undefined;
        log.warn(
          { channel: a.channel, code: e?.code ?? 'error', reason: e?.message ?? 'error', alerts: digest.entries.length },
          'alert digest not delivered; retried at the next evaluation',
        );
        continue;
      }
      summary.digestsSent++;
      await recordDeliveries(deps.db, o.deliveries, now);
      for (const d of o.deliveries) delivered.add(`${d.alertId}|${d.recipientKey}|${d.level}`);
    }
  } finally {
    email?.close();
  }

  // 5. States move only for levels every recipient now has (a level owed to nobody counts as done only for
  // escalation, and only once the first notice is out: a municipality without recipients keeps its alerts open).
  const moves: Array<{ id: string; state: 'notified' | 'escalated' }> = [];
  for (const p of verifiedPending) {
    const targetsOk = (level: AlertLevel) => {
      const ts = targetsFor(p.alert.municipalityCode, level, p.q.itemId);
      if (ts.length === 0) return level === 'escalation';
      return ts.every((t) => delivered.has(`${p.alert.id}|${t.key}|${level}`));
    };
    const firstDone = p.alert.state !== 'open' || (p.levels.includes('first') && targetsOk('first'));
    const done = p.levels.filter((l) => (l === 'first' ? firstDone : firstDone && targetsOk('escalation')));
    const next = stateAfter(p.alert.state, done);
    if (next === 'notified' || next === 'escalated') {
      if (next !== p.alert.state) moves.push({ id: p.alert.id, state: next });
    }
  }
  await advanceAlerts(deps.db, moves, now);
  summary.notified = moves.filter((m) => m.state === 'notified').length;
  summary.escalated = moves.filter((m) => m.state === 'escalated').length;
  log.info(summary, 'alerts evaluated');
  return summary;
}
