import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

import { AppError } from '../../errors.js';
import { listOpenQuestions, type OpenQuestion } from '../../store/api-reads.js';
import { assertMunicipality, requirePrincipal } from '../auth.js';
import type { RouteContext } from '../context.js';
import { auditResidentRead } from './audit.js';
import { MunicipalityCode } from '../params.js';
import { parseInput } from '../respond.js';

export const QuestionsQuery = z.strictObject({
  municipality: MunicipalityCode.optional(),
  days: z.coerce.number().int().min(1).max(30).default(7),
});

export const waitedHours = (q: OpenQuestion, now: Date): number =>
  Math.round(((now.getTime() - q.askedAt.getTime()) / 3_600_000) * 10) / 10;

/**
 * The municipality's open unanswered questions with their text (already redacted at ingest), a link to
 * answer them on the platform, and how long they have waited. Residents' text goes to the municipality's own
 * users only: the sector role never receives it, and admin (an operator, possibly at KS) does not either.
 */
export function registerQuestions(app: FastifyInstance, ctx: RouteContext): void {
  app.get('/api/v1/questions', async (req) => {
    const p = requirePrincipal(req);
    if (p.role !== 'municipality') {
      throw new AppError('FORBIDDEN', "open questions are shown only to the municipality's own keys");
    }
    const q = parseInput(QuestionsQuery, req.query, 'query');
    if (q.municipality) assertMunicipality(p, q.municipality);
    const municipality = p.municipality as string;
    const now = ctx.deps.clock();
    const rows = await listOpenQuestions(ctx.deps.db, { municipality, now, days: q.days });
    await auditResidentRead(ctx, req, p, municipality, 'open questions', rows.length);
    return {
      municipality,
      as_of: now.toISOString(),
      data: rows.map((r) => ({
        item_id: r.itemId,
        account_id: r.accountId,
        platform: r.platform,
        account_handle: r.accountHandle,
        asked_at: r.askedAt.toISOString(),
        waited_hours: waitedHours(r, now),
        text: r.text,
        permalink: r.permalink,
      })),
    };
  });
}
