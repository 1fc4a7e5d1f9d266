import { z } from 'zod';

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
  throw new AppError(
    'PLATFORM_CONTRACT',
    `${platform} ${what}: unexpected response shape at field '${field}': ${issue?.message ?? 'invalid'}`,
    {
      retryable: false,
      context: { platform, what, field },
    },
  );
}

/** A platform timestamp (Graph `+0000`, ISO `Z`) as a Date; NaN dates are contract errors at parse time. */
export function toDate(s: string): Date {
  return new Date(s.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

const NOT_A_TIMESTAMP = 'expected a timestamp';

/** A platform timestamp parsed once, at the contract check, into a Date (every item carries one or two). */
export const Timestamp = z.string().transform((s, ctx) => {
  const d = toDate(s);
  if (!Number.isNaN(d.getTime())) return d;
  ctx.issues.push({ code: 'custom', message: NOT_A_TIMESTAMP, input: s });
  return z.NEVER;
});

/** A platform timestamp checked the same way but kept as the platform wrote it (a thread signature compares it). */
export const TimestampText = z.string().refine((s) => !Number.isNaN(toDate(s).getTime()), { message: NOT_A_TIMESTAMP });

/**
 * One item of a page that did not have the shape we rely on: counted and reported on the harvest run as a
 * contract warning, while the page's valid items are stored. Names the field, never the value.
 */
export type ContractWarning = {
  code: 'PLATFORM_CONTRACT';
  platform: Platform;
  what: string;
  field: string;
  message: string;
  count: number;
};

/**
 * Parses the items of a page one by one: the valid ones are returned, each invalid one becomes a warning (folded
 * per field), so one malformed item never costs its page. `rejectedIds`: ids of the invalid items that had one —
 * a complete read counts them as seen, so a stored item is never marked deleted because one read of it was odd.
 */
export function parseItems<S extends z.ZodType>(
  schema: S,
  items: readonly unknown[],
  platform: Platform,
  what: string,
): { items: Array<z.infer<S>>; warnings: ContractWarning[]; rejectedIds: string[] } {
  const ok: Array<z.infer<S>> = [];
  const byField = new Map<string, ContractWarning>();
  const rejectedIds: string[] = [];
  for (const raw of items) {
    const r = schema.safeParse(raw);
    if (r.success) {
      ok.push(r.data);
      continue;
    }
    const id = raw !== null && typeof raw === 'object' ? (raw as { id?: unknown }).id : undefined;
    if (typeof id === 'string') rejectedIds.push(id);
    const issue = r.error.issues[0];
    const field = issue && issue.path.length > 0 ? issue.path.join('.') : '(item)';
    const w = byField.get(field);
    if (w) w.count++;
    else byField.set(field, { code: 'PLATFORM_CONTRACT', platform, what, field, message: issue?.message ?? 'invalid', count: 1 });
  }
  return { items: ok, warnings: [...byField.values()], rejectedIds };
}

/** Warnings of several pages, folded per (platform, what, field and stream, when they carry one). */
export function mergeWarnings<W extends ContractWarning & { stream?: string }>(into: W[], more: readonly W[]): W[] {
  for (const w of more) {
    const same = into.find((x) => x.platform === w.platform && x.what === w.what && x.field === w.field && x.stream === w.stream);
    if (same) same.count += w.count;
    else into.push({ ...w });
  }
  return into;
}
