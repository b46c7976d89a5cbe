// Live updates over SSE: the group page's snapshots and the merchant console's change feed.
// Thin: zod input → one stream. Edit when a page gains a live feed.
import { z } from 'zod';
import { keyText } from '@/server/text';
import { getGroupSnapshotOrThrow } from '@/server/groups/get-group-snapshot';
import { streamGroup } from '@/server/live/stream-group';
import { streamMerchant } from '@/server/live/stream-merchant';
import { merchantProcedure, publicProcedure, router } from '@/server/trpc/init';

// httpSubscriptionLink fills lastEventId from the last `tracked` id on reconnect.
const cursor = keyText('Event id', 32).nullish();

export const liveRouter = router({
  group: publicProcedure
    .input(z.object({ code: keyText('Group code', 64).min(1), lastEventId: cursor }))
    .subscription(({ ctx, input, signal }) =>
      streamGroup(ctx.deps, {
        code: input.code,
        lastEventId: input.lastEventId,
        viewerKey: ctx.user?.id ?? 'anonymous',
        load: () => getGroupSnapshotOrThrow(ctx.deps, input.code, ctx.user),
        signal,
      }),
    ),
  merchant: merchantProcedure
    .input(z.object({ lastEventId: cursor }).optional())
    .subscription(({ ctx, input, signal }) =>
      streamMerchant(ctx.deps, { merchantId: ctx.merchantId, lastEventId: input?.lastEventId, signal }),
    ),
});
