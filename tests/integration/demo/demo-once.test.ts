import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { classifyCitizen } from '../../../src/classifier/citizen.js';
import { CLASSIFIER_VERSION } from '../../../src/classifier/version.js';
import type { DemoState } from '../../../src/demo/demo-state.js';
import type { SummaryRow } from '../../../src/demo/summary-table.js';
import { groundTruth } from '../../../src/simulator/truth.js';
import { generateWorld } from '../../../src/simulator/world.js';
import { isoWeekOf } from '../../../src/indicators/iso-week.js';
import { percentileCont } from '../../../src/indicators/percentile.js';
import { listCitizenLabels } from '../../../src/store/classifications.js';
import { openPglite } from '../../../src/store/db.js';
import type { Db } from '../../../src/store/db.js';
import { uniquePrefix } from '../../helpers/redis.js';
import { useTestDb, urlWithSchema } from '../../helpers/test-db.js';

const run = promisify(execFile);
const CLI = new URL('../../../bin/lyttepost.js', import.meta.url).pathname;
// Five minutes into Monday 23 November (Oslo): the last complete week is 2026-W47 (16–22 November), and all of
// it is still inside X's 7-day recent-search window, so every reply in it can be collected.
const NOW = '2026-11-22T23:05:00Z';
const WEEK = '2026-W47';

type Printed = { week: string; municipalities: SummaryRow[] };

async function runDemo(env: NodeJS.ProcessEnv): Promise<{ printed: Printed; stdout: string; stderr: string; dataDir: string }> {
  const dataDir = env.LYTTEPOST_DATA_DIR as string;
  const { stdout, stderr } = await run('node', [CLI, 'demo', '--once', '--municipalities', '5', '--now', NOW], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    timeout: 240_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  const printed = JSON.parse(readFileSync(path.join(dataDir, 'demo', `${WEEK}.json`), 'utf8')) as Printed;
  return { printed, stdout, stderr, dataDir };
}

/** needsAnswer of every stored citizen item, by `platform:externalId`, as the pipeline stored it. */
type Labels = Map<string, boolean>;

/**
 * Opens the demo's embedded database and checks the pipeline against the classifier itself: every stored
 * citizen item has a classification at CLASSIFIER_VERSION, and it is what `classifyCitizen` says about the
 * stored (scrubbed) text in the same reply context. Separately reports how often the classifier agrees with
 * the simulator's template labels; that is a figure about the simulator's texts, not a pass/fail check.
 */
async function checkStoredLabels(dataDir: string, shared?: Db): Promise<Labels> {
  const db = shared ?? (await openPglite(path.join(dataDir, 'pglite')));
  try {
    const rows = await listCitizenLabels(db, CLASSIFIER_VERSION);
    expect(rows.length).toBeGreaterThan(100);
    const labels: Labels = new Map();
    const disagreements: string[] = [];
    for (const r of rows) {
      expect(r.needsAnswer, `${r.platform}:${r.externalId} has no ${CLASSIFIER_VERSION} classification`).not.toBeNull();
      const c = classifyCitizen(r.text ?? '', { replyToCitizen: r.replyToCitizen });
      if (c.needsAnswer !== r.needsAnswer || c.kind !== r.kind || c.lang !== r.lang) disagreements.push(`${r.platform}:${r.externalId}`);
      labels.set(labelKey(r.platform, r.externalId), r.needsAnswer === true);
    }
    expect(disagreements).toEqual([]);
    return labels;
  } finally {
    if (!shared) await db.close();
  }
}

/**
 * The key of an item in both the store and the simulator's truth. A Bluesky resident's post is stored under its
 * AT-URI with their DID pseudonymised (the truth has the raw DID), so Bluesky items are keyed by record key.
 */
function labelKey(platform: string, externalId: string): string {
  return platform === 'bluesky' ? `bluesky:${externalId.split('/').pop() ?? externalId}` : `${platform}:${externalId}`;
}

function reportSimulatorAgreement(dataDir: string, labels: Labels): void {
  const state = JSON.parse(readFileSync(path.join(dataDir, 'demo', 'state.json'), 'utf8')) as DemoState;
  const world = generateWorld({
    seed: state.seed,
    municipalities: state.municipalities,
    start: new Date(state.start),
    end: new Date(state.end),
  });
  const truth = groundTruth(world, { now: new Date(NOW), includeItems: true });
  let n = 0;
  let agree = 0;
  for (const it of truth.items) {
    const stored = labels.get(labelKey(it.platform, it.externalId));
    if (it.authorRole !== 'citizen' || stored === undefined) continue;
    n++;
    if (stored === it.needsAnswer) agree++;
  }
  console.log(
    `[demo] classifier ${CLASSIFIER_VERSION} agrees with the simulator's template labels on ${agree}/${n} stored citizen items (${((100 * agree) / Math.max(1, n)).toFixed(1)} %)`,
  );
  expect(n).toBeGreaterThan(100);
}

/**
 * What the printed week must say, from the simulator's ground truth for the same world and instant, as a
 * backfill at that instant can see it: an item a resident deleted before the backfill never reached Lyttepost.
 * Whether a turn is a question comes from the pipeline's stored labels (checked against the classifier in
 * `checkStoredLabels`), not from the simulator's template labels, so this checks turns, answers and times.
 */
function expectedFromTruth(
  dataDir: string,
  labels: Labels,
): Map<string, { questions: number; answered: number; times: number[]; citizen: number; owner: number }> {
  const state = JSON.parse(readFileSync(path.join(dataDir, 'demo', 'state.json'), 'utf8')) as DemoState;
  const world = generateWorld({
    seed: state.seed,
    municipalities: state.municipalities,
    start: new Date(state.start),
    end: new Date(state.end),
  });
  const now = new Date(NOW).getTime();
  const truth = groundTruth(world, { now: new Date(NOW), includeItems: true });
  const municipalityOf = new Map(truth.accounts.map((a) => [a.externalId, a.municipalityCode]));
  const out = new Map<string, { questions: number; answered: number; times: number[]; citizen: number; owner: number }>();
  for (const code of new Set(municipalityOf.values())) out.set(code, { questions: 0, answered: 0, times: [], citizen: 0, owner: 0 });
  const turns = new Map<string, { code: string; at: number; question: boolean; answeredAt: number | null; answered: boolean }>();
  for (const it of truth.items) {
    if (it.deletedAt && new Date(it.deletedAt).getTime() <= now) continue;
    const needsAnswer = labels.get(labelKey(it.platform, it.externalId)) ?? false;
    const m = out.get(municipalityOf.get(it.accountExternalId) ?? '')!;
    const at = new Date(it.createdAt).getTime();
    if (it.week === WEEK) {
      if (it.authorRole === 'owner') m.owner++;
      else m.citizen++;
    }
    if (it.authorRole !== 'citizen' || !it.turnExternalId) continue;
    const t = turns.get(it.turnExternalId);
    if (!t || at < t.at) {
      turns.set(it.turnExternalId, {
        code: municipalityOf.get(it.accountExternalId) ?? '',
        at,
        question: (t?.question ?? false) || needsAnswer,
        answeredAt: it.answeredAt ? new Date(it.answeredAt).getTime() : null,
        answered: it.answered,
      });
    } else if (needsAnswer) t.question = true;
  }
  const weekOf = (ms: number) => isoWeekOf(new Date(ms));
  for (const t of turns.values()) {
    if (!t.question || weekOf(t.at) !== WEEK) continue;
    const m = out.get(t.code)!;
    m.questions++;
    if (t.answered && t.answeredAt !== null && t.answeredAt <= now) {
      m.answered++;
      m.times.push((t.answeredAt - t.at) / 3_600_000);
    }
  }
  return out;
}

function checkAgainstTruth(printed: Printed, dataDir: string, labels: Labels): void {
  const truth = expectedFromTruth(dataDir, labels);
  expect(printed.week).toBe(WEEK);
  expect(printed.municipalities.map((m) => m.municipality).sort()).toEqual([...truth.keys()].sort());
  for (const row of printed.municipalities) {
    const t = truth.get(row.municipality)!;
    const label = `${row.municipality} ${row.name}`;
    expect(row.questions, label).toBe(t.questions);
    expect(row.response_rate, label).toBe(t.questions === 0 ? null : t.answered / t.questions);
    const median = t.times.length === 0 ? null : percentileCont(t.times, 0.5);
    if (median === null) expect(row.response_time_median_h, label).toBeNull();
    else expect(row.response_time_median_h!, label).toBeCloseTo(median, 9);
    const denominator = t.citizen + t.owner;
    if (denominator === 0) expect(row.citizen_share, label).toBeNull();
    else expect(row.citizen_share!, label).toBeCloseTo(t.citizen / denominator, 9);
  }
}

describe('lyttepost demo --once on the embedded database', () => {
  test('prints the last complete week and it matches the simulator ground truth', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'lyttepost-demo-'));
    const { printed, stdout, stderr } = await runDemo({ LYTTEPOST_DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '' });
    expect(stdout).toContain(`Lyttepost – uke 47 (${WEEK})`);
    expect(stdout).toContain('Svarandel');
    // One language per run: bokmål by default, every line of it.
    expect(stderr).toContain('Lager den simulerte verdenen');
    for (const english of ['simulated world', 'Platform simulator', 'registered', 'Saved as', 'posts and comments'])
      expect(stdout + stderr).not.toContain(english);
    expect(printed.municipalities).toHaveLength(5);
    const labels = await checkStoredLabels(dataDir);
    reportSimulatorAgreement(dataDir, labels);
    checkAgainstTruth(printed, dataDir, labels);
    // A second start reuses the database and the world, and prints the same week — in English when asked.
    const second = await runDemo({ LYTTEPOST_DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '', LYTTEPOST_LANG: 'en' });
    expect(second.stderr).toContain('Reusing the simulated world');
    expect(second.stdout).toContain(`Lyttepost – week 47 (${WEEK})`);
    expect(second.stdout).toContain('Response rate');
    for (const norwegian of ['verden', 'Plattformsimulator', 'registrert', 'Lagret som', 'Henter historikk', 'uke', 'Svarandel']) {
      expect(second.stdout + second.stderr).not.toContain(norwegian);
    }
    expect(second.printed.municipalities).toEqual(printed.municipalities);

    // Killed during the backfill and started again: the same numbers as the uninterrupted run.
    const killedDir = mkdtempSync(path.join(tmpdir(), 'lyttepost-demo-killed-'));
    await new Promise<void>((resolve, reject) => {
      const child = spawn('node', [CLI, 'demo', '--once', '--municipalities', '5', '--now', NOW], {
        env: { ...process.env, LOG_LEVEL: 'warn', LYTTEPOST_DATA_DIR: killedDir, DATABASE_URL: '', REDIS_URL: '' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let err = '';
      child.stderr!.on('data', (d: Buffer) => {
        err += d.toString();
        // Kill once a few accounts are done but the backfill is not.
        const m = /Henter historikk \[[#.]+\] (\d+)\/(\d+)/g;
        let last: RegExpExecArray | null = null;
        for (let x = m.exec(err); x; x = m.exec(err)) last = x;
        if (last && Number(last[1]) >= 3 && Number(last[1]) < Number(last[2])) child.kill('SIGKILL');
      });
      child.on('exit', (code, signal) =>
        signal === 'SIGKILL' ? resolve() : reject(new Error(`demo ended before it could be killed (${code}): ${err.slice(-500)}`)),
      );
    });
    const resumed = await runDemo({ LYTTEPOST_DATA_DIR: killedDir, DATABASE_URL: '', REDIS_URL: '' });
    expect(resumed.stdout).toContain('uke 47');
    expect(resumed.printed.municipalities).toEqual(printed.municipalities);
  }, 900_000);
});

describe.runIf(process.env.DATABASE_URL && process.env.REDIS_URL)('lyttepost demo --once on Postgres and BullMQ', () => {
  let t: Awaited<ReturnType<typeof useTestDb>>;
  beforeAll(async () => {
    t = await useTestDb();
  });
  afterAll(async () => t.drop());

  test('gives the same ground-truth week through BullMQ workers', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'lyttepost-demo-pg-'));
    const { printed } = await runDemo({
      LYTTEPOST_DATA_DIR: dataDir,
      DATABASE_URL: urlWithSchema(t.url as string, t.schema as string),
      LYTTEPOST_SECRET: 'demo-test-secret-0123456789abcdef012345',
      REDIS_URL: process.env.REDIS_URL as string,
      LYTTEPOST_QUEUE_PREFIX: uniquePrefix(),
    });
    checkAgainstTruth(printed, dataDir, await checkStoredLabels(dataDir, t.db));
  }, 600_000);
});
