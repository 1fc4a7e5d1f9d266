/**
 * Alert routing by service topic (issue 25), over a loopback SMTP server: with a renovasjon recipient
 * registered, a renovasjon question's alert goes to that recipient only, and the municipality's general
 * recipient gets the rest. Also the CLI that registers the topic recipient.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';

import { loadConfig } from '../../../config/env.js';
import { fixedClock } from '../../../src/clock.js';
import { classifyItemTopics } from '../../../src/jobs/classify-topics.js';
import { evaluateAlerts, type EvaluateAlertsDeps } from '../../../src/jobs/evaluate-alerts.js';
import { makeTokenCipher } from '../../../src/privacy/token-cipher.js';
import { addRecipient, listRecipients } from '../../../src/store/alert-recipients.js';
import { routeByTopic } from '../../../src/alerts/topic-routing.js';
import { silentLogger } from '../../helpers/silent-logger.js';
import { useTestDb } from '../../helpers/test-db.js';
import { makeBuilder } from './builder.js';
import { startGraph, startSmtp } from './servers.js';

const SECRET = 'test-secret-0123456789abcdef0123456789';
const cipher = makeTokenCipher(SECRET);
const t = (s: string) => new Date(s);
const fb = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, '+0000');
const FRI_1500 = t('2026-11-13T15:00:00+01:00');
const MON_1115 = t('2026-11-16T11:15:00+01:00');

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let graph: Awaited<ReturnType<typeof startGraph>>;
let testDb: Awaited<ReturnType<typeof useTestDb>>;

beforeAll(async () => {
  smtp = await startSmtp();
  graph = await startGraph();
  testDb = await useTestDb();
});
afterAll(async () => {
  await smtp.stop();
  await graph.close();
  await testDb.drop();
});

test('routeByTopic: topic recipients take their topic; everything else goes to the general ones', () => {
  const general = { id: 'g', topic: null };
  const waste = { id: 'w', topic: 'renovasjon' };
  expect(routeByTopic([general, waste], 'renovasjon')).toEqual([waste]);
  expect(routeByTopic([general, waste], 'skole')).toEqual([general]);
  expect(routeByTopic([general, waste], null)).toEqual([general]);
  expect(routeByTopic([waste], 'skole')).toEqual([]);
});

test('a renovasjon question goes only to its topic recipient; the other question only to the general one', async () => {
  const db = testDb.db;
  const b = makeBuilder(db, cipher);
  const acc = await b.account('4601', 'facebook', 'PAGE', 'tok', 'bergenkommune');
  await addRecipient(db, cipher, { municipalityCode: '4601', level: 'first', channel: 'email', email: 'post@bergen.kommune.no' }, FRI_1500);
  await addRecipient(
    db,
    cipher,
    { municipalityCode: '4601', level: 'first', channel: 'email', email: 'kundeservice@bir.no', topic: 'renovasjon' },
    FRI_1500,
  );
  expect((await listRecipients(db, cipher, ['4601'])).map((r) => [r.channel === 'email' ? r.email : r.host, r.topic])).toEqual([
    ['post@bergen.kommune.no', null],
    ['kundeservice@bir.no', 'renovasjon'],
  ]);
  await b.post(acc, 'facebook', t('2026-11-13T09:00:00+01:00'), { id: 'P1' });
  await b.comment(acc, 'facebook', 'P1', FRI_1500, { id: 'Q1', needsAnswer: true, text: 'Når blir søppeldunken tømt i Fyllingsdalen?' });
  await b.comment(acc, 'facebook', 'P1', FRI_1500, { id: 'Q2', needsAnswer: true, text: 'Når åpner svømmehallen igjen?' });
  graph.threads.set('P1', {
    post: { from: 'PAGE', created_time: fb(t('2026-11-13T09:00:00+01:00')) },
    comments: ['Q1', 'Q2'].map((id) => ({ id, message: 'x', created_time: fb(FRI_1500), from: { id: `U${id}` } })),
  });
  await classifyItemTopics({}, { db, log: silentLogger, clock: fixedClock(FRI_1500) });

  const cfg = loadConfig({
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    SMTP_FROM: 'Lyttepost <varsel@lyttepost.test>',
    FACEBOOK_GRAPH_URL: graph.url,
    LYTTEPOST_SECRET: SECRET,
  });
  const deps: EvaluateAlertsDeps = {
    db,
    log: silentLogger,
    clock: fixedClock(MON_1115),
    cfg,
    cipher,
    http: { baseDelayMs: 1, maxDelayMs: 5 },
  };
  const s = await evaluateAlerts({ now: MON_1115 }, deps);
  expect(s).toMatchObject({ due: 2, digestsSent: 2, digestsFailed: 0, notified: 2 });
  const to = (addr: string) => smtp.mails.filter((m) => m.to.includes(addr));
  expect(smtp.mails).toHaveLength(2);
  expect(to('kundeservice@bir.no')).toHaveLength(1);
  expect(to('kundeservice@bir.no')[0]?.text).toContain('søppeldunken');
  expect(to('kundeservice@bir.no')[0]?.text).not.toContain('svømmehallen');
  expect(to('post@bergen.kommune.no')).toHaveLength(1);
  expect(to('post@bergen.kommune.no')[0]?.text).toContain('svømmehallen');
  expect(to('post@bergen.kommune.no')[0]?.text).not.toContain('søppeldunken');

  // Nothing is sent twice on the next evaluation.
  await evaluateAlerts({ now: MON_1115 }, deps);
  expect(smtp.mails).toHaveLength(2);
});
