-- Why: platforms report that an item is hidden or deleted, not when (INDICATORS.md, clarification 2 of version 1).
-- hidden_at and deleted_at keep when a collection pass first saw the removal; removed_at is the instant the item
-- counts as removed from: its creation when it was already hidden or deleted when first stored, else the pass
-- that first saw it so. Null while the item is visible.
alter table items add column if not exists removed_at timestamptz;
-- Rows stored before this column: a removal seen no later than the item's first storing was there from the start.
update items
set removed_at = case when least(hidden_at, deleted_at) <= first_seen_at then created_at else least(hidden_at, deleted_at) end
where coalesce(hidden_at, deleted_at) is not null and removed_at is null;
