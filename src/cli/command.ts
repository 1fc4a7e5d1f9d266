import type { Readable, Writable } from 'node:stream';

import type { Clock } from '../clock.js';

/** One command-line option. `description` feeds the generated `--help`. */
export type OptionSpec = {
  type: 'string' | 'boolean';
  short?: string;
  description: string;
  multiple?: boolean;
  /** Shown in help; the command applies it. */
  default?: string;
  /** Placeholder in help, e.g. `<date>`. */
  valueName?: string;
};

/** What every command receives: streams and environment are parameters so tests can drive commands in-process. */
export type CommandContext = {
  env: NodeJS.ProcessEnv;
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  clock: Clock;
  /** Resolves when the user asks the process to stop (SIGINT/SIGTERM). */
  shutdownSignal: AbortSignal;
};

export type ParsedArgs = {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
};

export type Command = {
  /** Words that select the command, e.g. `['accounts', 'add']`. */
  path: readonly string[];
  summary: string;
  /** Usage line after `lyttepost`, e.g. `accounts add --municipality <code> …`. */
  usage: string;
  options: Readonly<Record<string, OptionSpec>>;
  /** Number of positional arguments allowed (default 0). */
  positionals?: { min: number; max: number; names: string };
  /** Runs until SIGINT/SIGTERM: main() turns those signals into ctx.shutdownSignal instead of exiting. */
  longRunning?: boolean;
  /** Extra help text (examples, notes). */
  details?: string;
  /** Returns the process exit code. Throw AppError('USAGE' | 'BAD_INPUT' | …) for user errors. */
  run(args: ParsedArgs, ctx: CommandContext): Promise<number>;
};
