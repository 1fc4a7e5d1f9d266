-- Why: computed indicator values, one row per scope and ISO week holding every indicator id of one
-- definition version (INDICATORS.md), plus the marks that say which account-weeks need recomputing.
create table indicator_values (
  scope text not null check (scope in ('account', 'municipality', 'county', 'sector')),
  scope_id text not null,
  week text not null check (week ~ '^[0-9]{4}-W[0-9]{2}$'),
  definition_version integer not null,
  -- {"owner_posts": 3, "reply_share": 0.25, …}: every id present, null where undefined.
  "values" jsonb not null,
  -- {"reply_share": 4, …}: the count each value rests on.
  n jsonb not null,
  -- Flags per value, e.g. {"dialogue_index": ["insufficient_data"], "response_rate": ["suppressed"]}.
  flags jsonb not null default '{}',
  coverage double precision not null,
  gap_accounts jsonb not null default '[]',
  provisional boolean not null,
  computed_at timestamptz not null,
  primary key (scope, scope_id, week, definition_version)
);
create index indicator_values_week on indicator_values (week, scope);

create table indicator_dirty (
  account_id bigint not null references accounts (id) on delete cascade,
  week text not null,
  marked_at timestamptz not null,
  primary key (account_id, week)
);
