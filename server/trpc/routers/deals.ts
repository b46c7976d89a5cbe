// The deals API: public reads for shoppers, and the merchant's own deals. Thin: zod input → one service call.
// Edit when a deal procedure is added.
import { z } from 'zod';
import { msg } from '@/server/errors';
import { archiveDeal } from '@/server/deals/archive-deal';
import { createDeal } from '@/server/deals/create-deal';
import { dealPatchSchema } from '@/server/deals/deal-input';
import { dealInputSchema } from '@/server/deals/deal-schemas';
import { getDealForMerchantOrThrow } from '@/server/deals/get-deal-for-merchant';
import { getPublicDealBySlugOrThrow } from '@/server/deals/get-public-deal';
import { listActiveDeals } from '@/server/deals/list-active-deals';
import { listMerchantDeals } from '@/server/deals/list-merchant-deals';
import { pauseDeal } from '@/server/deals/pause-deal';
import { publishDeal } from '@/server/deals/publish-deal';
import { updateDeal } from '@/server/deals/update-deal';
import { requestLocale } from '@/server/localize-error';
import { merchantProcedure, publicProcedure, router } from '@/server/trpc/init';

const dealRef = z.object({ dealId: z.uuid(msg('ids.dealId')) });

export const dealsRouter = router({
  bySlug: publicProcedure
    .input(z.object({ slug: z.string().min(1).max(200) }))
    .query(({ ctx, input }) => getPublicDealBySlugOrThrow(ctx.deps, input.slug, requestLocale(ctx.headers))),
  listActive: publicProcedure
    .input(z.object({ limit: z.int().min(1).max(100).optional() }).optional())
    .query(({ ctx, input }) =>
      listActiveDeals(ctx.deps, requestLocale(ctx.headers), { limit: input?.limit }),
    ),

  create: merchantProcedure
    .input(dealInputSchema)
    .mutation(({ ctx, input }) => createDeal(ctx.deps, ctx.merchantId, input)),
  update: merchantProcedure
    .input(dealPatchSchema.extend(dealRef.shape))
    .mutation(({ ctx, input: { dealId, ...patch } }) => updateDeal(ctx.deps, ctx.merchantId, dealId, patch)),
  publish: merchantProcedure
    .input(dealRef)
    .mutation(({ ctx, input }) => publishDeal(ctx.deps, ctx.merchantId, input.dealId)),
  pause: merchantProcedure
    .input(dealRef)
    .mutation(({ ctx, input }) => pauseDeal(ctx.deps, ctx.merchantId, input.dealId)),
  archive: merchantProcedure
    .input(dealRef)
    .mutation(({ ctx, input }) => archiveDeal(ctx.deps, ctx.merchantId, input.dealId)),
  get: merchantProcedure
    .input(dealRef)
    .query(({ ctx, input }) => getDealForMerchantOrThrow(ctx.deps, ctx.merchantId, input.dealId)),
  list: merchantProcedure
    .input(z.object({ status: z.enum(['draft', 'active', 'paused', 'archived']).optional() }).optional())
    .query(({ ctx, input }) => listMerchantDeals(ctx.deps, ctx.merchantId, { status: input?.status })),
});
