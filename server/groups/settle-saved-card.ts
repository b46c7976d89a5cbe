// Owned by the long-window work (issue 16): replaced by the real implementation.
import type { groups, members } from '@/db/schema';
import type { Deps } from '@/server/deps';
import type { PaymentsPort } from '@/server/payments/port';
import type { SettleMemberResult } from './settle-member';

type M = typeof members.$inferSelect;
type G = typeof groups.$inferSelect;

/** Settles an authorized saved-card member of a closed group: charge off-session (won) or forget the card. */
export async function chargeSavedMember(
  deps: Deps,
  payments: PaymentsPort,
  m: M,
  g: G,
): Promise<SettleMemberResult> {
  void deps;
  void payments;
  void m;
  void g;
  throw new Error('chargeSavedMember: not built yet');
}

/** A saved card on a membership that will not be charged (left, expired, group failed): detach it. */
export async function forgetSavedCard(
  deps: Deps,
  payments: PaymentsPort,
  m: M,
  g: G,
): Promise<SettleMemberResult> {
  void deps;
  void payments;
  void m;
  void g;
  throw new Error('forgetSavedCard: not built yet');
}
