// One conversation with Stripe about a member's payment due at a time: the buyer's fix, the automatic
// retry and the lapse each run inside a transaction holding this member's advisory lock, so whichever
// comes first decides and the other sees its outcome (a lapse never cancels a fix that is being paid, a
// fix never starts after the lapse). Transaction-scoped, so it works through PgBouncer's transaction mode.
import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import type { Deps } from '@/server/deps';

/** Runs `fn` in a transaction holding member `memberId`'s recovery lock. */
export function withRecoveryLock<T>(deps: Deps, memberId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return deps.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`recovery:${memberId}`}))`);
    return fn(tx);
  });
}
