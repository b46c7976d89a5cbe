// A person joins a community under the groups' trust rules: the plain link (and QR code) admits while
// fewer than qr_cutoff are in; past it only a member's personal invite code admits, up to max_members.
// They appear by alias and read only what is said after they join (DESIGN rules 7 and 15).
//
// Decisions: an alias is unique among a community's present members (staff mute and remove by alias);
// joining again while in is a no-op; a member removed by staff cannot rejoin (NOT_FOUND, as for anyone
// the room does not admit); a member who left rejoins as a newcomer (new history, same invite code).
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { roomMembers, rooms } from '@/db/schema';
import type { SessionUser } from '@/server/auth/session-user';
import type { Deps } from '@/server/deps';
import { DomainError } from '@/server/errors';
import { recordEvent } from '@/server/events/record-event';
import { randomCode } from '@/server/groups/random-code';
import type { Locale } from '@/i18n/locales';
import { getRoomForViewer } from '../get-room';
import { liveSeatWhere } from '../room-access';
import type { RoomView } from '../types';
import type { JoinCommunityInput } from './community-input';

/** Admits `user` to the community `input.code` as `input.alias`; returns the room as they now see it. */
export async function joinCommunity(
  deps: Deps,
  user: SessionUser,
  input: JoinCommunityInput,
  locale: Locale,
): Promise<RoomView> {
  const roomId = await deps.db.transaction(async (tx) => {
    const [room] = await tx
      .select()
      .from(rooms)
      .where(and(eq(rooms.code, input.code), eq(rooms.kind, 'community')))
      .for('update');
    if (!room) throw new DomainError('NOT_FOUND', 'community.notFound');
    const [seat] = await tx
      .select()
      .from(roomMembers)
      .where(and(eq(roomMembers.roomId, room.id), eq(roomMembers.userId, user.id)));
    if (seat?.removedAt) throw new DomainError('NOT_FOUND', 'community.notFound');
    if (seat && !seat.leftAt) return room.id;
    if (room.archivedAt) throw new DomainError('CONFLICT', 'community.archived');
    if (room.memberCount >= room.maxMembers) throw new DomainError('CONFLICT', 'community.full');
    const inviter = await inviterOf(tx, room.id, input.inviteCode);
    if (room.memberCount >= room.qrCutoff && !inviter)
      throw new DomainError(
        'INVITE_ONLY',
        'community.inviteOnly',
        {},
        input.inviteCode ? { inviteCode: { key: 'community.inviteUnknown' } } : undefined,
      );
    const [taken] = await tx
      .select({ userId: roomMembers.userId })
      .from(roomMembers)
      .where(liveSeatWhere(room.id, sql`lower(${roomMembers.alias}) = lower(${input.alias})`));
    if (taken)
      throw new DomainError(
        'CONFLICT',
        'community.aliasTaken',
        {},
        { alias: { key: 'community.aliasTakenField' } },
      );

    const now = deps.now();
    const values = {
      alias: input.alias,
      historyFrom: room.lastMessageId,
      joinedAt: now,
      leftAt: null,
      invitedByUserId: inviter,
    };
    await tx
      .insert(roomMembers)
      .values({ roomId: room.id, userId: user.id, inviteCode: randomCode(10), ...values })
      .onConflictDoUpdate({ target: [roomMembers.roomId, roomMembers.userId], set: values });
    await tx
      .update(rooms)
      .set({ memberCount: sql`${rooms.memberCount} + 1` })
      .where(eq(rooms.id, room.id));
    await recordEvent(tx, {
      type: 'room.member_joined',
      payload: { roomId: room.id, invited: inviter !== null },
    });
    return room.id;
  });
  // As a member (not as the shop's staff, even when they are): the view a joiner gets.
  return getRoomForViewer(deps, { user, merchantId: null }, { roomId }, locale);
}

/** The user id of the present member whose invite code is `code`, or null. */
async function inviterOf(tx: Tx, roomId: string, code: string | undefined): Promise<string | null> {
  if (!code) return null;
  const [m] = await tx
    .select({ userId: roomMembers.userId })
    .from(roomMembers)
    .where(liveSeatWhere(roomId, eq(roomMembers.inviteCode, code)));
  return m?.userId ?? null;
}
