import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { events } from '@/db/schema';

/** The NOTIFY channel that carries every recorded event id to the live fan-out. */
export const EVENTS_CHANNEL = 'flock_events';

export type EventInput = {
  type: string;
  dealId?: string | null;
  groupId?: string | null;
  memberId?: string | null;
  payload?: Record<string, unknown>;
};

/** Writes an event row inside the caller's transaction and NOTIFYs on commit (DESIGN rule 10). */
export async function recordEvent(tx: Tx, input: EventInput): Promise<number> {
  const [row] = await tx
    .insert(events)
    .values({
      type: input.type,
      dealId: input.dealId ?? null,
      groupId: input.groupId ?? null,
      memberId: input.memberId ?? null,
      payload: input.payload ?? {},
    })
    .returning({ id: events.id });
  if (!row) throw new Error('event insert returned no row');
  // NOTIFY inside a transaction is delivered only when it commits, so listeners never see a rolled-back change.
  const message = JSON.stringify({ id: row.id, type: input.type, groupId: input.groupId ?? null, dealId: input.dealId ?? null });
  await tx.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${message})`);
  return row.id;
}
