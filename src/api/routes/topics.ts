import type { FastifyInstance, FastifyRequest } from 'fastify';

import { AppError } from '../../errors.js';
import { CSV_CONTENT_TYPE, CsvDialectParam, writeCsv } from '../../exports/csv.js';
import { tableXlsx, XLSX_CONTENT_TYPE } from '../../exports/xlsx.js';
import { SECTOR_ID } from '../../indicators/definitions.js';
import { listAccountSummaries } from '../../store/api-reads.js';
import { readTopicBlocks } from '../../topics/figures.js';
import { TOPIC_IDS } from '../../topics/labels.js';
import { TOPICS_VERSION } from '../../topics/version.js';
import { checkScopeAccess } from '../access.js';
import { requirePrincipal } from '../auth.js';
import type { RouteContext } from '../context.js';
import { ExportLangParam, resolveWeekRange } from '../params.js';
import { parseInput } from '../respond.js';
import { TOPIC_CSV_HEADER, topicFileName, topicRows, topicTable } from './topic-export.js';
import { SeriesQuery } from './indicators.js';

/**
 * What residents asked about (issue 25): per service topic and week of one scope, questions, answered within
 * 7 days, response rate with its Wilson interval, median response time and questions unanswered now. Same
 * access as /indicators; county and sector figures (and every figure for the sector role) come in the
 * suppressed view except for admin. No resident text: only counts.
 */
const CsvQuery = SeriesQuery.extend({ dialect: CsvDialectParam.optional() });
const XlsxQuery = SeriesQuery.extend({ lang: ExportLangParam });

async function load(ctx: RouteContext, req: FastifyRequest, schema: typeof CsvQuery | typeof XlsxQuery | typeof SeriesQuery = SeriesQuery) {
  const p = requirePrincipal(req);
  const q: { dialect?: 'rfc4180' | 'excel-nb'; lang?: 'nb' | 'en' } & ReturnType<typeof SeriesQuery.parse> = parseInput(
    schema,
    req.query,
    'query',
  );
  const id = q.id ?? SECTOR_ID;
  await checkScopeAccess(ctx.deps.db, p, q.scope, id);
  const now = ctx.deps.clock();
  const range = resolveWeekRange(q, now, 4);
  if ('error' in range) throw new AppError('BAD_INPUT', range.error);
  let accountIds: string[] | undefined;
  if (q.scope === 'account') accountIds = [id];
  else if (q.scope === 'municipality') accountIds = (await listAccountSummaries(ctx.deps.db, { municipality: id })).map((a) => a.id);
  const suppressed = p.role === 'sector' || (p.role !== 'admin' && (q.scope === 'county' || q.scope === 'sector'));
  const blocks =
    accountIds !== undefined && accountIds.length === 0
      ? []
      : await readTopicBlocks(ctx.deps.db, {
          weeks: range.weeks,
          now,
          scope: q.scope,
          id,
          ...(accountIds ? { accountIds } : {}),
          role: suppressed ? 'sector' : null,
        });
  return { q, id, now, range, blocks };
}

export function registerTopics(app: FastifyInstance, ctx: RouteContext): void {
  app.get('/api/v1/exports/topics.csv', async (req, reply) => {
    const { q, id, range, blocks } = await load(ctx, req, CsvQuery);
    return reply
      .header('content-disposition', `attachment; filename="${topicFileName(q.scope, id, range)}.csv"`)
      .type(CSV_CONTENT_TYPE)
      .send(writeCsv([TOPIC_CSV_HEADER], topicRows(q.scope, id, blocks), q.dialect));
  });

  app.get('/api/v1/exports/topics.xlsx', async (req, reply) => {
    const { q, id, range, blocks } = await load(ctx, req, XlsxQuery);
    const t = topicTable(q.scope, id, range, blocks, q.lang ?? 'nb');
    return reply
      .header('content-disposition', `attachment; filename="${t.name}.xlsx"`)
      .type(XLSX_CONTENT_TYPE)
      .send(await tableXlsx(t));
  });

  app.get('/api/v1/topics', async (req) => {
    const { q, id, now, range, blocks } = await load(ctx, req);
    return {
      scope: q.scope,
      id,
      from: range.from,
      to: range.to,
      as_of: now.toISOString(),
      topics_version: TOPICS_VERSION,
      topic_ids: TOPIC_IDS,
      data: range.weeks.map((week) => {
        const b = blocks.find((x) => x.week === week);
        return { week, pending: b?.pending ?? 0, by_topic: b?.topics ?? [] };
      }),
    };
  });
}
