import { isTopicId, TOPIC_IDS } from '../../topics/labels.js';
import { ACTIVE_STATES, DEFAULT_ALERT_RULE, type AlertState } from '../../alerts/rules.js';
import { AppError } from '../../errors.js';
import { evaluateAlerts } from '../../jobs/evaluate-alerts.js';
import { findAccount } from '../../store/accounts.js';
import { addRecipient, listRecipients, setAlertRule, type WebhookKind } from '../../store/alert-recipients.js';
import { listAlerts } from '../../store/alerts.js';
import type { Command } from '../command.js';
import { boolOpt, dateOpt, requireOpt, stringOpt } from '../parse.js';
import { EMAIL_ADDRESS, municipalityCodeOpt, requireKnownMunicipality } from '../municipality-opt.js';
import { withRuntime } from '../with-runtime.js';

const STATES: readonly AlertState[] = ['open', 'notified', 'escalated', 'resolved', 'expired'];

export const alertsCheckCommand: Command = {
  path: ['alerts', 'check'],
  summary: 'evaluate alerts on unanswered questions once: create, resolve, expire, re-read live and send digests',
  usage: 'alerts check [--now <iso>]',
  options: {
    now: { type: 'string', valueName: '<iso>', description: 'evaluate as of this instant (default: now), e.g. 2026-11-16T11:15:00+01:00' },
  },
  details:
    'Sends only in the municipality’s office hours; what fell due outside them goes out at the next opening.\n' +
    'Exit status: 0 when every digest was delivered, 1 when any failed (it is retried by the next check).',
  async run(args, ctx) {
    const now = dateOpt(this, args, 'now');
    return withRuntime(ctx, async (rt) => {
      const s = await evaluateAlerts(now ? { now } : {}, { db: rt.db, log: rt.log, clock: rt.clock, cfg: rt.cfg, cipher: rt.cipher });
      const v = s.verified;
      ctx.stdout.write(
        `alerts check at ${s.now}: open questions ${s.openQuestions}, new alerts ${s.alertsCreated}, resolved ${s.resolved}, expired ${s.expired}\n` +
          `due ${s.due} (held outside office hours ${s.heldOutsideOfficeHours}); live re-read: open ${v.open}, answered ${v.answered}, deleted ${v.deleted}, hidden ${v.hidden}, unknown ${v.unknown} (${s.platformCalls} calls)\n` +
          `digests sent ${s.digestsSent}, failed ${s.digestsFailed}; notified ${s.notified}, escalated ${s.escalated}` +
          (s.withoutRecipients > 0 ? `; ${s.withoutRecipients} due without a recipient (add one: lyttepost alerts recipients add)` : '') +
          '\n',
      );
      return s.digestsFailed > 0 ? 1 : 0;
    });
  },
};

export const alertsListCommand: Command = {
  path: ['alerts', 'list'],
  summary: 'list alerts with their state and times',
  usage: 'alerts list [--municipality 0301] [--state open|notified|escalated|resolved|expired|active]',
  options: {
    municipality: { type: 'string', valueName: '<code>', description: 'only this municipality' },
    state: { type: 'string', valueName: '<state>', description: `one of ${STATES.join(', ')}, or active (open+notified+escalated)` },
  },
  async run(args, ctx) {
    const municipality = stringOpt(args, 'municipality');
    const state = stringOpt(args, 'state');
    if (state !== undefined && state !== 'active' && !(STATES as readonly string[]).includes(state)) {
      throw new AppError('USAGE', `alerts list: --state expects one of ${STATES.join(', ')}, active; got '${state}'`);
    }
    if (municipality !== undefined) municipalityCodeOpt('alerts list', municipality);
    return withRuntime(ctx, async (rt) => {
      let rows = await listAlerts(rt.db, {
        ...(municipality ? { municipality } : {}),
        ...(state && state !== 'active' ? { state: state as AlertState } : {}),
        limit: 10_000,
      });
      if (state === 'active') rows = rows.filter((r) => (ACTIVE_STATES as readonly string[]).includes(r.state));
      const header = [
        'id',
        'municipality',
        'account',
        'state',
        'due_at',
        'escalate_at',
        'notified_at',
        'escalated_at',
        'resolved_at',
        'resolution',
      ];
      const iso = (d: Date | null) => (d ? d.toISOString().replace('.000Z', 'Z') : '');
      const table = rows.map((r) => [
        r.id,
        r.municipalityCode,
        r.accountId,
        r.state,
        iso(r.dueAt),
        iso(r.escalateAt),
        iso(r.notifiedAt),
        iso(r.escalatedAt),
        iso(r.resolvedAt),
        r.resolution ?? '',
      ]);
      const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => String(t[i]).length)));
      for (const r of [header, ...table])
        ctx.stdout.write(
          r
            .map((c, i) => String(c).padEnd(widths[i] ?? 0))
            .join('  ')
            .trimEnd() + '\n',
        );
      return 0;
    });
  },
};

export const alertsRecipientsAddCommand: Command = {
  path: ['alerts', 'recipients', 'add'],
  summary: 'add an alert recipient of a municipality: an e-mail address or a Slack/Teams webhook',
  usage:
    'alerts recipients add --municipality <code> (--email <address> | --webhook <url> --kind slack|teams) [--escalation] [--topic <id>]',
  options: {
    municipality: { type: 'string', valueName: '<code>', description: 'municipality code (4 digits)' },
    email: { type: 'string', valueName: '<address>', description: 'e-mail address (sent over SMTP_URL)' },
    webhook: { type: 'string', valueName: '<url>', description: 'incoming-webhook URL (stored encrypted; listed by host only)' },
    kind: { type: 'string', valueName: '<kind>', description: 'webhook payload shape: slack ({text, blocks}) or teams (Adaptive Card)' },
    escalation: { type: 'boolean', description: 'receive escalations (after M office hours) instead of first notices (after N)' },
    topic: {
      type: 'string',
      valueName: '<id>',
      description: `only alerts about this service topic, which then go to this topic's recipients only (${TOPIC_IDS.join(', ')})`,
    },
  },
  async run(args, ctx) {
    const municipality = requireOpt(this, args, 'municipality');
    const topic = stringOpt(args, 'topic') ?? null;
    if (topic !== null && !isTopicId(topic))
      throw new AppError('USAGE', `alerts recipients add: --topic expects one of ${TOPIC_IDS.join(', ')}, got '${topic}'`);
    const email = stringOpt(args, 'email');
    const webhook = stringOpt(args, 'webhook');
    const kind = stringOpt(args, 'kind');
    const level = boolOpt(args, 'escalation') ? 'escalation' : 'first';
    if ((email === undefined) === (webhook === undefined)) {
      throw new AppError('USAGE', 'alerts recipients add: give exactly one of --email <address> or --webhook <url>');
    }
    if (email !== undefined && !EMAIL_ADDRESS.test(email))
      throw new AppError('USAGE', `alerts recipients add: --email expects an address such as postmottak@oslo.kommune.no, got '${email}'`);
    if (email !== undefined && kind !== undefined) throw new AppError('USAGE', 'alerts recipients add: --kind applies to --webhook only');
    if (webhook !== undefined) {
      let ok = false;
      try {
        ok = ['http:', 'https:'].includes(new URL(webhook).protocol);
      } catch {
        ok = false;
      }
      if (!ok) throw new AppError('USAGE', 'alerts recipients add: --webhook expects an http(s) URL');
      if (kind !== 'slack' && kind !== 'teams')
        throw new AppError('USAGE', `alerts recipients add: --webhook needs --kind slack or --kind teams${kind ? `, got '${kind}'` : ''}`);
    }
    return withRuntime(ctx, async (rt) => {
      await requireKnownMunicipality('alerts recipients add', rt.db, municipality);
      const r = await addRecipient(
        rt.db,
        rt.cipher,
        email !== undefined
          ? { municipalityCode: municipality, level, channel: 'email', email, topic }
          : { municipalityCode: municipality, level, channel: 'webhook', kind: kind as WebhookKind, url: webhook as string, topic },
        rt.clock(),
      );
      const what = email ?? `${kind} webhook on ${new URL(webhook as string).host}`;
      ctx.stdout.write(
        `${r.created ? 'Added' : 'Already present:'} recipient ${r.id} for municipality ${municipality} (${level === 'first' ? 'first notices' : 'escalations'}${topic ? `, topic ${topic} only` : ''}): ${what}\n`,
      );
      return 0;
    });
  },
};

export const alertsRecipientsListCommand: Command = {
  path: ['alerts', 'recipients', 'list'],
  summary: 'list alert recipients (webhooks by host only)',
  usage: 'alerts recipients list [--municipality <code>]',
  options: { municipality: { type: 'string', valueName: '<code>', description: 'only this municipality' } },
  async run(args, ctx) {
    const municipality = stringOpt(args, 'municipality');
    return withRuntime(ctx, async (rt) => {
      for (const r of await listRecipients(rt.db, rt.cipher, municipality ? [municipality] : undefined)) {
        ctx.stdout.write(
          `${r.id}  ${r.municipalityCode}  ${r.level.padEnd(10)}  ${r.channel === 'email' ? r.email : `${r.kind} webhook on ${r.host}`}${r.topic ? `  topic ${r.topic}` : ''}\n`,
        );
      }
      return 0;
    });
  },
};

export const alertsRulesSetCommand: Command = {
  path: ['alerts', 'rules', 'set'],
  summary: 'override when questions are overdue (N office hours) and escalate (M) for a municipality or one account',
  usage: 'alerts rules set --municipality <code> [--account <id>] --overdue <hours> --escalate <hours>',
  options: {
    municipality: { type: 'string', valueName: '<code>', description: 'municipality code (4 digits)' },
    account: {
      type: 'string',
      valueName: '<id>',
      description: 'only this account (Lyttepost id, platform:external_id, external id or handle)',
    },
    overdue: {
      type: 'string',
      valueName: '<hours>',
      description: `office hours before a question is overdue (default ${DEFAULT_ALERT_RULE.overdueHours})`,
    },
    escalate: {
      type: 'string',
      valueName: '<hours>',
      description: `office hours before it escalates (default ${DEFAULT_ALERT_RULE.escalateHours})`,
    },
  },
  async run(args, ctx) {
    const municipality = requireOpt(this, args, 'municipality');
    const num = (name: string) => {
      const v = requireOpt(this, args, name);
      const n = Number(v);
      if (!/^\d+(\.\d+)?$/.test(v) || !(n > 0) || n > 500)
        throw new AppError('USAGE', `alerts rules set: --${name} expects office hours from 0.25 to 500, got '${v}'`);
      return n;
    };
    const overdue = num('overdue');
    const escalate = num('escalate');
    if (escalate < overdue) throw new AppError('USAGE', 'alerts rules set: --escalate must be at least --overdue');
    const ref = stringOpt(args, 'account');
    return withRuntime(ctx, async (rt) => {
      await requireKnownMunicipality('alerts rules set', rt.db, municipality);
      let accountId: string | null = null;
      if (ref !== undefined) {
        const found = (await findAccount(rt.db, ref)).filter((a) => a.municipalityCode === municipality);
        if (found.length !== 1)
          throw new AppError('NOT_FOUND', `alerts rules set: no single account '${ref}' in municipality ${municipality}`);
        accountId = found[0]?.id ?? null;
      }
      await setAlertRule(rt.db, { municipalityCode: municipality, accountId, overdueHours: overdue, escalateHours: escalate }, rt.clock());
      ctx.stdout.write(
        `Rule set for ${accountId ? `account ${accountId}` : `municipality ${municipality}`}: overdue after ${overdue} office hours, escalation after ${escalate}\n`,
      );
      return 0;
    });
  },
};
