// Saving and removing a browser's Web Push subscription for the signed-in person. A subscription is saved
// only if Flock could really deliver to it: a known push service (push-input.ts), a real P-256 key and auth
// secret, and made with this site's VAPID key. Edit when what a subscription must prove changes.
import { ECDH, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, notInArray } from 'drizzle-orm';
import { pushSubscriptions } from '@/db/schema/notifications';
import type { Deps } from '@/server/deps';
import { DomainError, type ErrorKey } from '@/server/errors';
import { pushEndpointRefusal, type PushSubscriptionInput } from './push-input';
import { vapidKeys } from './vapid';

/** How many browsers one person may have subscribed; a newer one pushes the oldest out. */
export const MAX_PUSH_SUBSCRIPTIONS = 10;

const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

function base64url(value: string): Buffer | null {
  return BASE64URL.test(value) ? Buffer.from(value, 'base64url') : null;
}

// An uncompressed point (0x04, x, y) that lies on P-256: anything else cannot be encrypted to.
function isP256Point(value: string): boolean {
  const bytes = base64url(value);
  if (!bytes || bytes.length !== 65 || bytes[0] !== 0x04) return false;
  try {
    ECDH.convertKey(bytes, 'prime256v1');
    return true;
  } catch {
    return false;
  }
}

function sameKey(a: string, b: string): boolean {
  const x = base64url(a);
  const y = base64url(b);
  return x !== null && y !== null && x.length === y.length && timingSafeEqual(x, y);
}

function refuse(key: ErrorKey): never {
  throw new DomainError('INVALID_INPUT', key);
}

/**
 * Saves `input` as one of the person's devices (the same endpoint saved again moves to whoever saved it
 * last), keeping their newest MAX_PUSH_SUBSCRIPTIONS. Undone by removePushSubscription.
 */
export async function savePushSubscription(
  deps: Deps,
  userId: string,
  input: PushSubscriptionInput,
): Promise<void> {
  const keys = vapidKeys();
  if (!keys) throw new DomainError('CONFLICT', 'push.off');
  const endpointRefusal = pushEndpointRefusal(input.endpoint);
  if (endpointRefusal) refuse(endpointRefusal);
  if (!isP256Point(input.keys.p256dh)) refuse('push.badKey');
  if (base64url(input.keys.auth)?.length !== 16) refuse('push.badAuth');
  if (!sameKey(input.applicationServerKey, keys.publicKey)) refuse('push.otherSite');

  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    const row = { userId, p256dh: input.keys.p256dh, auth: input.keys.auth, createdAt: now };
    await tx
      .insert(pushSubscriptions)
      .values({ endpoint: input.endpoint, ...row })
      .onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: { ...row, lastSuccessAt: null } });
    const keep = tx
      .select({ id: pushSubscriptions.id })
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.userId, userId))
      .orderBy(desc(pushSubscriptions.createdAt), desc(pushSubscriptions.id))
      .limit(MAX_PUSH_SUBSCRIPTIONS);
    await tx
      .delete(pushSubscriptions)
      .where(and(eq(pushSubscriptions.userId, userId), notInArray(pushSubscriptions.id, keep)));
  });
}

/** Forgets one of the person's devices (another person's endpoint is left alone); true when one was removed. */
export async function removePushSubscription(deps: Deps, userId: string, endpoint: string): Promise<boolean> {
  const removed = await deps.db
    .delete(pushSubscriptions)
    .where(and(eq(pushSubscriptions.userId, userId), eq(pushSubscriptions.endpoint, endpoint)))
    .returning({ id: pushSubscriptions.id });
  return removed.length > 0;
}
