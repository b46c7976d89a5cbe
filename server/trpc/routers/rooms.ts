// The rooms API (server/rooms/types.ts has the contract): members and the shop's staff talk in a group's
// room or a community. Thin: zod input → one service call. Edit when a room procedure is added.
import { requestLocale } from '@/server/localize-error';
import { approveMessage } from '@/server/rooms/approve-message';
import { archiveCommunity } from '@/server/rooms/communities/archive-community';
import * as community from '@/server/rooms/communities/community-input';
import { createCommunity } from '@/server/rooms/communities/create-community';
import { joinCommunity } from '@/server/rooms/communities/join-community';
import { leaveCommunity } from '@/server/rooms/communities/leave-community';
import { deleteMessage } from '@/server/rooms/delete-message';
import { getRoomForViewer } from '@/server/rooms/get-room';
import { listInbox } from '@/server/rooms/list-inbox';
import { markRead } from '@/server/rooms/mark-read';
import { muteMember } from '@/server/rooms/mute-member';
import { pinMessage } from '@/server/rooms/pin-message';
import { postCard } from '@/server/rooms/post-card';
import { postImage } from '@/server/rooms/post-image';
import { postMessage } from '@/server/rooms/post-message';
import { removeMember } from '@/server/rooms/remove-member';
import { reportMessage } from '@/server/rooms/report-message';
import type { RoomCaller } from '@/server/rooms/room-access';
import { roomHistory } from '@/server/rooms/room-history';
import * as input from '@/server/rooms/room-input';
import { getRoomSettings, updateRoomSettings } from '@/server/rooms/room-settings';
import { setSlowMode } from '@/server/rooms/set-slow-mode';
import { authedProcedure, merchantProcedure, router } from '@/server/trpc/init';

/** Who is asking, as the rooms services take it: the session's user and their shop, if any. */
const caller = (ctx: RoomCaller): RoomCaller => ({ user: ctx.user, merchantId: ctx.merchantId });

export const roomsRouter = router({
  // procedures are added here, one line each (see server/rooms/types.ts)
  get: authedProcedure
    .input(input.roomRefInput)
    .query(({ ctx, input: ref }) => getRoomForViewer(ctx.deps, caller(ctx), ref, requestLocale(ctx.headers))),
  history: authedProcedure
    .input(input.historyInput)
    .query(({ ctx, input: i }) => roomHistory(ctx.deps, caller(ctx), i, requestLocale(ctx.headers))),
  post: authedProcedure
    .input(input.postInput)
    .mutation(({ ctx, input: i }) => postMessage(ctx.deps, caller(ctx), i, requestLocale(ctx.headers))),
  markRead: authedProcedure
    .input(input.markReadInput)
    .mutation(({ ctx, input: i }) => markRead(ctx.deps, caller(ctx), i)),
  report: authedProcedure
    .input(input.messageIdInput)
    .mutation(({ ctx, input: i }) => reportMessage(ctx.deps, caller(ctx), i)),
  postCard: merchantProcedure
    .input(input.postCardInput)
    .mutation(({ ctx, input: i }) => postCard(ctx.deps, caller(ctx), i, requestLocale(ctx.headers))),
  postImage: merchantProcedure
    .input(input.postImageInput)
    .mutation(({ ctx, input: i }) => postImage(ctx.deps, caller(ctx), i, requestLocale(ctx.headers))),
  pin: merchantProcedure
    .input(input.pinInput)
    .mutation(({ ctx, input: i }) => pinMessage(ctx.deps, caller(ctx), i)),
  deleteMessage: merchantProcedure
    .input(input.messageIdInput)
    .mutation(({ ctx, input: i }) => deleteMessage(ctx.deps, caller(ctx), i)),
  approve: merchantProcedure
    .input(input.messageIdInput)
    .mutation(({ ctx, input: i }) => approveMessage(ctx.deps, caller(ctx), i)),
  muteMember: merchantProcedure
    .input(input.muteInput)
    .mutation(({ ctx, input: i }) => muteMember(ctx.deps, caller(ctx), i)),
  removeMember: merchantProcedure
    .input(input.removeMemberInput)
    .mutation(({ ctx, input: i }) => removeMember(ctx.deps, caller(ctx), i)),
  setSlowMode: merchantProcedure
    .input(input.slowModeInput)
    .mutation(({ ctx, input: i }) => setSlowMode(ctx.deps, caller(ctx), i)),
  joinCommunity: authedProcedure
    .input(community.joinCommunityInput)
    .mutation(({ ctx, input: i }) => joinCommunity(ctx.deps, ctx.user, i, requestLocale(ctx.headers))),
  leaveCommunity: authedProcedure
    .input(community.communityRef)
    .mutation(({ ctx, input: i }) => leaveCommunity(ctx.deps, ctx.user, i.roomId)),
  inbox: merchantProcedure.query(({ ctx }) =>
    listInbox(ctx.deps, ctx.merchantId, requestLocale(ctx.headers)),
  ),
  createCommunity: merchantProcedure
    .input(community.createCommunityInput)
    .mutation(({ ctx, input: i }) =>
      createCommunity(ctx.deps, ctx.merchantId, i, requestLocale(ctx.headers)),
    ),
  archiveCommunity: merchantProcedure
    .input(community.communityRef)
    .mutation(({ ctx, input: i }) => archiveCommunity(ctx.deps, ctx.merchantId, i.roomId)),
  settings: merchantProcedure.query(({ ctx }) => getRoomSettings(ctx.deps, ctx.merchantId)),
  updateSettings: merchantProcedure
    .input(input.settingsPatchInput)
    .mutation(({ ctx, input: patch }) => updateRoomSettings(ctx.deps, ctx.merchantId, patch)),
});
