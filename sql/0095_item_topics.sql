-- Why: issue 25. The service topics of every citizen item and every top-level post, per topic-classifier
-- version, so that a new version is found and re-run (lyttepost classify --reclassify, or the next classify
-- job) and the topic figures read only labels of the current version. `topics` holds label ids, primary
-- first; an empty array means "about no municipal service" (not unknown: an item without a row is unknown).
create table item_topics (
  item_id bigint not null references items (id) on delete cascade,
  topics_version text not null,
  topics text[] not null,
  reasons jsonb not null default '[]',
  classified_at timestamptz not null,
  primary key (item_id, topics_version)
);

-- The topic figures look topics up by version for the items of a set of turns.
create index item_topics_version on item_topics (topics_version, item_id);
