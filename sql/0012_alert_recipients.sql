-- Why: who receives unanswered-question alerts per municipality (e-mail or Slack/Teams webhook, first level or escalation), per-municipality/account overrides of the N/M office-hour rules, and one row per digest delivered per alert, recipient and level, so a retry after a failed send re-sends exactly what is missing.
create table alert_recipients (
  id bigint generated always as identity primary key,
  municipality_code text not null references municipalities (code),
  channel text not null check (channel in ('email', 'webhook')),
  email text,
  -- Webhook URLs are bearer secrets (anyone holding a Slack/Teams URL can post): AES-256-GCM like tokens.
  webhook_ciphertext text,
  -- sha256 of the webhook URL: uniqueness without the secret; `webhook_host` is what listings show.
  webhook_fingerprint text,
  webhook_host text,
  kind text check (kind in ('slack', 'teams')),
  level text not null check (level in ('first', 'escalation')),
  created_at timestamptz not null,
  check (
    (channel = 'email' and email is not null and webhook_ciphertext is null and kind is null)
    or (channel = 'webhook' and email is null and webhook_ciphertext is not null and webhook_fingerprint is not null and kind is not null)
  )
);
create unique index alert_recipients_unique
  on alert_recipients (municipality_code, channel, coalesce(email, webhook_fingerprint), level);

create table alert_rules (
  id bigint generated always as identity primary key,
  municipality_code text not null references municipalities (code),
  -- null: the municipality's rule; set: this account's rule (wins over the municipality's).
  account_id bigint references accounts (id) on delete cascade,
  overdue_office_hours real not null check (overdue_office_hours > 0),
  escalate_office_hours real not null check (escalate_office_hours > 0),
  updated_at timestamptz not null,
  check (escalate_office_hours >= overdue_office_hours)
);
create unique index alert_rules_scope on alert_rules (municipality_code, coalesce(account_id, 0));

create table alert_deliveries (
  alert_id bigint not null references alerts (id) on delete cascade,
  -- 'r:<alert_recipients.id>' or 'env:webhook' (ALERT_WEBHOOK_URL).
  recipient_key text not null,
  level text not null check (level in ('first', 'escalation')),
  delivered_at timestamptz not null,
  primary key (alert_id, recipient_key, level)
);
create index alerts_active on alerts (state) where state in ('open', 'notified', 'escalated');
