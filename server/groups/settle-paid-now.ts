// Owned by the pay-now work (issue 16): replaced by the real implementation.
import type { groups, members } from '@/db/schema';
import type { Deps } from '@/server/deps';
import type { PaymentsPort } from '@/server/payments/port';
import type { SettleMemberResult } from './settle-member';

type M = typeof members.$inferSelect;
type G = typeof groups.$inferSelect;

/** Settles a member who paid at join: refund the difference (won), everything (failed, canceled, left, expired). */
export async function settlePaidNow(
  deps: Deps,
  payments: PaymentsPort,
  m: M,
  g: G,
): Promise<SettleMemberResult> {
  void deps;
  void payments;
  void m;
  void g;
  throw new Error('settlePaidNow: not built yet');
}
