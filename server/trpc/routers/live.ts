// Live updates over SSE: the group page's snapshots, the merchant console's change feed, a room's messages
// (live.room) and the concierge inbox's change feed (live.inbox).
// Thin: zod input → one stream. Edit when a page gains a live feed.
import { z } from 'zod';
import { LOCALES } from '@/i18n/locales';
import { msg } from '@/server/errors';
import { requestLocale } from '@/server/localize-error';
import { keyText } from '@/server/text';
import { getGroupSnapshotOrThrow } from '@/server/groups/get-group-snapshot';
import { sharedSnapshotSource } from '@/server/live/snapshot-cache';
import { streamGroup } from '@/server/live/stream-group';
import { streamInbox } from '@/server/live/stream-inbox';
import { streamMerchant } from '@/server/live/stream-merchant';
import { streamRoom } from '@/server/live/stream-room';
import { authedProcedure, merchantProcedure, publicProcedure, router } from '@/server/trpc/init';

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
        // The public part from the process's shared cache (dropped by the same NOTIFY that wakes this
        // stream): signed-in pages add only their own membership read, not a whole snapshot each.
        load: () =>
          getGroupSnapshotOrThrow(ctx.deps, input.code, ctx.user, locale, sharedSnapshotSource(ctx.deps)),
        // Another member's join or leave changes the counts, not this viewer's membership: keep it.
        own: ctx.user
          ? {
              userId: ctx.user.id,
              reload: (previous) =>
                getGroupSnapshotOrThrow(
                  ctx.deps,
                  input.code,
                  ctx.user,
                  locale,
                  sharedSnapshotSource(ctx.deps),
                  { viewer: previous.viewer },
                ),
            }
          : undefined,
        signal,
      });
    }),
  merchant: merchantProcedure
    .input(z.object({ lastEventId: cursor }).optional())
    .subscription(({ ctx, input, signal }) =>
      streamMerchant(ctx.deps, { merchantId: ctx.merchantId, lastEventId: input?.lastEventId, signal }),
    ),
  // A member of the room or the shop's staff; anyone else NOT_FOUND.
  room: authedProcedure
    .input(
      z.object({
        roomId: z.uuid(msg('room.roomId')),
        lastEventId: cursor,
        locale: z.enum(LOCALES).optional(),
      }),
    )
    .subscription(({ ctx, input, signal }) =>
      streamRoom(ctx.deps, {
        roomId: input.roomId,
        userId: ctx.user.id,
        merchantId: ctx.merchantId,
        locale: input.locale ?? requestLocale(ctx.headers),
        lastEventId: input.lastEventId,
        signal,
      }),
    ),
  inbox: merchantProcedure
    .input(z.object({ lastEventId: cursor }).optional())
    .subscription(({ ctx, input, signal }) =>
      streamInbox(ctx.deps, { merchantId: ctx.merchantId, lastEventId: input?.lastEventId, signal }),
    ),
});
