import { CLASSIFIER_VERSION } from '../../classifier/version.js';
import { AppError } from '../../errors.js';
import { postKindScopes, type KindScope } from '../../indicators/post-kind-figures.js';
import { listMunicipalitySummaries } from '../../store/api-reads.js';
import { readPostKindSums } from '../../store/post-kind-weeks.js';
import { assertMunicipality, type Principal } from '../auth.js';
import type { RouteContext } from '../context.js';
import { resolveWeekRange } from '../params.js';

/** The post-type figures one principal may see over a week range: the API, the export and the page all read this. */
export type PostKindView = {
  from: string;
  to: string;
  classifierVersion: string;
  knownAt: string;
  sector: KindScope;
  bands: KindScope[];
  municipalities: KindScope[];
};

/**
 * Admin sees everything unsuppressed; the sector role every municipality, suppressed; a municipality key its own
 * municipality unsuppressed and the size bands and the sector suppressed. `municipality` narrows the listed
 * municipalities to one (a municipality key only to its own).
 */
export async function loadPostKindView(
  ctx: RouteContext,
  p: Principal,
  q: { from?: string | undefined; to?: string | undefined; municipality?: string | undefined },
): Promise<PostKindView> {
  if (q.municipality !== undefined) assertMunicipality(p, q.municipality);
  const now = ctx.deps.clock();
  const range = resolveWeekRange(q, now, 52);
  if ('error' in range) throw new AppError('BAD_INPUT', range.error);
  // The sums the indicator recompute stored per account, week and kind (src/store/post-kind-weeks.ts).
  const [{ rows, computedAt }, munis] = await Promise.all([
    readPostKindSums(ctx.deps.db, { from: range.from, to: range.to, classifierVersion: CLASSIFIER_VERSION }),
    listMunicipalitySummaries(ctx.deps.db),
  ]);
  const own = p.role === 'municipality' ? p.municipality : null;
  const show = (code: string) => (q.municipality === undefined || code === q.municipality) && (own === null || code === own);
  const scopes = postKindScopes(rows, munis, { suppressed: p.role !== 'admin', show, ownCode: own });
  return { from: range.from, to: range.to, classifierVersion: CLASSIFIER_VERSION, knownAt: (computedAt ?? now).toISOString(), ...scopes };
}

/** The figures of a scope as JSON (snake_case, intervals as {value, n, low, high}). */
export function scopeJson(s: KindScope): Record<string, unknown> {
  return {
    scope: s.scope,
    id: s.id,
    name: s.name,
    municipalities: s.municipalities,
    posts: s.posts,
    kinds: s.kinds.map((k) => ({
      kind: k.kind,
      posts: k.posts,
      share: k.share,
      commented_share: k.commentedShare,
      comments_per_post: k.commentsPerPost,
      questions_per_post: k.questionsPerPost,
      response_rate: k.responseRate,
      ...(k.suppressed.length > 0 ? { suppressed: k.suppressed } : {}),
    })),
  };
}
