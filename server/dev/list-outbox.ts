import { desc } from 'drizzle-orm';
import { outbox } from '@/db/schema';
import type { Deps } from '@/server/deps';

export type OutboxMessage = { id: number; to: string; subject: string; body: string; createdAt: Date };

/** The newest e-mails the app has "sent" (development has no mail provider; they land here). */
export async function listOutbox(deps: Deps, limit = 50): Promise<OutboxMessage[]> {
  return deps.db.select().from(outbox).orderBy(desc(outbox.id)).limit(limit);
}
