-- Why: the indicator engine keeps each account-week's item-level figures (counts, its distinct citizen authors and its answered questions' times) so that a dirty account-week re-reads only that account's threads and the municipality, county and sector rows are merged from stored account rows instead of from every item of the week.
create table indicator_account_weeks (
  account_id bigint not null references accounts (id) on delete cascade,
  week text not null check (week ~ '^[0-9]{4}-W[0-9]{2}$'),
  -- Questions are the classifier's needs_answer labels: figures of one classifier version are never mixed with another's.
  classifier_version text not null,
  -- Summable counts and follower figures of the account-week, e.g. {"owner_posts": 3, "questions": 5, "followers": 1200, …}.
  figures jsonb not null,
  -- Distinct pseudonymous citizen authors of the week's citizen items (count(distinct) of a wider scope is their union).
  citizen_authors text[] not null,
  -- Answered questions of the week, in order of asking: asked and answered instants, and the wall-clock hours between
  -- them as Postgres computes them (medians and p90 of any scope come from these, office hours from the instants).
  asked_at timestamptz[] not null,
  answered_at timestamptz[] not null,
  answer_hours double precision[] not null,
  computed_at timestamptz not null,
  primary key (week, classifier_version, account_id)
);

-- A scope-week row's values, n and flags are 2–3 kB of jsonb: above the default threshold (about 2 kB) every
-- write compressed them, which was most of a full recompute's write time. Rows up to a page stay uncompressed.
alter table indicator_values set (toast_tuple_target = 8160);
alter table indicator_account_weeks set (toast_tuple_target = 8160);
