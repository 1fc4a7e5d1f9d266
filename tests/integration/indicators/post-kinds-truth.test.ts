import { afterAll, beforeAll, expect, test } from 'vitest';

import { classifyPost } from '../../../src/classifier/post-kind.js';
import { weekBounds, weekRange } from '../../../src/indicators/iso-week.js';
import { postKindScopes, type KindScope } from '../../../src/indicators/post-kind-figures.js';
import { groundTruth, type TruthItem } from '../../../src/simulator/truth.js';
import { generateWorld } from '../../../src/simulator/world.js';
import { importPopulation } from '../../../src/store/population.js';
import { computeIndicators } from '../../../src/jobs/compute-indicators.js';
import { readPostKindSums, readPostKindWeeks, type PostKindCountRow } from '../../../src/store/post-kind-weeks.js';
import { silentLogger } from '../../helpers/silent-logger.js';
import { useTestDb } from '../../helpers/test-db.js';
import { storeTruth, TEST_CLASSIFIER } from './builder.js';

/**
 * Post types against the simulator's ground truth: 20 municipalities × 8 weeks, a live run (a pass every 6
 * hours). The truth's items are stored as the collectors leave them; each broadcast post gets the label the
 * real post-kind classifier gives its text, as the classify job stores it. Then:
 *
 * 1. the pipeline's figures (store read + scope aggregation) must equal, exactly, the figures computed here
 *    from the truth's threads, turns and answers with those stored labels — every municipality, size band and
 *    the sector, every kind;
 * 2. the classifier's labels are compared with the simulator's true kinds (the truth's `job` is the
 *    classifier's `other`) and the agreement is reported and bounded from below — that is the classifier's
 *    accuracy on simulator text, kept apart from the arithmetic (docs/indicators.md, "Post types").
 */
const WEEKS = weekRange('2026-W02', '2026-W09');
const START = weekBounds(WEEKS[0] as string).start;
const END = weekBounds(WEEKS[WEEKS.length - 1] as string).end;
const DAY = 86_400_000;

let t: Awaited<ReturnType<typeof useTestDb>>;
beforeAll(async () => {
  t = await useTestDb();
  await importPopulation(t.db);
});
afterAll(async () => {
  await t.drop();
});

/** The counts the store should return, computed from the truth's items with the given label per post. */
function expectedCounts(
  items: readonly TruthItem[],
  label: (post: TruthItem) => string,
  muniOf: (acc: string) => string,
): PostKindCountRow[] {
  const out = new Map<string, PostKindCountRow>();
  const byRoot = new Map<string, TruthItem[]>();
  for (const i of items) {
    const k = `${i.platform}|${i.rootExternalId}`;
    const list = byRoot.get(k);
    if (list) list.push(i);
    else byRoot.set(k, [i]);
  }
  for (const p of items) {
    if (p.kind !== 'post' || p.authorRole !== 'owner') continue;
    const at = Date.parse(p.createdAt);
    if (at < START.getTime() || at >= END.getTime()) continue;
    const thread = (byRoot.get(`${p.platform}|${p.externalId}`) ?? []).filter((i) => i.authorRole === 'citizen');
    const within = (i: TruthItem) => Date.parse(i.createdAt) <= at + 7 * DAY;
    const comments = thread.filter(within).length;
    const questions = thread.filter((i) => within(i) && i.turnIsQuestion && i.turnExternalId === i.externalId);
    const answered = questions.filter((i) => i.answered).length;
    const key = `${p.accountExternalId}|${p.week}|${label(p)}`;
    const r = out.get(key) ?? {
      accountId: p.accountExternalId,
      municipalityCode: muniOf(p.accountExternalId),
      platform: p.platform,
      week: p.week,
      kind: label(p),
      posts: 0,
      postsCommented: 0,
      citizenComments: 0,
      commentsSq: 0,
      questions: 0,
      questionsSq: 0,
      questionsAnswered: 0,
    };
    r.posts++;
    r.postsCommented += comments > 0 ? 1 : 0;
    r.citizenComments += comments;
    r.commentsSq += comments * comments;
    r.questions += questions.length;
    r.questionsSq += questions.length * questions.length;
    r.questionsAnswered += answered;
    out.set(key, r);
  }
  return [...out.values()];
}

const sortRows = (rows: readonly PostKindCountRow[]) =>
  [...rows].sort((a, b) => `${a.accountId}|${a.week}|${a.kind}`.localeCompare(`${b.accountId}|${b.week}|${b.kind}`));

test('post-type figures match the simulator’s truth for 20 municipalities × 8 weeks', async () => {
  const passes = Array.from(
    { length: Math.floor((END.getTime() - START.getTime()) / 21_600_000) + 1 },
    (_, k) => new Date(START.getTime() + k * 21_600_000),
  );
  const world = generateWorld({ seed: 7, municipalities: 20, start: START, end: END });
  const truth = groundTruth(world, { now: END, passes });
  const ids = await storeTruth(t.db, truth, START, END);
  const posts = truth.items.filter((i) => i.kind === 'post' && i.authorRole === 'owner');
  const labels = new Map(posts.map((p) => [`${p.platform}|${p.externalId}`, classifyPost(p.text).kind as string]));
  // What the classify job stores for a broadcast post: its text and its post kind.
  await t.db.query(
    `with r as (select * from jsonb_to_recordset($1::jsonb) as r(platform text, external_id text, text text, kind text))
     update classifications c set post_kind = r.kind
     from items i join r on r.platform = i.platform and r.external_id = i.external_id
     where c.item_id = i.id and c.classifier_version = $2`,
    [
      JSON.stringify(
        posts.map((p) => ({
          platform: p.platform,
          external_id: p.externalId,
          text: p.text,
          kind: labels.get(`${p.platform}|${p.externalId}`),
        })),
      ),
      TEST_CLASSIFIER,
    ],
  );

  // The indicator recompute stores the post-kind sums beside the account-week rows (src/store/post-kind-weeks.ts).
  await computeIndicators({ weeks: WEEKS }, { db: t.db, log: silentLogger, clock: () => END, classifierVersion: TEST_CLASSIFIER });
  const stored = await readPostKindWeeks(t.db, {
    from: WEEKS[0] as string,
    to: WEEKS[WEEKS.length - 1] as string,
    classifierVersion: TEST_CLASSIFIER,
  });
  const muniOf = new Map(truth.accounts.map((a) => [a.externalId, a.municipalityCode]));
  const idOf = (ext: string) => String(ids.get(ext));
  const want = expectedCounts(
    truth.items,
    (p) => labels.get(`${p.platform}|${p.externalId}`) as string,
    (a) => muniOf.get(a) as string,
  ).map((r) => ({ ...r, accountId: idOf(r.accountId) }));
  expect(sortRows(stored)).toEqual(sortRows(want));
  expect(want.reduce((n, r) => n + r.questions, 0)).toBeGreaterThan(50);
  expect(new Set(stored.map((r) => r.municipalityCode)).size).toBe(20);

  // The scopes from the store's rows and from the truth's rows are the same figures.
  const { rows: munis } = await t.db.query<{ code: string; name: string; population: number | null }>(
    'select code, name, population from municipalities',
  );
  const view = { suppressed: false, show: () => true };
  expect(postKindScopes(stored, munis, view)).toEqual(postKindScopes(want, munis, view));
  // What the API reads: the same rows summed per municipality and kind in Postgres.
  const sums = await readPostKindSums(t.db, {
    from: WEEKS[0] as string,
    to: WEEKS[WEEKS.length - 1] as string,
    classifierVersion: TEST_CLASSIFIER,
  });
  expect(sums.rows.length).toBeLessThan(stored.length);
  expect(postKindScopes(sums.rows, munis, view)).toEqual(postKindScopes(want, munis, view));
  const scopes = postKindScopes(stored, munis, view);
  const smalltalk = scopes.sector.kinds.find((k) => k.kind === 'smalltalk') as KindScope['kinds'][number];
  expect(smalltalk.posts).toBeGreaterThan(0);
  expect(smalltalk.commentsPerPost.low).not.toBeNull();
  expect(scopes.bands.reduce((n, b) => n + b.posts, 0)).toBe(scopes.sector.posts);
  expect(scopes.bands.filter((b) => b.posts > 0).length).toBeGreaterThan(1);

  // The classifier's labels against the true kinds: reported, and at least 80 % agreement on simulator text.
  const trueKind = (p: TruthItem) => (p.textKind === 'job' ? 'other' : p.textKind);
  const agree = posts.filter((p) => labels.get(`${p.platform}|${p.externalId}`) === trueKind(p)).length;
  const agreement = agree / posts.length;
  console.info(`post-kind agreement with the simulator's true kinds: ${agree}/${posts.length} = ${(100 * agreement).toFixed(1)} %`);
  expect(agreement).toBeGreaterThan(0.8);
  // With the true kinds as labels, the per-kind sums differ only by where posts were put, never in total.
  const truthRows = expectedCounts(truth.items, trueKind, (a) => muniOf.get(a) as string);
  const total = (rs: readonly PostKindCountRow[], f: keyof PostKindCountRow) => rs.reduce((n, r) => n + (r[f] as number), 0);
  for (const f of ['posts', 'citizenComments', 'questions', 'questionsAnswered'] as const)
    expect(total(truthRows, f)).toBe(total(stored, f));
}, 240_000);
