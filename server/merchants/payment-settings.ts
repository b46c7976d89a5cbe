// A shop's payment settings: how many days a buyer has to fix a refused payment (merchants.payment_fix_days,
// 1-14, default 7; RECOVERY.md) and which wallets that cannot be held the shop accepts, paid at once at
// join (merchants.pay_now_methods; the join flow reads it). Edit when the shop gains a payment setting.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { merchants } from '@/db/schema';
import { PAY_NOW_METHODS, type PayNowMethod } from '@/db/schema/statuses';
import type { Deps } from '@/server/deps';
import { DomainError, msg } from '@/server/errors';

export type PaymentSettings = { paymentFixDays: number; payNowMethods: PayNowMethod[] };

export const PAYMENT_FIX_DAYS = { min: 1, max: 14, default: 7 } as const;

export const paymentSettingsSchema = z.object({
  paymentFixDays: z
    .number(msg('merchant.paymentFixDays'))
    .int(msg('merchant.paymentFixDays'))
    .min(PAYMENT_FIX_DAYS.min, msg('merchant.paymentFixDays'))
    .max(PAYMENT_FIX_DAYS.max, msg('merchant.paymentFixDays')),
  payNowMethods: z.array(z.enum(PAY_NOW_METHODS)).max(PAY_NOW_METHODS.length),
});

/** The shop's payment settings. */
export async function getPaymentSettings(deps: Deps, merchantId: string): Promise<PaymentSettings> {
  const [m] = await deps.db
    .select({ paymentFixDays: merchants.paymentFixDays, payNowMethods: merchants.payNowMethods })
    .from(merchants)
    .where(eq(merchants.id, merchantId));
  if (!m) throw new DomainError('NOT_FOUND', 'merchant.profileNotFound');
  return m;
}

/** Saves the shop's payment settings (a window already running keeps the due date it was given). */
export async function updatePaymentSettings(
  deps: Deps,
  merchantId: string,
  input: z.infer<typeof paymentSettingsSchema>,
): Promise<PaymentSettings> {
  const methods = [...new Set(input.payNowMethods)];
  const [m] = await deps.db
    .update(merchants)
    .set({ paymentFixDays: input.paymentFixDays, payNowMethods: methods, updatedAt: deps.now() })
    .where(eq(merchants.id, merchantId))
    .returning({ paymentFixDays: merchants.paymentFixDays, payNowMethods: merchants.payNowMethods });
  if (!m) throw new DomainError('NOT_FOUND', 'merchant.profileNotFound');
  return m;
}
