import type { Db } from '@/db/client';
import { outbox } from '@/db/schema';

/** Sends an e-mail. Flock has no mail provider yet: every message goes to the outbox table and the server log (/dev/outbox lists them). */
export async function sendEmail(db: Db, msg: { to: string; subject: string; body: string }): Promise<void> {
  await db.insert(outbox).values(msg);
  console.log(`[mail] to=${msg.to} subject=${JSON.stringify(msg.subject)}\n${msg.body}`);
}

/** The language of a mail a request triggers: the language of the page that asked for it. */
export { requestLocale } from '@/i18n/locales';
