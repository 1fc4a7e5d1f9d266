import { AppError } from '../errors.js';
import { CSV_DIALECTS, type CsvDialect } from '../exports/csv.js';
import type { Command, OptionSpec, ParsedArgs } from './command.js';
import { stringOpt } from './parse.js';

/**
 * `--dialect rfc4180|excel-nb` of every command that prints CSV, written by the one CSV writer
 * (src/exports/csv.ts): `rfc4180` (default, for tools) or `excel-nb` (Excel in a Norwegian locale).
 */
export const DIALECT_OPTION: OptionSpec = {
  type: 'string',
  valueName: '<dialect>',
  default: 'rfc4180',
  description:
    'CSV dialect: rfc4180 (for tools: comma, decimal point) or excel-nb (Excel in a Norwegian locale: UTF-8 with BOM, semicolon, decimal comma, ja/nei)',
};

/**
 * The `--dialect` asked for, or a usage error naming the allowed values. `csv` says whether the command prints
 * CSV this time (`csvSwitch` names the option that makes it do so): a dialect for other output is refused
 * rather than silently ignored.
 */
export function dialectOpt(cmd: Pick<Command, 'path'>, args: ParsedArgs, csv: boolean, csvSwitch: string): CsvDialect {
  const v = stringOpt(args, 'dialect');
  if (v === undefined) return 'rfc4180';
  if (!(CSV_DIALECTS as readonly string[]).includes(v)) {
    throw new AppError('USAGE', `${cmd.path.join(' ')}: --dialect expects one of ${CSV_DIALECTS.join(', ')}, got '${v.slice(0, 40)}'`);
  }
  if (!csv) throw new AppError('USAGE', `${cmd.path.join(' ')}: --dialect is for CSV output (with ${csvSwitch})`);
  return v as CsvDialect;
}
