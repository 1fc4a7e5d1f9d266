import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { CLASSIFIER_VERSION } from '../../../src/classifier/version.js';
import { fixedClock } from '../../../src/clock.js';
import { weekBounds } from '../../../src/indicators/iso-week.js';
import { officeHoursBetween } from '../../../src/indicators/office-hours.js';
import { buildWeeklyReport } from '../../../src/reports/weekly-report.js';
import { loadReportInputs } from '../../../src/store/report-inputs.js';
import { AS_OF, MUNICIPALITY, seedReportDataset, WEEK } from '../../fixtures/reports/dataset.js';
import { cliEnv } from '../../helpers/cli-env.js';
import { runCli } from '../../helpers/run-cli.js';
import { useTestDb } from '../../helpers/test-db.js';

/** A municipality picks its peers and its response target; the weekly report compares and counts by them. */
describe.runIf(process.env.DATABASE_URL)('municipality set: peer set and response target', () => {
  let t: Awaited<ReturnType<typeof useTestDb>>;
  beforeAll(async () => {
    t = await useTestDb();
    await seedReportDataset(t.db);
  });
  afterAll(async () => t?.drop());

  const view = async () =>
    buildWeeklyReport(
      (
        await loadReportInputs(t.db, { week: WEEK, municipalities: [MUNICIPALITY], asOf: AS_OF, classifierVersion: CLASSIFIER_VERSION })
      ).get(MUNICIPALITY)!,
    );

  test('the picked peers form their own group and the target counts "N of M within target"', async () => {
    const before = await view();
    expect(before.peers.dialogueIndex.some((p) => p.group === 'chosen')).toBe(false);
    expect(before.responsiveness.target).toMatchObject({ custom: false, withinTarget: 5, questions: 10 }); // timely_answered of 10

    const env = cliEnv(t);
    const r = await runCli(
      ['municipality', 'set', '--municipality', MUNICIPALITY, '--peers', '1101,1106,1108,1111', '--response-target', '2'],
      { env, clock: fixedClock(AS_OF) },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('1103: peers 1101,1106,1108,1111; response target 2 office hours\n');

    const v = await view();
    // Dataset indices: 1101 31, 1106 58, 1108 44, 1111 12; Stavanger's unrounded index is just under 44
    // (shown as 44) → below it: 31 and 12, 2 of 4 others = 50.
    expect(v.dialogue.index.value).toBeLessThan(44);
    expect(v.peers.dialogueIndex.find((p) => p.group === 'chosen')).toMatchObject({ groupSize: 5, percentile: 50, suppressed: false });
    const { start, end } = weekBounds(WEEK);
    const inp = (
      await loadReportInputs(t.db, { week: WEEK, municipalities: [MUNICIPALITY], asOf: AS_OF, classifierVersion: CLASSIFIER_VERSION })
    ).get(MUNICIPALITY)!;
    const week = inp.questions.filter((q) => new Date(q.askedAt) >= start && new Date(q.askedAt) < end);
    const within = week.filter(
      (q) =>
        q.answeredAt !== null &&
        new Date(q.answeredAt).getTime() - new Date(q.askedAt).getTime() <= 7 * 86_400_000 &&
        officeHoursBetween(new Date(q.askedAt), new Date(q.answeredAt)) <= 2,
    ).length;
    expect(within).toBeLessThan(5);
    expect(v.responsiveness.target).toEqual({ officeHours: 2, custom: true, withinTarget: within, questions: week.length });

    const cleared = await runCli(
      ['municipality', 'set', '--municipality', MUNICIPALITY, '--peers', 'none', '--response-target', 'default'],
      { env, clock: fixedClock(AS_OF) },
    );
    expect(cleared.stdout).toBe('1103: peers none; response target one office day\n');
  });

  test('bad input is refused in one line and changes nothing', async () => {
    const env = cliEnv(t);
    const bad = await runCli(['municipality', 'set', '--municipality', MUNICIPALITY, '--peers', '1101,9999'], { env });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toBe('lyttepost: unknown municipality code(s): 9999\n');
    const target = await runCli(['municipality', 'set', '--municipality', MUNICIPALITY, '--response-target', '0'], { env });
    expect(target.stderr).toBe(
      "lyttepost: municipality set: --response-target expects office hours between 0.25 and 168 (or default), got '0'\n",
    );
    expect((await view()).peers.dialogueIndex.some((p) => p.group === 'chosen')).toBe(false);
  });
});
