// Getting paid (issue 18): a shop's or a helper-seller's Stripe account, the shop's payouts and money per
// group, a shopper's earnings. Thin: zod input → one service call. Edit when a payouts procedure is added.
import { z } from 'zod';
import {
  completeDemoOnboarding,
  onboardingUrl,
  refreshAccount,
  type AccountOwner,
} from '@/server/payouts/accounts';
import { getGroupMoney } from '@/server/payouts/group-money';
import { getMerchantPayouts } from '@/server/payouts/merchant-payouts';
import { getMyEarnings } from '@/server/payouts/my-earnings';
import { authedProcedure, merchantProcedure, router } from '@/server/trpc/init';

const who = z.object({ for: z.enum(['merchant', 'sharer']) });

/** The caller's account owner: their shop (merchants asking for it) or themselves. */
function ownerOf(
  ctx: { user: { id: string }; merchantId: string | null },
  kind: 'merchant' | 'sharer',
): AccountOwner {
  if (kind === 'merchant' && ctx.merchantId) return { kind: 'merchant', merchantId: ctx.merchantId };
  return { kind: 'sharer', userId: ctx.user.id };
}

export const payoutsRouter = router({
  /** Starts (or continues) onboarding: the URL to send the person to. */
  connect: authedProcedure
    .input(who)
    .mutation(({ ctx, input }) =>
      onboardingUrl(ctx.deps, ownerOf(ctx, input.for), ctx.user.isAnonymous ? null : ctx.user.email),
    ),
  /** Reads the account from Stripe again (on return from onboarding). */
  refresh: authedProcedure
    .input(who)
    .mutation(({ ctx, input }) => refreshAccount(ctx.deps, ownerOf(ctx, input.for))),
  /** Demo only: completes onboarding as Stripe's form would. */
  completeDemo: authedProcedure
    .input(who)
    .mutation(({ ctx, input }) => completeDemoOnboarding(ctx.deps, ownerOf(ctx, input.for))),
  merchant: merchantProcedure
    .input(z.object({ period: z.enum(['month', 'week']).default('month') }).optional())
    .query(({ ctx, input }) =>
      getMerchantPayouts(ctx.deps, ctx.merchantId, { period: input?.period ?? 'month' }),
    ),
  groupMoney: merchantProcedure
    .input(z.object({ groupId: z.uuid() }))
    .query(({ ctx, input }) => getGroupMoney(ctx.deps, ctx.merchantId, input.groupId)),
  myEarnings: authedProcedure.query(({ ctx }) => getMyEarnings(ctx.deps, ctx.user.id)),
});
