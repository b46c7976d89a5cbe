// The Web Push channel: one message to every browser a person subscribed, encrypted for each (RFC 8291) and
// signed with this site's VAPID key by the web-push package. A push service's 404/410 means the browser
// dropped the subscription: it is removed. Edit when the payload or the delivery options change.
import https from 'node:https';
import net from 'node:net';
import { eq, sql } from 'drizzle-orm';
import webpush from 'web-push';
import type { Db } from '@/db/client';
import { pushSubscriptions } from '@/db/schema/notifications';
import { pushEndpointRefusal } from '../push-input';
import { vapidKeys } from '../vapid';

export type PushMessage = { title: string; body: string; url: string; tag?: string };

export type PushResult = {
  /** Subscriptions tried. */
  devices: number;
  delivered: number;
  /** Subscriptions the push service said are gone (404/410), now deleted. */
  removed: number;
  /** Other failures (the caller retries the message). */
  failed: number;
  lastError?: string;
};

/** A day: a price drop or a reminder read later than that is no longer news. */
const TTL_SECONDS = 24 * 3600;
const TIMEOUT_MS = 10_000;

// web-push always speaks through https.request. A host listed in PUSH_SERVICE_HOSTS may be plain http (the
// tests' local push service): this agent hands https.request an unencrypted socket for it.
class PlainHttpAgent extends https.Agent {
  override createConnection(options: https.RequestOptions): net.Socket {
    return net.createConnection({
      host: options.hostname ?? options.host ?? 'localhost',
      port: Number(options.port),
    });
  }
}
const plainHttp = new PlainHttpAgent({ keepAlive: false });

/** Sends `msg` to each of the person's browsers; counts what happened (no subscriptions: all zeros). */
export async function sendPush(db: Db, userId: string, msg: PushMessage): Promise<PushResult> {
  const subs = await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId));
  const keys = vapidKeys();
  if (subs.length === 0) return { devices: 0, delivered: 0, removed: 0, failed: 0 };
  if (!keys)
    return { devices: 0, delivered: 0, removed: 0, failed: 0, lastError: 'Web Push is off (no VAPID keys).' };

  const payload = JSON.stringify({ title: msg.title, body: msg.body, url: msg.url, tag: msg.tag });
  const result: PushResult = { devices: subs.length, delivered: 0, removed: 0, failed: 0 };
  const drop = (id: number) => db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, id));
  await Promise.all(
    subs.map(async (s) => {
      // Saved before the allow-list changed: never sent to, since it can no longer be checked as a push service.
      if (pushEndpointRefusal(s.endpoint)) {
        await drop(s.id);
        result.removed += 1;
        return;
      }
      try {
        await webpush.sendNotification(
          { endpoint: s.endpoint, keys: { p256dh: s.p256dh, auth: s.auth } },
          payload,
          {
            vapidDetails: keys,
            TTL: TTL_SECONDS,
            urgency: 'normal',
            timeout: TIMEOUT_MS,
            ...(s.endpoint.startsWith('http:') ? { agent: plainHttp } : {}),
          },
        );
        await db
          .update(pushSubscriptions)
          .set({ lastSuccessAt: sql`now()` })
          .where(eq(pushSubscriptions.id, s.id));
        result.delivered += 1;
      } catch (err) {
        if (err instanceof webpush.WebPushError && (err.statusCode === 404 || err.statusCode === 410)) {
          await drop(s.id);
          result.removed += 1;
          return;
        }
        result.failed += 1;
        result.lastError =
          err instanceof webpush.WebPushError
            ? `${err.statusCode} ${err.body}`.trim().slice(0, 500)
            : err instanceof Error
              ? err.message.slice(0, 500)
              : String(err);
      }
    }),
  );
  return result;
}
