import type { groups } from '@/db/schema';

export type CloseReason = 'deadline' | 'full' | 'merchant' | 'canceled';
export type CloseOutcome = 'won' | 'failed' | 'canceled';

/**
 * What a close does with the holds, decided from the group row frozen at close: canceled → release all;
 * confirmed ≥ minimum → won (capture); else failed (release). Counters never change after close.
 */
export function closeOutcome(
  g: Pick<typeof groups.$inferSelect, 'closeReason' | 'confirmedCount' | 'minMembers'>,
): CloseOutcome {
  if (g.closeReason === 'canceled') return 'canceled';
  return g.confirmedCount >= g.minMembers ? 'won' : 'failed';
}
