import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { events } from '@/db/schema';
import { EVENTS_CHANNEL, type EventInput } from '@/server/events/record-event';

/**
 * recordEvent for many events in two statements (the batched join path writes one event per member while
 * it holds the group row). Same rows and NOTIFY messages as recordEvent.
 */
export async function recordEvents(tx: Tx, inputs: EventInput[]): Promise<number[]> {
  if (inputs.length === 0) return [];
  const rows = await tx
    .insert(events)
    .values(
      inputs.map((e) => ({
        type: e.type,
        dealId: e.dealId ?? null,
        groupId: e.groupId ?? null,
        memberId: e.memberId ?? null,
        payload: e.payload ?? {},
      })),
    )
    .returning({ id: events.id });
  // Multi-row INSERT ... RETURNING yields rows in VALUES order.
  const messages = rows.map((r, i) =>
    JSON.stringify({ id: r.id, type: inputs[i]?.type, groupId: inputs[i]?.groupId ?? null, dealId: inputs[i]?.dealId ?? null }),
  );
  await tx.execute(sql`select pg_notify(${EVENTS_CHANNEL}, m) from json_array_elements_text(${JSON.stringify(messages)}::json) as m`);
  return rows.map((r) => r.id);
}
