// The address of a group's poster. Edit with the poster routes beside it.
import type { Locale } from '@/i18n/locales';

/** The poster of group `code` in `locale` (the viewer's), inviting with `inviteCode` when it is theirs. */
export function posterHref(code: string, locale: Locale, inviteCode: string | null): string {
  const path = `/g/${encodeURIComponent(code)}/poster/${encodeURIComponent(locale)}`;
  return inviteCode ? `${path}?i=${encodeURIComponent(inviteCode)}` : path;
}
