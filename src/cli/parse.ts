import { parseArgs } from 'node:util';

import { DateTime } from 'luxon';

import { AppError } from '../errors.js';
import type { Command, ParsedArgs } from './command.js';

/** Parses argv after the command words, strictly: unknown options and missing values are usage errors. */
export function parseCommandArgs(cmd: Command, argv: readonly string[]): ParsedArgs {
  const options = Object.fromEntries(
    Object.entries(cmd.options).map(([name, o]) => [
      name,
      { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) },
    ]),
  );
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true, tokens: true });
  } catch (err) {
    const msg = (err as Error).message.replace(/\. To specify a positional argument.*$/s, '').replace(/^Option '/, "option '");
    throw new AppError('USAGE', `${cmd.path.join(' ')}: ${msg.charAt(0).toLowerCase()}${msg.slice(1)}`);
  }
  // parseArgs keeps the last of a repeated single-valued option: `--municipality 0301 --municipality 4601` would
  // silently act on one of them.
  const seen = new Set<string>();
  for (const t of parsed.tokens ?? []) {
    if (t.kind !== 'option' || cmd.options[t.name]?.multiple) continue;
    if (seen.has(t.name)) throw new AppError('USAGE', `${cmd.path.join(' ')}: --${t.name} given more than once (it takes one value)`);
    seen.add(t.name);
  }
  const pos = cmd.positionals ?? { min: 0, max: 0, names: '' };
  if (parsed.positionals.length < pos.min) {
    throw new AppError('USAGE', `${cmd.path.join(' ')}: missing ${pos.names}`);
  }
  if (parsed.positionals.length > pos.max) {
    const extra = parsed.positionals[pos.max];
    throw new AppError('USAGE', `${cmd.path.join(' ')}: unexpected argument '${extra}'`);
  }
  for (const [name, o] of Object.entries(cmd.options)) {
    const v = parsed.values[name];
    if (o.type === 'string' && typeof v === 'string' && v.trim() === '') {
      throw new AppError('USAGE', `${cmd.path.join(' ')}: --${name} needs a value`);
    }
  }
  return { values: parsed.values as ParsedArgs['values'], positionals: parsed.positionals };
}

export function stringOpt(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === 'string' ? v : undefined;
}

export function requireOpt(cmd: Pick<Command, 'path'>, args: ParsedArgs, name: string): string {
  const v = stringOpt(args, name);
  if (v === undefined) throw new AppError('USAGE', `${cmd.path.join(' ')}: --${name} is required`);
  return v;
}

export function boolOpt(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}

/**
 * Parses `--since 2026-10-01` (an ISO date, or an ISO time; UTC unless it names an offset) into a Date, or fails
 * naming the option. Strict: an impossible date such as 2026-02-30 is refused, never rolled over into March.
 */
export function dateOpt(cmd: Pick<Command, 'path'>, args: ParsedArgs, name: string): Date | undefined {
  const v = stringOpt(args, name);
  if (v === undefined) return undefined;
  const d = DateTime.fromISO(v, { zone: 'utc' });
  if (!d.isValid) {
    const why = d.invalidReason === 'unit out of range' ? 'no such date or time' : 'expects a date such as 2026-10-01 or an ISO time';
    throw new AppError('USAGE', `${cmd.path.join(' ')}: --${name} ${why}, got '${v.slice(0, 40)}'`);
  }
  return d.toJSDate();
}

/** Parses a positive integer option within bounds. */
export function intOpt(cmd: Pick<Command, 'path'>, args: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const v = stringOpt(args, name);
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v) || Number(v) < min || Number(v) > max) {
    throw new AppError('USAGE', `${cmd.path.join(' ')}: --${name} expects an integer from ${min} to ${max}, got '${v}'`);
  }
  return Number(v);
}
