-- Why (issue 20): X answers a lookup of a monitored account that is gone with HTTP 200 and errors[] only. The
-- account's status says which ('not_found' or 'suspended'; a later successful pass sets it back to 'active'),
-- instead of the account failing every poll as a contract error.
alter table accounts drop constraint accounts_status_check;
alter table accounts add constraint accounts_status_check
  check (status in ('active', 'paused', 'needs_reauth', 'error', 'not_found', 'suspended'));

-- Items of a page that did not have the expected shape are not stored; the run reports them, folded per field:
-- [{"code":"PLATFORM_CONTRACT","platform":"youtube","what":"commentThreads.list","field":"snippet.videoId","message":"…","count":2,"stream":"comments"}]
alter table harvest_runs add column warnings jsonb not null default '[]'::jsonb;
