import type { KindScope } from '../../indicators/post-kind-figures.js';
import type { CsvDialect } from '../../exports/csv.js';
import type { ExportLang } from '../../exports/labels.js';
import { roundRow, tableCsv, type ColumnKind, type ExportCell, type ExportColumn, type ExportTable } from '../../exports/table.js';
import { PART_LABELS, SECTOR_EXPORT_LABELS, SECTOR_EXPORT_TEXTS } from './export-labels.js';
import type { PostKindView } from './post-kind-view.js';
import { sectorTexts } from './texts.js';

/**
 * The post-type table as an export (CSV through the project's one writer, XLSX through src/exports/xlsx.ts): one
 * row per scope and kind — the sector, each size band, each municipality the principal may see — with names
 * beside codes and every figure's value, n and 95 % interval, rounded as the page shows them. Empty cell = null
 * (no posts, or suppressed: the ids are in `suppressed`).
 */
const MEASURES = ['share', 'commented_share', 'comments_per_post', 'questions_per_post', 'response_rate'] as const;
const FIELD = {
  share: 'share',
  commented_share: 'commentedShare',
  comments_per_post: 'commentsPerPost',
  questions_per_post: 'questionsPerPost',
  response_rate: 'responseRate',
} as const;
/** Shares are percent on the page; per-post means two decimals. */
const MEASURE_KIND: Record<(typeof MEASURES)[number], ColumnKind> = {
  share: 'share',
  commented_share: 'share',
  comments_per_post: 'decimal',
  questions_per_post: 'decimal',
  response_rate: 'share',
};
const KEYS: ReadonlyArray<[string, ColumnKind]> = [
  ['from', 'text'],
  ['to', 'text'],
  ['classifier_version', 'text'],
  ['scope', 'text'],
  ['id', 'text'],
  ['name', 'text'],
  ['municipalities', 'integer'],
  ['kind', 'text'],
  ['kind_name', 'text'],
  ['posts', 'integer'],
];

export function postKindColumns(lang: ExportLang): ExportColumn[] {
  const label = (id: string) => SECTOR_EXPORT_LABELS[id]?.[lang] ?? id;
  return [
    ...KEYS.map(([id, kind]) => ({ id, label: label(id), kind })),
    ...MEASURES.flatMap((m) => [
      { id: m, label: label(m), kind: MEASURE_KIND[m] },
      { id: `${m}_n`, label: `${label(m)}, ${PART_LABELS.n[lang]}`, kind: 'integer' as const },
      { id: `${m}_low`, label: `${label(m)}, ${PART_LABELS.low[lang]}`, kind: MEASURE_KIND[m] },
      { id: `${m}_high`, label: `${label(m)}, ${PART_LABELS.high[lang]}`, kind: MEASURE_KIND[m] },
    ]),
    { id: 'suppressed', label: label('suppressed'), kind: 'text' },
  ];
}

function rows(v: PostKindView, s: KindScope, lang: ExportLang, columns: readonly ExportColumn[]): ExportCell[][] {
  const st = sectorTexts(lang);
  const name = s.scope === 'size_band' ? (st.bandNames[s.id] ?? s.id) : s.name;
  return s.kinds.map((k) =>
    roundRow(columns, [
      v.from,
      v.to,
      v.classifierVersion,
      s.scope,
      s.id,
      name,
      s.municipalities,
      k.kind,
      st.kindNames[k.kind] ?? k.kind,
      k.suppressed.includes('posts') ? null : k.posts,
      ...MEASURES.flatMap((m) => {
        const x = k[FIELD[m]];
        return [x.value, x.n, x.low, x.high];
      }),
      k.suppressed.join(' '),
    ]),
  );
}

export function postKindTable(v: PostKindView, lang: ExportLang = 'nb'): ExportTable {
  const tx = SECTOR_EXPORT_TEXTS[lang];
  const columns = postKindColumns(lang);
  return {
    name: `lyttepost-post-kinds-${v.from}-${v.to}`,
    sheet: tx.postKindsSheet,
    columns,
    rows: [v.sector, ...v.bands, ...v.municipalities].flatMap((s) => rows(v, s, lang, columns)),
    notes: [tx.postKindsSuppressed, tx.postKindsIntervals],
    lang,
  };
}

export const postKindCsv = (v: PostKindView, dialect: CsvDialect = 'rfc4180', lang: ExportLang = 'nb'): string =>
  tableCsv(postKindTable(v, lang), dialect);
