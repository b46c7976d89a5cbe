// The address of a group's link preview image. Edit with the og routes beside it.
import type { Locale } from '@/i18n/locales';
import type { GroupSnapshot } from '@/server/groups/get-group-snapshot';
import { previewVersion } from '@/app/g/[code]/load';

/**
 * The group's Open Graph image in `locale` (the page's language): /g/<code>/og/<version>/<locale>. Chat
 * apps fetch it without the reader's cookie or language, so the language is in the address, and the
 * version changes with the tier and the count so apps that cache previews forever fetch the new price.
 */
export function previewImageUrl(
  s: Pick<GroupSnapshot, 'url' | 'tierIndex' | 'confirmedCount' | 'status'>,
  locale: Locale,
): string {
  return `${s.url}/og/${previewVersion(s)}/${encodeURIComponent(locale)}`;
}
