-- Why: a scheduled slot is claimed once in Postgres, so two scheduler replicas never enqueue the same work.
create table schedule_slots (
  schedule text not null,
  slot text not null,
  claimed_by text not null,
  claimed_at timestamptz not null,
  primary key (schedule, slot)
);
create index schedule_slots_claimed_at on schedule_slots (claimed_at);
