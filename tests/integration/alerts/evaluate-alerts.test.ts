import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';

import { loadConfig } from '../../../config/env.js';
import { fixedClock } from '../../../src/clock.js';
import { evaluateAlerts, type EvaluateAlertsDeps } from '../../../src/jobs/evaluate-alerts.js';
import { makeTokenCipher } from '../../../src/privacy/token-cipher.js';
import { addRecipient } from '../../../src/store/alert-recipients.js';
import { listAlerts } from '../../../src/store/alerts.js';
import type { Db } from '../../../src/store/db.js';
import { silentLogger } from '../../helpers/silent-logger.js';
import { useTestDb } from '../../helpers/test-db.js';
import { makeBuilder } from './builder.js';
import { startGraph, startSmtp, startWebhook, type GraphWireComment } from './servers.js';

const SECRET = 'test-secret-0123456789abcdef0123456789';
const cipher = makeTokenCipher(SECRET);
const t = (s: string) => new Date(s);
const fb = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, '+0000');

// 2026-11-13 is a Friday; 4 office hours after Friday 15:00 is Monday 2026-11-16 11:15 (CET).
const FRI_1500 = t('2026-11-13T15:00:00+01:00');
const MON_1114 = t('2026-11-16T11:14:00+01:00');
const MON_1115 = t('2026-11-16T11:15:00+01:00');
const MON_1130 = t('2026-11-16T11:30:00+01:00');

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let hook: Awaited<ReturnType<typeof startWebhook>>;
let graph: Awaited<ReturnType<typeof startGraph>>;
let testDb: Awaited<ReturnType<typeof useTestDb>>;
let db: Db;

beforeAll(async () => {
  smtp = await startSmtp();
  hook = await startWebhook();
  graph = await startGraph();
});
afterAll(async () => {
  await smtp.stop();
  await hook.close();
  await graph.close();
});
beforeEach(async () => {
  testDb = await useTestDb();
  db = testDb.db;
  smtp.mails.length = 0;
  hook.bodies.length = 0;
  hook.failWith = null;
  graph.threads.clear();
  graph.calls.length = 0;
});
afterEach(async () => {
  await testDb.drop();
});

function deps(): EvaluateAlertsDeps {
  const cfg = loadConfig({
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    SMTP_FROM: 'Lyttepost <varsel@lyttepost.test>',
    FACEBOOK_GRAPH_URL: graph.url,
    LYTTEPOST_SECRET: SECRET,
  });
  return { db, log: silentLogger, clock: fixedClock(MON_1115), cfg, cipher, http: { baseDelayMs: 1, maxDelayMs: 5 } };
}

/** Bergen (4601): one Facebook Page, first notices by e-mail and Slack webhook, escalations by e-mail. */
async function bergen() {
  const b = makeBuilder(db, cipher);
  const acc = await b.account('4601', 'facebook', 'PAGE', 'tok', 'bergenkommune');
  await addRecipient(db, cipher, { municipalityCode: '4601', level: 'first', channel: 'email', email: 'post@bergen.kommune.no' }, FRI_1500);
  await addRecipient(db, cipher, { municipalityCode: '4601', level: 'first', channel: 'webhook', kind: 'slack', url: hook.url }, FRI_1500);
  await addRecipient(
    db,
    cipher,
    { municipalityCode: '4601', level: 'escalation', channel: 'email', email: 'sjef@bergen.kommune.no' },
    FRI_1500,
  );
  return { b, acc };
}

/** Mirrors stored comments of a post on the fake Graph (what the platform shows). */
function live(
  postId: string,
  comments: Array<{ id: string; at: Date; owner?: boolean; parent?: string; hidden?: boolean }>,
  post: { citizen?: boolean; hidden?: boolean } = {},
) {
  graph.threads.set(postId, {
    post: {
      from: post.citizen ? 'USER9' : 'PAGE',
      created_time: fb(t('2026-11-13T09:00:00+01:00')),
      ...(post.hidden ? { is_hidden: true } : {}),
    },
    comments: comments.map((c): GraphWireComment => ({
      id: c.id,
      message: 'x',
      created_time: fb(c.at),
      from: { id: c.owner ? 'PAGE' : `U${c.id}` },
      ...(c.parent ? { parent: { id: c.parent } } : {}),
      ...(c.hidden ? { is_hidden: true } : {}),
    })),
  });
}

describe('digests', () => {
  test('arrive once, with the right questions, by e-mail and webhook; escalation goes to the second recipient', async () => {
    const { b, acc } = await bergen();
    await b.post(acc, 'facebook', t('2026-11-13T09:00:00+01:00'), { id: 'P1' });
    await b.comment(acc, 'facebook', 'P1', FRI_1500, { id: 'Q1', needsAnswer: true, text: 'Når åpner svømmehallen igjen?' });
    await b.comment(acc, 'facebook', 'P1', FRI_1500, { id: 'Q2', needsAnswer: true, text: 'Hvor søker jeg om parkeringstillatelse?' });
    await b.comment(acc, 'facebook', 'Q2', t('2026-11-16T09:00:00+01:00'), { id: 'A2', role: 'owner', text: 'Her: …' });
    await b.comment(acc, 'facebook', 'P1', FRI_1500, { id: 'C3', needsAnswer: false, text: 'Flott bilde!' });
    live('P1', [
      { id: 'Q1', at: FRI_1500 },
      { id: 'Q2', at: FRI_1500 },
      { id: 'A2', at: t('2026-11-16T09:00:00+01:00'), owner: true, parent: 'Q2' },
      { id: 'C3', at: FRI_1500 },
    ]);

    const before = await evaluateAlerts({ now: MON_1114 }, deps());
    expect(before).toMatchObject({ openQuestions: 1, alertsCreated: 1, due: 0, digestsSent: 0 });
    expect(smtp.mails).toHaveLength(0);

    const s = await evaluateAlerts({ now: MON_1115 }, deps());
    expect(s).toMatchObject({ due: 1, digestsSent: 2, digestsFailed: 0, notified: 1, platformCalls: 1 });
    expect(s.verified.open).toBe(1);
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(mail.to).toEqual(['post@bergen.kommune.no']);
    expect(mail.text).toContain('Lyttepost: 1 ubesvart spørsmål fra innbyggere – Bergen');
    expect(mail.text).toContain('«Når åpner svømmehallen igjen?»');
    expect(mail.text).toContain('Facebook – bergenkommune (Bergen)');
    expect(mail.text).toContain('Spurt fre. 13. nov kl. 15:00 · frist man. 16. nov kl. 11:15 · har ventet 4 t arbeidstid');
    expect(mail.text).toContain('https://example.test/facebook/Q1');
    expect(mail.text).not.toContain('parkeringstillatelse');
    expect(mail.text).not.toContain('Flott bilde');
    expect(hook.bodies).toHaveLength(1);
    const slack = JSON.stringify(hook.bodies[0]);
    expect(slack).toContain('Når åpner svømmehallen igjen?');
    expect(slack).not.toContain('parkeringstillatelse');
    expect((hook.bodies[0] as { blocks: unknown[] }).blocks.length).toBeGreaterThan(1);

    // Never twice for the same state.
    const again = await evaluateAlerts({ now: MON_1130 }, deps());
    expect(again).toMatchObject({ due: 0, digestsSent: 0 });
    expect(smtp.mails).toHaveLength(1);
    expect(hook.bodies).toHaveLength(1);

    // 16 office hours after Friday 15:00 is Tuesday 15:30: the escalation goes to the second recipient only.
    const esc = await evaluateAlerts({ now: t('2026-11-17T15:30:00+01:00') }, deps());
    expect(esc).toMatchObject({ due: 1, digestsSent: 1, escalated: 1 });
    expect(smtp.mails).toHaveLength(2);
    expect(smtp.mails[1]!.to).toEqual(['sjef@bergen.kommune.no']);
    expect(smtp.mails[1]!.text).toContain('Eskalert');
    expect(smtp.mails[1]!.text).toContain('(1 eskalert)');
    expect(hook.bodies).toHaveLength(1);
    await evaluateAlerts({ now: t('2026-11-17T15:45:00+01:00') }, deps());
    expect(smtp.mails).toHaveLength(2);

    const [alert] = await listAlerts(db, { municipality: '4601' });
    expect(alert).toMatchObject({ state: 'escalated', dedupeKey: expect.stringMatching(/^unanswered:\d+$/) });
    expect(alert!.notifiedAt?.toISOString()).toBe(MON_1115.toISOString());
    expect(alert!.escalatedAt?.toISOString()).toBe(t('2026-11-17T15:30:00+01:00').toISOString());

    // Answer collected → resolved; expiry after 7 days is covered in the week test.
    await b.comment(acc, 'facebook', 'Q1', t('2026-11-18T09:00:00+01:00'), { id: 'A1', role: 'owner' });
    const res = await evaluateAlerts({ now: t('2026-11-18T09:15:00+01:00') }, deps());
    expect(res.resolved).toBe(1);
    expect((await listAlerts(db, { municipality: '4601' }))[0]).toMatchObject({ state: 'resolved', resolution: 'answered' });
  });
});

describe('live re-read before sending', () => {
  test('a question answered, deleted or hidden since the last sync is not alerted and its alert resolves', async () => {
    const { b, acc } = await bergen();
    await b.post(acc, 'facebook', t('2026-11-13T09:00:00+01:00'), { id: 'P1' });
    await b.post(acc, 'facebook', t('2026-11-13T09:00:00+01:00'), { id: 'P2' });
    await b.comment(acc, 'facebook', 'P1', FRI_1500, { id: 'Q5', needsAnswer: true, text: 'Spørsmål fem: besvart etter sync' });
    await b.comment(acc, 'facebook', 'P1', FRI_1500, { id: 'Q6', needsAnswer: true, text: 'Spørsmål seks: slettet' });
    await b.comment(acc, 'facebook', 'P2', FRI_1500, { id: 'Q7', needsAnswer: true, text: 'Spørsmål sju: skjult' });
    await b.comment(acc, 'facebook', 'P2', FRI_1500, { id: 'Q8', needsAnswer: true, text: 'Spørsmål åtte: fortsatt åpent' });
    await b.post(acc, 'facebook', FRI_1500, { id: 'V9', role: 'citizen', needsAnswer: true, text: 'Spørsmål ni: besøksinnlegg' });
    // The platform now: an owner reply under Q5 (made at 11:00, after the last sync), Q6 gone, Q7 hidden.
    live('P1', [
      { id: 'Q5', at: FRI_1500 },
      { id: 'R5', at: t('2026-11-16T11:00:00+01:00'), owner: true, parent: 'Q5' },
    ]);
    live('P2', [
      { id: 'Q7', at: FRI_1500, hidden: true },
      { id: 'Q8', at: FRI_1500 },
    ]);
    live('V9', [], { citizen: true });

    const s = await evaluateAlerts({ now: MON_1115 }, deps());
    expect(s.verified).toEqual({ open: 2, answered: 1, deleted: 1, hidden: 1, unknown: 0 });
    expect(s).toMatchObject({ due: 5, resolved: 3, notified: 2, platformCalls: 5 });
    expect(graph.calls).toContain('/v24.0/V9');
    expect(smtp.mails).toHaveLength(1);
    const text = smtp.mails[0]!.text;
    expect(text).toContain('Spørsmål åtte');
    expect(text).toContain('Spørsmål ni');
    expect(text).not.toContain('Spørsmål fem');
    expect(text).not.toContain('Spørsmål seks');
    expect(text).not.toContain('Spørsmål sju');
    const byRes = (await listAlerts(db, {})).map((a) => `${a.state}:${a.resolution ?? ''}`).sort();
    expect(byRes).toEqual(['notified:', 'notified:', 'resolved:answered', 'resolved:deleted', 'resolved:hidden']);
  });

  test('when the platform cannot be reached, the alert goes out on the stored state, marked as not re-checked', async () => {
    const { b, acc } = await bergen();
    await b.post(acc, 'facebook', t('2026-11-13T09:00:00+01:00'), { id: 'P1' });
    await b.comment(acc, 'facebook', 'P1', FRI_1500, { id: 'Q1', needsAnswer: true, text: 'Når tømmes søpla?' });
    const d = deps();
    const s = await evaluateAlerts({ now: MON_1115 }, { ...d, cfg: { ...d.cfg, FACEBOOK_GRAPH_URL: 'http://127.0.0.1:9' } });
    expect(s.verified.unknown).toBe(1);
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]!.text).toContain('ikke kontrollert mot plattformen nå');
  });
});

describe('failed delivery', () => {
  test('SMTP down and webhook 500: nothing changes, the next evaluation sends each digest once', async () => {
    const { b, acc } = await bergen();
    await b.post(acc, 'facebook', t('2026-11-13T09:00:00+01:00'), { id: 'P1' });
    await b.comment(acc, 'facebook', 'P1', FRI_1500, { id: 'Q1', needsAnswer: true, text: 'Når kommer brøytebilen?' });
    live('P1', [{ id: 'Q1', at: FRI_1500 }]);

    await smtp.stop();
    hook.failWith = 500;
    const failed = await evaluateAlerts({ now: MON_1115 }, deps());
    expect(failed).toMatchObject({ digestsSent: 0, digestsFailed: 2, notified: 0 });
    expect((await listAlerts(db, {}))[0]).toMatchObject({ state: 'open', notifiedAt: null });
    const { rows } = await db.query('select * from alert_deliveries');
    expect(rows).toHaveLength(0);

    await smtp.start();
    hook.failWith = null;
    const retried = await evaluateAlerts({ now: MON_1130 }, deps());
    expect(retried).toMatchObject({ digestsSent: 2, digestsFailed: 0, notified: 1 });
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]!.text).toContain('brøytebilen');
    expect(hook.bodies).toHaveLength(1);
    await evaluateAlerts({ now: t('2026-11-16T11:45:00+01:00') }, deps());
    expect(smtp.mails).toHaveLength(1);
    expect(hook.bodies).toHaveLength(1);
  });

  test('one channel failing: the other is not sent again; the failed one gets it next time', async () => {
    const { b, acc } = await bergen();
    await b.post(acc, 'facebook', t('2026-11-13T09:00:00+01:00'), { id: 'P1' });
    await b.comment(acc, 'facebook', 'P1', FRI_1500, { id: 'Q1', needsAnswer: true, text: 'Når er biblioteket åpent?' });
    live('P1', [{ id: 'Q1', at: FRI_1500 }]);

    hook.failWith = 500;
    const first = await evaluateAlerts({ now: MON_1115 }, deps());
    expect(first).toMatchObject({ digestsSent: 1, digestsFailed: 1, notified: 0 });
    expect(smtp.mails).toHaveLength(1);
    hook.failWith = null;
    const second = await evaluateAlerts({ now: MON_1130 }, deps());
    expect(second).toMatchObject({ digestsSent: 1, digestsFailed: 0, notified: 1 });
    expect(smtp.mails).toHaveLength(1);
    expect(hook.bodies).toHaveLength(1);
    expect(JSON.stringify(hook.bodies[0])).toContain('biblioteket');
  });

  test('what fails at closing time waits through the weekend and goes out at Monday 08:00', async () => {
    const { b, acc } = await bergen();
    await b.post(acc, 'facebook', t('2026-11-13T09:00:00+01:00'), { id: 'P1' });
    // Friday 11:45 + 4 office hours = Friday 15:45, the closing instant.
    await b.comment(acc, 'facebook', 'P1', t('2026-11-13T11:45:00+01:00'), { id: 'Q1', needsAnswer: true, text: 'Hvem tar telefonen?' });
    live('P1', [{ id: 'Q1', at: t('2026-11-13T11:45:00+01:00') }]);
    await smtp.stop();
    hook.failWith = 500;
    expect(await evaluateAlerts({ now: t('2026-11-13T15:45:00+01:00') }, deps())).toMatchObject({ due: 1, digestsFailed: 2 });
    await smtp.start();
    hook.failWith = null;
    for (const at of ['2026-11-13T16:00:00+01:00', '2026-11-13T23:00:00+01:00', '2026-11-14T10:00:00+01:00', '2026-11-16T07:45:00+01:00']) {
      const s = await evaluateAlerts({ now: t(at) }, deps());
      expect(s).toMatchObject({ due: 0, heldOutsideOfficeHours: 1, digestsSent: 0, platformCalls: 0 });
    }
    expect(smtp.mails).toHaveLength(0);
    const monday = await evaluateAlerts({ now: t('2026-11-16T08:00:00+01:00') }, deps());
    expect(monday).toMatchObject({ digestsSent: 2, notified: 1 });
    expect(smtp.mails).toHaveLength(1);
  });
});

describe('latency', () => {
  test('with an evaluation every 15 minutes, every question is delivered within 15 minutes of falling due', async () => {
    const { b, acc } = await bergen();
    await b.post(acc, 'facebook', t('2026-11-16T07:00:00+01:00'), { id: 'P1' });
    // Asked Monday 08:00 + k·37 min (k = 0…10): due 12:00 + k·37 min, crossing into Tuesday.
    const asked = Array.from({ length: 11 }, (_, k) => new Date(t('2026-11-16T08:00:00+01:00').getTime() + k * 37 * 60_000));
    const comments: Array<{ id: string; at: Date }> = [];
    for (const [k, at] of asked.entries()) {
      await b.comment(acc, 'facebook', 'P1', at, { id: `L${k}`, needsAnswer: true, text: `Latens ${k}` });
      comments.push({ id: `L${k}`, at });
    }
    live('P1', comments);
    const clock = fixedClock(t('2026-11-16T08:00:00+01:00'));
    const end = t('2026-11-17T15:45:00+01:00').getTime();
    const sentAt = new Map<string, Date>();
    while (clock().getTime() <= end) {
      const before = smtp.mails.length;
      await evaluateAlerts({}, { ...deps(), clock });
      for (const m of smtp.mails.slice(before)) for (const k of m.text.matchAll(/Latens (\d+)/g)) sentAt.set(k[1]!, clock());
      clock.advance(15 * 60_000);
    }
    expect(sentAt.size).toBe(11);
    const alerts = await listAlerts(db, {});
    let worst = 0;
    for (const a of alerts) {
      const delay = (a.notifiedAt!.getTime() - a.dueAt.getTime()) / 60_000;
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(15);
      worst = Math.max(worst, delay);
    }
    expect(worst).toBeGreaterThan(0);
  });
});
