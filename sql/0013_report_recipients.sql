-- Why: who receives the weekly report per municipality and in which language (alert_recipients in 0012 is about first-level/escalation alert channels, webhooks included), and a claim on each report row so two senders never mail the same week to the same recipient.
create table report_recipients (
  id bigint generated always as identity primary key,
  municipality_code text not null references municipalities (code),
  email text not null,
  lang text not null default 'nb' check (lang in ('nb', 'en')),
  created_at timestamptz not null,
  unique (municipality_code, email)
);

-- Set when a sender takes the row and cleared when its attempt fails; sent_at marks delivery.
alter table reports add column claimed_at timestamptz;
