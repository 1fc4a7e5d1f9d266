import type { Command } from '../command.js';
import { accountsAddCommand, accountsImportCommand, accountsListCommand } from './accounts.js';
import { migrateCommand } from './migrate.js';

/** Every command, in the order `lyttepost --help` lists them. */
export const COMMANDS: readonly Command[] = [
  migrateCommand,
  accountsAddCommand,
  accountsImportCommand,
  accountsListCommand,
];
