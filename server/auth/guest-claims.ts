// Keeping a guest's groups on an e-mail address from any device. Asking for a sign-in link from a guest
// session records who asked (a claim keyed by a hash of the link's token); opening the link in any browser
// signs in as the e-mail account and moves that guest's memberships to it. Opening it in the guest's own
// browser does the same through better-auth's anonymous onLinkAccount; whichever runs second finds nothing
// left to move. Their notification preferences, mutes and push subscriptions follow with the groups.
// Edit when a guest owns something else that should follow them to their account.
import { createHash } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import {
  groups,
  guestClaims,
  members,
  notificationMutes,
  notificationSettings,
  pushSubscriptions,
} from '@/db/schema';

/** How long an e-mailed sign-in link (and the claim it carries) stays valid: long enough to switch devices. */
export const SIGN_IN_LINK_SECONDS = 15 * 60;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Records that the sign-in link with `token`, sent to `email`, was asked for by guest `guestUserId`. */
export async function recordGuestClaim(
  db: Db,
  c: { token: string; email: string; guestUserId: string; now: Date },
): Promise<void> {
  await db.insert(guestClaims).values({
    tokenHash: hashToken(c.token),
    email: c.email.trim().toLowerCase(),
    guestUserId: c.guestUserId,
    createdAt: c.now,
    expiresAt: new Date(c.now.getTime() + SIGN_IN_LINK_SECONDS * 1000),
  });
}

/**
 * Moves every membership of guest `fromUserId` to account `toUserId`, except in groups the account is in
 * already (one buyer has one membership per group); the groups the guest opened follow too, and so do its
 * group mutes, its devices' push subscriptions and its notification settings (when the account has none),
 * all in one transaction. Returns how many memberships moved.
 */
export async function moveGuestMemberships(outer: Tx, fromUserId: string, toUserId: string): Promise<number> {
  if (fromUserId === toUserId) return 0;
  return outer.transaction(async (db) => {
    const moved = await db
      .update(members)
      .set({ userId: toUserId, updatedAt: sql`now()` })
      .where(
        and(
          eq(members.userId, fromUserId),
          sql`not exists (select 1 from ${members} as other where other.group_id = ${members.groupId} and other.user_id = ${toUserId})`,
        ),
      )
      .returning({ id: members.id });
    await db.update(groups).set({ openedByUserId: toUserId }).where(eq(groups.openedByUserId, fromUserId));
    await db.execute(sql`
    insert into ${notificationMutes} (user_id, group_id, created_at)
    select ${toUserId}, group_id, created_at from ${notificationMutes} where user_id = ${fromUserId}
    on conflict do nothing`);
    await db.delete(notificationMutes).where(eq(notificationMutes.userId, fromUserId));
    await db
      .update(pushSubscriptions)
      .set({ userId: toUserId })
      .where(eq(pushSubscriptions.userId, fromUserId));
    // The account's own choices win; a guest's are kept only when the account never made any.
    await db
      .update(notificationSettings)
      .set({ userId: toUserId })
      .where(
        and(
          eq(notificationSettings.userId, fromUserId),
          sql`not exists (select 1 from ${notificationSettings} as mine where mine.user_id = ${toUserId})`,
        ),
      );
    return moved.length;
  });
}

/**
 * Uses the claim of the sign-in link `token` for account `userId` (whose e-mail is `email`): moves the
 * guest's memberships once. A link without a claim, used, expired or for another address moves nothing.
 */
export async function claimGuestByToken(
  db: Db,
  c: { token: string; userId: string; email: string; now: Date },
): Promise<{ moved: number } | null> {
  return db.transaction(async (tx) => {
    const [claim] = await tx
      .update(guestClaims)
      .set({ claimedAt: c.now, claimedByUserId: c.userId })
      .where(
        and(
          eq(guestClaims.tokenHash, hashToken(c.token)),
          eq(guestClaims.email, c.email.trim().toLowerCase()),
          isNull(guestClaims.claimedAt),
          gt(guestClaims.expiresAt, c.now),
        ),
      )
      .returning({ guestUserId: guestClaims.guestUserId });
    if (!claim) return null;
    return { moved: await moveGuestMemberships(tx, claim.guestUserId, c.userId) };
  });
}
