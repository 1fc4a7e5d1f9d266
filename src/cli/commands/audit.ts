import { AppError } from '../../errors.js';
import { writeCsv } from '../../exports/csv.js';
import { listAudit, type AuditAction } from '../../store/audit-log.js';
import type { Command } from '../command.js';
import { boolOpt, dateOpt, intOpt, stringOpt } from '../parse.js';
import { withRuntime } from '../with-runtime.js';
import { DIALECT_OPTION, dialectOpt } from '../dialect.js';

const ACTIONS: readonly AuditAction[] = ['erase', 'read-resident-data'];

export const auditCommand: Command = {
  path: ['audit'],
  summary: 'the audit log: erasures and who read resident-level data',
  usage: 'audit [--since <date>] [--action erase|read-resident-data] [--limit <n>] [--csv [--dialect rfc4180|excel-nb]]',
  options: {
    since: { type: 'string', description: 'only entries at or after this date or ISO time', valueName: '<date>' },
    action: { type: 'string', description: `only one kind (${ACTIONS.join(', ')})`, valueName: '<action>' },
    limit: { type: 'string', description: 'at most this many entries, newest first', valueName: '<n>', default: '100' },
    csv: { type: 'boolean', description: 'print CSV' },
    dialect: { ...DIALECT_OPTION, description: `with --csv: ${DIALECT_OPTION.description}` },
  },
  details:
    "Who (an API key by id, or the OS user of a CLI command), when, what and the scope. Never a resident's\n" +
    'pseudonym, name or text. Reading resident-level data means open questions (API and dashboard) and the\n' +
    "municipality's alert list. See docs/privacy.md.",
  async run(args, ctx) {
    const since = dateOpt(this, args, 'since');
    const action = stringOpt(args, 'action');
    if (action !== undefined && !(ACTIONS as readonly string[]).includes(action)) {
      throw new AppError('USAGE', `audit: unknown --action '${action.slice(0, 40)}' (allowed: ${ACTIONS.join(', ')})`);
    }
    const limit = intOpt(this, args, 'limit', 1, 100_000) ?? 100;
    const dialect = dialectOpt(this, args, boolOpt(args, 'csv'), '--csv');
    return withRuntime(ctx, async (rt) => {
      const entries = await listAudit(rt.db, { since, action: action as AuditAction | undefined, limit });
      const rows = entries.map((e) => [e.at.toISOString(), e.actor, e.action, e.scope, JSON.stringify(e.detail)]);
      if (boolOpt(args, 'csv')) ctx.stdout.write(writeCsv([['at', 'actor', 'action', 'scope', 'detail']], rows, dialect));
      else if (rows.length === 0) ctx.stdout.write('The audit log has no entries' + (since || action ? ' matching that.\n' : ' yet.\n'));
      else for (const r of rows) ctx.stdout.write(r.join('  ') + '\n');
      return 0;
    });
  },
};
