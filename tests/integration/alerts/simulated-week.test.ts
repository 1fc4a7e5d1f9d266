import { afterAll, beforeAll, expect, test } from 'vitest';

import { addOfficeHours, DEFAULT_OFFICE_HOURS, isOfficeTime } from '../../../src/alerts/office-time.js';
import type { Digest } from '../../../src/alerts/digest.js';
import type { LiveVerdict, ThreadReader, ThreadReaders, VerifyQuestion } from '../../../src/alerts/verify.js';
import { fixedClock } from '../../../src/clock.js';
import type { Platform } from '../../../src/domain/records.js';
import { evaluateAlerts, type EvaluateAlertsDeps } from '../../../src/jobs/evaluate-alerts.js';
import { loadConfig } from '../../../config/env.js';
import { makeTokenCipher } from '../../../src/privacy/token-cipher.js';
import { addRecipient } from '../../../src/store/alert-recipients.js';
import { listAlerts } from '../../../src/store/alerts.js';
import { readRegister } from '../../../src/store/register.js';
import { silentLogger } from '../../helpers/silent-logger.js';
import { useTestDb } from '../../helpers/test-db.js';
import { makeBuilder } from './builder.js';

/**
 * A simulated week for 20 municipalities. Questions are asked at any hour of Monday 16 – Sunday 22 November
 * 2026 and answered on a schedule drawn from a seeded generator, far enough from the 4 and 16 office-hour
 * thresholds that the ground truth is unambiguous with a 15-minute evaluation interval:
 *   fast      answered within 0.1–3.5 office hours           → no alert
 *   removed   hidden within 0.2–3 office hours               → no alert
 *   late      answered after 4.5–12 office hours             → one first notice
 *   very late answered after 17–30 office hours              → one first notice + one escalation
 *   never     not answered                                   → one first notice + one escalation, then expiry
 * The scheduler is played by a fixed clock: every 15 minutes in office hours, every 3 hours outside them.
 */
const cipher = makeTokenCipher('test-secret-0123456789abcdef0123456789');
const oh = DEFAULT_OFFICE_HOURS;
const WEEK_START = new Date('2026-11-16T00:00:00+01:00').getTime();
const HOUR = 3_600_000;

type Fate = 'fast' | 'removed' | 'late' | 'very_late' | 'never';
type Truth = {
  marker: string;
  municipality: string;
  platform: Platform;
  askedAt: Date;
  fate: Fate;
  answerAt: Date | null;
  removedAt: Date | null;
  dueAt: Date;
  escalateAt: Date;
  escalationRecipient: boolean;
};

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

let testDb: Awaited<ReturnType<typeof useTestDb>>;
beforeAll(async () => {
  testDb = await useTestDb();
});
afterAll(async () => {
  await testDb.drop();
});

test('every overdue question alerts exactly once per level, no answered question alerts, within one interval', async () => {
  const db = testDb.db;
  const b = makeBuilder(db, cipher);
  const rand = rng(20261116);
  const between = (lo: number, hi: number) => lo + rand() * (hi - lo);
  const municipalities = readRegister().slice(0, 20);
  const platforms: Platform[] = ['facebook', 'youtube', 'x'];
  const truth: Truth[] = [];

  for (const [mi, m] of municipalities.entries()) {
    await addRecipient(
      db,
      cipher,
      { municipalityCode: m.code, level: 'first', channel: 'email', email: `post@k${m.code}.no` },
      new Date(WEEK_START),
    );
    const escalationRecipient = mi % 2 === 0;
    if (escalationRecipient) {
      await addRecipient(
        db,
        cipher,
        { municipalityCode: m.code, level: 'escalation', channel: 'email', email: `sjef@k${m.code}.no` },
        new Date(WEEK_START),
      );
    }
    const accounts = [platforms[mi % 3]!, ...(mi % 4 === 0 ? [platforms[(mi + 1) % 3]!] : [])];
    for (const platform of accounts) {
      const owner = `OWN${m.code}${platform}`;
      const acc = await b.account(m.code, platform, owner);
      const posts: string[] = [];
      for (let d = 0; d < 7; d++) {
        const p = await b.post(acc, platform, new Date(WEEK_START + d * 24 * HOUR + 7 * HOUR), {
          id: `P${m.code}${platform}${d}`,
          author: owner,
        });
        posts.push(p.externalId);
      }
      const n = 6 + Math.floor(rand() * 8);
      for (let k = 0; k < n; k++) {
        const askedAt = new Date(WEEK_START + Math.floor(rand() * 7 * 24 * 60) * 60_000);
        const post = posts[Math.min(6, Math.floor((askedAt.getTime() - WEEK_START) / (24 * HOUR)))]!;
        const marker = `Q-${m.code}-${platform}-${k}`;
        const r = rand();
        const fate: Fate = r < 0.35 ? 'fast' : r < 0.45 ? 'removed' : r < 0.7 ? 'late' : r < 0.8 ? 'very_late' : 'never';
        const answerAt =
          fate === 'fast'
            ? addOfficeHours(askedAt, between(0.1, 3.5), oh)
            : fate === 'late'
              ? addOfficeHours(askedAt, between(4.5, 12), oh)
              : fate === 'very_late'
                ? addOfficeHours(askedAt, between(17, 30), oh)
                : null;
        const removedAt = fate === 'removed' ? addOfficeHours(askedAt, between(0.2, 3), oh) : null;
        const q = await b.comment(acc, platform, post, askedAt, {
          id: `${marker}`,
          needsAnswer: true,
          text: `Spørsmål ${marker}?`,
          hiddenAt: removedAt,
        });
        // One in five residents sends a second line; it is the same turn and must not alert again.
        if (rand() < 0.2)
          await b.comment(acc, platform, q.externalId, new Date(askedAt.getTime() + 120_000), {
            id: `${marker}-b`,
            author: `r_${marker}`,
            text: '?',
            needsAnswer: true,
            hiddenAt: removedAt,
          });
        // Chatter that is not a question.
        if (rand() < 0.3) await b.comment(acc, platform, post, new Date(askedAt.getTime() + 60_000), { text: 'Takk for info!' });
        if (answerAt) await b.comment(acc, platform, q.externalId, answerAt, { role: 'owner', author: owner, text: 'Svar' });
        truth.push({
          marker,
          municipality: m.code,
          platform,
          askedAt,
          fate,
          answerAt,
          removedAt,
          dueAt: addOfficeHours(askedAt, 4, oh),
          escalateAt: addOfficeHours(askedAt, 16, oh),
          escalationRecipient,
        });
      }
    }
  }
  const byMarker = new Map(truth.map((t) => [t.marker, t]));

  // The platform as it is at the clock's time: answers and removals known from the ground truth.
  const clock = fixedClock(new Date(WEEK_START));
  const reader = (platform: Platform): ThreadReader => ({
    platform,
    read: async (q: VerifyQuestion): Promise<LiveVerdict> => {
      const t = byMarker.get(q.turnExternalIds[0] ?? '');
      if (!t) return { status: 'unknown', reason: 'not in truth' };
      const now = clock().getTime();
      if (t.answerAt && t.answerAt.getTime() <= now) return { status: 'answered', answeredAt: t.answerAt };
      if (t.removedAt && t.removedAt.getTime() <= now) return { status: 'hidden' };
      return { status: 'open' };
    },
  });
  const readers: ThreadReaders = { facebook: reader('facebook'), youtube: reader('youtube'), x: reader('x') };
  const sent: Array<{ to: string; at: Date; digest: Digest }> = [];
  const deps: EvaluateAlertsDeps = {
    db,
    log: silentLogger,
    clock,
    cfg: loadConfig({ LYTTEPOST_DASHBOARD_URL: 'https://lyttepost.example.no' }),
    cipher,
    readers,
    transports: {
      email: async (to, digest) => {
        sent.push({ to, at: clock(), digest });
      },
      webhook: async () => {
        throw new Error('no webhooks in this test');
      },
    },
  };

  // Play the scheduler from Monday 16 to Wednesday 25 November 16:00.
  const end = new Date('2026-11-25T16:00:00+01:00').getTime();
  let evaluations = 0;
  while (clock().getTime() <= end) {
    const now = clock();
    const office = isOfficeTime(now, oh);
    const sentBefore = sent.length;
    await evaluateAlerts({}, deps);
    evaluations++;
    if (!office) expect(sent.length).toBe(sentBefore);
    // One digest per recipient per evaluation.
    const tos = sent.slice(sentBefore).map((s) => s.to);
    expect(new Set(tos).size).toBe(tos.length);
    clock.advance(office || isOfficeTime(new Date(now.getTime() + 15 * 60_000), oh) ? 15 * 60_000 : 3 * HOUR);
    // Outside office hours step 3 h, but never past the next opening.
    const t = clock().getTime();
    const open = addOfficeHours(new Date(now.getTime()), 1 / 3_600_000, oh).getTime() - 1;
    if (!office && t > open && open > now.getTime()) clock.set(new Date(open));
  }

  // Every digest links to the dashboard's list of questions of each municipality it names, and to no other.
  for (const s of sent) {
    const codes = [...new Set(s.digest.entries.map((e) => e.municipalityCode))].sort();
    expect(s.digest.dashboard.map((d) => d.url).sort()).toEqual(codes.map((c) => `https://lyttepost.example.no/m/${c}/questions`));
    for (const d of s.digest.dashboard) expect(s.digest.text).toContain(d.url);
  }

  // Count every entry each question got, per level, against the ground truth.
  const first = new Map<string, Date[]>();
  const escalations = new Map<string, Date[]>();
  for (const s of sent) {
    for (const e of s.digest.entries) {
      const marker = /Q-\d{4}-[a-z]+-\d+/.exec(e.text ?? '')?.[0] ?? '';
      const map = s.to.startsWith('sjef@') ? escalations : first;
      map.set(marker, [...(map.get(marker) ?? []), s.at]);
      expect(e.level).toBe(s.to.startsWith('sjef@') ? 'escalation' : 'first');
    }
  }
  let expectedFirst = 0;
  let expectedEsc = 0;
  let falseAlerts = 0;
  let worstLatencyMin = 0;
  for (const t of truth) {
    const shouldFirst = t.fate === 'late' || t.fate === 'very_late' || t.fate === 'never';
    const shouldEsc = t.escalationRecipient && (t.fate === 'very_late' || t.fate === 'never');
    const got = first.get(t.marker) ?? [];
    const gotEsc = escalations.get(t.marker) ?? [];
    expect({ marker: t.marker, fate: t.fate, first: got.length }).toEqual({ marker: t.marker, fate: t.fate, first: shouldFirst ? 1 : 0 });
    expect({ marker: t.marker, fate: t.fate, esc: gotEsc.length }).toEqual({ marker: t.marker, fate: t.fate, esc: shouldEsc ? 1 : 0 });
    if (!shouldFirst) falseAlerts += got.length;
    if (shouldFirst) expectedFirst++;
    if (shouldEsc) expectedEsc++;
    if (got[0]) {
      const latency = (got[0].getTime() - t.dueAt.getTime()) / 60_000;
      expect(latency).toBeGreaterThanOrEqual(0);
      expect(latency).toBeLessThanOrEqual(15);
      worstLatencyMin = Math.max(worstLatencyMin, latency);
    }
    if (gotEsc[0]) {
      const latency = (gotEsc[0].getTime() - t.escalateAt.getTime()) / 60_000;
      expect(latency).toBeGreaterThanOrEqual(0);
      expect(latency).toBeLessThanOrEqual(15);
    }
  }
  const totalFirst = [...first.values()].reduce((n, l) => n + l.length, 0);
  const totalEsc = [...escalations.values()].reduce((n, l) => n + l.length, 0);
  expect(totalFirst).toBe(expectedFirst);
  expect(totalEsc).toBe(expectedEsc);
  expect(falseAlerts).toBe(0);
  expect(first.has('')).toBe(false);
  expect(truth.length).toBeGreaterThan(150);
  expect(expectedFirst).toBeGreaterThan(50);

  // A week later every unanswered alert has expired; answered and hidden ones resolved; nothing is sent.
  clock.set(new Date('2026-12-01T09:00:00+01:00'));
  const before = sent.length;
  await evaluateAlerts({}, deps);
  expect(sent.length).toBe(before);
  const states = (await listAlerts(db, { limit: 100_000 })).reduce<Record<string, number>>(
    (acc, a) => ({ ...acc, [`${a.state}:${a.resolution ?? ''}`]: (acc[`${a.state}:${a.resolution ?? ''}`] ?? 0) + 1 }),
    {},
  );
  expect(states['expired:expired']).toBe(truth.filter((t) => t.fate === 'never').length);
  expect(Object.keys(states).every((k) => k.startsWith('expired') || k.startsWith('resolved'))).toBe(true);

  console.info(
    `simulated week: ${municipalities.length} municipalities, ${truth.length} questions, ${evaluations} evaluations; ` +
      `first notices ${totalFirst}/${expectedFirst} expected, escalations ${totalEsc}/${expectedEsc}, false alerts ${falseAlerts}, ` +
      `digests ${sent.length}, worst latency ${worstLatencyMin.toFixed(1)} min; final states ${JSON.stringify(states)}`,
  );
}, 600_000);
