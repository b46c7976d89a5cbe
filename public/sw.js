// Flock's service worker: shows the alerts Flock pushes (server/notifications/channels/push.ts sends
// { title, body, url, tag }) and opens the page an alert is about when it is tapped. It has no fetch handler:
// pages always come from the network. Registered by app/g/[code]/push-offer.tsx.
// Edit when a push carries more than title, body, url and tag.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

/** The same path on this origin: an alert never opens another site. */
function ownUrl(raw) {
  try {
    const u = new URL(typeof raw === 'string' ? raw : '/me', self.location.origin);
    return new URL(u.pathname + u.search + u.hash, self.location.origin).href;
  } catch {
    return new URL('/me', self.location.origin).href;
  }
}

self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = {};
  }
  const title = typeof data.title === 'string' && data.title ? data.title : 'Flock';
  const options = {
    body: typeof data.body === 'string' ? data.body : '',
    data: { url: ownUrl(data.url) },
    icon: '/icons/icon-192.png',
    badge: '/icons/maskable-192.png',
  };
  // One alert per tag: a newer "price dropped" replaces the older one instead of piling up.
  if (typeof data.tag === 'string' && data.tag) options.tag = data.tag;
  event.waitUntil(self.registration.showNotification(title, options));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = ownUrl(event.notification.data && event.notification.data.url);
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((tabs) => {
      const open = tabs.find((tab) => tab.url.split('#')[0] === url.split('#')[0] && 'focus' in tab);
      return open ? open.focus() : self.clients.openWindow(url);
    }),
  );
});

// The browser replaced the subscription (keys rotated, or it expired): tell Flock the new one, forget the old.
self.addEventListener('pushsubscriptionchange', (event) => {
  const old = event.oldSubscription;
  const key = old && old.options ? old.options.applicationServerKey : null;
  if (!key) return;
  const call = (path, input) =>
    fetch(`/api/trpc/${path}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ json: input }),
    });
  const b64url = (buf) =>
    btoa(String.fromCharCode(...new Uint8Array(buf)))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
  event.waitUntil(
    (event.newSubscription
      ? Promise.resolve(event.newSubscription)
      : self.registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key })
    )
      .then((sub) => {
        const json = sub.toJSON();
        return call('push.subscribe', {
          endpoint: json.endpoint,
          keys: json.keys,
          applicationServerKey: b64url(key),
        }).then(() =>
          old.endpoint && old.endpoint !== json.endpoint
            ? call('push.unsubscribe', { endpoint: old.endpoint })
            : undefined,
        );
      })
      .catch(() => undefined),
  );
});
