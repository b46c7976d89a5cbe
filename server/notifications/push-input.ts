// A browser's Web Push subscription at the edge (PushSubscription.toJSON() plus the key it was made with):
// the zod shape the router takes, and the push services Flock agrees to POST to (so a subscription cannot
// make the server call an arbitrary address). Edit when the client sends more or a browser's push service
// is added.
import { z } from 'zod';
import { msg, type ErrorKey } from '@/server/errors';
import { getEnv } from '@/server/env';

// Endpoints and keys are URLs and base64url: printable ASCII, no spaces.
const ascii = (max: number) =>
  z
    .string(msg('push.malformed'))
    .min(1, msg('push.malformed'))
    .max(max, msg('push.malformed'))
    .regex(/^[\x21-\x7E]+$/, msg('push.malformed'));

export const pushEndpointSchema = ascii(2048);

export const pushSubscriptionSchema = z.object({
  endpoint: pushEndpointSchema,
  keys: z.object({ p256dh: ascii(200), auth: ascii(100) }),
  /** The VAPID public key the browser subscribed with (base64url). */
  applicationServerKey: ascii(200),
});

export type PushSubscriptionInput = z.infer<typeof pushSubscriptionSchema>;

// The browsers' own push services: Chrome/Edge/Android (FCM), Firefox (Mozilla autopush), Safari on macOS
// and iOS (web.push.apple.com), legacy Edge (WNS). Reached on https's own port only.
const KNOWN_HOSTS = ['fcm.googleapis.com', 'updates.push.services.mozilla.com'];
const KNOWN_SUFFIXES = ['.push.apple.com', '.notify.windows.com'];

function isListed(url: URL, extra: readonly string[]): boolean {
  const host = url.hostname.toLowerCase();
  return extra.includes(host) || extra.includes(url.host.toLowerCase());
}

function isKnown(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  return url.port === '' && (KNOWN_HOSTS.includes(host) || KNOWN_SUFFIXES.some((s) => host.endsWith(s)));
}

/**
 * Why Flock will not send to this endpoint (an errors-catalog key), or null when it may: an https URL of a
 * browser's push service, or a host of PUSH_SERVICE_HOSTS (http allowed only there: tests' local service).
 */
export function pushEndpointRefusal(endpoint: string): ErrorKey | null {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return 'push.notUrl';
  }
  if (url.username || url.password) return 'push.notUrl';
  const extra = getEnv().PUSH_SERVICE_HOSTS;
  if (url.protocol === 'http:') return isListed(url, extra) ? null : 'push.notHttps';
  if (url.protocol !== 'https:') return 'push.notHttps';
  return isKnown(url) || isListed(url, extra) ? null : 'push.unknownService';
}
