-- Why: a recompute deletes only the marks it consumed. Comparing marked_at (the writer's clock, milliseconds) let a
-- mark set again during a recompute with the same clock reading be deleted and lost; a generation number drawn from
-- a sequence on every insert and every update of a mark cannot repeat, whatever clock the writer uses.
create sequence indicator_dirty_generation;
alter table indicator_dirty add column generation bigint not null default nextval('indicator_dirty_generation');
alter sequence indicator_dirty_generation owned by indicator_dirty.generation;

create or replace function indicator_dirty_next_generation() returns trigger language plpgsql as $$
begin
  new.generation := nextval('indicator_dirty_generation');
  return new;
end;
$$;

-- Every writer (an upsert's `on conflict do update` included) bumps the generation without naming the column.
create trigger indicator_dirty_generation before insert or update on indicator_dirty
  for each row execute function indicator_dirty_next_generation();
