// Owned by the long-window work (issue 16): replaced by the real implementation.
import type { Deps } from '@/server/deps';
import type { HoldContext, Member } from './group-ledger';
import type { HoldOutcome } from './place-hold';

/** Saves a reserved saved_card member's card (SetupIntent, usage off_session) and applies its outcome. */
export async function saveCardForMember(
  deps: Deps,
  member: Member,
  ctx: HoldContext,
  paymentMethod?: string,
): Promise<HoldOutcome> {
  void deps;
  void member;
  void ctx;
  void paymentMethod;
  throw new Error('saveCardForMember: not built yet');
}
