import type { z } from 'zod';

import { AppError } from '../errors.js';
import type { Platform } from '../domain/records.js';

/**
 * Parses a platform body against the shape we rely on. A mismatch is a PLATFORM_CONTRACT error that names the
 * field (path) and what was expected, never the value (it may be resident text).
 */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown, platform: Platform, what: string): z.infer<S> {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : '(body)';
  throw new AppError('PLATFORM_CONTRACT', `${platform} ${what}: unexpected response shape at field '${field}': ${issue?.message ?? 'invalid'}`, {
    retryable: false,
    context: { platform, what, field },
  });
}

/** A platform timestamp (Graph `+0000`, ISO `Z`) as a Date; NaN dates are contract errors at parse time. */
export function toDate(s: string): Date {
  return new Date(s.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}
