// The groups API: open, join (reserve + hold + confirm), verify a client-side hold, leave, and the public
// reads a group page and a deal page need. Thin: zod input → one service call. Edit when a group procedure is added.
import { z } from 'zod';
import { confirmHold } from '@/server/groups/confirm-hold';
import { getGroupSnapshotOrThrow } from '@/server/groups/get-group-snapshot';
import { joinGroup } from '@/server/groups/join-group';
import { observeJoin } from '@/server/ops/metrics';
import { leaveGroup } from '@/server/groups/leave-group';
import { listGroupsAboutToFill } from '@/server/groups/list-groups-about-to-fill';
import { listMyGroups } from '@/server/groups/list-my-groups';
import { openGroup } from '@/server/groups/open-group';
import { orderChoiceSchema } from '@/server/orders/order-choice';
import { authedProcedure, publicProcedure, router } from '@/server/trpc/init';
import { DomainError, msg } from '@/server/errors';
import { requestLocale } from '@/server/localize-error';
import { keyText, singleLineText } from '@/server/text';

const code = z.string().regex(/^[A-Za-z0-9]{8,16}$/, msg('ids.groupCode'));
const memberRef = z.object({ memberId: z.uuid(msg('ids.memberId')) });

export const groupsRouter = router({
  open: authedProcedure
    .input(
      z.object({
        dealId: z.uuid(msg('ids.dealId')),
        asMerchant: z.boolean().optional(),
        fromRoomCode: z
          .string()
          .regex(/^[A-Za-z0-9]{8,16}$/, msg('community.code'))
          .optional(),
      }),
    )
    .mutation(({ ctx, input }) => {
      if (input.asMerchant && !ctx.merchantId) throw new DomainError('FORBIDDEN', 'request.merchantsOnly');
      return openGroup(
        ctx.deps,
        input.asMerchant && ctx.merchantId ? { merchantId: ctx.merchantId } : ctx.user,
        { dealId: input.dealId, fromRoomCode: input.fromRoomCode },
      );
    }),
  join: authedProcedure
    .input(
      z.object({
        code,
        alias: singleLineText('fieldName.alias')
          .min(1, msg('group.aliasRequired'))
          .max(40, msg('group.aliasTooLong')),
        quantity: z.int(msg('group.quantityWholeField')).min(1, msg('group.quantityAtLeast')),
        idempotencyKey: keyText('fieldName.requestKey', 100).min(8),
        inviteCode: keyText('fieldName.inviteCode', 32).optional(),
        channel: keyText('fieldName.channel', 32).optional(),
        paymentMethod: keyText('fieldName.card', 100).optional(),
        fulfilment: orderChoiceSchema,
        timeZone: keyText('fieldName.timeZone', 64).optional(),
        payWith: z.enum(['card', 'wechat_pay']).optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      observeJoin(() => joinGroup(ctx.deps, ctx.user, input, requestLocale(ctx.headers)), {
        requestId: ctx.headers?.get('x-request-id') ?? null,
        code: input.code,
      }),
    ),
  confirmHold: authedProcedure
    .input(memberRef)
    .mutation(({ ctx, input }) => confirmHold(ctx.deps, ctx.user, input)),
  leave: authedProcedure.input(memberRef).mutation(({ ctx, input }) => leaveGroup(ctx.deps, ctx.user, input)),
  snapshot: publicProcedure
    // A malformed code cannot name a group: answer NOT_FOUND like an unknown one.
    .input(z.object({ code: z.string().max(100) }))
    .query(({ ctx, input }) => {
      if (!code.safeParse(input.code).success) throw new DomainError('NOT_FOUND', 'group.notFound');
      return getGroupSnapshotOrThrow(ctx.deps, input.code, ctx.user, requestLocale(ctx.headers));
    }),
  aboutToFill: publicProcedure
    .input(z.union([z.object({ dealId: z.uuid() }), z.object({ slug: z.string().min(1).max(200) })]))
    .query(({ ctx, input }) => listGroupsAboutToFill(ctx.deps, input)),
  mine: authedProcedure.query(({ ctx }) => listMyGroups(ctx.deps, ctx.user, requestLocale(ctx.headers))),
});
