// A shop's room settings: the keyword filter, members' links held, retention days and saved replies.
// A missing row means every default. Edit when the shop gains a room setting.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { merchantRoomSettings, ROOM_DEFAULTS } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { DomainError } from '@/server/errors';
import { recordEvent } from '@/server/events/record-event';
import type { SettingsPatch } from './room-input';
import type { RoomSettingsView } from './types';

const DEFAULTS: RoomSettingsView = {
  keywords: [],
  closeAfterDays: ROOM_DEFAULTS.closeAfterDays,
  deleteAfterDays: ROOM_DEFAULTS.deleteAfterDays,
  savedReplies: [],
  holdMemberLinks: true,
};

/** The settings of shop `merchantId` as read in `tx` (defaults when it never saved any). */
export async function readRoomSettings(tx: Tx, merchantId: string): Promise<RoomSettingsView> {
  const [s] = await tx
    .select()
    .from(merchantRoomSettings)
    .where(eq(merchantRoomSettings.merchantId, merchantId));
  if (!s) return { ...DEFAULTS };
  return {
    keywords: s.keywords,
    closeAfterDays: s.closeAfterDays,
    deleteAfterDays: s.deleteAfterDays,
    savedReplies: s.savedReplies,
    holdMemberLinks: s.holdMemberLinks,
  };
}

/** The signed-in shop's room settings. */
export async function getRoomSettings(deps: Deps, merchantId: string): Promise<RoomSettingsView> {
  return readRoomSettings(deps.db, merchantId);
}

/**
 * Changes the shop's room settings (the fields given), checked together: messages are deleted no sooner
 * than the room closes. Keywords are kept once each, trimmed; a saved reply without an id gets one.
 */
export async function updateRoomSettings(
  deps: Deps,
  merchantId: string,
  patch: SettingsPatch,
): Promise<RoomSettingsView> {
  return deps.db.transaction(async (tx) => {
    const current = await readRoomSettings(tx, merchantId);
    const next: RoomSettingsView = {
      keywords: patch.keywords ? dedupe(patch.keywords) : current.keywords,
      closeAfterDays: patch.closeAfterDays ?? current.closeAfterDays,
      deleteAfterDays: patch.deleteAfterDays ?? current.deleteAfterDays,
      savedReplies: patch.savedReplies
        ? patch.savedReplies.map((r) => ({ id: r.id ?? randomUUID(), title: r.title, body: r.body }))
        : current.savedReplies,
      holdMemberLinks: patch.holdMemberLinks ?? current.holdMemberLinks,
    };
    if (next.deleteAfterDays < next.closeAfterDays) {
      const refusal = { key: 'room.deleteBeforeClose' as const, values: { days: next.closeAfterDays } };
      throw new DomainError('INVALID_INPUT', refusal.key, refusal.values, { deleteAfterDays: refusal });
    }
    const now = deps.now();
    await tx
      .insert(merchantRoomSettings)
      .values({ merchantId, ...next, updatedAt: now })
      .onConflictDoUpdate({ target: merchantRoomSettings.merchantId, set: { ...next, updatedAt: now } });
    await recordEvent(tx, { type: 'room.settings_updated', payload: { merchantId } });
    return next;
  });
}

function dedupe(words: readonly string[]): string[] {
  const seen = new Set<string>();
  return words.filter((w) => {
    const k = w.toLocaleLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
