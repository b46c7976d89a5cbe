// The "closing soon" reminders (24 h and 3 h before a deadline), planned by a minute cron: the outbox key
// makes each reminder once per member however often the sweep runs or however many workers run it.
import { sql } from 'drizzle-orm';
import type { Deps } from '@/server/deps';
import { postClosingSoonLine } from '@/server/rooms/group-room-lines';
import { planNotifications } from './plan-notifications';
import { NOTIFY_RULES } from './rules';

/** Plans every reminder that is due now; returns how many rows it wrote. */
export async function planClosingSoon(deps: Deps): Promise<number> {
  const now = deps.now();
  let written = 0;
  const steps = NOTIFY_RULES.closingSoon;
  for (const [i, step] of steps.entries()) {
    const within = new Date(now.getTime() + step.hoursBefore * 3600 * 1000);
    // A later (shorter) reminder already due makes this one pointless.
    const later = steps[i + 1];
    const notBefore = new Date(now.getTime() + (later ? later.hoursBefore : 0) * 3600 * 1000);
    const due = await deps.db.execute<{ id: string; deal_id: string }>(sql`
      select g.id, g.deal_id from groups g
      where g.status = 'open' and g.deadline <= ${within} and g.deadline > ${notBefore}
        and g.opened_at <= g.deadline - make_interval(hours => ${step.hoursBefore})
        and g.seats_taken < g.max_members
        and (g.confirmed_count < g.min_members
             or exists (select 1 from jsonb_array_elements(g.tiers) t
                        where (t->>'minMembers')::int > g.confirmed_count and (t->>'minMembers')::int <= g.max_members))
        and exists (select 1 from members m where m.group_id = g.id and m.status = 'authorized'
                    and not exists (select 1 from notifications n where n.member_id = m.id and n.moment = ${step.moment}))`);
    for (const { id, deal_id: dealId } of due.rows) {
      written += await deps.db.transaction(async (tx) => {
        // The group's room hears it too, once, at the last reminder.
        if (step.moment === 'closingSoon3h') await postClosingSoonLine(tx, { id, dealId }, step.hoursBefore);
        const rows = await tx.execute<{ id: string; user_id: string; locale: string }>(
          sql`select id, user_id, locale from members where group_id = ${id} and status = 'authorized'`,
        );
        return planNotifications(
          tx,
          rows.rows.map((m) => ({
            userId: m.user_id,
            locale: m.locale,
            moment: step.moment,
            groupId: id,
            memberId: m.id,
          })),
          now,
        );
      });
    }
  }
  return written;
}
