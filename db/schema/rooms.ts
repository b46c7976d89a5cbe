// Rooms: where a group's members and the shop's staff talk (one per group), and communities — standing
// rooms a shop opens that outlive one deal. Members appear by alias and read only what was said after they
// joined (DESIGN rule 15). server/rooms/README.md says how. Edit when a room, message or moderation fact is added.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { user } from './auth';
import { deals } from './deals';
import { groups } from './groups';
import { merchants } from './merchants';

export const ROOM_KINDS = ['group', 'community'] as const;
export type RoomKind = (typeof ROOM_KINDS)[number];

export const rooms = pgTable(
  'rooms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').$type<RoomKind>().notNull(),
    merchantId: uuid('merchant_id')
      .notNull()
      .references(() => merchants.id, { onDelete: 'cascade' }),
    /** A group's room: one per group. */
    groupId: uuid('group_id')
      .unique()
      .references(() => groups.id, { onDelete: 'cascade' }),
    dealId: uuid('deal_id').references(() => deals.id, { onDelete: 'set null' }),
    /** A community's short code for its link and QR code (/r/<code>); null for group rooms (they use the group's). */
    code: text('code').unique(),
    /** A community's name and description (group rooms speak of their deal). */
    title: text('title').notNull().default(''),
    description: text('description').notNull().default(''),
    /** Communities: the plain link and QR code admit while fewer than qrCutoff are in; invite links up to maxMembers. */
    qrCutoff: integer('qr_cutoff').notNull().default(100),
    maxMembers: integer('max_members').notNull().default(500),
    memberCount: integer('member_count').notNull().default(0),
    /** One message per this many seconds per member (0 = off). */
    slowModeSeconds: integer('slow_mode_seconds').notNull().default(0),
    pinnedMessageId: bigint('pinned_message_id', { mode: 'number' }),
    /** The newest message id (a member joining now reads only what comes after it). */
    lastMessageId: bigint('last_message_id', { mode: 'number' }).notNull().default(0),
    /** The newest visible message by a member and by staff: a member's question is unanswered while the first is newer. */
    lastMemberMessageId: bigint('last_member_message_id', { mode: 'number' }).notNull().default(0),
    lastStaffMessageId: bigint('last_staff_message_id', { mode: 'number' }).notNull().default(0),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }),
    /** No new messages after this (set when a group closes: its close + the shop's setting). */
    closesAt: timestamp('closes_at', { withTimezone: true }),
    /** Messages deleted after this (the shop's retention setting). */
    purgeAt: timestamp('purge_at', { withTimezone: true }),
    /** A community the shop archived: read-only, out of the inbox. */
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('rooms_merchant_idx').on(t.merchantId, t.lastMessageId),
    index('rooms_purge_idx').on(t.purgeAt),
    check('rooms_kind', sql`${t.kind} in ('group', 'community')`),
    check('rooms_group_has_group', sql`(${t.kind} = 'group') = (${t.groupId} is not null)`),
    check('rooms_community_has_code', sql`(${t.kind} = 'community') = (${t.code} is not null)`),
  ],
);

/** A person in a room, by alias. Group rooms follow the group: in while their membership is live. */
export const roomMembers = pgTable(
  'room_members',
  {
    roomId: uuid('room_id')
      .notNull()
      .references(() => rooms.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    alias: text('alias').notNull(),
    /** The group membership this room seat follows (group rooms). */
    memberId: uuid('member_id'),
    /** The room's last message id when they joined: they read only messages after it (rule 15). */
    historyFrom: bigint('history_from', { mode: 'number' }).notNull(),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
    /** Left the group or the community: no more room. */
    leftAt: timestamp('left_at', { withTimezone: true }),
    /** Removed from the room by staff (stays in the group buy). */
    removedAt: timestamp('removed_at', { withTimezone: true }),
    mutedUntil: timestamp('muted_until', { withTimezone: true }),
    /** A community member's personal invite code (admits past the QR cutoff). */
    inviteCode: text('invite_code').unique(),
    invitedByUserId: text('invited_by_user_id'),
    lastReadMessageId: bigint('last_read_message_id', { mode: 'number' }).notNull().default(0),
    lastPostAt: timestamp('last_post_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.roomId, t.userId] }), index('room_members_user_idx').on(t.userId)],
);

export const ROOM_AUTHOR_KINDS = ['member', 'staff', 'system'] as const;
export type RoomAuthorKind = (typeof ROOM_AUTHOR_KINDS)[number];
export const ROOM_MESSAGE_KINDS = ['text', 'card', 'image', 'system', 'welcome'] as const;
export type RoomMessageKind = (typeof ROOM_MESSAGE_KINDS)[number];
export const ROOM_MESSAGE_STATUSES = ['visible', 'held', 'deleted'] as const;
export type RoomMessageStatus = (typeof ROOM_MESSAGE_STATUSES)[number];

/**
 * kind-specific data: card { dealId }; image { url, width, height }; system { key, values } (catalog
 * words rendered per reader: joined, bracket unlocked, closing soon, won, failed, group opened); welcome
 * { text } (the deal's template with the aliases filled in).
 */
export type RoomMessageData = Record<string, unknown>;

export const roomMessages = pgTable(
  'room_messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    roomId: uuid('room_id')
      .notNull()
      .references(() => rooms.id, { onDelete: 'cascade' }),
    authorKind: text('author_kind').$type<RoomAuthorKind>().notNull(),
    authorUserId: text('author_user_id'),
    /** The alias (members) or the shop's name (staff) at the time of posting. */
    authorName: text('author_name').notNull().default(''),
    kind: text('kind').$type<RoomMessageKind>().notNull().default('text'),
    body: text('body').notNull().default(''),
    data: jsonb('data').$type<RoomMessageData>().notNull().default({}),
    status: text('status').$type<RoomMessageStatus>().notNull().default('visible'),
    /** Why a message waits for staff: link (members' links), keyword (the shop's filter), reported. */
    heldReason: text('held_reason'),
    reportCount: integer('report_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('room_messages_room_idx').on(t.roomId, t.id),
    index('room_messages_author_idx').on(t.roomId, t.authorUserId, t.createdAt),
  ],
);

/** A member's report of a message (once per member and message). */
export const roomReports = pgTable(
  'room_reports',
  {
    messageId: bigint('message_id', { mode: 'number' })
      .notNull()
      .references(() => roomMessages.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.userId] })],
);

/** How far the shop's staff have read each room (unread counts in the concierge inbox). */
export const roomStaffReads = pgTable(
  'room_staff_reads',
  {
    roomId: uuid('room_id')
      .notNull()
      .references(() => rooms.id, { onDelete: 'cascade' }),
    merchantId: uuid('merchant_id')
      .notNull()
      .references(() => merchants.id, { onDelete: 'cascade' }),
    lastReadMessageId: bigint('last_read_message_id', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.roomId, t.merchantId] })],
);

export type SavedReply = { id: string; title: string; body: string };

/** A shop's room settings (a missing row means every default). */
export const merchantRoomSettings = pgTable('merchant_room_settings', {
  merchantId: uuid('merchant_id')
    .primaryKey()
    .references(() => merchants.id, { onDelete: 'cascade' }),
  /** Words that hold a member's message for review (case-insensitive, whole text search). */
  keywords: jsonb('keywords').$type<string[]>().notNull().default([]),
  /** A group's room takes no new messages this many days after the group closes. */
  closeAfterDays: integer('close_after_days').notNull().default(14),
  /** A room's messages are deleted this many days after its group closes (or a community is archived). */
  deleteAfterDays: integer('delete_after_days').notNull().default(90),
  savedReplies: jsonb('saved_replies').$type<SavedReply[]>().notNull().default([]),
  /** Members' messages with links wait for staff (anti-spam). */
  holdMemberLinks: boolean('hold_member_links').notNull().default(true),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const ROOM_DEFAULTS = { closeAfterDays: 14, deleteAfterDays: 90 } as const;
