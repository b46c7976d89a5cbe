// The rooms API's inputs, checked at the edge (zod): message text by the text rules (server/text.ts), ids,
// and the shop's room settings. Refusals are errors-catalog keys. Edit when a room procedure gains an input.
import { z } from 'zod';
import { msg } from '@/server/errors';
import { keyText, multiLineText, singleLineText } from '@/server/text';

/** Longest message a member or staff may post (characters, after trimming). */
export const MAX_MESSAGE_CHARS = 2000;
/** Longest mute staff may give at once: 30 days. */
export const MAX_MUTE_MINUTES = 30 * 24 * 60;
/** Slowest slow mode: one message an hour. */
export const MAX_SLOW_MODE_SECONDS = 3600;
/** The settings' bounds (a shop's keyword filter, retention and saved replies). */
export const SETTINGS_LIMITS = {
  keywords: 100,
  keywordChars: 50,
  closeAfterDays: { min: 1, max: 365 },
  deleteAfterDaysMax: 3650,
  savedReplies: 50,
  replyTitleChars: 80,
  replyBodyChars: 2000,
} as const;

/** This app's uploads (server/storage/store-image.ts): /uploads/<32 hex>.<png|jpg|webp|gif>. */
export const UPLOAD_URL = /^\/uploads\/[0-9a-f]{32}\.(png|jpg|webp|gif)$/;

const roomId = z.uuid(msg('room.roomId'));
const messageId = z.int(msg('room.messageId')).min(1, msg('room.messageId')).max(Number.MAX_SAFE_INTEGER);
const alias = singleLineText('fieldName.alias').pipe(
  z.string().min(1, msg('group.aliasRequired')).max(40, msg('group.aliasTooLong')),
);

/** A message's text: trimmed, 1–2,000 characters, newlines and tabs kept, no other control characters. */
export const messageBody = multiLineText('fieldName.message').pipe(
  z.string().min(1, msg('room.bodyRequired')).max(MAX_MESSAGE_CHARS, msg('room.bodyTooLong')),
);

/** Which room: by id, by its group's code, or by a community's code. */
export const roomRefInput = z.union([
  z.object({ roomId }),
  z.object({ groupCode: keyText('fieldName.groupCode', 40).min(1) }),
  z.object({ communityCode: keyText('fieldName.communityCode', 40).min(1) }),
]);
export type RoomRef = z.infer<typeof roomRefInput>;

export const roomIdInput = z.object({ roomId });
export const messageIdInput = z.object({ messageId });
export const historyInput = z.object({ roomId, beforeId: messageId });
export const postInput = z.object({
  roomId,
  body: messageBody,
  clientKey: keyText('fieldName.clientKey', 64).min(8, msg('room.clientKey')),
});
export const markReadInput = z.object({
  roomId,
  messageId: z.int(msg('room.messageId')).min(0).max(Number.MAX_SAFE_INTEGER),
});
export const postCardInput = z.object({ roomId, dealId: z.uuid(msg('ids.dealId')) });
export const postImageInput = z.object({
  roomId,
  url: keyText('fieldName.imageUrl', 100).refine((v) => UPLOAD_URL.test(v), msg('room.imageNotUploaded')),
  width: z.int().min(1).max(20_000),
  height: z.int().min(1).max(20_000),
});
export const pinInput = z.object({ roomId, messageId: messageId.nullable() });
export const muteInput = z.object({ roomId, alias, minutes: z.int().min(0).max(MAX_MUTE_MINUTES) });
export const removeMemberInput = z.object({ roomId, alias });
export const slowModeInput = z.object({ roomId, seconds: z.int().min(0).max(MAX_SLOW_MODE_SECONDS) });

const keyword = singleLineText('fieldName.keyword').pipe(
  z.string().min(1, msg('room.keywordEmpty')).max(SETTINGS_LIMITS.keywordChars, msg('room.keywordTooLong')),
);
const savedReply = z.object({
  id: keyText('fieldName.savedReply', 64).min(1).optional(),
  title: singleLineText('fieldName.savedReplyTitle').pipe(
    z.string().min(1).max(SETTINGS_LIMITS.replyTitleChars),
  ),
  body: multiLineText('fieldName.savedReplyBody').pipe(z.string().min(1).max(SETTINGS_LIMITS.replyBodyChars)),
});

/** A change to the shop's room settings: any of its fields (checked together by updateRoomSettings). */
export const settingsPatchInput = z.object({
  keywords: z.array(keyword).max(SETTINGS_LIMITS.keywords, msg('room.tooManyKeywords')).optional(),
  closeAfterDays: z
    .int()
    .min(SETTINGS_LIMITS.closeAfterDays.min)
    .max(SETTINGS_LIMITS.closeAfterDays.max)
    .optional(),
  deleteAfterDays: z.int().min(1).max(SETTINGS_LIMITS.deleteAfterDaysMax).optional(),
  savedReplies: z.array(savedReply).max(SETTINGS_LIMITS.savedReplies, msg('room.tooManyReplies')).optional(),
  holdMemberLinks: z.boolean().optional(),
});
export type SettingsPatch = z.infer<typeof settingsPatchInput>;
