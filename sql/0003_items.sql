-- Why: posts and comments in one table (an item), so threads, branches and turns are plain self-joins.
-- Resident author ids are keyed HMACs and resident names are never stored (DESIGN.md, residents' data).
create table items (
  id bigint generated always as identity primary key,
  account_id bigint not null references accounts (id) on delete cascade,
  platform text not null,
  external_id text not null,
  kind text not null check (kind in ('post', 'comment')),
  parent_external_id text,
  root_external_id text not null,
  -- The comment directly under the root that this item descends from; null for posts and until resolved.
  branch_external_id text,
  author_role text not null check (author_role in ('owner', 'citizen')),
  author_key text not null,
  created_at timestamptz not null,
  edited_at timestamptz,
  deleted_at timestamptz,
  hidden_at timestamptz,
  -- Redacted at ingest; nulled by the retention job (text_purged_at), aggregates stay.
  text text,
  text_purged_at timestamptz,
  permalink text,
  first_seen_at timestamptz not null,
  last_seen_at timestamptz not null,
  unique (platform, external_id)
);
create index items_account_created on items (account_id, created_at);
create index items_root on items (platform, root_external_id);
create index items_parent on items (platform, parent_external_id);
create index items_author on items (author_key);

-- Engagement counts as history: counts move after publication, so they are never overwritten.
create table metric_snapshots (
  item_id bigint not null references items (id) on delete cascade,
  captured_at timestamptz not null,
  likes integer,
  comments integer,
  shares integer,
  views bigint,
  primary key (item_id, captured_at)
);

create table follower_snapshots (
  account_id bigint not null references accounts (id) on delete cascade,
  captured_at timestamptz not null,
  followers integer not null,
  primary key (account_id, captured_at)
);
