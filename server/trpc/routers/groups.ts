// The groups API: open, join (reserve + hold + confirm), verify a client-side hold, leave, and the public
// reads a group page and a deal page need. Thin: zod input → one service call. Edit when a group procedure is added.
import { z } from 'zod';
import { confirmHold } from '@/server/groups/confirm-hold';
import { getGroupSnapshotOrThrow } from '@/server/groups/get-group-snapshot';
import { joinGroup } from '@/server/groups/join-group';
import { leaveGroup } from '@/server/groups/leave-group';
import { listGroupsAboutToFill } from '@/server/groups/list-groups-about-to-fill';
import { listMyGroups } from '@/server/groups/list-my-groups';
import { openGroup } from '@/server/groups/open-group';
import { authedProcedure, publicProcedure, router } from '@/server/trpc/init';
import { DomainError } from '@/server/errors';
import { requestLocale } from '@/server/localize-error';
import { keyText, singleLineText } from '@/server/text';

const code = z.string().regex(/^[A-Za-z0-9]{8,16}$/, 'That is not a group code');
const memberRef = z.object({ memberId: z.uuid('That is not a membership id') });

export const groupsRouter = router({
  open: authedProcedure
    .input(z.object({ dealId: z.uuid('That is not a deal id'), asMerchant: z.boolean().optional() }))
    .mutation(({ ctx, input }) => {
      if (input.asMerchant && !ctx.merchantId)
        throw new DomainError('FORBIDDEN', 'This is for merchants. Sign in with your merchant account.');
      return openGroup(
        ctx.deps,
        input.asMerchant && ctx.merchantId ? { merchantId: ctx.merchantId } : ctx.user,
        { dealId: input.dealId },
      );
    }),
  join: authedProcedure
    .input(
      z.object({
        code,
        alias: singleLineText('Your name')
          .min(1, 'Choose a name to show to the group')
          .max(40, 'Use at most 40 characters'),
        quantity: z.int('Quantity must be a whole number').min(1, 'At least 1'),
        idempotencyKey: keyText('Request key', 100).min(8),
        inviteCode: keyText('Invite code', 32).optional(),
        channel: keyText('Channel', 32).optional(),
        paymentMethod: keyText('Card', 100).optional(),
      }),
    )
    .mutation(({ ctx, input }) => joinGroup(ctx.deps, ctx.user, input)),
  confirmHold: authedProcedure
    .input(memberRef)
    .mutation(({ ctx, input }) => confirmHold(ctx.deps, ctx.user, input)),
  leave: authedProcedure.input(memberRef).mutation(({ ctx, input }) => leaveGroup(ctx.deps, ctx.user, input)),
  snapshot: publicProcedure
    // A malformed code cannot name a group: answer NOT_FOUND like an unknown one.
    .input(z.object({ code: z.string().max(100) }))
    .query(({ ctx, input }) => {
      if (!code.safeParse(input.code).success)
        throw new DomainError('NOT_FOUND', 'We could not find this group. Check the link.');
      return getGroupSnapshotOrThrow(ctx.deps, input.code, ctx.user, requestLocale(ctx.headers));
    }),
  aboutToFill: publicProcedure
    .input(z.union([z.object({ dealId: z.uuid() }), z.object({ slug: z.string().min(1).max(200) })]))
    .query(({ ctx, input }) => listGroupsAboutToFill(ctx.deps, input)),
  mine: authedProcedure.query(({ ctx }) => listMyGroups(ctx.deps, ctx.user, requestLocale(ctx.headers))),
});
