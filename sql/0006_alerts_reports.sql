-- Why: alerts on unanswered questions (deduplicated, with a state machine) and the archive of sent reports.
create table alerts (
  id bigint generated always as identity primary key,
  -- e.g. 'unanswered:<item id>': one alert per question, whatever number of evaluations see it.
  dedupe_key text not null unique,
  municipality_code text not null references municipalities (code),
  account_id bigint not null references accounts (id) on delete cascade,
  item_id bigint references items (id) on delete set null,
  state text not null check (state in ('open', 'notified', 'escalated', 'resolved', 'expired')),
  due_at timestamptz not null,
  escalate_at timestamptz,
  notified_at timestamptz,
  escalated_at timestamptz,
  resolved_at timestamptz,
  resolution text,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index alerts_municipality_state on alerts (municipality_code, state);

create table reports (
  id bigint generated always as identity primary key,
  municipality_code text not null references municipalities (code),
  week text not null,
  recipient text not null,
  lang text not null default 'nb',
  -- Definition and classifier versions of the inputs, so the report can be reproduced.
  input_versions jsonb not null,
  archive_path text,
  sent_at timestamptz,
  created_at timestamptz not null,
  unique (municipality_code, week, recipient)
);
