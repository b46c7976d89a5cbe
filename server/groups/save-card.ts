// Save the card (long windows, issue 16): a group whose window outlives a card hold saves each buyer's card
// at join (a Stripe customer and a SetupIntent with usage off_session) and charges it off-session when the
// group closes (settle-saved-card.ts). Like a hold, the card is saved OUTSIDE any transaction, then the
// outcome is applied in a short one: saved → the member is confirmed (counts toward the tier), with no
// capture-before date (nothing is held, so the group's deadline stays where the deal put it).
import { and, eq, isNull } from 'drizzle-orm';
import { members } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { DomainError } from '@/server/errors';
import { recordEvent } from '@/server/events/record-event';
import type { SetupState } from '@/server/payments/port';
import { declineKey } from './decline-refusal';
import { confirmAuthorized, type HoldContext, type Member } from './group-ledger';
import { moveMember } from './move-member';
import { isTransientFailure, type HoldOutcome } from './place-hold';

const UNAVAILABLE = 'payment.unavailable';
const TOO_LATE = 'The group closed before the card was saved.';

// In-process de-duplication, as for holds: concurrent retries of one join share one attempt (across
// processes the processor's idempotency keys customer:/setup:<memberId> do the same).
const inflight = new Map<string, Promise<HoldOutcome>>();

/** Saves a reserved saved_card member's card (SetupIntent, usage off_session) and applies its outcome. */
export function saveCardForMember(
  deps: Deps,
  member: Member,
  ctx: HoldContext,
  paymentMethod?: string,
): Promise<HoldOutcome> {
  const running = inflight.get(member.id);
  if (running) return running;
  const p = saveAndApply(deps, member, ctx, paymentMethod).finally(() => inflight.delete(member.id));
  inflight.set(member.id, p);
  return p;
}

async function saveAndApply(
  deps: Deps,
  member: Member,
  ctx: HoldContext,
  paymentMethod?: string,
): Promise<HoldOutcome> {
  if (member.setupIntentId) {
    return applySetupState(deps, member, await retrieveSetupOrThrow(deps, member.setupIntentId), 'join');
  }
  const r = await deps.payments.saveCard({
    memberId: member.id,
    paymentMethod,
    description: `${ctx.title} (group ${ctx.code})`,
    metadata: { group_id: member.groupId, member_id: member.id, deal_id: ctx.dealId },
  });
  if (r.ok) return applySetupState(deps, member, r.setup, 'join');
  if (isTransientFailure(r.failure)) {
    if (r.setupIntentId) await rememberSetupIntent(deps, member, r.setupIntentId, r.customerId);
    throw new DomainError('PAYMENT_UNAVAILABLE', UNAVAILABLE);
  }
  await declineMember(deps, member.id, r.failure.message);
  throw new DomainError('PAYMENT_DECLINED', declineKey(r.failure));
}

/** Reads a SetupIntent; PAYMENT_UNAVAILABLE when the processor cannot be reached. */
export async function retrieveSetupOrThrow(deps: Deps, setupIntentId: string): Promise<SetupState> {
  try {
    return await deps.payments.retrieveSetup(setupIntentId);
  } catch {
    throw new DomainError('PAYMENT_UNAVAILABLE', UNAVAILABLE);
  }
}

/**
 * Applies what the processor says about a member's SetupIntent: succeeded → confirmed (counts toward the
 * tier); authentication or card entry pending → stays reserved with the SetupIntent's client secret;
 * canceled, or (when verifying after the buyer's client-side attempt) still without a card → declined.
 */
export async function applySetupState(
  deps: Deps,
  member: Member,
  setup: SetupState,
  mode: 'join' | 'verify',
): Promise<HoldOutcome> {
  switch (setup.status) {
    case 'succeeded': {
      const c = await confirmAuthorized(deps, member.groupId, member.id, null, null, {
        setupIntentId: setup.setupIntentId,
        ...(setup.customerId ? { stripeCustomerId: setup.customerId } : {}),
        ...(setup.paymentMethodId ? { paymentMethodId: setup.paymentMethodId } : {}),
        failureReason: null,
      });
      if (c.kind === 'authorized')
        return { member: c.member, nextAction: null, clientSecret: null, progress: c.progress };
      // Too late to count: remove the card before telling the buyer (nothing was charged).
      if (setup.paymentMethodId) await forgetCardOrThrow(deps, setup.paymentMethodId);
      await deps.db.transaction((tx) =>
        moveMember(tx, member.id, ['expire'], {
          now: deps.now(),
          set: { failureReason: TOO_LATE },
          payload: { reason: TOO_LATE },
        }),
      );
      throw new DomainError(
        'GROUP_CLOSED',
        c.kind === 'group_closed' ? 'group.closedBeforeHold' : 'group.seatReleasedBeforeHold',
      );
    }
    case 'requires_action':
    case 'processing':
      await rememberSetupIntent(deps, member, setup.setupIntentId, setup.customerId);
      return {
        member: { ...member, setupIntentId: setup.setupIntentId },
        nextAction: setup.status === 'requires_action' ? 'authenticate' : null,
        clientSecret: setup.clientSecret,
        progress: null,
      };
    case 'requires_payment_method':
      if (mode === 'join') {
        await rememberSetupIntent(deps, member, setup.setupIntentId, setup.customerId);
        return {
          member: { ...member, setupIntentId: setup.setupIntentId },
          nextAction: 'confirm_payment',
          clientSecret: setup.clientSecret,
          progress: null,
        };
      }
      await declineMember(deps, member.id, 'Your card could not be authorized. Try another card.');
      throw new DomainError('PAYMENT_DECLINED', 'payment.notAuthorized');
    case 'canceled':
      await declineMember(deps, member.id, 'Saving the card was canceled. Please join again.');
      throw new DomainError('PAYMENT_DECLINED', 'payment.setupCanceled');
  }
}

/** Detaches a saved card; "already detached" counts as success. PAYMENT_UNAVAILABLE when the processor cannot be reached. */
export async function forgetCardOrThrow(deps: Deps, paymentMethodId: string): Promise<void> {
  const r = await deps.payments.forgetCard({ paymentMethodId });
  if (!r.ok && r.retryable) throw new DomainError('PAYMENT_UNAVAILABLE', UNAVAILABLE);
}

async function rememberSetupIntent(
  deps: Deps,
  member: Member,
  setupIntentId: string,
  customerId: string | null,
): Promise<void> {
  if (member.setupIntentId === setupIntentId) return;
  await deps.db.transaction(async (tx) => {
    const [m] = await tx
      .update(members)
      .set({
        setupIntentId,
        ...(customerId ? { stripeCustomerId: customerId } : {}),
        updatedAt: deps.now(),
      })
      .where(and(eq(members.id, member.id), isNull(members.setupIntentId)))
      .returning({ id: members.id });
    if (m) {
      await recordEvent(tx, {
        type: 'member.card_save_pending',
        dealId: null,
        groupId: member.groupId,
        memberId: member.id,
        payload: { alias: member.alias },
      });
    }
  });
}

async function declineMember(deps: Deps, memberId: string, reason: string): Promise<void> {
  await deps.db.transaction((tx) =>
    moveMember(tx, memberId, ['decline'], {
      now: deps.now(),
      set: { failureReason: reason },
      payload: { reason },
    }),
  );
}
