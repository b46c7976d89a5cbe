import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { isTimeZone } from './settings-input';

/** Keeps the browser's time zone for a person's quiet hours unless they already have one (a bad value is ignored). */
export async function rememberTimeZone(db: Tx, userId: string, timeZone: string): Promise<void> {
  if (!isTimeZone(timeZone)) return;
  await db.execute(sql`insert into notification_settings (user_id, time_zone) values (${userId}, ${timeZone})
    on conflict (user_id) do update set time_zone = excluded.time_zone where notification_settings.time_zone is null`);
}
