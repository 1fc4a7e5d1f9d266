import { INDICATOR_LABELS, KEY_LABELS, type ExportLang, type InBoth } from '../../exports/labels.js';
import { roundRow, type ColumnKind, type ExportCell, type ExportColumn, type ExportTable } from '../../exports/table.js';
import type { TopicBlock } from '../../indicators/topics.js';
import { TOPICS_VERSION } from '../../topics/version.js';

/**
 * The topic figures as an export: one row per week and topic with the API's fields. The CSV keeps its one header
 * line of these ids in both dialects (as published since issue 25); the XLSX (src/exports/xlsx.ts) has readable
 * headers, number formats and the "Definisjoner" sheet, rounded as the pages show the figures. Both come from
 * these columns and rows.
 */
const COLUMNS: ReadonlyArray<readonly [string, ColumnKind]> = [
  ['scope', 'text'],
  ['id', 'text'],
  ['week', 'text'],
  ['topics_version', 'text'],
  ['topic', 'text'],
  ['questions', 'integer'],
  ['questions_answered', 'integer'],
  ['response_rate', 'share'],
  ['response_rate_ci_low', 'share'],
  ['response_rate_ci_high', 'share'],
  ['median_response_hours', 'hours'],
  ['unanswered_now', 'integer'],
  ['suppressed', 'text'],
];

const OWN_LABELS: Record<string, InBoth> = {
  topics_version: { nb: 'Temaversjon', en: 'Topics version' },
  topic: { nb: 'Tema', en: 'Topic' },
  median_response_hours: { nb: 'Median svartid (timer)', en: 'Median response time (hours)' },
  unanswered_now: { nb: 'Ubesvart nå', en: 'Unanswered now' },
  suppressed: { nb: 'Skjult', en: 'Suppressed' },
};

const SHEET: InBoth = { nb: 'Temaer', en: 'Topics' };
const SUPPRESSED_NOTE: InBoth = {
  nb: 'Skjult = true: temaets tall hviler på færre enn 5 kommuner og er tomme (personvern; INDICATORS.md «Wider scopes»).',
  en: 'Suppressed = true: the topic\'s figures rest on fewer than 5 municipalities and are empty (privacy; INDICATORS.md "Wider scopes").',
};

/** The CSV's header line. */
export const TOPIC_CSV_HEADER: readonly string[] = COLUMNS.map(([id]) => id);

function columns(lang: ExportLang): ExportColumn[] {
  const labels: Record<string, InBoth> = { ...KEY_LABELS, ...INDICATOR_LABELS, ...OWN_LABELS };
  return COLUMNS.map(([id, kind]) => ({ id, label: labels[id]?.[lang] ?? id, kind }));
}

/** One row per week and topic of `blocks`, the values as the API gives them. */
export function topicRows(scope: string, id: string, blocks: readonly TopicBlock[]): ExportCell[][] {
  return blocks.flatMap((b) =>
    b.topics.map((f) => [
      scope,
      id,
      b.week,
      TOPICS_VERSION,
      f.topic,
      f.questions,
      f.questions_answered,
      f.response_rate,
      f.response_rate_ci_low,
      f.response_rate_ci_high,
      f.median_response_hours,
      f.unanswered_now,
      f.flags?.includes('suppressed') ? 'true' : '',
    ]),
  );
}

/** The XLSX table: readable headers in `lang`, figures rounded as displayed. */
export function topicTable(
  scope: string,
  id: string,
  range: { from: string; to: string },
  blocks: readonly TopicBlock[],
  lang: ExportLang,
): ExportTable {
  const cols = columns(lang);
  return {
    name: topicFileName(scope, id, range),
    sheet: SHEET[lang],
    columns: cols,
    rows: topicRows(scope, id, blocks).map((r) => roundRow(cols, r)),
    notes: [SUPPRESSED_NOTE[lang]],
    lang,
  };
}

/** The file name of both exports, without extension. */
export function topicFileName(scope: string, id: string, range: { from: string; to: string }): string {
  return `lyttepost-topics-${scope}-${id}-${range.from}-${range.to}`;
}
