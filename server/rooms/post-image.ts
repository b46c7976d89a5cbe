// The shop's staff post an image uploaded through the app's own upload route (/uploads/<name>); no other
// address is accepted, so a room never shows an image from elsewhere. Edit when images gain a rule.
import type { Deps } from '@/server/deps';
import { DomainError } from '@/server/errors';
import type { Locale } from '@/i18n/locales';
import { postAsStaff } from './post-as-staff';
import type { RoomCaller } from './room-access';
import { UPLOAD_URL } from './room-input';
import type { RoomMessageView } from './types';

/** Posts an uploaded image in the room, as the shop's staff. */
export async function postImage(
  deps: Deps,
  caller: RoomCaller,
  input: { roomId: string; url: string; width: number; height: number },
  locale: Locale,
): Promise<RoomMessageView> {
  if (!UPLOAD_URL.test(input.url)) throw new DomainError('INVALID_INPUT', 'room.imageNotUploaded');
  return postAsStaff(deps, caller, input.roomId, locale, async () => ({
    kind: 'image',
    data: { url: input.url, width: input.width, height: input.height },
  }));
}
