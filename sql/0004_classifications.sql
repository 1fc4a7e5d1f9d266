-- Why: classifier output per item and classifier version, so history can be re-classified and compared.
create table classifications (
  item_id bigint not null references items (id) on delete cascade,
  classifier_version text not null,
  -- Citizen items: needs_answer/kind/lang/score/abusive. Owner posts: post_kind.
  needs_answer boolean,
  kind text check (kind in ('question', 'request', 'complaint', 'other')),
  lang text,
  score real,
  abusive boolean not null default false,
  post_kind text check (post_kind in ('service_info', 'event', 'crisis', 'smalltalk', 'dialogue_invitation', 'other')),
  reasons jsonb not null default '[]',
  classified_at timestamptz not null,
  primary key (item_id, classifier_version)
);
