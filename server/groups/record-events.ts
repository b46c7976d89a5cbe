import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { EVENTS_CHANNEL, type EventInput } from '@/server/events/record-event';

/**
 * recordEvent for many events in ONE statement (the batched join path writes an event per member while it
 * holds the group row): the same rows, and the same NOTIFY message per event, delivered on commit.
 */
export async function recordEvents(tx: Tx, inputs: EventInput[]): Promise<void> {
  if (inputs.length === 0) return;
  const rows = JSON.stringify(
    inputs.map((e) => ({ type: e.type, deal_id: e.dealId ?? null, group_id: e.groupId ?? null, member_id: e.memberId ?? null, payload: e.payload ?? {} })),
  );
  await tx.execute(sql`with e as (
      insert into events (type, deal_id, group_id, member_id, payload)
      select x.type, x.deal_id, x.group_id, x.member_id, x.payload
      from json_to_recordset(${rows}::json) as x(type text, deal_id uuid, group_id uuid, member_id uuid, payload jsonb)
      returning id, type, group_id, deal_id
    )
    select pg_notify(${EVENTS_CHANNEL}, json_build_object('id', id, 'type', type, 'groupId', group_id, 'dealId', deal_id)::text) from e`);
}
