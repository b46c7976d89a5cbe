// The buyer nudges a room post causes, planned in the posting transaction (H1's post path calls this): a
// staff text reply tells each member whose message since the previous staff message it answers
// (roomReply), and "@alias" in a visible text message tells that member they were mentioned (roomMention).
// Both are nudges: quiet hours, caps and the group's mute apply (server/notifications).
//
// Decisions (where the issue is silent): only group rooms notify (a community has no group page to link
// to; its members see it when they visit); nobody is told of their own message; a member told of a reply
// is not also told they were mentioned in it; held messages tell nobody (until approved they are not said);
// a mention matches the alias case-insensitively, as a whole word after an "@" that does not follow a
// letter (an e-mail address mentions nobody).
import { and, eq, gt, inArray, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { members, roomMembers, roomMessages } from '@/db/schema';
import { planNotifications, type PlannedNotification } from '@/server/notifications/plan-notifications';
import type { RoomMessageRow, RoomRow } from './room-access';

/** Plans the roomReply / roomMention nudges `message` (just appended to `room`) causes. */
export async function notifyRoomPost(
  tx: Tx,
  room: Pick<RoomRow, 'id' | 'kind' | 'groupId'>,
  message: RoomMessageRow,
): Promise<number> {
  if (room.kind !== 'group' || !room.groupId) return 0;
  if (message.status !== 'visible' || message.kind !== 'text') return 0;
  const seats = await tx
    .select({ userId: roomMembers.userId, alias: roomMembers.alias, memberId: roomMembers.memberId })
    .from(roomMembers)
    .where(and(eq(roomMembers.roomId, room.id), isNull(roomMembers.leftAt), isNull(roomMembers.removedAt)));
  const author = message.authorUserId;
  const told = new Set<string>();
  if (message.authorKind === 'staff') for (const id of await answered(tx, room.id, message.id)) told.add(id);
  const replied = new Set(told);
  const mentioned = mentionedAliases(
    message.body,
    seats.map((s) => s.alias),
  );
  for (const s of seats) if (mentioned.has(s.alias.toLowerCase())) told.add(s.userId);
  const recipients = seats.filter((s) => told.has(s.userId) && s.userId !== author);
  if (recipients.length === 0) return 0;
  const locales = new Map(
    (
      await tx
        .select({ id: members.id, locale: members.locale })
        .from(members)
        .where(
          inArray(
            members.id,
            recipients.flatMap((s) => (s.memberId ? [s.memberId] : [])),
          ),
        )
    ).map((m) => [m.id, m.locale]),
  );
  const plans: PlannedNotification[] = recipients.flatMap((s) => {
    const locale = s.memberId ? locales.get(s.memberId) : undefined;
    if (!s.memberId || locale === undefined) return [];
    return [
      {
        userId: s.userId,
        moment: replied.has(s.userId) ? ('roomReply' as const) : ('roomMention' as const),
        locale,
        groupId: room.groupId,
        memberId: s.memberId,
        subject: message.id,
      },
    ];
  });
  return planNotifications(tx, plans, message.createdAt);
}

/** Members whose visible message came after the staff message before `messageId` (the ones it answers). */
async function answered(tx: Tx, roomId: string, messageId: number): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ userId: roomMessages.authorUserId })
    .from(roomMessages)
    .where(
      and(
        eq(roomMessages.roomId, roomId),
        eq(roomMessages.authorKind, 'member'),
        eq(roomMessages.status, 'visible'),
        lt(roomMessages.id, messageId),
        gt(
          roomMessages.id,
          sql`coalesce((select max(p.id) from room_messages p where p.room_id = ${roomId}
            and p.author_kind = 'staff' and p.kind <> 'welcome' and p.status = 'visible' and p.id < ${messageId}), 0)`,
        ),
        ne(roomMessages.kind, 'system'),
      ),
    );
  return rows.flatMap((r) => (r.userId ? [r.userId] : []));
}

const WORD = /[\p{L}\p{N}_]/u;

/** The aliases among `aliases` that `body` mentions as "@alias", not inside a word or an address (lower-cased). */
export function mentionedAliases(body: string, aliases: readonly string[]): Set<string> {
  const text = body.toLowerCase();
  const out = new Set<string>();
  for (const alias of aliases) {
    const a = alias.toLowerCase();
    if (a === '') continue;
    let at = text.indexOf(`@${a}`);
    while (at !== -1) {
      const before = at === 0 ? '' : text.charAt(at - 1);
      const next = text.charAt(at + 1 + a.length);
      if (!WORD.test(before) && !WORD.test(next)) {
        out.add(a);
        break;
      }
      at = text.indexOf(`@${a}`, at + 1);
    }
  }
  return out;
}
