-- Why: a post with no engagement snapshot within 7 days uses its earliest later one (INDICATORS.md, clarification 1
-- of version 1); the median age of those snapshots is reported for every scope, so each account-week keeps the ages
-- (days from post to snapshot) of its late-measured posts, as it keeps its answered questions' hours.
alter table indicator_account_weeks add column if not exists late_snapshot_days double precision[] not null default '{}';
-- Rows computed before: their engagement figures counted unmeasured posts as 0 and their removals from the pass
-- that saw them; dropping them (a derived cache) makes every later run compute the account-weeks it merges afresh.
delete from indicator_account_weeks;
