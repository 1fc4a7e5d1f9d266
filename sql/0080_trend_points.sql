-- Why: the sector trend endpoint must answer two years for 50 concurrent clients with p95 < 100 ms without its
-- 5-second cache (issue 23). Each county and sector indicator row's trend point (src/indicators/trend-point.ts)
-- is stored as the JSON text the API sends, once for admin and once in the suppressed view, written with the
-- row by upsertIndicatorValues: a trend request concatenates stored text, with no per-request JSON work.
create table trend_points (
  scope text not null check (scope in ('county', 'sector')),
  scope_id text not null,
  week text not null,
  definition_version integer not null,
  admin_point text not null,
  suppressed_point text not null,
  primary key (scope, scope_id, definition_version, week),
  foreign key (scope, scope_id, week, definition_version)
    references indicator_values (scope, scope_id, week, definition_version) on delete cascade
);
