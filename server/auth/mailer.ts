import type { Db } from '@/db/client';
import { outbox } from '@/db/schema';
import { chooseLocale, isLocale, LOCALE_COOKIE, LOCALE_HEADER, type Locale } from '@/i18n/locales';

/** Sends an e-mail. Flock has no mail provider yet: every message goes to the outbox table and the server log (/dev/outbox lists them). */
export async function sendEmail(db: Db, msg: { to: string; subject: string; body: string }): Promise<void> {
  await db.insert(outbox).values(msg);
  console.log(`[mail] to=${msg.to} subject=${JSON.stringify(msg.subject)}\n${msg.body}`);
}

/**
 * The language of a mail a request triggers: the page's language, which the proxy stamps on /api requests;
 * without the stamp (a direct call), the reader's saved choice, then their browser's languages, then English.
 */
export function requestLocale(headers: Headers | null | undefined): Locale {
  if (!headers) return chooseLocale({});
  const stamped = headers.get(LOCALE_HEADER);
  if (isLocale(stamped)) return stamped;
  return chooseLocale({
    saved: cookieValue(headers.get('cookie'), LOCALE_COOKIE),
    acceptLanguage: headers.get('accept-language'),
  });
}

function cookieValue(header: string | null, name: string): string | null {
  for (const part of header?.split(';') ?? []) {
    const [key, ...rest] = part.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(rest.join('='));
    } catch {
      return null; // a malformed value is no choice
    }
  }
  return null;
}
