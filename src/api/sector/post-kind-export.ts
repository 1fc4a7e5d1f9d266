import type { KindScope } from '../../indicators/post-kind-figures.js';
import { writeCsv, type CsvCell, type CsvDialect } from '../../exports/csv.js';
import type { PostKindView } from './post-kind-view.js';

/**
 * The post-type table as one CSV (the project's CSV writer, src/exports/csv.ts): one row per scope and
 * kind — the sector, each size band, each municipality the principal may see — with every figure's value,
 * n and 95 % interval. Empty cell = null (no posts, or suppressed: the ids are in `suppressed`).
 */
const MEASURES = ['share', 'commented_share', 'comments_per_post', 'questions_per_post', 'response_rate'] as const;
const FIELD = { share: 'share', commented_share: 'commentedShare', comments_per_post: 'commentsPerPost', questions_per_post: 'questionsPerPost', response_rate: 'responseRate' } as const;

export const POST_KIND_HEADER: readonly string[] = [
  'from',
  'to',
  'classifier_version',
  'scope',
  'id',
  'name',
  'municipalities',
  'kind',
  'posts',
  ...MEASURES.flatMap((m) => [m, `${m}_n`, `${m}_low`, `${m}_high`]),
  'suppressed',
];

function rows(v: PostKindView, s: KindScope): CsvCell[][] {
  return s.kinds.map((k) => [
    v.from,
    v.to,
    v.classifierVersion,
    s.scope,
    s.id,
    s.name,
    s.municipalities,
    k.kind,
    k.suppressed.includes('posts') ? null : k.posts,
    ...MEASURES.flatMap((m) => {
      const x = k[FIELD[m]];
      return [x.value, x.n, x.low, x.high];
    }),
    k.suppressed.join(' '),
  ]);
}

export function postKindCsv(v: PostKindView, dialect: CsvDialect = 'rfc4180'): string {
  return writeCsv([POST_KIND_HEADER], [v.sector, ...v.bands, ...v.municipalities].flatMap((s) => rows(v, s)), dialect);
}
