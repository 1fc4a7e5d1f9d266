/**
 * OpenAPI paths of the sector views of #23 part B (post types, size-band and year-on-year trends, the annual
 * summary), spread into the document in src/api/openapi.ts.
 */
const week = { type: 'string', pattern: '^[0-9]{4}-W[0-9]{2}$', examples: ['2026-W47'] };
const q = (name: string, schema: object, description: string, required = false) => ({ name, in: 'query', required, description, schema });
const err = (...codes: number[]) => Object.fromEntries(codes.map((c) => [String(c), { $ref: `#/components/responses/E${c}` }]));
const ok = (description: string, type = 'application/json', schema: object = { type: 'object' }) => ({
  '200': { description, content: { [type]: { schema } } },
});
const range = [
  q('from', week, 'first ISO week (default: 51 weeks before `to`)'),
  q('to', week, 'last ISO week (default: the last complete week)'),
];
const muni = q('municipality', { type: 'string', pattern: '^[0-9]{4}$' }, 'list only this municipality (a municipality key: its own)');
const lang = q('lang', { enum: ['nb', 'en'], default: 'nb' }, 'language of the readable headers, names and notes');
const dialect = q(
  'dialect',
  { enum: ['rfc4180', 'excel-nb'], default: 'rfc4180' },
  'rfc4180: comma, decimal point, one header line of column ids; excel-nb: UTF-8 BOM, semicolon, decimal comma, readable header line then the ids',
);
const xlsx = ok(
  'workbook: the table with number and percent formats, frozen header, autofilter and notes, and a "Definisjoner" sheet',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  { type: 'string', contentEncoding: 'binary' },
);
const year = q('year', { type: 'integer', minimum: 2000, maximum: 2100 }, 'ISO year (default: the year of the last complete week)');

export const SECTOR_PATHS = {
  '/api/v1/post-kinds': {
    get: {
      summary:
        'post types and dialogue: per kind of broadcast post, for the sector, each population size band and the municipalities the key may see — share of posts, share that drew a comment, comments and questions per post, response rate, each {value, n, low, high} (95 %: Wilson for shares, normal for per-post means)',
      parameters: [...range, muni],
      responses: { ...ok('`{from, to, classifier_version, known_at, sector, size_bands:[…], municipalities:[…]}`'), ...err(400, 401, 403) },
    },
  },
  '/api/v1/exports/post-kinds.csv': {
    get: {
      summary: 'the post-type figures as CSV, one row per scope and kind, names beside codes, rounded as the page shows them',
      parameters: [...range, muni, lang, dialect],
      responses: { ...ok('CSV', 'text/csv', { type: 'string' }), ...err(400, 401, 403) },
    },
  },
  '/api/v1/exports/post-kinds.xlsx': {
    get: { summary: 'the same table as Excel (.xlsx)', parameters: [...range, muni, lang], responses: { ...xlsx, ...err(400, 401, 403) } },
  },
  '/api/v1/trends/size-bands': {
    get: {
      summary:
        'the sector trend by population size band (small < 5,000, medium < 20,000, large): per week the summed counts, response rate {value, n, low, high} (Wilson), reply and citizen share, beside the same ISO week a year earlier (`last_year`), and the range summed (`total`)',
      parameters: range,
      responses: { ...ok('`{from, to, definition_version, bands:[{band, total:{now, last_year}, data:[…]}]}`'), ...err(400, 401) },
    },
  },
  '/api/v1/annual-summary': {
    get: {
      summary:
        "the annual 'Dialog i kommunesektoren' summary: the KS 2011 survey's figures (surveyed, self-reported) beside the measured ones — municipalities active per platform, posts that drew a resident's comment, residents' questions answered, where small talk ranks — each measured share {value, n, low, high}",
      parameters: [year],
      responses: {
        ...ok(
          '`{year, from, to, complete, register_municipalities, monitored_municipalities, active_municipalities, measures:[…], platforms:[…]}`',
        ),
        ...err(400, 401),
      },
    },
  },
  '/api/v1/exports/annual-summary.csv': {
    get: {
      summary: "the annual summary as CSV, one row per measure and platform, the measure's name beside its code",
      parameters: [year, lang, dialect],
      responses: { ...ok('CSV', 'text/csv', { type: 'string' }), ...err(400, 401) },
    },
  },
  '/api/v1/exports/annual-summary.xlsx': {
    get: { summary: 'the same table as Excel (.xlsx)', parameters: [year, lang], responses: { ...xlsx, ...err(400, 401) } },
  },
} as const;
