-- Why: the post-kind figures (#23 part B) were computed per request from every thread of the period, and at national scale that took seconds for one week (the planner misjudges the thread joins); the indicator recompute now sums them per account, ISO week of the post and kind while it has the threads and turns at hand, and /api/v1/post-kinds, its exports and the annual summary read these sums.
create table post_kind_weeks (
  account_id bigint not null references accounts (id) on delete cascade,
  -- The ISO week (Europe/Oslo) the broadcast post was written in.
  week text not null check (week ~ '^[0-9]{4}-W[0-9]{2}$'),
  -- Post kinds and questions are the classifier's labels: one version's figures are never mixed with another's.
  classifier_version text not null,
  -- The stored post_kind at that version, or 'unclassified' for a post the classifier has not reached yet.
  kind text not null,
  posts int not null,
  -- Posts with >= 1 citizen comment within 7 days; citizen comments within 7 days and the sum of their squares
  -- per post (for the interval of the per-post mean); question turns begun within 7 days of the post, the sum of
  -- their squares per post, and those answered within 7 days of the turn.
  posts_commented int not null,
  citizen_comments int not null,
  comments_sq bigint not null,
  questions int not null,
  questions_sq bigint not null,
  questions_answered int not null,
  computed_at timestamptz not null,
  primary key (classifier_version, week, account_id, kind)
);
