// Fixing a refused payment (RECOVERY.md): the buyer's signed link pays (no session needed: the link is the
// capability), the shop lists its payments due and sets its payment settings. Thin: zod input → one service
// call. Edit when a recovery procedure is added.
import { z } from 'zod';
import { msg } from '@/server/errors';
import {
  getPaymentSettings,
  paymentSettingsSchema,
  updatePaymentSettings,
} from '@/server/merchants/payment-settings';
import { confirmDue } from '@/server/recovery/confirm-due';
import { listPaymentsDue } from '@/server/recovery/list-payments-due';
import { payDue } from '@/server/recovery/pay-due';
import { merchantProcedure, publicProcedure, router } from '@/server/trpc/init';

// A signed link's token: base64url payload '.' base64url signature (server/recovery/fix-link.ts).
const token = z
  .string()
  .max(400)
  .regex(/^[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}$/, msg('payment.badFixLink'));

export const recoveryRouter = router({
  pay: publicProcedure
    .input(
      z.object({
        token,
        paymentMethod: z
          .string()
          .regex(/^pm_[A-Za-z0-9_]+$/)
          .max(100)
          .optional(),
      }),
    )
    .mutation(({ ctx, input }) => payDue(ctx.deps, input)),
  confirm: publicProcedure
    .input(z.object({ token }))
    .mutation(({ ctx, input }) => confirmDue(ctx.deps, input)),
  paymentsDue: merchantProcedure
    .input(z.object({ groupId: z.uuid().optional() }).optional())
    .query(({ ctx, input }) => listPaymentsDue(ctx.deps, ctx.merchantId, { groupId: input?.groupId })),
  settings: merchantProcedure.query(({ ctx }) => getPaymentSettings(ctx.deps, ctx.merchantId)),
  updateSettings: merchantProcedure
    .input(paymentSettingsSchema)
    .mutation(({ ctx, input }) => updatePaymentSettings(ctx.deps, ctx.merchantId, input)),
});
