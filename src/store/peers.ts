import { AppError } from '../errors.js';
import type { Db, Queryable } from './db.js';

/** What places a municipality among peers (src/indicators/peers.ts) and its own response target. */
export type PeerProfile = {
  code: string;
  countyCode: string;
  countyName: string;
  population: number | null;
  populationYear: number | null;
  /** Office hours within which a question should be answered; null = one office day. */
  responseTargetOfficeHours: number | null;
  chosen: string[];
};

export async function readPeerProfile(db: Queryable, code: string): Promise<PeerProfile | null> {
  const { rows } = await db.query<{
    code: string;
    county_code: string;
    county_name: string;
    population: number | null;
    population_year: number | null;
    target: string | null;
    chosen: string[];
  }>(
    `select m.code, m.county_code, c.name as county_name, m.population, m.population_year,
            m.response_target_office_hours::text as target,
            coalesce((select array_agg(p.peer_code order by p.peer_code) from municipality_peers p where p.municipality_code = m.code), '{}') as chosen
     from municipalities m join counties c on c.code = m.county_code
     where m.code = $1`,
    [code],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    code: r.code,
    countyCode: r.county_code,
    countyName: r.county_name,
    population: r.population,
    populationYear: r.population_year,
    responseTargetOfficeHours: r.target === null ? null : Number(r.target),
    chosen: r.chosen,
  };
}

/** Replaces the municipality's picked peer set (an empty list clears it). Unknown codes are refused, nothing changes. */
export async function setPeerSet(db: Db, code: string, peers: readonly string[]): Promise<void> {
  const { rows } = await db.query<{ code: string }>('select code from municipalities where code = any($1::text[])', [[code, ...peers]]);
  const known = new Set(rows.map((r) => r.code));
  const unknown = [code, ...peers].filter((c) => !known.has(c));
  if (unknown.length > 0) throw new AppError('BAD_INPUT', `unknown municipality code(s): ${unknown.join(', ')}`);
  await db.transaction(async (tx) => {
    await tx.query('delete from municipality_peers where municipality_code = $1', [code]);
    await tx.query(
      `insert into municipality_peers (municipality_code, peer_code)
       select $1, p from unnest($2::text[]) as p where p <> $1`,
      [code, [...new Set(peers)]],
    );
  });
}

/** Sets the municipality's response target in office hours (null: back to one office day). */
export async function setResponseTarget(db: Queryable, code: string, officeHours: number | null): Promise<void> {
  await db.query('update municipalities set response_target_office_hours = $2 where code = $1', [code, officeHours]);
}
