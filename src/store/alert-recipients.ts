import { createHash } from 'node:crypto';

import type { RuleOverride } from '../alerts/rules.js';
import type { TokenCipher } from '../privacy/token-cipher.js';
import type { Queryable } from './db.js';

/**
 * Alert recipients and rule overrides per municipality (sql/0012_alert_recipients.sql). Webhook URLs are
 * secrets (whoever holds one can post into the channel): stored encrypted, listed by host only, never logged.
 */
export type RecipientLevel = 'first' | 'escalation';
export type WebhookKind = 'slack' | 'teams';

/** `topic`: null = the municipality's general recipient; a topic id = alerts of that topic only (topic-routing.ts). */
export type Recipient =
  | { id: string; municipalityCode: string; level: RecipientLevel; topic: string | null; channel: 'email'; email: string }
  | {
      id: string;
      municipalityCode: string;
      level: RecipientLevel;
      topic: string | null;
      channel: 'webhook';
      kind: WebhookKind;
      url: string;
      host: string;
    };

export type NewRecipient = (
  | { municipalityCode: string; level: RecipientLevel; channel: 'email'; email: string }
  | { municipalityCode: string; level: RecipientLevel; channel: 'webhook'; kind: WebhookKind; url: string }
) & { topic?: string | null };

type Row = {
  id: number;
  municipality_code: string;
  channel: 'email' | 'webhook';
  email: string | null;
  webhook_ciphertext: string | null;
  webhook_host: string | null;
  kind: WebhookKind | null;
  level: RecipientLevel;
  topic: string | null;
};

export const webhookFingerprint = (url: string): string => createHash('sha256').update(url).digest('hex');

/** Adds a recipient; returns its id and whether it was new (adding the same one twice changes nothing). */
export async function addRecipient(
  db: Queryable,
  cipher: TokenCipher,
  r: NewRecipient,
  now: Date,
): Promise<{ id: string; created: boolean }> {
  const webhook = r.channel === 'webhook';
  const { rows } = await db.query<{ id: number }>(
    `insert into alert_recipients (municipality_code, channel, email, webhook_ciphertext, webhook_fingerprint, webhook_host, kind, level, created_at, topic)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     on conflict do nothing
     returning id`,
    [
      r.municipalityCode,
      r.channel,
      webhook ? null : r.email.toLowerCase(),
      webhook ? cipher.encrypt(r.url) : null,
      webhook ? webhookFingerprint(r.url) : null,
      webhook ? new URL(r.url).host : null,
      webhook ? r.kind : null,
      r.level,
      now,
      r.topic ?? null,
    ],
  );
  if (rows[0]) return { id: String(rows[0].id), created: true };
  const { rows: old } = await db.query<{ id: number }>(
    `select id from alert_recipients
     where municipality_code = $1 and channel = $2 and coalesce(email, webhook_fingerprint) = $3 and level = $4
       and coalesce(topic, '') = coalesce($5, '')`,
    [r.municipalityCode, r.channel, webhook ? webhookFingerprint(r.url) : r.email.toLowerCase(), r.level, r.topic ?? null],
  );
  return { id: String(old[0]?.id ?? ''), created: false };
}

/** Recipients of some municipalities (all when `municipalities` is undefined), webhook URLs decrypted. */
export async function listRecipients(db: Queryable, cipher: TokenCipher, municipalities?: readonly string[]): Promise<Recipient[]> {
  const { rows } = await db.query<Row>(
    `select id, municipality_code, channel, email, webhook_ciphertext, webhook_host, kind, level, topic
     from alert_recipients
     where ($1::text[] is null or municipality_code = any($1::text[]))
     order by municipality_code, level, id`,
    [municipalities ? [...municipalities] : null],
  );
  return rows.map((r): Recipient => {
    const base = { id: String(r.id), municipalityCode: r.municipality_code, level: r.level, topic: r.topic };
    if (r.channel === 'email') return { ...base, channel: 'email', email: r.email ?? '' };
    return {
      ...base,
      channel: 'webhook',
      kind: r.kind ?? 'slack',
      url: cipher.decrypt(r.webhook_ciphertext ?? ''),
      host: r.webhook_host ?? '',
    };
  });
}

/** Sets the N/M rule of a municipality (accountId null) or of one account. */
export async function setAlertRule(db: Queryable, o: RuleOverride, now: Date): Promise<void> {
  await db.query(
    `insert into alert_rules (municipality_code, account_id, overdue_office_hours, escalate_office_hours, updated_at)
     values ($1, $2, $3, $4, $5)
     on conflict (municipality_code, coalesce(account_id, 0)) do update
       set overdue_office_hours = excluded.overdue_office_hours,
           escalate_office_hours = excluded.escalate_office_hours,
           updated_at = excluded.updated_at`,
    [o.municipalityCode, o.accountId === null ? null : Number(o.accountId), o.overdueHours, o.escalateHours, now],
  );
}

export async function listAlertRules(db: Queryable): Promise<RuleOverride[]> {
  const { rows } = await db.query<{
    municipality_code: string;
    account_id: number | null;
    overdue_office_hours: number;
    escalate_office_hours: number;
  }>('select municipality_code, account_id, overdue_office_hours, escalate_office_hours from alert_rules order by id');
  return rows.map((r) => ({
    municipalityCode: r.municipality_code,
    accountId: r.account_id === null ? null : String(r.account_id),
    overdueHours: Number(r.overdue_office_hours),
    escalateHours: Number(r.escalate_office_hours),
  }));
}
