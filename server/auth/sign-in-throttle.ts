// Per-account password guessing: a growing delay between attempts on one e-mail address, whatever
// address the attempts come from. Not a lock-out: the owner can always sign in once the delay is over,
// and a success forgets every failure. Applied by better-auth hooks around /sign-in/email (auth.ts).
// Edit when the sign-in policy changes.
import { eq, lt, or } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { signInFailures } from '@/db/schema';

/** Attempts allowed back to back before the delay starts. */
export const FREE_ATTEMPTS = 5;
/** The longest wait between two attempts (15 minutes). */
export const MAX_DELAY_SECONDS = 15 * 60;
/** A quiet day forgets the failures (and lets the row be pruned). */
const FORGET_AFTER_MS = 24 * 60 * 60 * 1000;

/** Seconds to wait after `attempts` attempts without a success: 0 for the first 5, then 2, 4, 8 … up to 15 minutes. */
export function delaySeconds(attempts: number): number {
  if (attempts < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY_SECONDS, 2 ** (attempts - FREE_ATTEMPTS + 1));
}

/** The address as the key of its row: trimmed, lower case. */
export function throttleKey(email: string): string {
  return email.trim().toLowerCase();
}

export type AttemptClaim = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * Takes one attempt for `email`, or says how long to wait. The attempt counts as a failure now (under a
 * row lock, so a burst of parallel guesses cannot all pass one stale read); a success then resets it.
 */
export async function claimSignInAttempt(db: Db, email: string, now: Date): Promise<AttemptClaim> {
  const key = throttleKey(email);
  return db.transaction(async (tx) => {
    await tx
      .insert(signInFailures)
      .values({ email: key, failures: 0, lastAttemptAt: now, blockedUntil: now })
      .onConflictDoNothing();
    const [row] = await tx.select().from(signInFailures).where(eq(signInFailures.email, key)).for('update');
    if (!row) return { ok: true };
    if (row.blockedUntil > now)
      return { ok: false, retryAfterSeconds: Math.ceil((row.blockedUntil.getTime() - now.getTime()) / 1000) };
    const stale = now.getTime() - row.lastAttemptAt.getTime() > FORGET_AFTER_MS;
    const failures = (stale ? 0 : row.failures) + 1;
    await tx
      .update(signInFailures)
      .set({
        failures,
        lastAttemptAt: now,
        blockedUntil: new Date(now.getTime() + delaySeconds(failures) * 1000),
      })
      .where(eq(signInFailures.email, key));
    return { ok: true };
  });
}

/** Forgets the failures of `email` after a successful sign-in (and prunes rows quiet for a day). */
export async function resetSignInFailures(db: Db, email: string, now: Date): Promise<void> {
  await db
    .delete(signInFailures)
    .where(
      or(
        eq(signInFailures.email, throttleKey(email)),
        lt(signInFailures.lastAttemptAt, new Date(now.getTime() - FORGET_AFTER_MS)),
      ),
    );
}

/** The sentence a refused person reads, in whole minutes (at least one). */
export function tooManyAttemptsMessage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many wrong passwords for this account. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`;
}
