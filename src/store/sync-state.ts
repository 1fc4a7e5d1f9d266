import type { Queryable } from './db.js';

/** Where the next incremental pass of one account's stream starts (see sql/0002_harvest.sql). */
export type SyncState = { watermark: Date | null; cursor: Record<string, unknown> | null };

export async function readSyncState(db: Queryable, accountId: string, stream: string): Promise<SyncState> {
  const { rows } = await db.query<{ watermark: Date | null; cursor: Record<string, unknown> | null }>(
    'select watermark, cursor from sync_state where account_id = $1 and stream = $2',
    [Number(accountId), stream],
  );
  const r = rows[0];
  return r ? { watermark: r.watermark, cursor: r.cursor } : { watermark: null, cursor: null };
}

/** Writes the state; call it in the same transaction as the items it covers. */
export async function writeSyncState(db: Queryable, accountId: string, stream: string, state: SyncState, now: Date): Promise<void> {
  await db.query(
    `insert into sync_state (account_id, stream, watermark, cursor, updated_at)
     values ($1, $2, $3, $4::jsonb, $5)
     on conflict (account_id, stream) do update
       set watermark = excluded.watermark, cursor = excluded.cursor, updated_at = excluded.updated_at`,
    [Number(accountId), stream, state.watermark, state.cursor === null ? null : JSON.stringify(state.cursor), now],
  );
}

/** The state of every stream of an account in one read (absent streams are not in the map). */
export async function readSyncStates(db: Queryable, accountId: string): Promise<Map<string, SyncState>> {
  const { rows } = await db.query<{ stream: string; watermark: Date | null; cursor: Record<string, unknown> | null }>(
    'select stream, watermark, cursor from sync_state where account_id = $1',
    [Number(accountId)],
  );
  return new Map(rows.map((r) => [r.stream, { watermark: r.watermark, cursor: r.cursor }]));
}

/** writeSyncState for several streams of one account in one statement (a commit group can span streams). */
export async function writeSyncStates(db: Queryable, accountId: string, states: ReadonlyMap<string, SyncState>, now: Date): Promise<void> {
  if (states.size === 0) return;
  await db.query(
    `insert into sync_state (account_id, stream, watermark, cursor, updated_at)
     select $1, s.stream, s.watermark, s.cursor, $3
     from jsonb_to_recordset($2::jsonb) as s(stream text, watermark timestamptz, cursor jsonb)
     on conflict (account_id, stream) do update
       set watermark = excluded.watermark, cursor = excluded.cursor, updated_at = excluded.updated_at`,
    [
      Number(accountId),
      JSON.stringify([...states].map(([stream, s]) => ({ stream, watermark: s.watermark?.toISOString() ?? null, cursor: s.cursor }))),
      now,
    ],
  );
}
