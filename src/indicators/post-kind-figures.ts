import type { PostKindSumRow } from '../store/post-kind-weeks.js';
import { PEER_MIN, sizeGroup, type SizeBand } from './peers.js';
import { wilsonInterval } from './wilson.js';

/**
 * Post types and dialogue (#23 part B): for each kind of broadcast post, per municipality, population size
 * band and the sector, over a period — the share of posts, the share of posts that drew a resident's comment,
 * citizen comments per post, questions per post and the response rate, each with its n and a 95 % interval.
 *
 * - Shares and the response rate: Wilson score interval (src/indicators/wilson.ts).
 * - Per-post means (comments, questions): mean ± 1.96 · s / √n with the posts' sample standard deviation s
 *   (central limit theorem). Counts per post are overdispersed (a few posts draw most comments), so a Poisson
 *   interval would be too narrow; the normal interval on the sample variance is honest about that. The lower
 *   end is floored at 0; no interval below 2 posts.
 * - Wider scopes sum the counts (and the sums of squares) of their municipalities: never a mean of means.
 * - Suppressed view (every role but admin, and a municipality looking at others): a size band or the sector
 *   resting on fewer than 5 municipalities with posts is suppressed; a municipality's response rate resting on
 *   fewer than 5 questions is suppressed (INDICATORS.md "Wider scopes").
 */

/** The classifier's kinds (src/classifier/post-kind.ts) in display order, then posts it has not reached yet. */
export const POST_KIND_ORDER = ['service_info', 'event', 'crisis', 'smalltalk', 'dialogue_invitation', 'other', 'unclassified'] as const;

export type Interval = { value: number | null; n: number; low: number | null; high: number | null };

export type KindFigures = {
  kind: string;
  posts: number;
  /** Posts of the kind among all the scope's posts. */
  share: Interval;
  /** Posts with at least one citizen comment within 7 days. */
  commentedShare: Interval;
  commentsPerPost: Interval;
  questionsPerPost: Interval;
  /** Questions in the kind's threads answered within 7 days; n = questions. */
  responseRate: Interval;
  /** Figures nulled by small-group suppression (ids of the fields above). */
  suppressed: string[];
};

export type KindScope = {
  scope: 'municipality' | 'size_band' | 'sector';
  /** Municipality code, size band key (`small`, `medium`, `large`, `unknown`) or `NO`. */
  id: string;
  name: string | null;
  /** Municipalities with at least one broadcast post in the period. */
  municipalities: number;
  posts: number;
  kinds: KindFigures[];
};

type Sums = {
  posts: number;
  commented: number;
  comments: number;
  commentsSq: number;
  questions: number;
  questionsSq: number;
  answered: number;
};
const zero = (): Sums => ({ posts: 0, commented: 0, comments: 0, commentsSq: 0, questions: 0, questionsSq: 0, answered: 0 });

export function rateOf(successes: number, n: number): Interval {
  const ci = wilsonInterval(successes, n);
  return { value: n > 0 ? successes / n : null, n, low: ci?.low ?? null, high: ci?.high ?? null };
}

/** Mean of per-post counts from their sum and sum of squares, with the normal interval described above. */
export function meanOf(sum: number, sumSq: number, n: number): Interval {
  if (n === 0) return { value: null, n, low: null, high: null };
  const mean = sum / n;
  if (n < 2) return { value: mean, n, low: null, high: null };
  const variance = Math.max(0, (sumSq - n * mean * mean) / (n - 1));
  const half = 1.96 * Math.sqrt(variance / n);
  return { value: mean, n, low: Math.max(0, mean - half), high: mean + half };
}

const NULLED: Interval = { value: null, n: 0, low: null, high: null };

function figures(kind: string, s: Sums, total: number, suppress: { all: boolean; rate: boolean }): KindFigures {
  const f: KindFigures = {
    kind,
    posts: s.posts,
    share: rateOf(s.posts, total),
    commentedShare: rateOf(s.commented, s.posts),
    commentsPerPost: meanOf(s.comments, s.commentsSq, s.posts),
    questionsPerPost: meanOf(s.questions, s.questionsSq, s.posts),
    responseRate: rateOf(s.answered, s.questions),
    suppressed: [],
  };
  if (suppress.all) {
    for (const k of ['share', 'commentedShare', 'commentsPerPost', 'questionsPerPost', 'responseRate'] as const)
      f[k] = { ...NULLED, n: f[k].n };
    f.suppressed = ['posts', 'share', 'commentedShare', 'commentsPerPost', 'questionsPerPost', 'responseRate'];
  } else if (suppress.rate && s.questions < PEER_MIN) {
    f.responseRate = { ...NULLED, n: s.questions };
    f.suppressed = ['responseRate'];
  }
  return f;
}

function add(into: Sums, r: PostKindSumRow): void {
  into.posts += r.posts;
  into.commented += r.postsCommented;
  into.comments += r.citizenComments;
  into.commentsSq += r.commentsSq;
  into.questions += r.questions;
  into.questionsSq += r.questionsSq;
  into.answered += r.questionsAnswered;
}

function scopeOf(
  scope: KindScope['scope'],
  id: string,
  name: string | null,
  rows: readonly PostKindSumRow[],
  suppressed: boolean,
): KindScope {
  const byKind = new Map<string, Sums>();
  for (const r of rows) {
    const s = byKind.get(r.kind) ?? zero();
    add(s, r);
    byKind.set(r.kind, s);
  }
  const total = [...byKind.values()].reduce((n, s) => n + s.posts, 0);
  const munis = new Set(rows.filter((r) => r.posts > 0).map((r) => r.municipalityCode)).size;
  const tooFew = suppressed && scope !== 'municipality' && munis < PEER_MIN;
  const kinds = [...POST_KIND_ORDER, ...[...byKind.keys()].filter((k) => !(POST_KIND_ORDER as readonly string[]).includes(k))]
    .filter((k) => k !== 'unclassified' || byKind.has(k))
    .map((k) => figures(k, byKind.get(k) ?? zero(), total, { all: tooFew, rate: suppressed && scope === 'municipality' }));
  return {
    scope,
    id,
    name,
    municipalities: munis,
    posts: tooFew ? 0 : total,
    kinds: tooFew ? kinds.map((k) => ({ ...k, posts: 0 })) : kinds,
  };
}

export type SizeBandKey = SizeBand | 'unknown';
export const SIZE_BANDS: readonly SizeBandKey[] = ['small', 'medium', 'large', 'unknown'];
export const bandOf = (population: number | null): SizeBandKey => (population === null ? 'unknown' : sizeGroup(population));

export type MunicipalityInfo = { code: string; name: string; population: number | null };

/**
 * The sector, each size band and each municipality (those in `show`) from the counts of every municipality.
 * `suppressed`: the suppressed view (see the module comment); `ownCode` is never suppressed for its own row.
 */
export function postKindScopes(
  rows: readonly PostKindSumRow[],
  munis: readonly MunicipalityInfo[],
  view: { suppressed: boolean; show: (code: string) => boolean; ownCode?: string | null },
): { sector: KindScope; bands: KindScope[]; municipalities: KindScope[] } {
  const info = new Map(munis.map((m) => [m.code, m]));
  const band = (code: string) => bandOf(info.get(code)?.population ?? null);
  const sector = scopeOf('sector', 'NO', 'Norge', rows, view.suppressed);
  const bands = SIZE_BANDS.map((b) =>
    scopeOf(
      'size_band',
      b,
      null,
      rows.filter((r) => band(r.municipalityCode) === b),
      view.suppressed,
    ),
  ).filter((s) => s.id !== 'unknown' || s.municipalities > 0);
  const byMuni = new Map<string, PostKindSumRow[]>();
  for (const r of rows) {
    const list = byMuni.get(r.municipalityCode);
    if (list) list.push(r);
    else byMuni.set(r.municipalityCode, [r]);
  }
  const municipalities = [...byMuni.entries()]
    .filter(([code]) => view.show(code))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([code, rs]) => scopeOf('municipality', code, info.get(code)?.name ?? null, rs, view.suppressed && code !== view.ownCode));
  return { sector, bands, municipalities };
}
