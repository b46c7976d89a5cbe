import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';

/** The NOTIFY channel that carries every recorded event id to the live fan-out. */
export const EVENTS_CHANNEL = 'flock_events';

export type EventInput = {
  type: string;
  dealId?: string | null;
  groupId?: string | null;
  memberId?: string | null;
  payload?: Record<string, unknown>;
};

/**
 * Writes event rows inside the caller's transaction, in one statement, and NOTIFYs each on commit
 * (DESIGN rule 10). The batched join path writes an event per member while it holds the group row.
 */
export async function recordEvents(tx: Tx, inputs: EventInput[]): Promise<number[]> {
  if (inputs.length === 0) return [];
  const rows = JSON.stringify(
    inputs.map((e) => ({
      type: e.type,
      deal_id: e.dealId ?? null,
      group_id: e.groupId ?? null,
      member_id: e.memberId ?? null,
      payload: e.payload ?? {},
    })),
  );
  // NOTIFY inside a transaction is delivered only when it commits, so listeners never see a rolled-back change.
  // Room events name their room in payload.roomId; the notification carries it so the fan-out can route by room.
  // A member's event names the member's user: a watching page can tell whether the change is its viewer's.
  const r = await tx.execute<{ id: string }>(sql`with e as (
      insert into events (type, deal_id, group_id, member_id, payload)
      select x.type, x.deal_id, x.group_id, x.member_id, x.payload
      from json_to_recordset(${rows}::json) as x(type text, deal_id uuid, group_id uuid, member_id uuid, payload jsonb)
      returning id, type, group_id, deal_id, member_id, payload->>'roomId' as room_id
    )
    select id, pg_notify(${EVENTS_CHANNEL}, json_build_object('id', id, 'type', type, 'groupId', group_id,
      'dealId', deal_id, 'roomId', room_id,
      'userId', (select m.user_id from members m where m.id = e.member_id))::text) from e`);
  return r.rows.map((row) => Number(row.id));
}

/** Writes one event row inside the caller's transaction and NOTIFYs on commit; returns its id. */
export async function recordEvent(tx: Tx, input: EventInput): Promise<number> {
  const [id] = await recordEvents(tx, [input]);
  if (id === undefined) throw new Error('event insert returned no row');
  return id;
}
