import type { Command } from '../command.js';

/**
 * A command's words and where its definition lives. main() loads only the module of the command it runs, so
 * `classify` does not pay for the HTTP server, the queue and the browser driver at start-up; help loads all.
 */
export type CommandEntry = { path: readonly string[]; load: () => Promise<Command> };

/** Every command, in the order `lyttepost --help` lists them (tests check each path against its definition). */
export const COMMAND_ENTRIES: readonly CommandEntry[] = [
  { path: ['migrate'], load: async () => (await import('./migrate.js')).migrateCommand },
  { path: ['accounts', 'add'], load: async () => (await import('./accounts.js')).accountsAddCommand },
  { path: ['accounts', 'import'], load: async () => (await import('./accounts.js')).accountsImportCommand },
  { path: ['accounts', 'list'], load: async () => (await import('./accounts.js')).accountsListCommand },
  { path: ['accounts', 'reactivate'], load: async () => (await import('./accounts.js')).accountsReactivateCommand },
  { path: ['sync'], load: async () => (await import('./sync.js')).syncCommand },
  { path: ['indicators'], load: async () => (await import('./indicators.js')).indicatorsCommand },
  { path: ['classify'], load: async () => (await import('./classify.js')).classifyCommand },
  { path: ['demo'], load: async () => (await import('./demo.js')).demoCommand },
  { path: ['simulate'], load: async () => (await import('./simulate.js')).simulateCommand },
  { path: ['worker'], load: async () => (await import('./worker.js')).workerCommand },
  { path: ['scheduler'], load: async () => (await import('./scheduler.js')).schedulerCommand },
  { path: ['queue', 'status'], load: async () => (await import('./queue-status.js')).queueStatusCommand },
  { path: ['health'], load: async () => (await import('./health.js')).healthCommand },
  { path: ['erase'], load: async () => (await import('./erase.js')).eraseCommand },
  { path: ['audit'], load: async () => (await import('./audit.js')).auditCommand },
  { path: ['alerts', 'check'], load: async () => (await import('./alerts.js')).alertsCheckCommand },
  { path: ['alerts', 'list'], load: async () => (await import('./alerts.js')).alertsListCommand },
  { path: ['alerts', 'recipients', 'add'], load: async () => (await import('./alerts.js')).alertsRecipientsAddCommand },
  { path: ['alerts', 'recipients', 'list'], load: async () => (await import('./alerts.js')).alertsRecipientsListCommand },
  { path: ['alerts', 'rules', 'set'], load: async () => (await import('./alerts.js')).alertsRulesSetCommand },
  { path: ['serve'], load: async () => (await import('./serve.js')).serveCommand },
  { path: ['keys', 'create'], load: async () => (await import('./keys.js')).keysCreateCommand },
  { path: ['keys', 'list'], load: async () => (await import('./keys.js')).keysListCommand },
  { path: ['keys', 'revoke'], load: async () => (await import('./keys.js')).keysRevokeCommand },
  { path: ['report'], load: async () => (await import('./report.js')).reportCommand },
  { path: ['report', 'recipients', 'add'], load: async () => (await import('./report.js')).reportRecipientsAddCommand },
  { path: ['report', 'recipients', 'list'], load: async () => (await import('./report.js')).reportRecipientsListCommand },
  { path: ['municipality', 'set'], load: async () => (await import('./peers.js')).municipalitySetCommand },
];

/** The definitions of `entries` (all commands by default), in order. */
export const loadCommands = (entries: readonly CommandEntry[] = COMMAND_ENTRIES): Promise<Command[]> =>
  Promise.all(entries.map((e) => e.load()));
