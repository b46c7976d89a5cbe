// Writing notifications into the outbox inside the transaction of the event that causes them (DESIGN rule
// 14): a row per channel, keyed so that replaying the cause plans nothing twice, and a send job per row.
import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import type { NotificationChannel } from '@/db/schema';
import { addJobs } from '@/server/jobs/add-job';
import { notificationJobKey } from '@/server/jobs/job-keys';
import { MOMENTS, type Moment } from './moments';
import { NOTIFY_RULES } from './rules';

export type PlannedNotification = {
  userId: string;
  moment: Moment;
  locale: string;
  groupId?: string | null;
  memberId?: string | null;
  merchantId?: string | null;
  /** What tells two messages of one moment about one group apart (a tier, an order, a refund, a day). */
  subject?: string | number;
  payload?: Record<string, unknown>;
  /** A later send time (a reminder planned ahead); the coalescing wait otherwise, or at once. */
  sendAfter?: Date;
};

/** The outbox key: one message per recipient, moment, group, subject and channel. */
export function notificationKey(p: PlannedNotification, channel: NotificationChannel): string {
  return [p.userId, p.moment, p.groupId ?? '-', String(p.subject ?? ''), channel].join('|');
}

/**
 * Plans `plans` in `tx`: an e-mail row for each, and a push row for recipients with a push subscription.
 * A "price dropped" waits the coalescing window and supersedes the recipient's older pending one for the
 * same group, so a burst of joins makes one message. Returns the number of rows written.
 */
export async function planNotifications(tx: Tx, plans: PlannedNotification[], now: Date): Promise<number> {
  if (plans.length === 0) return 0;
  const userIds = [...new Set(plans.map((p) => p.userId))];
  const withPush = new Set(
    (
      await tx.execute<{ user_id: string }>(
        sql`select distinct user_id from push_subscriptions
          where user_id in (select jsonb_array_elements_text(${JSON.stringify(userIds)}::jsonb))`,
      )
    ).rows.map((r) => r.user_id),
  );
  const rows = plans.flatMap((p) => {
    const m = MOMENTS[p.moment];
    const sendAfter =
      p.sendAfter ??
      ('coalesce' in m && m.coalesce ? new Date(now.getTime() + NOTIFY_RULES.coalesceMs) : now);
    const channels: NotificationChannel[] = withPush.has(p.userId) ? ['email', 'push'] : ['email'];
    return channels.map((channel) => ({
      dedupe_key: notificationKey(p, channel),
      user_id: p.userId,
      channel,
      moment: p.moment,
      kind: m.kind,
      group_id: p.groupId ?? null,
      member_id: p.memberId ?? null,
      merchant_id: p.merchantId ?? null,
      subject: String(p.subject ?? ''),
      locale: p.locale,
      payload: p.payload ?? {},
      send_after: sendAfter.toISOString(),
    }));
  });

  const coalescing = rows.filter((r) => 'coalesce' in MOMENTS[r.moment as Moment] && r.group_id);
  if (coalescing.length > 0) {
    await tx.execute(sql`
      update notifications n set status = 'dropped', drop_reason = 'superseded'
      from json_to_recordset(${JSON.stringify(coalescing)}::json)
        as x(user_id text, group_id uuid, moment text, channel text, dedupe_key text)
      where n.status = 'pending' and n.user_id = x.user_id and n.group_id = x.group_id
        and n.moment = x.moment and n.channel = x.channel and n.dedupe_key <> x.dedupe_key`);
  }

  const inserted = await tx.execute<{ id: string; send_after: string }>(sql`
    insert into notifications
      (dedupe_key, user_id, channel, moment, kind, group_id, member_id, merchant_id, subject, locale, payload, send_after)
    select x.dedupe_key, x.user_id, x.channel, x.moment, x.kind, x.group_id, x.member_id, x.merchant_id,
      x.subject, x.locale, x.payload, x.send_after
    from json_to_recordset(${JSON.stringify(rows)}::json) as x(
      dedupe_key text, user_id text, channel text, moment text, kind text, group_id uuid, member_id uuid,
      merchant_id uuid, subject text, locale text, payload jsonb, send_after timestamptz)
    on conflict (dedupe_key) do nothing
    returning id, send_after`);
  await addJobs(
    tx,
    inserted.rows.map((r) => ({
      task: 'send-notification' as const,
      payload: { id: Number(r.id) },
      jobKey: notificationJobKey(Number(r.id)),
      // Only a deliberate wait sets run_at; otherwise the database's own clock runs it at once.
      runAt: new Date(r.send_after) > now ? new Date(r.send_after) : undefined,
      maxAttempts: NOTIFY_RULES.maxAttempts,
    })),
  );
  return inserted.rows.length;
}
