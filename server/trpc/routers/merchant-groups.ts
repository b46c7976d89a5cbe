// The merchant's actions on their groups: end now, cancel, refund a member. Thin: zod input → one service
// call. Edit when the console gains a group action.
import { z } from 'zod';
import { msg } from '@/server/errors';
import { multiLineText } from '@/server/text';
import { cancelGroup } from '@/server/groups/cancel-group';
import { endGroupNow } from '@/server/groups/end-group-now';
import { refundMember } from '@/server/groups/refund-member';
import { merchantProcedure, router } from '@/server/trpc/init';

export const merchantGroupsRouter = router({
  endNow: merchantProcedure
    .input(z.object({ groupId: z.uuid() }))
    .mutation(({ ctx, input }) =>
      endGroupNow(ctx.deps, { merchantId: ctx.merchantId, groupId: input.groupId }),
    ),
  cancel: merchantProcedure
    .input(
      z.object({
        groupId: z.uuid(),
        reason: multiLineText('fieldName.reason').max(500, msg('group.reasonTooLong')).optional(),
      }),
    )
    .mutation(({ ctx, input }) => cancelGroup(ctx.deps, { merchantId: ctx.merchantId, ...input })),
  refundMember: merchantProcedure
    .input(z.object({ memberId: z.uuid(), amount: z.number().int().positive() }))
    .mutation(({ ctx, input }) => refundMember(ctx.deps, { merchantId: ctx.merchantId, ...input })),
});
