// Delivering one outbox row, exactly once per key (DESIGN rule 14). The row is claimed ("sending") in a
// transaction that also applies the rules — preferences, truth, quiet hours, caps — under a per-person
// lock, so two nudges to one person never both slip under a cap; it is sent after that commits, then
// recorded. A worker that dies between send and record leaves "sending": the next attempt resends once,
// and a second such death marks it failed rather than risk a third copy. A claim younger than the lease
// belongs to a live sender, so a duplicate job waits instead of sending again.
import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { emailSuppressions, members, merchants, notifications, orders, user } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { addJob } from '@/server/jobs/add-job';
import { getMailer } from './channels/email';
import { sendPush } from './channels/push';
import { loadContext, loadGroup, type LoadedGroup, type OutboxRow } from './load-context';
import { MOMENTS, type Moment } from './moments';
import { quietUntil } from './quiet-hours';
import { renderNotification } from './render';
import { NOTIFY_RULES } from './rules';
import { getNotificationSettings } from './settings';
import { staleReason } from './still-true';

export type SendOutcome =
  | { done: 'sent'; to: string }
  | { done: 'dropped'; reason: string }
  | { done: 'held'; until: Date }
  | { done: 'failed'; error: string }
  | { done: 'nothing' }
  | { done: 'retry'; error: string };

type Claim =
  | { go: true; row: OutboxRow; to: string; group: LoadedGroup | null; timeZone: string | null }
  | { go: false; outcome: SendOutcome };

/** Sends outbox row `id` if the rules allow it now; `lastAttempt` turns a transient failure into a final one. */
export async function sendNotification(deps: Deps, id: number, lastAttempt = false): Promise<SendOutcome> {
  const claim = await deps.db.transaction((tx) => claimRow(deps, tx, id));
  if (!claim.go) return claim.outcome;
  const { row, to } = claim;

  const ctx = await loadContext(deps.db, deps.appUrl, row, claim.group);
  if (!ctx)
    return finish(
      deps.db,
      id,
      { status: 'dropped', dropReason: 'subject_gone' },
      { done: 'dropped', reason: 'subject_gone' },
    );
  // Deadlines are written in the reader's own time zone.
  const msg = renderNotification(ctx, { now: deps.now(), timeZone: claim.timeZone ?? undefined });

  if (row.channel === 'email') {
    const headers: Record<string, string> = {};
    if (ctx.links.unsubscribe) {
      // RFC 8058 one-click: the POST target is the API twin of the page link.
      headers['List-Unsubscribe'] = `<${ctx.links.unsubscribe.replace('/u/', '/api/unsubscribe/')}>`;
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    }
    const host = new URL(deps.appUrl).hostname || 'flock.invalid';
    const r = await (deps.mailer ?? getMailer(deps.db)).send({
      to,
      subject: msg.subject,
      text: msg.text,
      html: msg.html,
      headers,
      messageId: `<notification-${row.id}@${host}>`,
    });
    if (r.ok)
      return finish(deps.db, id, { status: 'sent', sentAt: deps.now(), sentTo: to }, { done: 'sent', to });
    if (r.permanent) {
      await deps.db
        .insert(emailSuppressions)
        .values({ email: to.toLowerCase(), reason: r.error.slice(0, 500) })
        .onConflictDoNothing();
      return finish(
        deps.db,
        id,
        { status: 'failed', lastError: r.error },
        { done: 'failed', error: r.error },
      );
    }
    return transient(deps.db, id, r.error, lastAttempt);
  }

  const p = await sendPush(deps.db, row.userId, { ...msg.push, tag: `${row.moment}:${row.groupId ?? ''}` });
  if (p.delivered > 0) {
    const sentTo = `${p.delivered} device(s)`;
    return finish(deps.db, id, { status: 'sent', sentAt: deps.now(), sentTo }, { done: 'sent', to: sentTo });
  }
  if (p.devices === 0 || p.failed === 0) {
    // Every device was gone (404/410) or none was left: nothing to retry.
    return finish(
      deps.db,
      id,
      { status: 'dropped', dropReason: 'no_device' },
      { done: 'dropped', reason: 'no_device' },
    );
  }
  return transient(deps.db, id, p.lastError ?? 'push failed', lastAttempt);
}

async function claimRow(deps: Deps, tx: Tx, id: number): Promise<Claim> {
  const now = deps.now();
  const [row] = await tx.select().from(notifications).where(eq(notifications.id, id)).for('update');
  if (!row || row.status === 'sent' || row.status === 'dropped' || row.status === 'failed')
    return { go: false, outcome: { done: 'nothing' } };
  // A job for a later time exists (the row was held); this one is an early duplicate.
  if (row.status === 'pending' && row.sendAfter.getTime() > now.getTime() + 1000)
    return { go: false, outcome: { done: 'nothing' } };
  // One person's rules are checked one message at a time.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`notify:${row.userId}`}))`);

  let resends = row.resends;
  if (row.status === 'sending') {
    // Another sender holds it within its lease: it will record the outcome; check again later.
    if (row.claimedAt && now.getTime() - row.claimedAt.getTime() < NOTIFY_RULES.sendLeaseMs)
      return { go: false, outcome: { done: 'retry', error: 'being sent by another worker' } };
    if (resends >= 1) return drop(tx, id, 'failed', 'uncertain: the worker stopped twice while sending');
    resends += 1;
  }
  const moment = row.moment as Moment;
  const kind = MOMENTS[moment].kind;
  const settings = await getNotificationSettings(tx, row.userId);

  // Preferences. E-mail receipts always go: they are the record of money.
  if (row.channel === 'push' && !settings.pushEnabled) return drop(tx, id, 'dropped', 'channel_off');
  if (row.channel === 'email' && !settings.emailEnabled && kind !== 'receipt')
    return drop(tx, id, 'dropped', 'channel_off');
  if (kind === 'nudge' && !settings.nudgesEnabled) return drop(tx, id, 'dropped', 'nudges_off');
  if (moment === 'merchantGroupWon' && !settings.merchantGroupWon)
    return drop(tx, id, 'dropped', 'setting_off');
  if (moment === 'merchantGroupFailed' && !settings.merchantGroupFailed)
    return drop(tx, id, 'dropped', 'setting_off');
  if (moment === 'merchantDailySummary' && !settings.merchantDailySummary)
    return drop(tx, id, 'dropped', 'setting_off');
  if (kind === 'nudge' && row.groupId) {
    const muted = await tx.execute(
      sql`select 1 from notification_mutes where user_id = ${row.userId} and group_id = ${row.groupId}`,
    );
    if (muted.rows.length > 0) return drop(tx, id, 'dropped', 'group_muted');
  }

  // Where it goes.
  let to = '';
  if (row.channel === 'email') {
    const address = await emailAddress(tx, row);
    if (!address) return drop(tx, id, 'dropped', 'no_address');
    const [suppressed] = await tx
      .select({ reason: emailSuppressions.reason })
      .from(emailSuppressions)
      .where(eq(emailSuppressions.email, address.toLowerCase()));
    if (suppressed) return drop(tx, id, 'dropped', 'address_bounced');
    to = address;
  }

  const group = row.groupId ? await loadGroup(tx, row.groupId) : null;
  if (kind === 'nudge') {
    if (!group) return drop(tx, id, 'dropped', 'subject_gone');
    const [m] = row.memberId
      ? await tx
          .select({ status: members.status, unitPriceAtJoin: members.unitPriceAtJoin })
          .from(members)
          .where(eq(members.id, row.memberId))
      : [];
    const stale = staleReason(moment, row.subject, group.g, m ?? null, now);
    if (stale) return drop(tx, id, 'dropped', `stale:${stale}`);

    const until = quietUntil(now, {
      start: settings.quietStart,
      end: settings.quietEnd,
      timeZone: settings.timeZone,
    });
    if (until) {
      await tx
        .update(notifications)
        .set({ status: 'pending', sendAfter: until, resends })
        .where(eq(notifications.id, id));
      await addJob(tx, 'send-notification', { id }, { runAt: until, maxAttempts: NOTIFY_RULES.maxAttempts });
      return { go: false, outcome: { done: 'held', until } };
    }
    const capped = await capReason(tx, row, now);
    if (capped) return drop(tx, id, 'dropped', capped);
  }

  await tx
    .update(notifications)
    .set({ status: 'sending', claimedAt: now, attempts: sql`${notifications.attempts} + 1`, resends })
    .where(eq(notifications.id, id));
  return { go: true, row: { ...row, resends }, to, group, timeZone: settings.timeZone };
}

/** The caps: nudges sent to this person in the last day, and about this group in the last hours (one per nudge, across channels). */
async function capReason(tx: Tx, row: OutboxRow, now: Date): Promise<string | null> {
  const dayAgo = new Date(now.getTime() - 24 * 3600 * 1000);
  const gapAgo = new Date(now.getTime() - NOTIFY_RULES.groupGapHours * 3600 * 1000);
  const r = await tx.execute<{ day: number; group: number }>(sql`
    select count(distinct (moment, group_id, subject))::int as day,
           count(distinct (moment, group_id, subject)) filter (
             where group_id is not distinct from ${row.groupId} and coalesce(sent_at, send_after) > ${gapAgo})::int as group
    from notifications
    where user_id = ${row.userId} and kind = 'nudge' and status in ('sent', 'sending')
      and coalesce(sent_at, send_after) > ${dayAgo}
      and not (moment = ${row.moment} and group_id is not distinct from ${row.groupId} and subject = ${row.subject})`);
  const c = r.rows[0];
  if (c && c.day >= NOTIFY_RULES.nudgesPerDay) return 'cap_per_day';
  if (c && c.group >= 1) return 'cap_per_group';
  return null;
}

/** A buyer's contact e-mail for this membership (the order's), else the account's real address; a shop's contact address, else its owner's. */
async function emailAddress(tx: Tx, row: OutboxRow): Promise<string | null> {
  if (MOMENTS[row.moment as Moment].audience === 'merchant') {
    const [m] = await tx
      .select({ contact: merchants.contactEmail, email: user.email })
      .from(merchants)
      .innerJoin(user, eq(user.id, merchants.userId))
      .where(
        and(eq(merchants.userId, row.userId), row.merchantId ? eq(merchants.id, row.merchantId) : sql`true`),
      )
      .limit(1);
    return m?.contact || m?.email || null;
  }
  if (row.memberId) {
    const [o] = await tx
      .select({ email: orders.contactEmail })
      .from(orders)
      .where(eq(orders.memberId, row.memberId));
    if (o?.email) return o.email;
  }
  const [u] = await tx
    .select({ email: user.email, anon: user.isAnonymous })
    .from(user)
    .where(eq(user.id, row.userId));
  return u && !u.anon ? u.email : null;
}

async function drop(tx: Tx, id: number, status: 'dropped' | 'failed', reason: string): Promise<Claim> {
  await tx
    .update(notifications)
    .set(status === 'dropped' ? { status, dropReason: reason } : { status, lastError: reason })
    .where(eq(notifications.id, id));
  return {
    go: false,
    outcome: status === 'dropped' ? { done: 'dropped', reason } : { done: 'failed', error: reason },
  };
}

async function finish(
  db: Db,
  id: number,
  set: Partial<OutboxRow>,
  outcome: SendOutcome,
): Promise<SendOutcome> {
  await db.update(notifications).set(set).where(eq(notifications.id, id));
  return outcome;
}

/** A failure worth retrying: back to pending (the job retries with backoff), or failed on the last attempt. */
async function transient(db: Db, id: number, error: string, lastAttempt: boolean): Promise<SendOutcome> {
  const e = error.slice(0, 500);
  if (lastAttempt) return finish(db, id, { status: 'failed', lastError: e }, { done: 'failed', error: e });
  return finish(db, id, { status: 'pending', lastError: e }, { done: 'retry', error: e });
}
