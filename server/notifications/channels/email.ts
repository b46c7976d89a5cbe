// The e-mail channel: SMTP through nodemailer when SMTP_URL is set, else the dev outbox (the `outbox`
// table and the server log, listed at /dev/outbox). Edit when mail needs another transport option.
import nodemailer from 'nodemailer';
import type { Db } from '@/db/client';
import { outbox } from '@/db/schema';
import { getEnv } from '@/server/env';

export type MailMessage = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Extra headers (List-Unsubscribe…). */
  headers?: Record<string, string>;
  /** A stable Message-ID, so a resent message is recognisably the same one. */
  messageId?: string;
};

/** permanent: the address or message was refused for good (5xx, a malformed address); do not retry. */
export type MailResult = { ok: true; accepted: string } | { ok: false; permanent: boolean; error: string };

export type Mailer = { send(msg: MailMessage): Promise<MailResult>; close(): void };

type SmtpError = Error & { responseCode?: number; code?: string };

/** A mailer sending through `smtpUrl` (pooled connections), or into the dev outbox when it is undefined. */
export function createMailer(db: Db, smtpUrl: string | undefined, from: string): Mailer {
  if (!smtpUrl) return devOutbox(db);
  const transport = nodemailer.createTransport(
    { url: smtpUrl, pool: true, maxConnections: 5, maxMessages: 500 },
    { from },
  );
  return {
    async send(msg) {
      try {
        const info = await transport.sendMail({
          to: msg.to,
          subject: msg.subject,
          text: msg.text,
          html: msg.html,
          headers: msg.headers,
          messageId: msg.messageId,
        });
        if (info.rejected.length > 0)
          return { ok: false, permanent: true, error: `rejected ${String(info.rejected[0])}` };
        return { ok: true, accepted: msg.to };
      } catch (e) {
        const err = e as SmtpError;
        // 5xx is for good; 4xx is "try later"; no reply code but a refused envelope is a malformed address.
        const permanent = err.responseCode !== undefined ? err.responseCode >= 500 : err.code === 'EENVELOPE';
        return { ok: false, permanent, error: `${err.responseCode ?? err.code ?? ''} ${err.message}`.trim() };
      }
    },
    close: () => transport.close(),
  };
}

function devOutbox(db: Db): Mailer {
  return {
    async send(msg) {
      await db.insert(outbox).values({ to: msg.to, subject: msg.subject, body: msg.text });
      console.log(`[mail] to=${msg.to} subject=${JSON.stringify(msg.subject)}\n${msg.text}`);
      return { ok: true, accepted: msg.to };
    },
    close: () => {},
  };
}

let shared: Mailer | undefined;

/** The process's mailer, from SMTP_URL and MAIL_FROM. */
export function getMailer(db: Db): Mailer {
  const env = getEnv();
  shared ??= createMailer(db, env.SMTP_URL, env.MAIL_FROM);
  return shared;
}
