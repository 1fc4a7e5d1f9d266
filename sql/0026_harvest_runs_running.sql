-- Why: runs left `running` by a worker or a database that stopped mid-pass are found and reaped (abandoned) by
-- the scheduler every few minutes and by `sync`; this keeps that look-up off the whole run history.
create index harvest_runs_running on harvest_runs (started_at) where status = 'running';
