// The buyer's orders API: read one's own order (the receipt, status, tracking, pickup or voucher code) and
// change its address, pickup point or phone while the group is open. Thin: zod input → one service call.
// Edit when a buyer-side order procedure is added (the merchant's are in merchant-orders.ts).
import { z } from 'zod';
import { msg } from '@/server/errors';
import { requestLocale } from '@/server/localize-error';
import { getBuyerOrderOrThrow } from '@/server/orders/get-buyer-order';
import { phoneSchema, pickupPointIdSchema, shippingAddressSchema } from '@/server/orders/order-choice';
import { updateBuyerOrder } from '@/server/orders/update-buyer-order';
import { authedProcedure, router } from '@/server/trpc/init';

const memberId = z.uuid(msg('ids.memberId'));

export const ordersRouter = router({
  mine: authedProcedure
    .input(z.object({ memberId }))
    .query(({ ctx, input }) =>
      getBuyerOrderOrThrow(ctx.deps, ctx.user, input.memberId, requestLocale(ctx.headers)),
    ),
  update: authedProcedure
    .input(
      z.object({
        memberId,
        address: shippingAddressSchema.optional(),
        pickupPointId: pickupPointIdSchema.optional(),
        phone: z
          .string()
          .trim()
          .refine((v) => v === '' || phoneSchema.safeParse(v).success, msg('order.phoneInvalid'))
          .optional(),
      }),
    )
    .mutation(({ ctx, input }) => updateBuyerOrder(ctx.deps, ctx.user, input)),
});
