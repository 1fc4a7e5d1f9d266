import type { Command } from '../command.js';
import { accountsAddCommand, accountsImportCommand, accountsListCommand, accountsReactivateCommand } from './accounts.js';
import { alertsCheckCommand, alertsListCommand, alertsRecipientsAddCommand, alertsRecipientsListCommand, alertsRulesSetCommand } from './alerts.js';
import { classifyCommand } from './classify.js';
import { demoCommand } from './demo.js';
import { auditCommand } from './audit.js';
import { eraseCommand } from './erase.js';
import { healthCommand } from './health.js';
import { indicatorsCommand } from './indicators.js';
import { keysCreateCommand, keysListCommand, keysRevokeCommand } from './keys.js';
import { migrateCommand } from './migrate.js';
import { queueStatusCommand } from './queue-status.js';
import { reportCommand, reportRecipientsAddCommand, reportRecipientsListCommand } from './report.js';
import { schedulerCommand } from './scheduler.js';
import { serveCommand } from './serve.js';
import { simulateCommand } from './simulate.js';
import { syncCommand } from './sync.js';
import { workerCommand } from './worker.js';

/** Every command, in the order `lyttepost --help` lists them. */
export const COMMANDS: readonly Command[] = [
  migrateCommand,
  accountsAddCommand,
  accountsImportCommand,
  accountsListCommand,
  accountsReactivateCommand,
  syncCommand,
  indicatorsCommand,
  classifyCommand,
  demoCommand,
  simulateCommand,
  workerCommand,
  schedulerCommand,
  queueStatusCommand,
  healthCommand,
  eraseCommand,
  auditCommand,
  alertsCheckCommand,
  alertsListCommand,
  alertsRecipientsAddCommand,
  alertsRecipientsListCommand,
  alertsRulesSetCommand,
  serveCommand,
  keysCreateCommand,
  keysListCommand,
  keysRevokeCommand,
  reportCommand,
  reportRecipientsAddCommand,
  reportRecipientsListCommand,
];
