// A shop's retention settings as the lifecycle reads them (a missing row means the defaults).
import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { merchantRoomSettings, ROOM_DEFAULTS } from '@/db/schema';

const DAY_MS = 24 * 3600 * 1000;

/** How many days after a close a room stops taking messages, and after how many its messages are deleted. */
export async function retentionOf(
  tx: Tx,
  merchantId: string,
): Promise<{ closeAfterDays: number; deleteAfterDays: number }> {
  const [s] = await tx
    .select({
      closeAfterDays: merchantRoomSettings.closeAfterDays,
      deleteAfterDays: merchantRoomSettings.deleteAfterDays,
    })
    .from(merchantRoomSettings)
    .where(eq(merchantRoomSettings.merchantId, merchantId));
  return s ?? { ...ROOM_DEFAULTS };
}

/** `from` plus `days` days. */
export function daysAfter(from: Date, days: number): Date {
  return new Date(from.getTime() + days * DAY_MS);
}
