import type { FastifyInstance } from 'fastify';

import { INDICATOR_IDS } from '../indicators/definitions.js';
import type { RouteContext } from './context.js';
import { SECTOR_PATHS } from './openapi-sector.js';
import { OPEN_DATA_COLUMNS } from './routes/open-data.js';

/**
 * The hand-written OpenAPI 3.1 document served at /api/v1/openapi.json. Hand-written on purpose: it is the
 * contract, reviewed like code; tests check that every registered /api/v1 route appears here.
 */
const ref = (name: string) => ({ $ref: `#/components/${name}` });
const week = { type: 'string', pattern: '^[0-9]{4}-W[0-9]{2}$', examples: ['2026-W47'] };
const q = (name: string, schema: object, description: string, required = false) => ({ name, in: 'query', required, description, schema });
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [String(c), ref(`responses/E${c}`)]));
const ok = (description: string, schema: object = { type: 'object' }, type = 'application/json') => ({
  '200': { description, content: { [type]: { schema } } },
});
const weekRange = [
  q('from', week, 'first ISO week (default: 11 or 51 weeks before `to`)'),
  q('to', week, 'last ISO week (default: newest week with data)'),
];

export const OPENAPI = {
  openapi: '3.1.0',
  info: {
    title: 'Lyttepost API',
    version: '1',
    description:
      'Read-only API over the weekly dialogue indicators of Norwegian municipalities (definitions: INDICATORS.md, version 1). ' +
      'Authenticate with `Authorization: Bearer <key>` (created with `lyttepost keys create`). Roles: admin (everything), sector ' +
      '(aggregates; small groups suppressed; never comment text), municipality (its own municipality only). Every error is ' +
      '`{"error":{"code","message"}}`.',
  },
  servers: [{ url: '/' }],
  security: [{ bearer: [] }],
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'an API key such as lp_…' } },
    schemas: {
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } },
        },
      },
      IndicatorRow: {
        type: 'object',
        description: 'INDICATORS.md output format; `values` holds every requested id (null where undefined or suppressed).',
        properties: {
          scope: { enum: ['account', 'municipality', 'county', 'sector'] },
          id: { type: 'string' },
          week,
          definition_version: { type: 'integer' },
          coverage: { type: 'number' },
          provisional: { type: 'boolean' },
          values: { type: 'object', propertyNames: { enum: [...INDICATOR_IDS] } },
          n: { type: 'object' },
          flags: { type: 'object' },
          suppressed: { const: true },
          gap_accounts: { type: 'array', items: { type: 'string' } },
          distribution: ref('schemas/Distribution'),
        },
      },
      Distribution: {
        type: 'object',
        additionalProperties: {
          type: 'object',
          properties: {
            p25: { type: ['number', 'null'] },
            median: { type: ['number', 'null'] },
            p75: { type: ['number', 'null'] },
            municipalities: { type: 'integer' },
            suppressed: { const: true },
          },
        },
      },
      TrendPoint: {
        type: 'object',
        properties: {
          week,
          coverage: { type: 'number' },
          provisional: { type: 'boolean' },
          municipalities: { type: ['integer', 'null'] },
          values: { type: 'object' },
          distribution: { oneOf: [ref('schemas/Distribution'), { type: 'null' }] },
          suppressed: { const: true },
        },
      },
    },
    responses: Object.fromEntries(
      [
        [400, 'malformed or unknown parameter (code BAD_INPUT)'],
        [401, 'missing, invalid or revoked key (UNAUTHORIZED)'],
        [403, 'the role may not read this (FORBIDDEN)'],
        [404, 'no such resource (NOT_FOUND)'],
        [503, 'database unavailable (DB_UNAVAILABLE)'],
      ].map(([c, d]) => [`E${c}`, { description: d, content: { 'application/json': { schema: ref('schemas/Error') } } }]),
    ),
  },
  paths: {
    ...SECTOR_PATHS,
    '/healthz': { get: { summary: 'liveness', security: [], responses: ok('the process answers') } },
    '/readyz': { get: { summary: 'readiness (database ping)', security: [], responses: { ...ok('ready'), ...errors(503) } } },
    '/metrics': {
      get: {
        summary:
          'Prometheus metrics: from loopback (not forwarded), with the scrape token LYTTEPOST_METRICS_TOKEN as a bearer, or with an admin key',
        responses: { ...ok('text exposition format', { type: 'string' }, 'text/plain'), ...errors(401, 403) },
      },
    },
    '/api/v1/openapi.json': { get: { summary: 'this document', security: [], responses: ok('OpenAPI 3.1') } },
    '/api/v1/me': { get: { summary: 'the role and municipality of the calling key', responses: { ...ok('principal'), ...errors(401) } } },
    '/api/v1/municipalities': {
      get: {
        summary: 'municipalities of the register (a municipality key: only its own)',
        parameters: [q('county', { type: 'string', pattern: '^[0-9]{2}$' }, 'only this county')],
        responses: { ...ok('list'), ...errors(400, 401) },
      },
    },
    '/api/v1/municipalities/{code}': {
      get: {
        summary: 'one municipality with its accounts',
        parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9]{4}$' } }],
        responses: { ...ok('municipality'), ...errors(400, 401, 403, 404) },
      },
    },
    '/api/v1/counties': { get: { summary: 'counties', responses: { ...ok('list'), ...errors(401) } } },
    '/api/v1/accounts': {
      get: {
        summary: 'monitored accounts (a municipality key: only its own; sector: without status)',
        parameters: [q('municipality', { type: 'string', pattern: '^[0-9]{4}$' }, 'only this municipality')],
        responses: { ...ok('list'), ...errors(400, 401, 403) },
      },
    },
    '/api/v1/accounts/{id}': {
      get: {
        summary: 'one account',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[1-9][0-9]{0,15}$' } }],
        responses: { ...ok('account'), ...errors(400, 401, 403, 404) },
      },
    },
    '/api/v1/indicators': {
      get: {
        summary: 'weekly indicator series of one scope',
        description: 'Sector keys: no account scope; municipality and wider figures suppressed below 5 questions or 5 municipalities.',
        parameters: [
          q('scope', { enum: ['account', 'municipality', 'county', 'sector'] }, 'scope level', true),
          q('id', { type: 'string', maxLength: 20 }, 'account id, municipality code, county code, or NO (default for sector)'),
          ...weekRange,
          q('ids', { type: 'string', maxLength: 2000 }, 'comma-separated indicator ids (default: all)'),
        ],
        responses: {
          ...ok('series', { type: 'object', properties: { data: { type: 'array', items: ref('schemas/IndicatorRow') } } }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    '/api/v1/trends': {
      get: {
        summary: 'sector or county trend: dialogue index, its parts, ratios and distribution per week',
        parameters: [
          q('scope', { enum: ['sector', 'county'], default: 'sector' }, 'scope level'),
          q('id', { type: 'string' }, 'county code for scope=county'),
          ...weekRange,
        ],
        responses: {
          ...ok('trend', { type: 'object', properties: { data: { type: 'array', items: ref('schemas/TrendPoint') } } }),
          ...errors(400, 401, 404),
        },
      },
    },
    '/api/v1/distributions': {
      get: {
        summary: 'distribution over municipalities (p25/median/p75) per county or for the sector, one week',
        parameters: [
          q('scope', { enum: ['county', 'sector'], default: 'county' }, 'scope level'),
          q('id', { type: 'string' }, 'one county'),
          q('week', week, 'default: newest week'),
        ],
        responses: { ...ok('distributions'), ...errors(400, 401, 404) },
      },
    },
    '/api/v1/questions': {
      get: {
        summary: "open unanswered questions of the key's municipality (municipality keys only)",
        parameters: [
          q('municipality', { type: 'string', pattern: '^[0-9]{4}$' }, 'must be the key’s own'),
          q('days', { type: 'integer', minimum: 1, maximum: 30, default: 7 }, 'look-back'),
        ],
        responses: { ...ok('questions with text (redacted at ingest), permalink and waited_hours'), ...errors(400, 401, 403) },
      },
    },
    '/api/v1/topics': {
      get: {
        summary:
          'questions per service topic and week of one scope: answered, response rate (Wilson interval), median response time, unanswered now (docs/topics.md)',
        parameters: [
          q('scope', { enum: ['account', 'municipality', 'county', 'sector'] }, 'scope level', true),
          q('id', { type: 'string' }, 'scope id (NO for the sector)'),
          ...weekRange,
        ],
        responses: {
          ...ok('`{scope, id, from, to, topics_version, data:[{week, pending, by_topic:[…]}]}`'),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    '/api/v1/exports/topics.csv': {
      get: {
        summary: 'the /topics figures as CSV, one row per week and topic (same access and suppression)',
        parameters: [
          q('scope', { enum: ['account', 'municipality', 'county', 'sector'] }, 'scope level', true),
          q('id', { type: 'string' }, 'scope id (NO for the sector)'),
          ...weekRange,
        ],
        responses: { ...ok('CSV', { type: 'string' }, 'text/csv'), ...errors(400, 401, 403, 404) },
      },
    },
    '/api/v1/exports/topics.xlsx': {
      get: {
        summary: 'the /topics figures as XLSX: readable headers, number formats, a "Definisjoner" sheet (same access and suppression)',
        parameters: [
          q('scope', { enum: ['account', 'municipality', 'county', 'sector'] }, 'scope level', true),
          q('id', { type: 'string' }, 'scope id (NO for the sector)'),
          ...weekRange,
          q('lang', { enum: ['nb', 'en'] }, 'language of the headers and notes (default nb)'),
        ],
        responses: {
          ...ok('XLSX', { type: 'string', format: 'binary' }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    '/api/v1/audit': {
      get: {
        summary: 'the audit log: erasures and reads of resident-level data, newest first (admin only)',
        parameters: [
          q('since', { type: 'string', format: 'date-time' }, 'only entries at or after this time'),
          q('action', { enum: ['erase', 'read-resident-data'] }, 'only one kind'),
          q('limit', { type: 'integer', minimum: 1, maximum: 1000, default: 100 }, 'at most this many'),
        ],
        responses: { ...ok('`{data:[{id, at, actor, action, scope, detail}]}`'), ...errors(400, 401, 403) },
      },
    },
    '/api/v1/harvest-health': {
      get: {
        summary: 'harvest health (admin only)',
        responses: { ...ok('per account: last success, gaps, status; quota today'), ...errors(401, 403) },
      },
    },
    '/api/v1/exports/indicators.csv': {
      get: {
        summary: 'an indicator table as CSV (same access rules as /indicators)',
        parameters: [
          q('scope', { enum: ['account', 'municipality', 'county', 'sector'] }, 'scope level', true),
          q('id', { type: 'string' }, 'one scope id'),
          q('municipality', { type: 'string', pattern: '^[0-9]{4}$' }, 'account or municipality rows of one municipality'),
          ...weekRange,
          q('lang', { enum: ['nb', 'en'], default: 'nb' }, 'language of the readable header line and notes'),
          q(
            'dialect',
            { enum: ['rfc4180', 'excel-nb'], default: 'rfc4180' },
            'rfc4180: comma, decimal point, one header line of column ids; excel-nb: UTF-8 BOM, semicolon, decimal comma, readable header line then the ids',
          ),
        ],
        responses: { ...ok('CSV', { type: 'string' }, 'text/csv'), ...errors(400, 401, 403, 404) },
      },
    },
    '/api/v1/exports/indicators.xlsx': {
      get: {
        summary: 'the same table as Excel (.xlsx): number and percent formats, frozen header, autofilter, a "Definisjoner" sheet',
        parameters: [
          q('scope', { enum: ['account', 'municipality', 'county', 'sector'] }, 'scope level', true),
          q('id', { type: 'string' }, 'one scope id'),
          q('municipality', { type: 'string' }, 'one municipality'),
          ...weekRange,
          q('lang', { enum: ['nb', 'en'], default: 'nb' }, 'language of headers and notes'),
        ],
        responses: {
          ...ok(
            'workbook',
            { type: 'string', contentEncoding: 'binary' },
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          ),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    '/api/v1/open-data/sector-aggregates.csv': {
      get: {
        summary: `open data, schema v1 (columns: ${OPEN_DATA_COLUMNS.join(', ')}); CORS for GET/HEAD, ETag`,
        security: [],
        parameters: [...weekRange, q('dialect', { enum: ['rfc4180', 'excel-nb'], default: 'rfc4180' }, 'CSV dialect')],
        responses: { ...ok('CSV', { type: 'string' }, 'text/csv'), ...errors(400) },
      },
    },
    '/api/v1/open-data/sector-aggregates.json': {
      get: { summary: 'the same open data as JSON', security: [], parameters: weekRange, responses: { ...ok('JSON'), ...errors(400) } },
    },
    '/api/v1/open-data/datapackage.json': {
      get: {
        summary: 'a Frictionless Data Package describing the open-data files (types, titles, primary key)',
        security: [],
        responses: { ...ok('JSON') },
      },
    },
  },
} as const;

export function registerOpenApi(app: FastifyInstance, _ctx: RouteContext): void {
  app.get('/api/v1/openapi.json', { config: { public: true } }, async (_req, reply) =>
    reply.header('cache-control', 'public, max-age=300').send(OPENAPI),
  );
}
