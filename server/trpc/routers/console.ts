// The merchant console's reads: dashboard, a deal's groups and insights, a group's members and money.
// Thin: zod input → one service call. Actions on groups live in their own routers. Edit when the console
// needs another read.
import { z } from 'zod';
import { msg } from '@/server/errors';
import { getDealInsights } from '@/server/insights/get-deal-insights';
import { getGroupForMerchantOrThrow } from '@/server/merchant-console/get-group-for-merchant';
import { getMerchantDashboard } from '@/server/merchant-console/get-merchant-dashboard';
import { listDealGroups } from '@/server/merchant-console/list-deal-groups';
import { merchantProcedure, router } from '@/server/trpc/init';

const dealRef = z.object({ dealId: z.uuid(msg('ids.dealId')) });
const groupRef = z.object({ groupId: z.uuid(msg('ids.groupId')) });

export const consoleRouter = router({
  dashboard: merchantProcedure.query(({ ctx }) => getMerchantDashboard(ctx.deps, ctx.merchantId)),
  dealGroups: merchantProcedure
    .input(dealRef)
    .query(({ ctx, input }) => listDealGroups(ctx.deps, ctx.merchantId, input.dealId)),
  insights: merchantProcedure
    .input(dealRef)
    .query(({ ctx, input }) => getDealInsights(ctx.deps, ctx.merchantId, input.dealId)),
  group: merchantProcedure
    .input(groupRef)
    .query(({ ctx, input }) => getGroupForMerchantOrThrow(ctx.deps, ctx.merchantId, input.groupId)),
});
