-- Why: the information chief's week (issue 22). Population comes with its reference year (SSB table 07459,
-- imported by `lyttepost migrate` from data/population.csv) so size bands stay reproducible and the year can
-- be shown; each municipality may set its own response target and pick its own peer set.
alter table municipalities add column population_year integer check (population_year between 1900 and 2200);

-- Office hours within which a resident's question should be answered; null = one office day (INDICATORS.md).
alter table municipalities add column response_target_office_hours numeric check (response_target_office_hours > 0);

create table municipality_peers (
  municipality_code text not null references municipalities (code),
  peer_code text not null references municipalities (code),
  primary key (municipality_code, peer_code),
  check (municipality_code <> peer_code)
);
