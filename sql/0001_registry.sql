-- Why: the register of counties and municipalities (SSB classification 131) and the accounts we monitor.
create table counties (
  code text primary key,
  name text not null
);

create table municipalities (
  code text primary key check (code ~ '^[0-9]{4}$'),
  name text not null,
  county_code text not null references counties (code),
  -- Optional import (SSB table 07459); size groups in reports fall back to follower bands when null.
  population integer,
  -- Per-municipality office hours override, e.g. {"start":"08:00","end":"15:45"}; null = the default.
  office_hours jsonb
);

create table accounts (
  id bigint generated always as identity primary key,
  municipality_code text not null references municipalities (code),
  platform text not null check (platform in ('facebook', 'youtube', 'x', 'instagram', 'bluesky', 'mastodon')),
  external_id text not null,
  handle text,
  status text not null default 'active' check (status in ('active', 'paused', 'needs_reauth', 'error')),
  status_reason text,
  -- Name of the environment variable the token was read from (never the token itself).
  token_env text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (platform, external_id)
);
create index accounts_municipality on accounts (municipality_code, platform);

-- Platform tokens, AES-256-GCM encrypted with a key derived from LYTTEPOST_SECRET. Never logged.
create table credentials (
  account_id bigint primary key references accounts (id) on delete cascade,
  ciphertext text not null,
  updated_at timestamptz not null default now()
);
