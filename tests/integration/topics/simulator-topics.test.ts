/**
 * Topic figures end to end against the simulator (issue 25): 20 municipalities × 8 weeks. The truth's items
 * go into the store as its collection pass saw them (question labels from the truth, texts as written), the
 * topic job classifies them, and the figures per municipality, week and topic must equal — exactly — what
 * the truth's turns, answers and removals give with the stored topic labels. How often the stored labels
 * agree with what the simulated residents meant (topic-labels.ts) is measured and printed.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { fixedClock } from '../../../src/clock.js';
import { weekBounds, weekRange } from '../../../src/indicators/iso-week.js';
import { classifyItemTopics } from '../../../src/jobs/classify-topics.js';
import { groundTruth } from '../../../src/simulator/truth.js';
import { generateWorld } from '../../../src/simulator/world.js';
import { readTopicBlocks } from '../../../src/topics/figures.js';
import { TOPICS_VERSION } from '../../../src/topics/version.js';
import { silentLogger } from '../../helpers/silent-logger.js';
import { useTestDb } from '../../helpers/test-db.js';
import { storeTruth, TEST_CLASSIFIER } from '../indicators/builder.js';

const WEEKS = weekRange('2026-W02', '2026-W09');
const START = weekBounds(WEEKS[0] as string).start;
const END = weekBounds(WEEKS[WEEKS.length - 1] as string).end;

let t: Awaited<ReturnType<typeof useTestDb>>;
beforeAll(async () => {
  t = await useTestDb();
});
afterAll(async () => {
  await t.drop();
});

test('topic figures of 20 municipalities × 8 weeks match the truth’s turns with the stored labels', async () => {
  const world = generateWorld({ seed: 7, municipalities: 20, start: START, end: END });
  const truth = groundTruth(world, { now: END, passes: [END] });
  await storeTruth(t.db, truth, START, END);
  // storeTruth leaves texts out (the indicator engine needs none); the topic classifier reads them.
  const texts = truth.items.map((i) => ({ platform: i.platform, id: i.externalId, text: i.text }));
  await t.db.query(
    `update items i set text = x.text from jsonb_to_recordset($1::jsonb) as x(platform text, id text, text text)
     where i.platform = x.platform and i.external_id = x.id`,
    [JSON.stringify(texts)],
  );
  const clock = fixedClock(END);
  await classifyItemTopics({}, { db: t.db, log: silentLogger, clock });

  const { rows } = await t.db.query<{ platform: string; external_id: string; topics: string[] }>(
    `select i.platform, i.external_id, t.topics from items i join item_topics t on t.item_id = i.id and t.topics_version = $1`,
    [TOPICS_VERSION],
  );
  const stored = new Map(rows.map((r) => [`${r.platform}:${r.external_id}`, r.topics]));
  const municipalityOf = new Map(truth.accounts.map((a) => [a.externalId, a.municipalityCode]));

  // Expected figures from the truth: question turns (first item), the stored topics of their items, answered
  // within 7 days, and still open at END (no answer, not every item removed as the pass saw it).
  type Want = { questions: number; answered: number; open: number };
  const want = new Map<string, Want>();
  const turnItems = new Map<string, typeof truth.items>();
  for (const i of truth.items) {
    if (i.authorRole !== 'citizen' || i.turnExternalId === null) continue;
    const k = `${i.platform}:${i.turnExternalId}`;
    turnItems.set(k, [...(turnItems.get(k) ?? []), i]);
  }
  let agreePrimary = 0;
  let agreeSet = 0;
  let questions = 0;
  let simLabelled = 0;
  for (const i of truth.items) {
    if (i.authorRole !== 'citizen' || !i.turnIsQuestion || i.turnExternalId !== i.externalId) continue;
    if (!WEEKS.includes(i.week)) continue;
    const items = turnItems.get(`${i.platform}:${i.externalId}`) ?? [i];
    const topics: string[] = [];
    const sim: string[] = [];
    for (const x of items) {
      for (const tp of stored.get(`${x.platform}:${x.externalId}`) ?? []) if (!topics.includes(tp)) topics.push(tp);
      for (const tp of x.topics) if (!sim.includes(tp)) sim.push(tp);
    }
    const removed = items.every((x) => (x.hiddenSeenAt ?? x.deletedSeenAt) !== null);
    const m = municipalityOf.get(i.accountExternalId) as string;
    for (const tp of topics.length === 0 ? ['none'] : topics) {
      const k = `${m}|${i.week}|${tp}`;
      const w = want.get(k) ?? { questions: 0, answered: 0, open: 0 };
      w.questions++;
      if (i.answered) w.answered++;
      if (i.answeredAt === null && !removed) w.open++;
      want.set(k, w);
    }
    questions++;
    if (sim.length > 0) simLabelled++;
    if ((sim[0] ?? '-') === (topics[0] ?? '-')) agreePrimary++;
    if (sim.length === topics.length && sim.every((x) => topics.includes(x))) agreeSet++;
  }
  expect(questions).toBeGreaterThan(500);

  const blocks = await readTopicBlocks(t.db, { weeks: WEEKS, now: END, scope: 'municipality', classifierVersion: TEST_CLASSIFIER });
  const got = new Map<string, Want>();
  const municipalities = new Set<string>();
  for (const b of blocks) {
    expect(b.pending, `${b.id} ${b.week}`).toBe(0);
    municipalities.add(b.id);
    for (const f of b.topics)
      got.set(`${b.id}|${b.week}|${f.topic}`, {
        questions: f.questions ?? -1,
        answered: f.questions_answered ?? -1,
        open: f.unanswered_now ?? -1,
      });
  }
  expect(municipalities.size).toBe(20);
  expect(new Set(blocks.map((b) => b.week)).size).toBe(8);
  expect(Object.fromEntries(got)).toEqual(Object.fromEntries(want));

  const pct = (n: number) => `${((100 * n) / questions).toFixed(1)} %`;
  process.stdout.write(
    `\ntopics vs the simulator's labels: ${questions} questions (${simLabelled} about a service by the simulator's labels); ` +
      `primary topic agrees on ${agreePrimary} (${pct(agreePrimary)}), the whole set on ${agreeSet} (${pct(agreeSet)})\n`,
  );
  expect(agreePrimary / questions).toBeGreaterThan(0.5);
}, 300_000);
