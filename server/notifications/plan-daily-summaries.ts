// Merchants' daily summaries, planned by an hourly cron at the summary hour of each merchant's own time
// zone; keyed by the local day, so one per day however often it runs. A merchant with nothing to report
// (no group closed, none open, nothing to fulfil) gets no mail.
import { sql } from 'drizzle-orm';
import type { Deps } from '@/server/deps';
import { planNotifications } from './plan-notifications';
import { localDayAndHour } from './quiet-hours';
import { NOTIFY_RULES } from './rules';

/** Plans the summaries due now; returns how many rows it wrote. */
export async function planDailySummaries(deps: Deps): Promise<number> {
  const now = deps.now();
  const dayAgo = new Date(now.getTime() - 24 * 3600 * 1000);
  const shops = await deps.db.execute<{
    id: string;
    user_id: string;
    time_zone: string | null;
    locale: string | null;
  }>(sql`
    select m.id, m.user_id, s.time_zone, s.locale from merchants m
    left join notification_settings s on s.user_id = m.user_id
    where coalesce(s.merchant_daily_summary, true)
      and exists (select 1 from groups g join deals d on d.id = g.deal_id
                  where d.merchant_id = m.id and (g.status = 'open' or g.closed_at >= ${dayAgo}))`);
  const plans = shops.rows.flatMap((s) => {
    const local = localDayAndHour(now, s.time_zone);
    if (local.hour !== NOTIFY_RULES.dailySummaryHour) return [];
    return [
      {
        userId: s.user_id,
        locale: s.locale ?? 'en',
        moment: 'merchantDailySummary' as const,
        merchantId: s.id,
        subject: local.day,
        payload: { until: now.toISOString() },
      },
    ];
  });
  if (plans.length === 0) return 0;
  return deps.db.transaction((tx) => planNotifications(tx, plans, now));
}
