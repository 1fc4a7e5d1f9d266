import type { AlertLevel, AlertState, Resolution } from '../alerts/rules.js';
import type { Platform } from '../domain/records.js';
import type { Queryable } from './db.js';
import { turnItemsSql } from './turn-sql.js';

/**
 * Alerts on unanswered questions (sql/0006_alerts_reports.sql) and their deliveries (sql/0012). Questions are
 * read set-based with the same turn and answer rules as the indicator engine (src/store/indicator-inputs.ts):
 * branch items in time order, `seg` = owner items so far; citizen items of one author with the same seg form
 * one turn, and the owner item numbered seg + 1 is that turn's answer.
 */

/** A question turn as stored, with what the alert needs to say about it. */
export type StoredQuestion = {
  /** Id of the turn's first item: the alert's item and dedupe key. */
  itemId: string;
  accountId: string;
  platform: Platform;
  accountExternalId: string;
  accountHandle: string | null;
  municipalityCode: string;
  municipalityName: string;
  /** municipalities.office_hours as stored (null = default). */
  officeHours: unknown;
  rootExternalId: string;
  branchExternalId: string;
  /** External ids of the turn's items, oldest first. */
  turnExternalIds: string[];
  askedAt: Date;
  answeredAt: Date | null;
  removed: 'deleted' | 'hidden' | null;
  /** The turn's texts (redacted at ingest), oldest first, joined with " / "; null when purged. */
  text: string | null;
  /** Link of the turn's first item, where the municipality answers it. */
  permalink: string | null;
};

type QuestionRow = {
  first_id: number;
  account_id: number;
  platform: Platform;
  account_external_id: string;
  handle: string | null;
  municipality_code: string;
  municipality_name: string;
  office_hours: unknown;
  root: string;
  branch: string;
  external_ids: string[];
  started_at: Date;
  answered_at: Date | null;
  removed: boolean;
  any_deleted: boolean;
  text: string | null;
  permalink: string | null;
};

/**
 * Question turns begun in [since, now], with their answer and removal as known at `now` (items stored with a
 * later created_at, hidden_at or deleted_at are not known yet). Paused accounts are left out.
 */
export async function loadQuestions(
  db: Queryable,
  args: { since: Date; now: Date; classifierVersion: string; accountIds?: readonly string[] },
): Promise<StoredQuestion[]> {
  const { rows } = await db.query<QuestionRow>(
    `with touched as (
       select distinct platform, root_external_id
       from items
       where created_at >= $1 and created_at <= $2 and author_role = 'citizen'
         and ($4::bigint[] is null or account_id = any($4::bigint[]))
     ),
     ${turnItemsSql({
       knownAt: '$2',
       classifierVersion: '$3',
       columns: [
         'i.external_id',
         'i.root_external_id as root',
         'i.text',
         'i.permalink',
         'case when i.hidden_at <= $2 then i.hidden_at end as hidden_at',
       ],
     })},
     turns as (
       select platform, branch, author_key, seg,
         min(root) as root,
         min(account_id) as account_id,
         min(created_at) as started_at,
         (array_agg(id order by created_at, id))[1] as first_id,
         array_agg(external_id order by created_at, id) as external_ids,
         bool_or(needs_answer) as is_question,
         bool_and(coalesce(hidden_at, deleted_at) is not null) as removed,
         bool_or(deleted_at is not null) as any_deleted,
         string_agg(text, ' / ' order by created_at, id) as text,
         (array_agg(permalink order by created_at, id))[1] as permalink
       from seq
       where author_role = 'citizen'
       group by platform, branch, author_key, seg
     )
     select t.first_id, t.account_id, t.platform, a.external_id as account_external_id, a.handle,
       a.municipality_code, m.name as municipality_name, m.office_hours,
       t.root, t.branch, t.external_ids, t.started_at, t.removed, t.any_deleted, t.text, t.permalink,
       (select min(o.created_at)
        from seq o
        where o.platform = t.platform and o.branch = t.branch and o.author_role = 'owner' and o.seg = t.seg + 1) as answered_at
     from turns t
     join accounts a on a.id = t.account_id
     join municipalities m on m.code = a.municipality_code
     where t.is_question and t.started_at >= $1 and a.status <> 'paused'
     order by t.started_at, t.first_id`,
    [args.since, args.now, args.classifierVersion, args.accountIds ? args.accountIds.map(Number) : null],
  );
  return rows.map((r) => ({
    itemId: String(r.first_id),
    accountId: String(r.account_id),
    platform: r.platform,
    accountExternalId: r.account_external_id,
    accountHandle: r.handle,
    municipalityCode: r.municipality_code,
    municipalityName: r.municipality_name,
    officeHours: r.office_hours,
    rootExternalId: r.root,
    branchExternalId: r.branch,
    turnExternalIds: r.external_ids,
    askedAt: new Date(r.started_at),
    answeredAt: r.answered_at === null ? null : new Date(r.answered_at),
    removed: r.removed ? (r.any_deleted ? 'deleted' : 'hidden') : null,
    text: r.text,
    permalink: r.permalink,
  }));
}

export type AlertRow = {
  id: string;
  dedupeKey: string;
  municipalityCode: string;
  accountId: string;
  itemId: string | null;
  state: AlertState;
  dueAt: Date;
  escalateAt: Date | null;
  notifiedAt: Date | null;
  escalatedAt: Date | null;
  resolvedAt: Date | null;
  resolution: string | null;
  createdAt: Date;
  updatedAt: Date;
};

type DbAlert = {
  id: number;
  dedupe_key: string;
  municipality_code: string;
  account_id: number;
  item_id: number | null;
  state: AlertState;
  due_at: Date;
  escalate_at: Date | null;
  notified_at: Date | null;
  escalated_at: Date | null;
  resolved_at: Date | null;
  resolution: string | null;
  created_at: Date;
  updated_at: Date;
};

const ALERT_COLUMNS =
  'id, dedupe_key, municipality_code, account_id, item_id, state, due_at, escalate_at, notified_at, escalated_at, resolved_at, resolution, created_at, updated_at';

const toAlert = (r: DbAlert): AlertRow => ({
  id: String(r.id),
  dedupeKey: r.dedupe_key,
  municipalityCode: r.municipality_code,
  accountId: String(r.account_id),
  itemId: r.item_id === null ? null : String(r.item_id),
  state: r.state,
  dueAt: new Date(r.due_at),
  escalateAt: r.escalate_at === null ? null : new Date(r.escalate_at),
  notifiedAt: r.notified_at === null ? null : new Date(r.notified_at),
  escalatedAt: r.escalated_at === null ? null : new Date(r.escalated_at),
  resolvedAt: r.resolved_at === null ? null : new Date(r.resolved_at),
  resolution: r.resolution,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

export type NewAlert = {
  dedupeKey: string;
  municipalityCode: string;
  accountId: string;
  itemId: string;
  dueAt: Date;
  escalateAt: Date;
};

/**
 * Creates the alerts of newly seen questions and moves the deadlines of not yet escalated ones when a rule
 * changed; known alerts keep their state. Returns the number created.
 */
export async function upsertAlerts(db: Queryable, alerts: readonly NewAlert[], now: Date): Promise<number> {
  if (alerts.length === 0) return 0;
  const { rows } = await db.query<{ created: boolean }>(
    `insert into alerts (dedupe_key, municipality_code, account_id, item_id, state, due_at, escalate_at, created_at, updated_at)
     select a.dedupe_key, a.municipality_code, a.account_id, a.item_id, 'open', a.due_at, a.escalate_at, $2, $2
     from jsonb_to_recordset($1::jsonb)
       as a(dedupe_key text, municipality_code text, account_id bigint, item_id bigint, due_at timestamptz, escalate_at timestamptz)
     on conflict (dedupe_key) do update
       set due_at = excluded.due_at, escalate_at = excluded.escalate_at, updated_at = excluded.updated_at
       where alerts.state in ('open', 'notified')
         and (alerts.due_at, alerts.escalate_at) is distinct from (excluded.due_at, excluded.escalate_at)
     returning (xmax = 0) as created`,
    [
      JSON.stringify(
        alerts.map((a) => ({
          dedupe_key: a.dedupeKey,
          municipality_code: a.municipalityCode,
          account_id: Number(a.accountId),
          item_id: Number(a.itemId),
          due_at: a.dueAt.toISOString(),
          escalate_at: a.escalateAt.toISOString(),
        })),
      ),
      now,
    ],
  );
  return rows.filter((r) => r.created).length;
}

/** Alerts still waiting for an answer (open, notified or escalated). */
export async function listActiveAlerts(db: Queryable): Promise<AlertRow[]> {
  const { rows } = await db.query<DbAlert>(
    `select ${ALERT_COLUMNS} from alerts where state in ('open', 'notified', 'escalated') order by id`,
  );
  return rows.map(toAlert);
}

export type AlertFilter = { municipality?: string; state?: AlertState; limit?: number };

export async function listAlerts(db: Queryable, f: AlertFilter = {}): Promise<AlertRow[]> {
  const { rows } = await db.query<DbAlert>(
    `select ${ALERT_COLUMNS} from alerts
     where ($1::text is null or municipality_code = $1)
       and ($2::text is null or state = $2)
     order by due_at, id
     limit $3`,
    [f.municipality ?? null, f.state ?? null, f.limit ?? 1000],
  );
  return rows.map(toAlert);
}

/** An alert as the municipality's dashboard lists it: where the question was asked and how the alert went. */
export type AlertListing = {
  id: string;
  state: AlertState;
  resolution: Resolution | null;
  createdAt: Date;
  dueAt: Date;
  notifiedAt: Date | null;
  escalatedAt: Date | null;
  resolvedAt: Date | null;
  platform: Platform;
  accountHandle: string | null;
  permalink: string | null;
  /** The question as stored (redacted at ingest); null after the retention purge. */
  text: string | null;
  /** When the question was asked (null when the item is gone). */
  askedAt: Date | null;
  /** municipalities.office_hours as stored (null = the default). */
  officeHours: unknown;
};

/**
 * A municipality's alerts for its dashboard: every active one (the most overdue first), then those that ended
 * since `since` (the latest first).
 */
export async function listMunicipalityAlerts(
  db: Queryable,
  q: { municipality: string; since: Date; limit?: number },
): Promise<AlertListing[]> {
  const { rows } = await db.query<{
    id: number;
    state: AlertState;
    resolution: Resolution | null;
    created_at: Date;
    due_at: Date;
    notified_at: Date | null;
    escalated_at: Date | null;
    resolved_at: Date | null;
    platform: Platform;
    handle: string | null;
    permalink: string | null;
    text: string | null;
    asked_at: Date | null;
    office_hours: unknown;
  }>(
    `select a.id, a.state, a.resolution, a.created_at, a.due_at, a.notified_at, a.escalated_at, a.resolved_at,
            acc.platform, acc.handle, i.permalink, i.text, i.created_at as asked_at, m.office_hours
     from alerts a
     join accounts acc on acc.id = a.account_id
     join municipalities m on m.code = a.municipality_code
     left join items i on i.id = a.item_id
     where a.municipality_code = $1 and (a.state in ('open', 'notified', 'escalated') or a.updated_at >= $2)
     order by a.state in ('open', 'notified', 'escalated') desc,
              case when a.state in ('open', 'notified', 'escalated') then a.due_at end,
              coalesce(a.resolved_at, a.updated_at) desc, a.id desc
     limit $3`,
    [q.municipality, q.since, q.limit ?? 500],
  );
  return rows.map((r) => ({
    id: String(r.id),
    state: r.state,
    resolution: r.resolution,
    createdAt: new Date(r.created_at),
    dueAt: new Date(r.due_at),
    notifiedAt: r.notified_at === null ? null : new Date(r.notified_at),
    escalatedAt: r.escalated_at === null ? null : new Date(r.escalated_at),
    resolvedAt: r.resolved_at === null ? null : new Date(r.resolved_at),
    platform: r.platform,
    accountHandle: r.handle,
    permalink: r.permalink,
    text: r.text,
    askedAt: r.asked_at === null ? null : new Date(r.asked_at),
    officeHours: r.office_hours,
  }));
}

/** Ends alerts: resolved (with why) or expired. Only active alerts change. */
export async function closeAlerts(
  db: Queryable,
  closing: ReadonlyArray<{ id: string; state: 'resolved' | 'expired'; resolution: Resolution | 'expired' }>,
  now: Date,
): Promise<number> {
  if (closing.length === 0) return 0;
  const { rowCount } = await db.query(
    `update alerts a
     set state = c.state, resolution = c.resolution, resolved_at = $2, updated_at = $2
     from jsonb_to_recordset($1::jsonb) as c(id bigint, state text, resolution text)
     where a.id = c.id and a.state in ('open', 'notified', 'escalated')`,
    [JSON.stringify(closing.map((c) => ({ id: Number(c.id), state: c.state, resolution: c.resolution }))), now],
  );
  return rowCount;
}

/** Moves alerts forward after delivery; a state is never set twice (notified_at/escalated_at keep the first time). */
export async function advanceAlerts(
  db: Queryable,
  moves: ReadonlyArray<{ id: string; state: 'notified' | 'escalated' }>,
  now: Date,
): Promise<number> {
  if (moves.length === 0) return 0;
  const { rowCount } = await db.query(
    `update alerts a
     set state = m.state,
         notified_at = coalesce(a.notified_at, $2),
         escalated_at = case when m.state = 'escalated' then coalesce(a.escalated_at, $2) else a.escalated_at end,
         updated_at = $2
     from jsonb_to_recordset($1::jsonb) as m(id bigint, state text)
     where a.id = m.id and a.state in ('open', 'notified')
       and not (a.state = 'notified' and m.state = 'notified')`,
    [JSON.stringify(moves.map((m) => ({ id: Number(m.id), state: m.state }))), now],
  );
  return rowCount;
}

export type Delivery = { alertId: string; recipientKey: string; level: AlertLevel };

/** Deliveries already made for these alerts. */
export async function listDeliveries(db: Queryable, alertIds: readonly string[]): Promise<Delivery[]> {
  if (alertIds.length === 0) return [];
  const { rows } = await db.query<{ alert_id: number; recipient_key: string; level: AlertLevel }>(
    'select alert_id, recipient_key, level from alert_deliveries where alert_id = any($1::bigint[])',
    [alertIds.map(Number)],
  );
  return rows.map((r) => ({ alertId: String(r.alert_id), recipientKey: r.recipient_key, level: r.level }));
}

/** Records one successful digest for its alerts (idempotent). */
export async function recordDeliveries(db: Queryable, deliveries: readonly Delivery[], now: Date): Promise<void> {
  if (deliveries.length === 0) return;
  await db.query(
    `insert into alert_deliveries (alert_id, recipient_key, level, delivered_at)
     select d.alert_id, d.recipient_key, d.level, $2
     from jsonb_to_recordset($1::jsonb) as d(alert_id bigint, recipient_key text, level text)
     on conflict do nothing`,
    [JSON.stringify(deliveries.map((d) => ({ alert_id: Number(d.alertId), recipient_key: d.recipientKey, level: d.level }))), now],
  );
}
