import { DISTRIBUTION_IDS, type IndicatorId } from '../../indicators/definitions.js';
import { DISTRIBUTION_LABELS, INDICATOR_LABELS } from '../../exports/labels.js';
import { indicatorKind, type ColumnKind } from '../../exports/table.js';

/**
 * Schema version 1 of the open data (docs/api.md "Open data"): the columns in order, each with its Frictionless
 * type, a Norwegian title (the first header line of the excel-nb CSV) and a description (datapackage.json).
 * The order and meaning never change within a version; new columns only ever come at the end with a new one.
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

export type OpenDataField = {
  name: string;
  type: 'integer' | 'number' | 'string' | 'boolean';
  title: string;
  description: string;
  kind: ColumnKind;
};

const typeOf = (k: ColumnKind): OpenDataField['type'] =>
  k === 'integer' ? 'integer' : k === 'text' ? 'string' : k === 'boolean' ? 'boolean' : 'number';

const UNIT: Partial<Record<ColumnKind, string>> = { share: 'fraction 0–1', index: '0–100', hours: 'hours', integer: 'count' };
const value = (id: IndicatorId): OpenDataField => {
  const kind = indicatorKind(id);
  return {
    name: id,
    type: typeOf(kind),
    title: INDICATOR_LABELS[id].nb,
    description: `${INDICATOR_LABELS[id].en} (docs/indicators.md \`${id}\`)${UNIT[kind] ? `; ${UNIT[kind]}` : ''}`,
    kind,
  };
};

export const OPEN_DATA_FIELDS: readonly OpenDataField[] = [
  { name: 'schema_version', type: 'integer', title: 'Skjemaversjon', description: 'Version of this column list (1)', kind: 'integer' },
  {
    name: 'definition_version',
    type: 'integer',
    title: 'Definisjonsversjon',
    description: 'Indicator definition version (INDICATORS.md)',
    kind: 'integer',
  },
  { name: 'week', type: 'string', title: 'Uke', description: 'ISO week YYYY-Www, Europe/Oslo', kind: 'text' },
  { name: 'scope', type: 'string', title: 'Nivå', description: '`sector` or `county`', kind: 'text' },
  { name: 'id', type: 'string', title: 'Kode', description: '`NO` or the two-digit county code', kind: 'text' },
  { name: 'name', type: 'string', title: 'Navn', description: '`Norge` or the county name', kind: 'text' },
  {
    name: 'municipalities',
    type: 'integer',
    title: 'Kommuner med overvåket konto',
    description: 'Municipalities the row rests on (with an account in scope)',
    kind: 'integer',
  },
  {
    name: 'coverage',
    type: 'number',
    title: 'Dekning (innhenting)',
    description: "Share of the week's hours with a successful harvest for every account; fraction 0–1",
    kind: 'share',
  },
  {
    name: 'provisional',
    type: 'boolean',
    title: 'Foreløpig',
    description: 'Coverage below 0.8 or the week ended less than 7 days ago',
    kind: 'boolean',
  },
  ...OPEN_DATA_VALUE_IDS.map(value),
  ...DISTRIBUTION_IDS.flatMap((id) =>
    (['p25', 'median', 'p75'] as const).map((q) => ({
      ...value(id),
      name: `${id}_${q}`,
      title: `${INDICATOR_LABELS[id].nb}, ${DISTRIBUTION_LABELS[q].nb}`,
      description: `${INDICATOR_LABELS[id].en}: ${DISTRIBUTION_LABELS[q].en} over the scope's municipalities (null below 5 municipalities with a value)`,
    })),
  ),
  {
    name: 'suppressed',
    type: 'boolean',
    title: 'Noe skjult',
    description: 'Some value of the row was suppressed (fewer than 5 municipalities)',
    kind: 'boolean',
  },
];

export const OPEN_DATA_COLUMNS: readonly string[] = OPEN_DATA_FIELDS.map((f) => f.name);
