import type { Db } from '@/db/client';
import { getMailer } from '@/server/notifications/channels/email';

/** Sends an account e-mail (sign-in link, password reset) at once: over SMTP when configured, else the dev outbox. */
export async function sendEmail(db: Db, msg: { to: string; subject: string; body: string }): Promise<void> {
  const r = await getMailer(db).send({ to: msg.to, subject: msg.subject, text: msg.body });
  if (!r.ok) throw new Error(`mail to ${msg.to} failed: ${r.error}`);
}

/** The language of a mail a request triggers: the language of the page that asked for it. */
export { requestLocale } from '@/i18n/locales';
