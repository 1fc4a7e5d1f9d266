-- Why: API keys for the HTTP API and the dashboard login; only a sha256 of each key is kept, the key itself is shown once.
create table api_keys (
  id bigint generated always as identity primary key,
  role text not null check (role in ('admin', 'sector', 'municipality')),
  -- Set exactly for the municipality role: the one municipality the key may see.
  municipality_code text references municipalities (code),
  name text,
  -- sha256 (hex) of the whole key; a 32-byte random key needs no slow hash.
  key_hash text not null unique,
  -- The first characters of the key, so `keys list` can tell keys apart without storing them.
  key_prefix text not null,
  created_at timestamptz not null,
  last_used_at timestamptz,
  revoked_at timestamptz,
  check ((role = 'municipality') = (municipality_code is not null))
);
