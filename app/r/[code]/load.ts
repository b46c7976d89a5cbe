import 'server-only';
// Loads a community page's facts once per request: what anyone with the link may read (its name,
// description, shop, member count and whether a plain link still admits; never a member's alias) and the
// room as this request's reader sees it when they are in it (a member, or the shop's staff).
import { TRPCError } from '@trpc/server';
import { and, eq, isNull } from 'drizzle-orm';
import { cache } from 'react';
import { merchants, roomMembers, rooms } from '@/db/schema';
import { serverCaller } from '@/app/_trpc/server';
import { getDeps } from '@/server/deps';
import type { RoomView } from '@/server/rooms/types';

const CODE = /^[A-Za-z0-9]{8,16}$/;

export type CommunityFacts = {
  code: string;
  title: string;
  description: string;
  shopName: string;
  shopLogoUrl: string | null;
  memberCount: number;
  qrCutoff: number;
  maxMembers: number;
  archived: boolean;
};

/** The public facts of community `code`, or null for a malformed or unknown code. */
export const findCommunity = cache(async (code: string): Promise<CommunityFacts | null> => {
  if (!CODE.test(code)) return null;
  const [row] = await getDeps()
    .db.select({
      code: rooms.code,
      title: rooms.title,
      description: rooms.description,
      shopName: merchants.name,
      shopLogoUrl: merchants.logoUrl,
      memberCount: rooms.memberCount,
      qrCutoff: rooms.qrCutoff,
      maxMembers: rooms.maxMembers,
      archivedAt: rooms.archivedAt,
    })
    .from(rooms)
    .innerJoin(merchants, eq(merchants.id, rooms.merchantId))
    .where(and(eq(rooms.kind, 'community'), eq(rooms.code, code)));
  if (!row?.code) return null;
  const { archivedAt, ...facts } = row;
  return { ...facts, code: row.code, archived: archivedAt !== null };
});

/** True when `inviteCode` is a present member's personal invite code of community `code`. */
export async function isCommunityInvite(code: string, inviteCode: string): Promise<boolean> {
  const [row] = await getDeps()
    .db.select({ code: roomMembers.inviteCode })
    .from(roomMembers)
    .innerJoin(rooms, eq(rooms.id, roomMembers.roomId))
    .where(
      and(
        eq(rooms.code, code),
        eq(roomMembers.inviteCode, inviteCode),
        isNull(roomMembers.leftAt),
        isNull(roomMembers.removedAt),
      ),
    );
  return row !== undefined;
}

/** The community's room as this request's reader sees it, or null when they are not in it (or signed out). */
export const roomForReader = cache(async (code: string): Promise<RoomView | null> => {
  const caller = await serverCaller();
  try {
    return await caller.rooms.get({ communityCode: code });
  } catch (err) {
    if (err instanceof TRPCError && (err.code === 'NOT_FOUND' || err.code === 'UNAUTHORIZED')) return null;
    throw err;
  }
});
