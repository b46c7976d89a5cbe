// A deal published through the tRPC caller by a connected test merchant, for tests about what happens after
// publishing (payouts, operations). Edit when those tests need another default.
import type { DealInput } from '@/server/deals/deal-input';
import type { Harness } from './harness';

type Merchant = Awaited<ReturnType<Harness['makeMerchant']>>;

/** A voucher: the fulfilment that asks a buyer the least. */
export const VOUCHER_ONLY = {
  shipping: null,
  pickup: null,
  voucher: { validUntil: '2099-12-31', instructions: '' },
};

/** Creates and publishes a USD deal for `m` ($24.00 list; $20.00 from 2, $16.00 from 4) with `extra` on top. */
export async function publishedDeal(h: Harness, m: Merchant, extra: Partial<DealInput> = {}) {
  return publishDeal(h.caller(m.user, m.merchantId), extra);
}

/** publishedDeal through a merchant's caller built elsewhere (the multi-instance topology's own database). */
export async function publishDeal(c: ReturnType<Harness['caller']>, extra: Partial<DealInput> = {}) {
  const deal = await c.deals.create({
    title: 'Oolong tea, 200 g',
    currency: 'USD',
    listPrice: 2400,
    tiers: [
      { minMembers: 2, unitPrice: 2000 },
      { minMembers: 4, unitPrice: 1600 },
    ],
    windowSeconds: 86_400,
    maxMembers: 30,
    qrCutoff: 30,
    perBuyerMax: 2,
    fulfilment: VOUCHER_ONLY,
    ...extra,
  });
  await c.deals.publish({ dealId: deal.id });
  return deal;
}
