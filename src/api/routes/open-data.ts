import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

import { AppError } from '../../errors.js';
import { DEFINITION_VERSION, DISTRIBUTION_IDS, type IndicatorId } from '../../indicators/definitions.js';
import type { OutputRow } from '../../indicators/output.js';
import { listCountySummaries, readIndicatorSeries } from '../../store/api-reads.js';
import type { RouteContext } from '../context.js';
import { toCsvText } from '../export/table.js';
import type { Cell } from '../export/xlsx.js';
import { Week, resolveWeekRange } from '../params.js';
import { parseInput } from '../respond.js';
import { viewRows } from '../views.js';

/**
 * The open-data export of sector and county aggregates: public (no key), always the sector role's suppressed
 * view, and a fixed column list (schema version 1, documented in docs/api.md). Columns are only ever added at
 * the end with a new schema version; existing ones keep their name, unit and meaning.
 */
export const OPEN_DATA_SCHEMA_VERSION = 1;

export const OPEN_DATA_VALUE_IDS: readonly IndicatorId[] = [
  'owner_posts',
  'owner_replies',
  'reply_share',
  'citizen_posts',
  'citizen_comments',
  'citizen_share',
  'questions',
  'questions_answered',
  'response_rate',
  'timely_rate',
  'response_time_median_h',
  'two_way_share',
  'dialogue_index',
  'dialogue_band',
];

export const OPEN_DATA_COLUMNS: readonly string[] = [
  'schema_version',
  'definition_version',
  'week',
  'scope',
  'id',
  'name',
  'municipalities',
  'coverage',
  'provisional',
  ...OPEN_DATA_VALUE_IDS,
  ...DISTRIBUTION_IDS.flatMap((id) => [`${id}_p25`, `${id}_median`, `${id}_p75`]),
  'suppressed',
];

function openDataRow(r: OutputRow, name: string): Cell[] {
  const d = r.distribution;
  return [
    OPEN_DATA_SCHEMA_VERSION,
    DEFINITION_VERSION,
    r.week,
    r.scope,
    r.scopeId,
    name,
    r.n.municipalities ?? null,
    r.coverage,
    r.provisional,
    ...OPEN_DATA_VALUE_IDS.map((id) => r.values[id] ?? null),
    ...DISTRIBUTION_IDS.flatMap((id) => {
      const e = d?.[id];
      return [e?.p25 ?? null, e?.median ?? null, e?.p75 ?? null];
    }),
    Object.values(r.flags).some((f) => f?.includes('suppressed')) || DISTRIBUTION_IDS.some((id) => (d?.[id] as { suppressed?: boolean } | undefined)?.suppressed === true),
  ];
}

const PUBLIC = { sub: { keyId: 'public', role: 'sector', municipality: null } as const };

export function registerOpenData(app: FastifyInstance, ctx: RouteContext): void {
  const Query = z.strictObject({ from: Week.optional(), to: Week.optional() });

  async function table(query: unknown): Promise<Cell[][]> {
    const q = parseInput(Query, query, 'query');
    const range = resolveWeekRange(q, ctx.deps.clock(), 52);
    if ('error' in range) throw new AppError('BAD_INPUT', range.error);
    const base = { from: range.from, to: range.to, definitionVersion: DEFINITION_VERSION };
    const [sector, counties, names] = await Promise.all([
      readIndicatorSeries(ctx.deps.db, { scope: 'sector', ...base }),
      readIndicatorSeries(ctx.deps.db, { scope: 'county', ...base }),
      listCountySummaries(ctx.deps.db),
    ]);
    const nameOf = new Map(names.map((c) => [c.code, c.name]));
    const rows = viewRows(PUBLIC.sub, [...sector, ...counties]).sort((a, b) => (a.week === b.week ? (a.scope === b.scope ? a.scopeId.localeCompare(b.scopeId) : a.scope === 'sector' ? -1 : 1) : a.week < b.week ? -1 : 1));
    return rows.map((r) => openDataRow(r, r.scope === 'sector' ? 'Norge' : (nameOf.get(r.scopeId) ?? '')));
  }

  app.get('/api/v1/open-data/sector-aggregates.csv', { config: { public: true } }, async (req, reply) => {
    const rows = await table(req.query);
    return reply
      .header('cache-control', 'public, max-age=300')
      .header('content-disposition', 'attachment; filename="lyttepost-sector-aggregates.csv"')
      .type('text/csv; charset=utf-8')
      .send(toCsvText(OPEN_DATA_COLUMNS, rows));
  });
  app.get('/api/v1/open-data/sector-aggregates.json', { config: { public: true } }, async (req, reply) => {
    const rows = await table(req.query);
    return reply.header('cache-control', 'public, max-age=300').send({
      schema_version: OPEN_DATA_SCHEMA_VERSION,
      columns: OPEN_DATA_COLUMNS,
      data: rows.map((r) => Object.fromEntries(OPEN_DATA_COLUMNS.map((c, i) => [c, r[i] ?? null]))),
    });
  });
}
