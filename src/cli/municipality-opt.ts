import { AppError } from '../errors.js';
import type { Queryable } from '../store/db.js';
import { listMunicipalityCodes } from '../store/accounts.js';

/**
 * How the CLI's commands take a municipality (`--municipality`, `--peers`) and a recipient's `--email`: one
 * pattern and one message each, so every command answers a mistyped value the same way.
 */

/** A municipality number as the register writes it: four digits (0301 is Oslo). */
export const MUNICIPALITY_CODE = /^\d{4}$/;

/** An address a recipient command accepts: something@domain.tld, without spaces, brackets or quotes. */
export const EMAIL_ADDRESS = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/;

/** `--municipality` has the form of a code (checked before any connection is made). */
export function municipalityCodeOpt(cmd: string, code: string): string {
  if (!MUNICIPALITY_CODE.test(code))
    throw new AppError('USAGE', `${cmd}: --municipality expects a 4-digit code such as 0301, got '${code}'`);
  return code;
}

export const unknownMunicipality = (cmd: string, code: string): AppError =>
  new AppError('USAGE', `${cmd}: unknown municipality code '${code}' (expected a 4-digit code from the register, e.g. 0301 for Oslo)`);

/** The code is one of the register's. */
export async function requireKnownMunicipality(cmd: string, db: Queryable, code: string): Promise<void> {
  if (!MUNICIPALITY_CODE.test(code) || !(await listMunicipalityCodes(db)).has(code)) throw unknownMunicipality(cmd, code);
}
