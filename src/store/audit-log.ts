import type { Queryable } from './db.js';

/**
 * The audit log: erasures, and who read resident-level data (open questions with their text, alerts on
 * residents' questions). Never a pseudonym, a name or comment text: who, when, what and the scope.
 */
export type AuditAction = 'erase' | 'read-resident-data';

export type AuditEntry = {
  id: string;
  at: Date;
  /** 'api-key:<id>' (API or dashboard), 'cli:<os user>'. */
  actor: string;
  action: AuditAction;
  scope: string;
  detail: Record<string, unknown>;
};

export async function recordAudit(db: Queryable, entry: Omit<AuditEntry, 'id'>): Promise<void> {
  await db.query('insert into audit_log (at, actor, action, scope, detail) values ($1, $2, $3, $4, $5::jsonb)', [
    entry.at,
    entry.actor,
    entry.action,
    entry.scope,
    JSON.stringify(entry.detail),
  ]);
}

/** Entries at or after `since` (newest first), optionally of one action, at most `limit`. */
export async function listAudit(
  db: Queryable,
  filter: { since?: Date | undefined; action?: AuditAction | undefined; limit: number },
): Promise<AuditEntry[]> {
  const { rows } = await db.query<{
    id: number;
    at: Date;
    actor: string;
    action: AuditAction;
    scope: string;
    detail: Record<string, unknown>;
  }>(
    `select id, at, actor, action, scope, detail from audit_log
     where ($1::timestamptz is null or at >= $1) and ($2::text is null or action = $2)
     order by at desc, id desc limit $3`,
    [filter.since ?? null, filter.action ?? null, filter.limit],
  );
  return rows.map((r) => ({ id: String(r.id), at: new Date(r.at), actor: r.actor, action: r.action, scope: r.scope, detail: r.detail }));
}
