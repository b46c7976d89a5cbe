// The merchant's orders: the list and its filters, the printable lists, one-order actions, a pickup point's
// "all ready", the tracking CSV (preview, then apply) and the pickup desk. Thin: zod input → one service
// call. Edit when the console gains an order action.
import { z } from 'zod';
import { ORDER_STATUSES } from '@/db/schema';
import { msg } from '@/server/errors';
import { handOverByCode } from '@/server/merchant-orders/hand-over';
import { applyTrackingImport, previewTrackingImport } from '@/server/merchant-orders/import-tracking';
import { listMerchantOrders, orderFilterChoices } from '@/server/merchant-orders/list-orders';
import { markPointReady, moveMerchantOrder } from '@/server/merchant-orders/move-orders';
import { packingList, pickupList } from '@/server/merchant-orders/print-lists';
import { keyText, multiLineText, singleLineText, type FieldName } from '@/server/text';
import { merchantProcedure, router } from '@/server/trpc/init';

const csvText = multiLineText('fieldName.trackingCsv').pipe(
  z.string().max(1_000_000, msg('merchantOrders.csv.tooLarge')),
);
const cell = (field: FieldName, max: number) => singleLineText(field).pipe(z.string().min(1).max(max));
const pointId = keyText('fieldName.pickupPoint', 100).pipe(z.string().min(1));
const trackingUrl = z
  .union([z.literal(''), z.url({ protocol: /^https$/, error: msg('merchantOrders.csv.badTrackingUrl') })])
  .optional();

export const merchantOrdersRouter = router({
  list: merchantProcedure
    .input(
      z.object({
        dealId: z.uuid().optional(),
        status: z.enum(ORDER_STATUSES).optional(),
        pickupPointId: keyText('fieldName.pickupPoint', 100).optional(),
        country: keyText('fieldName.country', 2).optional(),
      }),
    )
    .query(({ ctx, input }) => listMerchantOrders(ctx.deps, ctx.merchantId, input)),
  filters: merchantProcedure.query(({ ctx }) => orderFilterChoices(ctx.deps, ctx.merchantId)),
  packingList: merchantProcedure
    .input(z.object({ dealId: z.uuid() }))
    .query(({ ctx, input }) => packingList(ctx.deps, ctx.merchantId, input.dealId)),
  pickupList: merchantProcedure
    .input(z.object({ dealId: z.uuid(), pointId }))
    .query(({ ctx, input }) => pickupList(ctx.deps, ctx.merchantId, input.dealId, input.pointId)),
  ship: merchantProcedure
    .input(
      z.object({
        orderId: z.uuid(),
        carrier: cell('fieldName.carrier', 100),
        trackingNumber: cell('fieldName.trackingNumber', 100),
        trackingUrl,
      }),
    )
    .mutation(({ ctx, input }) =>
      moveMerchantOrder(ctx.deps, who(ctx), {
        orderId: input.orderId,
        move: 'ship',
        tracking: {
          carrier: input.carrier,
          trackingNumber: input.trackingNumber,
          trackingUrl: input.trackingUrl || null,
        },
      }),
    ),
  move: merchantProcedure
    .input(z.object({ orderId: z.uuid(), move: z.enum(['deliver', 'ready', 'pickUp', 'redeem']) }))
    .mutation(({ ctx, input }) => moveMerchantOrder(ctx.deps, who(ctx), input)),
  pointReady: merchantProcedure
    .input(z.object({ dealId: z.uuid(), pointId }))
    .mutation(({ ctx, input }) => markPointReady(ctx.deps, who(ctx), input)),
  previewTracking: merchantProcedure
    .input(z.object({ csv: csvText }))
    .mutation(({ ctx, input }) => previewTrackingImport(ctx.deps, ctx.merchantId, input.csv)),
  applyTracking: merchantProcedure
    .input(z.object({ csv: csvText }))
    .mutation(({ ctx, input }) => applyTrackingImport(ctx.deps, who(ctx), input.csv)),
  handOver: merchantProcedure
    .input(z.object({ code: cell('fieldName.pickupCode', 2000) }))
    .mutation(({ ctx, input }) => handOverByCode(ctx.deps, who(ctx), input.code)),
});

function who(ctx: { merchantId: string; user: { id: string } }) {
  return { merchantId: ctx.merchantId, userId: ctx.user.id };
}
