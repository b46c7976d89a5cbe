// Group mutes: a person stops reminders about one group they are (or were) in; receipts still go. The
// sender asks isGroupMuted; /me lists and lifts them. Edit when a mute gains a scope (e.g. a deal).
import { and, desc, eq, exists } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { deals, groups, members, notificationMutes } from '@/db/schema';
import type { Locale } from '@/i18n/locales';
import { dealTitleFor } from '@/server/deals/deal-content';
import type { Deps } from '@/server/deps';
import { DomainError } from '@/server/errors';

export type MutedGroup = { groupId: string; code: string; title: string; titleLocale: Locale; mutedAt: Date };

/** Mutes reminders about `groupId` for `userId`, a member now or before; anyone else is refused as if it did not exist. Returns whether it was newly muted. */
export async function muteGroup(deps: Pick<Deps, 'db'>, userId: string, groupId: string): Promise<boolean> {
  const [member] = await deps.db
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.userId, userId), eq(members.groupId, groupId)))
    .limit(1);
  if (!member) throw new DomainError('NOT_FOUND', 'notify.notYourGroup');
  const inserted = await deps.db
    .insert(notificationMutes)
    .values({ userId, groupId })
    .onConflictDoNothing()
    .returning({ groupId: notificationMutes.groupId });
  return inserted.length > 0;
}

/** Lifts `userId`'s mute of `groupId` (nothing when there is none). Returns whether one was lifted. */
export async function unmuteGroup(deps: Pick<Deps, 'db'>, userId: string, groupId: string): Promise<boolean> {
  const deleted = await deps.db
    .delete(notificationMutes)
    .where(and(eq(notificationMutes.userId, userId), eq(notificationMutes.groupId, groupId)))
    .returning({ groupId: notificationMutes.groupId });
  return deleted.length > 0;
}

/** True when `userId` muted reminders about `groupId`. */
export async function isGroupMuted(db: Tx, userId: string, groupId: string): Promise<boolean> {
  const [row] = await db
    .select({ groupId: notificationMutes.groupId })
    .from(notificationMutes)
    .where(and(eq(notificationMutes.userId, userId), eq(notificationMutes.groupId, groupId)))
    .limit(1);
  return row !== undefined;
}

/** The groups `userId` muted, newest first, titled in `locale` where the merchant wrote it. */
export async function listMutedGroups(db: Tx, userId: string, locale: Locale): Promise<MutedGroup[]> {
  const rows = await db
    .select({
      groupId: groups.id,
      code: groups.code,
      mutedAt: notificationMutes.createdAt,
      deal: { title: deals.title, contentLocale: deals.contentLocale, translations: deals.translations },
    })
    .from(notificationMutes)
    .innerJoin(groups, eq(groups.id, notificationMutes.groupId))
    .innerJoin(deals, eq(deals.id, groups.dealId))
    .where(eq(notificationMutes.userId, userId))
    .orderBy(desc(notificationMutes.createdAt))
    .limit(200);
  return rows.map((r) => ({
    groupId: r.groupId,
    code: r.code,
    mutedAt: r.mutedAt,
    ...dealTitleFor(r.deal, locale),
  }));
}

/** The title of `groupId`'s deal in `locale`, when `userId` is or was in it (null otherwise: nothing is revealed). */
export async function memberGroupTitle(
  db: Tx,
  userId: string,
  groupId: string,
  locale: Locale,
): Promise<{ title: string; titleLocale: Locale; code: string } | null> {
  const [row] = await db
    .select({
      code: groups.code,
      deal: { title: deals.title, contentLocale: deals.contentLocale, translations: deals.translations },
    })
    .from(groups)
    .innerJoin(deals, eq(deals.id, groups.dealId))
    .where(
      and(
        eq(groups.id, groupId),
        exists(
          db
            .select({ one: members.id })
            .from(members)
            .where(and(eq(members.groupId, groups.id), eq(members.userId, userId))),
        ),
      ),
    )
    .limit(1);
  return row ? { code: row.code, ...dealTitleFor(row.deal, locale) } : null;
}

/** Every group `userId` is or was in, with whether its reminders are muted (the /me list's mute buttons). */
export async function listGroupMuteStates(
  db: Tx,
  userId: string,
): Promise<{ groupId: string; code: string; muted: boolean }[]> {
  const rows = await db
    .selectDistinct({ groupId: groups.id, code: groups.code, mutedAt: notificationMutes.createdAt })
    .from(members)
    .innerJoin(groups, eq(groups.id, members.groupId))
    .leftJoin(
      notificationMutes,
      and(eq(notificationMutes.groupId, groups.id), eq(notificationMutes.userId, userId)),
    )
    .where(eq(members.userId, userId))
    .limit(500);
  return rows.map((r) => ({ groupId: r.groupId, code: r.code, muted: r.mutedAt !== null }));
}
