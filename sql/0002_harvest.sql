-- Why: every collection pass leaves a row (calls, quota, items, outcome) and a watermark to resume from.
create table harvest_runs (
  id bigint generated always as identity primary key,
  account_id bigint not null references accounts (id) on delete cascade,
  -- posts | comments | metrics | followers | mentions | all
  stream text not null,
  -- Claim key: a scheduled slot (ISO minute) or a manual run id. A second claim of the same slot loses.
  slot text not null,
  status text not null default 'running' check (status in ('running', 'succeeded', 'partial', 'failed')),
  started_at timestamptz not null,
  finished_at timestamptz,
  calls integer not null default 0,
  quota_units integer not null default 0,
  items_new integer not null default 0,
  items_updated integer not null default 0,
  error_code text,
  error_message text,
  -- The period of platform time this run covered successfully (for coverage and gap reporting).
  covered_from timestamptz,
  covered_to timestamptz,
  unique (account_id, stream, slot)
);
create index harvest_runs_account_time on harvest_runs (account_id, started_at desc);

-- Where the next incremental pass starts. Committed in the same transaction as the items it covers.
create table sync_state (
  account_id bigint not null references accounts (id) on delete cascade,
  stream text not null,
  watermark timestamptz,
  cursor jsonb,
  updated_at timestamptz not null,
  primary key (account_id, stream)
);
