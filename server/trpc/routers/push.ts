// The Web Push API: the site's public VAPID key (null when push is off) and the signed-in person's browser
// subscriptions. Thin: zod input → one service call. Edit when a push procedure is added.
import { z } from 'zod';
import { pushEndpointSchema, pushSubscriptionSchema } from '@/server/notifications/push-input';
import { removePushSubscription, savePushSubscription } from '@/server/notifications/push-subscriptions';
import { vapidKeys } from '@/server/notifications/vapid';
import { authedProcedure, publicProcedure, router } from '@/server/trpc/init';

export const pushRouter = router({
  config: publicProcedure.query(() => ({ publicKey: vapidKeys()?.publicKey ?? null })),
  subscribe: authedProcedure
    .input(pushSubscriptionSchema)
    .mutation(({ ctx, input }) => savePushSubscription(ctx.deps, ctx.user.id, input)),
  unsubscribe: authedProcedure
    .input(z.object({ endpoint: pushEndpointSchema }))
    .mutation(({ ctx, input }) => removePushSubscription(ctx.deps, ctx.user.id, input.endpoint)),
});
