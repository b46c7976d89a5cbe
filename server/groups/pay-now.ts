// Owned by the pay-now work (issue 16): replaced by the real implementation.
import type { Deps } from '@/server/deps';
import type { HoldContext, Member } from './group-ledger';
import type { HoldOutcome } from './place-hold';

/** Starts a reserved paid_now member's wallet payment (captured at once) and applies its outcome. */
export async function payNowForMember(deps: Deps, member: Member, ctx: HoldContext): Promise<HoldOutcome> {
  void deps;
  void member;
  void ctx;
  throw new Error('payNowForMember: not built yet');
}
