// The notification preferences API: a signed-in person's own settings (buyers, guests included, and
// merchants) and their group mutes. Thin: zod input → one service call. Edit when a preference procedure is added.
import { z } from 'zod';
import { msg } from '@/server/errors';
import { requestLocale } from '@/server/localize-error';
import {
  listGroupMuteStates,
  listMutedGroups,
  muteGroup,
  unmuteGroup,
} from '@/server/notifications/mute-group';
import { getNotificationSettings, updateNotificationSettings } from '@/server/notifications/settings';
import { notificationSettingsInputSchema } from '@/server/notifications/settings-input';
import { authedProcedure, router } from '@/server/trpc/init';

const groupRef = z.object({ groupId: z.uuid(msg('ids.groupId')) });

export const notificationSettingsRouter = router({
  get: authedProcedure.query(({ ctx }) => getNotificationSettings(ctx.deps.db, ctx.user.id)),
  update: authedProcedure
    .input(notificationSettingsInputSchema)
    .mutation(({ ctx, input }) => updateNotificationSettings(ctx.deps, ctx.user.id, input)),
  muted: authedProcedure.query(({ ctx }) =>
    listMutedGroups(ctx.deps.db, ctx.user.id, requestLocale(ctx.headers)),
  ),
  muteStates: authedProcedure.query(({ ctx }) => listGroupMuteStates(ctx.deps.db, ctx.user.id)),
  mute: authedProcedure
    .input(groupRef)
    .mutation(({ ctx, input }) => muteGroup(ctx.deps, ctx.user.id, input.groupId)),
  unmute: authedProcedure
    .input(groupRef)
    .mutation(({ ctx, input }) => unmuteGroup(ctx.deps, ctx.user.id, input.groupId)),
});
