-- Why: an erasure (GDPR) must outlast the next re-read of the thread. `erased_residents` is the tombstone: the
-- resident's pseudonym and nothing else; every ingest drops items with a tombstoned pseudonym. `erased_items`
-- keeps the placeholders that stand in for erased items' ids in others' replies (parent, root, branch), so a
-- reply read later is pointed at the same placeholder and threads stay consistent: a one-way hash of the id,
-- the item's kind and the branch it belonged to (a placeholder or another item's id), nothing of its content.
-- `audit_log` records erasures and who read resident-level data (who, when, what scope), for admins.
create table erased_residents (
  platform text not null,
  author_key text not null,
  primary key (platform, author_key)
);

create table erased_items (
  platform text not null,
  placeholder text not null check (placeholder like 'erased:%'),
  kind text not null check (kind in ('post', 'comment')),
  branch_external_id text,
  primary key (platform, placeholder)
);

create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null,
  -- 'api-key:<id>' (API or dashboard), 'cli:<os user>'.
  actor text not null,
  action text not null check (action in ('erase', 'read-resident-data')),
  -- What was erased or read, e.g. 'facebook resident' or 'municipality 0301: open questions'; never a pseudonym.
  scope text not null,
  detail jsonb not null default '{}'
);
create index audit_log_at on audit_log (at);
