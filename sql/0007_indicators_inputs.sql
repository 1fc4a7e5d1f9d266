-- Why: the indicator engine reads items by creation time across all accounts (a week of the sector at once) and stores the county/sector distribution over municipalities beside the values.
create index if not exists items_created on items (created_at);
alter table indicator_values add column if not exists distribution jsonb;
