// A seat reserved 15 minutes ago whose card hold never came back is given back (the expire-reservation task).
import { eq } from 'drizzle-orm';
import { deals, groups, members } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { isDomainError } from '@/server/errors';
import { moveMember } from './move-member';
import { applyHoldState, releaseHold } from './place-hold';
import { applyPaidState, giveBackPayment } from './pay-now';
import { applySetupState } from './save-card';

/** Expires a member still reserved after its deadline; a hold that did get authorized is confirmed instead. */
export async function expireReservation(
  deps: Deps,
  memberId: string,
): Promise<'expired' | 'confirmed' | 'skipped'> {
  const [row] = await deps.db
    .select({
      member: members,
      dealId: groups.dealId,
      code: groups.code,
      title: deals.title,
      currency: groups.currency,
    })
    .from(members)
    .innerJoin(groups, eq(groups.id, members.groupId))
    .innerJoin(deals, eq(deals.id, groups.dealId))
    .where(eq(members.id, memberId));
  if (!row || row.member.status !== 'reserved') return 'skipped';
  const { member } = row;
  if (member.expiresAt && member.expiresAt.getTime() > deps.now().getTime()) return 'skipped';
  if (member.paymentKind === 'saved_card') {
    // A saved card (long windows): a setup that succeeded after all (3-D Secure done, the tab closed)
    // counts; otherwise nothing was saved or held, and a setup finishing later is removed by its webhook.
    if (member.setupIntentId) {
      const setup = await deps.payments.retrieveSetup(member.setupIntentId);
      if (setup.status === 'succeeded') {
        try {
          await applySetupState(deps, member, setup, 'verify');
          return 'confirmed';
        } catch (err) {
          if (isDomainError(err, 'GROUP_CLOSED')) return 'expired'; // card removed and expired by applySetupState
          throw err;
        }
      }
    }
  } else if (member.paymentIntentId && member.paymentKind === 'paid_now') {
    // A wallet paid now: paid after all (a confirmation we missed) counts, or is refunded if too late;
    // a QR code never scanned is canceled so it cannot be paid later.
    const state = await deps.payments.retrieve(member.paymentIntentId);
    if (state.status === 'captured') {
      try {
        await applyPaidState(deps, member, state, 'verify');
        return 'confirmed';
      } catch (err) {
        if (isDomainError(err, 'GROUP_CLOSED')) return 'expired'; // refunded and expired by applyPaidState
        throw err;
      }
    }
    const back = await giveBackPayment(deps, deps.payments, member.id, member.paymentIntentId);
    if (back.kind === 'failed' && back.retryable) throw new Error(back.failure.message);
  } else if (member.paymentIntentId) {
    const hold = await deps.payments.retrieve(member.paymentIntentId);
    if (hold.status === 'authorized') {
      // A confirmation we missed (the buyer closed the tab after 3-D Secure): count it, or release it if too late.
      try {
        await applyHoldState(deps, member, hold, 'verify');
        return 'confirmed';
      } catch (err) {
        if (isDomainError(err, 'GROUP_CLOSED')) return 'expired'; // released and expired by applyHoldState
        throw err;
      }
    }
    if (hold.status !== 'canceled') await releaseHold(deps, member.id, member.paymentIntentId);
  }
  const reason =
    member.paymentKind === 'saved_card'
      ? 'The card was not saved in time.'
      : 'The card hold was not completed in time.';
  await deps.db.transaction((tx) =>
    moveMember(tx, memberId, ['expire'], {
      now: deps.now(),
      set: { failureReason: reason },
      payload: { reason },
    }),
  );
  return 'expired';
}
