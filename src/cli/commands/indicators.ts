import { AppError } from '../../errors.js';
import { DEFINITION_VERSION, type Scope } from '../../indicators/definitions.js';
import { compareWeeks, parseIsoWeek, weekRange, type IsoWeek } from '../../indicators/iso-week.js';
import { resolveReportingWeek } from '../../indicators/reporting-week.js';
import { writeCsv } from '../../exports/csv.js';
import { CSV_HEAD, csvRows, suppressForSector, toJsonObject, toTable, type OutputRow } from '../../indicators/output.js';
import { classifyItems } from '../../jobs/classify-items.js';
import { ProgressBar } from '../../demo/progress.js';
import { computeIndicators } from '../../jobs/compute-indicators.js';
import { readIndicatorValues, weeksNeedingCompute } from '../../store/indicator-values.js';
import type { Command } from '../command.js';
import { boolOpt, stringOpt } from '../parse.js';
import { withRuntime } from '../with-runtime.js';
import { DIALECT_OPTION, dialectOpt } from '../dialect.js';
import { topicBlockFor } from '../../indicators/topics.js';
import { readTopicBlocks } from '../../topics/figures.js';
import { TOPICS_VERSION } from '../../topics/version.js';

const LEVELS = ['account', 'municipality', 'county', 'sector'] as const;
const FORMATS = ['json', 'csv', 'table'] as const;
const ROLES = ['sector'] as const;
/** A series longer than this is almost certainly a typo in --from/--to. */
const MAX_SERIES_WEEKS = 260;

function oneOf<T extends string>(name: string, v: string | undefined, allowed: readonly T[], fallback: T): T {
  if (v === undefined) return fallback;
  if ((allowed as readonly string[]).includes(v)) return v as T;
  throw new AppError('USAGE', `indicators: --${name} expects one of ${allowed.join(', ')}, got '${v}'`);
}

function weekOpt(name: string, v: string): IsoWeek {
  try {
    parseIsoWeek(v);
  } catch {
    throw new AppError('USAGE', `indicators: --${name} expects an ISO week such as 2026-W47, got '${v}'`);
  }
  return v.trim();
}

export const indicatorsCommand: Command = {
  path: ['indicators'],
  summary: 'bring the weekly indicators up to date with what is stored and print them (INDICATORS.md ids)',
  usage:
    'indicators --week 2026-W47 | --from <week> --to <week> [--level account|municipality|county|sector] [--format json|csv|table] [--dialect rfc4180|excel-nb] [--recompute-all] [--as sector]',
  options: {
    week: {
      type: 'string',
      valueName: '<week>',
      description: 'ISO week, e.g. 2026-W47, or `current` for the running week (default: the last complete week)',
    },
    from: { type: 'string', valueName: '<week>', description: 'first week of a series (with --to)' },
    to: { type: 'string', valueName: '<week>', description: 'last week of a series (with --from)' },
    level: { type: 'string', valueName: '<level>', default: 'account', description: 'account, municipality, county or sector' },
    format: { type: 'string', valueName: '<format>', default: 'json', description: 'json (the contract format), csv or table' },
    dialect: { ...DIALECT_OPTION, description: `with --format csv: ${DIALECT_OPTION.description}` },
    'recompute-all': { type: 'boolean', description: 'recompute every week of history first (definitions or data changed)' },
    as: {
      type: 'string',
      valueName: '<role>',
      description: 'apply a role’s view: `sector` suppresses figures resting on fewer than 5 municipalities or questions',
    },
  },
  details:
    'Before printing, unclassified items are classified and dirty weeks recomputed; the asked weeks are computed\n' +
    'when they were never computed or are still provisional. JSON: an array of {scope,id,platform?,external_id?,\n' +
    'municipality?,week,definition_version,coverage,provisional,values,n,flags,…,topics}; see docs/indicators.md\n' +
    'and docs/topics.md (topics: questions per service topic, answered, response rate, median, unanswered now).\n' +
    'CSV: one header line of the ids, full precision; --dialect excel-nb for Excel in a Norwegian locale.\n\n' +
    'Example: lyttepost indicators --week 2026-W47 --level county --format table',
  async run(args, ctx) {
    const level = oneOf<Scope>('level', stringOpt(args, 'level'), LEVELS, 'account');
    const format = oneOf('format', stringOpt(args, 'format'), FORMATS, 'json');
    const dialect = dialectOpt(this, args, format === 'csv', '--format csv');
    const role = stringOpt(args, 'as') === undefined ? null : oneOf('as', stringOpt(args, 'as'), ROLES, 'sector');
    const week = stringOpt(args, 'week');
    const from = stringOpt(args, 'from');
    const to = stringOpt(args, 'to');
    let weeks: IsoWeek[];
    if (from !== undefined || to !== undefined) {
      if (week !== undefined) throw new AppError('USAGE', 'indicators: give either --week or --from/--to, not both');
      if (from === undefined || to === undefined) throw new AppError('USAGE', 'indicators: --from and --to go together');
      const a = weekOpt('from', from);
      const b = weekOpt('to', to);
      if (compareWeeks(a, b) > 0) throw new AppError('USAGE', `indicators: --from ${a} is after --to ${b}`);
      weeks = weekRange(a, b);
      if (weeks.length > MAX_SERIES_WEEKS) throw new AppError('USAGE', `indicators: at most ${MAX_SERIES_WEEKS} weeks per series`);
    } else {
      weeks = [resolveReportingWeek(week === undefined || week.trim() === 'current' ? week : weekOpt('week', week), ctx.clock()).week];
    }

    return withRuntime(ctx, async (rt) => {
      await classifyItems({}, rt);
      const all = boolOpt(args, 'recompute-all');
      // A full recompute of national history takes a minute: show it moving (stderr; stdout stays the data).
      let bar: ProgressBar | null = null;
      await computeIndicators(
        { all },
        {
          ...rt,
          ...(all
            ? { onProgress: (_done: number, total: number) => (bar ??= new ProgressBar(ctx.stderr, 'Beregner indikatorer', total)).tick() }
            : {}),
        },
      );
      const stale = await weeksNeedingCompute(rt.db, { weeks, definitionVersion: DEFINITION_VERSION });
      if (stale.length > 0) await computeIndicators({ weeks: stale }, rt);
      const stored = await readIndicatorValues(rt.db, { weeks, scope: level, definitionVersion: DEFINITION_VERSION });
      let rows: OutputRow[] = stored.map((r) => ({
        scope: r.scope,
        scopeId: r.scopeId,
        week: r.week,
        platform: r.platform,
        externalId: r.externalId,
        municipality: r.municipality,
        coverage: r.coverage,
        provisional: r.provisional,
        values: r.values,
        n: r.n,
        flags: r.flags,
        gapAccounts: r.gapAccounts,
        distribution: r.distribution,
      }));
      if (role === 'sector') rows = suppressForSector(rows);
      if (format === 'json') {
        // The service-topic breakdown of each row's questions (issue 25; docs/topics.md).
        const topics = await readTopicBlocks(rt.db, { weeks, now: ctx.clock(), scope: level, role });
        const out = rows.map((r) => ({
          ...toJsonObject(r),
          topics: topicBlockFor(topics, TOPICS_VERSION, { scope: r.scope, id: r.scopeId, week: r.week }),
        }));
        ctx.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      } else if (format === 'csv') ctx.stdout.write(writeCsv([CSV_HEAD], csvRows(rows), dialect));
      else ctx.stdout.write(toTable(rows));
      return 0;
    });
  },
};
