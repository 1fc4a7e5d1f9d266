import type { FastifyInstance } from 'fastify';

import { buildApp } from '../../../src/api/app.js';
import { CLASSIFIER_VERSION } from '../../../src/classifier/version.js';
import { fixedClock } from '../../../src/clock.js';
import { INDICATOR_IDS, type IndicatorValues } from '../../../src/indicators/definitions.js';
import { addWeeks } from '../../../src/indicators/iso-week.js';
import { backfillTrendPoints } from '../../../src/jobs/trend-points.js';
import { createApiKey, revokeApiKey } from '../../../src/store/api-keys.js';
import type { Db } from '../../../src/store/db.js';
import { insertAccount, insertItem } from '../../helpers/builders.js';
import { silentLogger } from '../../helpers/silent-logger.js';

/**
 * A small world for API tests, inserted with plain SQL: Oslo (0301, two accounts, one needing
 * re-authorisation) and Eigersund (1101, one account), a resident question each with recognisable text,
 * harvest runs, indicator rows for 8 weeks at every scope level, and one key per role.
 */
export const NOW = new Date('2026-11-25T12:00:00Z'); // Wednesday of 2026-W48
export const LAST_WEEK = '2026-W47';
export const FIRST_WEEK = '2026-W40';
export const OSLO_TEXT = 'Når åpner Tøyenbadet igjen?';
export const OTHER_TEXT = 'EIGERSUND-PRIVATE-QUESTION når kommer brøytebilen?';
export const SECRET = 'test-secret-0123456789abcdef0123456789';

export type World = {
  app: FastifyInstance;
  clock: ReturnType<typeof fixedClock>;
  accounts: { osloFb: string; osloYt: string; eigFb: string };
  keys: { admin: string; sector: string; oslo: string; eigersund: string; revoked: string };
};

function values(over: Partial<Record<string, number | string | null>>): IndicatorValues {
  const v = Object.fromEntries(INDICATOR_IDS.map((id) => [id, 0])) as unknown as IndicatorValues;
  return Object.assign(v, over);
}

async function insertIndicator(
  db: Db,
  r: {
    scope: string;
    id: string;
    week: string;
    values: IndicatorValues;
    n: Record<string, number>;
    flags?: object;
    distribution?: object | null;
    gaps?: number[];
  },
): Promise<void> {
  await db.query(
    `insert into indicator_values (scope, scope_id, week, definition_version, "values", n, flags, coverage, gap_accounts, provisional, distribution, computed_at)
     values ($1, $2, $3, 1, $4::jsonb, $5::jsonb, $6::jsonb, 1, $7::jsonb, false, $8::jsonb, $9)`,
    [
      r.scope,
      r.id,
      r.week,
      JSON.stringify(r.values),
      JSON.stringify(r.n),
      JSON.stringify(r.flags ?? {}),
      JSON.stringify(r.gaps ?? []),
      r.distribution ? JSON.stringify(r.distribution) : null,
      NOW,
    ],
  );
}

const dist = (m: number) => ({
  response_rate: { p25: 0.4, median: 0.6, p75: 0.8, municipalities: m },
  reply_share: { p25: 0.1, median: 0.2, p75: 0.3, municipalities: m },
  citizen_share: { p25: 0.3, median: 0.4, p75: 0.5, municipalities: m },
  dialogue_index: { p25: 30, median: 45, p75: 60, municipalities: m },
});

export async function buildWorld(db: Db): Promise<World> {
  const osloFb = await insertAccount(db, { municipality: '0301', platform: 'facebook', externalId: 'oslo-fb', handle: 'oslokommune' });
  const osloYt = await insertAccount(db, {
    municipality: '0301',
    platform: 'youtube',
    externalId: 'oslo-yt',
    handle: 'oslo-yt',
    status: 'needs_reauth',
  });
  const eigFb = await insertAccount(db, { municipality: '1101', platform: 'facebook', externalId: 'eig-fb', handle: 'eigersund' });

  // One open question per municipality, asked yesterday under an owner post.
  for (const [acct, prefix, text] of [
    [osloFb, 'oslo', OSLO_TEXT],
    [eigFb, 'eig', OTHER_TEXT],
  ] as const) {
    await insertItem(db, {
      accountId: acct,
      platform: 'facebook',
      externalId: `${prefix}_post`,
      role: 'owner',
      author: 'owner',
      createdAt: '2026-11-23T09:00:00Z',
      text: 'Info',
    });
    const q = await insertItem(db, {
      accountId: acct,
      platform: 'facebook',
      externalId: `${prefix}_q`,
      parent: `${prefix}_post`,
      root: `${prefix}_post`,
      branch: `${prefix}_q`,
      author: `r_${prefix}`,
      createdAt: '2026-11-24T10:00:00Z',
      text,
    });
    await db.query(`update items set permalink = $2 where id = $1`, [q, `https://www.facebook.com/${prefix}_post?comment_id=${prefix}_q`]);
    await db.query(
      `insert into classifications (item_id, classifier_version, needs_answer, kind, classified_at) values ($1, $2, true, 'question', $3)`,
      [q, CLASSIFIER_VERSION, NOW],
    );
  }

  // Harvest runs: Oslo's Facebook succeeded with a gap; Eigersund failed today.
  await db.query(
    `insert into harvest_runs (account_id, stream, slot, status, started_at, finished_at, calls, quota_units, covered_from, covered_to)
     values ($1, 'all', 's1', 'succeeded', '2026-11-24T00:00:00Z', '2026-11-24T00:05:00Z', 4, 4, '2026-11-23T00:00:00Z', '2026-11-24T00:00:00Z'),
            ($1, 'all', 's2', 'succeeded', '2026-11-25T08:00:00Z', '2026-11-25T08:05:00Z', 3, 3, '2026-11-24T06:00:00Z', '2026-11-25T08:00:00Z')`,
    [Number(osloFb)],
  );
  await db.query(
    `insert into harvest_runs (account_id, stream, slot, status, started_at, finished_at, calls, quota_units, error_code)
     values ($1, 'all', 's1', 'failed', '2026-11-25T09:00:00Z', '2026-11-25T09:01:00Z', 1, 1, 'PLATFORM_UNAVAILABLE')`,
    [Number(eigFb)],
  );

  // Eight weeks of indicators: Oslo rests on 20 questions a week, Eigersund on 3 (suppressed for the sector
  // role); county 03 has one municipality (suppressed), the sector 300.
  for (let week = FIRST_WEEK, i = 0; week <= LAST_WEEK; week = addWeeks(week, 1), i++) {
    const di = 40 + i;
    await insertIndicator(db, {
      scope: 'account',
      id: osloFb,
      week,
      values: values({ questions: 20, questions_answered: 15, response_rate: 0.75, reply_share: 0.4, dialogue_index: di }),
      n: { response_rate: 20, dialogue_index: 80 },
    });
    await insertIndicator(db, {
      scope: 'account',
      id: eigFb,
      week,
      values: values({ questions: 3, questions_answered: 2, response_rate: 2 / 3, reply_share: 0.1, dialogue_index: 22 }),
      n: { response_rate: 3, dialogue_index: 12 },
    });
    await insertIndicator(db, {
      scope: 'municipality',
      id: '0301',
      week,
      values: values({
        questions: 20,
        questions_answered: 15,
        response_rate: 0.75,
        timely_answered: 10,
        timely_rate: 0.5,
        reply_share: 0.4,
        citizen_share: 0.5,
        dialogue_index: di,
        dialogue_band: 'oppslagstavle',
        dialogue_r: 0.75,
        dialogue_t: 0.5,
        dialogue_h: 0.8,
        dialogue_v: 0.4,
        dialogue_f: 0.2,
      }),
      n: { response_rate: 20, dialogue_index: 80 },
      gaps: [Number(osloYt)],
    });
    await insertIndicator(db, {
      scope: 'municipality',
      id: '1101',
      week,
      values: values({
        questions: 3,
        questions_answered: 2,
        response_rate: 2 / 3,
        timely_answered: 1,
        timely_rate: 1 / 3,
        reply_share: 0.1,
        dialogue_index: 22,
      }),
      n: { response_rate: 3, dialogue_index: 12 },
    });
    await insertIndicator(db, {
      scope: 'county',
      id: '03',
      week,
      values: values({ questions: 20, response_rate: 0.75, dialogue_index: di }),
      n: { municipalities: 1, response_rate: 20 },
      distribution: dist(1),
      gaps: [Number(osloYt)],
    });
    await insertIndicator(db, {
      scope: 'county',
      id: '11',
      week,
      values: values({ questions: 300, response_rate: 0.55, reply_share: 0.2, citizen_share: 0.45, dialogue_index: 44 }),
      n: { municipalities: 22, response_rate: 300 },
      distribution: dist(22),
    });
    await insertIndicator(db, {
      scope: 'sector',
      id: 'NO',
      week,
      values: values({
        questions: 5000,
        questions_answered: 3000,
        response_rate: 0.6,
        reply_share: 0.2,
        citizen_share: 0.4,
        dialogue_index: 45 + i,
        dialogue_band: 'oppslagstavle',
        dialogue_r: 0.6,
        dialogue_t: 0.4,
        dialogue_h: 0.4,
        dialogue_v: 0.5,
        dialogue_f: 0.3,
      }),
      n: { municipalities: 300, response_rate: 5000 },
      distribution: dist(300),
      gaps: [Number(osloYt), Number(eigFb)],
    });
  }

  // The recompute stores trend points with its rows; rows inserted by hand get theirs here.
  await backfillTrendPoints(db);

  const mk = async (role: 'admin' | 'sector' | 'municipality', municipality: string | null) =>
    (await createApiKey(db, { role, municipality, name: `test ${role}` }, NOW)).key;
  const keys = {
    admin: await mk('admin', null),
    sector: await mk('sector', null),
    oslo: await mk('municipality', '0301'),
    eigersund: await mk('municipality', '1101'),
    revoked: '',
  };
  const r = await createApiKey(db, { role: 'admin', municipality: null, name: 'old' }, NOW);
  await revokeApiKey(db, r.apiKey.id, NOW);
  keys.revoked = r.key;

  const clock = fixedClock(NOW);
  const app = buildApp({ db, log: silentLogger, clock, secret: SECRET });
  await app.ready();
  return { app, clock, accounts: { osloFb, osloYt, eigFb }, keys };
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
