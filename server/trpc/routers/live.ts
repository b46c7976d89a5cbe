// Live updates over SSE: the group page's snapshots and the merchant console's change feed.
// Thin: zod input → one stream. Edit when a page gains a live feed.
import { z } from 'zod';
import { LOCALES } from '@/i18n/locales';
import { requestLocale } from '@/server/localize-error';
import { keyText } from '@/server/text';
import { getGroupSnapshotOrThrow } from '@/server/groups/get-group-snapshot';
import { streamGroup } from '@/server/live/stream-group';
import { streamMerchant } from '@/server/live/stream-merchant';
import { merchantProcedure, publicProcedure, router } from '@/server/trpc/init';

// httpSubscriptionLink fills lastEventId from the last `tracked` id on reconnect.
const cursor = keyText('fieldName.eventId', 32).nullish();

export const liveRouter = router({
  group: publicProcedure
    // `locale`: the page's language (an EventSource sends no headers of its own, and a share link's hint
    // reaches the page, not this request); the request's language otherwise.
    .input(
      z.object({
        code: keyText('fieldName.groupCode', 64).min(1),
        lastEventId: cursor,
        locale: z.enum(LOCALES).optional(),
      }),
    )
    .subscription(({ ctx, input, signal }) => {
      const locale = input.locale ?? requestLocale(ctx.headers);
      return streamGroup(ctx.deps, {
        code: input.code,
        lastEventId: input.lastEventId,
        // Viewers share a read only when they see the same words: the same person in the same language.
        viewerKey: `${ctx.user?.id ?? 'anonymous'}\u0000${locale}`,
        load: () => getGroupSnapshotOrThrow(ctx.deps, input.code, ctx.user, locale),
        signal,
      });
    }),
  merchant: merchantProcedure
    .input(z.object({ lastEventId: cursor }).optional())
    .subscription(({ ctx, input, signal }) =>
      streamMerchant(ctx.deps, { merchantId: ctx.merchantId, lastEventId: input?.lastEventId, signal }),
    ),
});
