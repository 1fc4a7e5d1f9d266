import type { Lang } from '../reports/format.js';
import type { Queryable } from './db.js';

/**
 * Weekly report recipients (sql/0013) and the archive of sent reports (`reports`, sql/0006). A report row is
 * unique per (municipality, week, recipient): a sender claims it before mailing and marks it sent after, so
 * a second run, a retry or a second worker never mails the same week to the same person twice.
 */
export type ReportRecipient = { id: string; municipalityCode: string; email: string; lang: Lang };

/** Adds a recipient (e-mail lower-cased); adding the same one again updates its language. */
export async function addReportRecipient(
  db: Queryable,
  r: { municipalityCode: string; email: string; lang: Lang },
  now: Date,
): Promise<{ id: string }> {
  const { rows } = await db.query<{ id: number }>(
    `insert into report_recipients (municipality_code, email, lang, created_at)
     values ($1, $2, $3, $4)
     on conflict (municipality_code, email) do update set lang = excluded.lang
     returning id`,
    [r.municipalityCode, r.email.toLowerCase(), r.lang, now],
  );
  return { id: String(rows[0]!.id) };
}

/** Recipients of the named municipalities (all when omitted), by municipality and address. */
export async function listReportRecipients(db: Queryable, municipalities?: readonly string[]): Promise<ReportRecipient[]> {
  const { rows } = await db.query<{ id: number; municipality_code: string; email: string; lang: Lang }>(
    `select id, municipality_code, email, lang
     from report_recipients
     where ($1::text[] is null or municipality_code = any($1::text[]))
     order by municipality_code, email`,
    [municipalities ? [...municipalities] : null],
  );
  return rows.map((r) => ({ id: String(r.id), municipalityCode: r.municipality_code, email: r.email, lang: r.lang }));
}

/** How long a claim protects a send in progress; a claim older than this is taken to be a crashed sender's. */
export const CLAIM_TTL_MS = 15 * 60_000;

/**
 * Claims the report row of (municipality, week, recipient) for sending. Returns the row id, or null when the
 * report was already sent or another sender holds a live claim.
 */
export async function claimReport(
  db: Queryable,
  r: { municipalityCode: string; week: string; recipient: string; lang: Lang; inputVersions: Record<string, unknown>; archivePath: string },
  now: Date,
): Promise<string | null> {
  const { rows } = await db.query<{ id: number }>(
    `insert into reports (municipality_code, week, recipient, lang, input_versions, archive_path, created_at, claimed_at)
     values ($1, $2, $3, $4, $5::jsonb, $6, $7, $7)
     on conflict (municipality_code, week, recipient) do update
       set claimed_at = excluded.claimed_at, lang = excluded.lang, input_versions = excluded.input_versions,
           archive_path = excluded.archive_path
       where reports.sent_at is null
         and (reports.claimed_at is null or reports.claimed_at < $8::timestamptz)
     returning id`,
    [
      r.municipalityCode,
      r.week,
      r.recipient.toLowerCase(),
      r.lang,
      JSON.stringify(r.inputVersions),
      r.archivePath,
      now,
      new Date(now.getTime() - CLAIM_TTL_MS),
    ],
  );
  return rows[0] ? String(rows[0].id) : null;
}

export async function markReportSent(db: Queryable, id: string, at: Date): Promise<void> {
  await db.query(`update reports set sent_at = $2, claimed_at = null where id = $1`, [Number(id), at]);
}

/** Releases a claim after a failed attempt, so the next run retries at once. */
export async function releaseReportClaim(db: Queryable, id: string): Promise<void> {
  await db.query(`update reports set claimed_at = null where id = $1 and sent_at is null`, [Number(id)]);
}

export type ReportRow = {
  municipalityCode: string;
  week: string;
  recipient: string;
  lang: string;
  sentAt: Date | null;
  archivePath: string | null;
  inputVersions: Record<string, unknown>;
};

export async function listReports(db: Queryable, q: { week?: string; municipality?: string } = {}): Promise<ReportRow[]> {
  const { rows } = await db.query<{
    municipality_code: string;
    week: string;
    recipient: string;
    lang: string;
    sent_at: Date | null;
    archive_path: string | null;
    input_versions: Record<string, unknown>;
  }>(
    `select municipality_code, week, recipient, lang, sent_at, archive_path, input_versions
     from reports
     where ($1::text is null or week = $1) and ($2::text is null or municipality_code = $2)
     order by week, municipality_code, recipient`,
    [q.week ?? null, q.municipality ?? null],
  );
  return rows.map((r) => ({
    municipalityCode: r.municipality_code,
    week: r.week,
    recipient: r.recipient,
    lang: r.lang,
    sentAt: r.sent_at ? new Date(r.sent_at) : null,
    archivePath: r.archive_path,
    inputVersions: r.input_versions,
  }));
}
