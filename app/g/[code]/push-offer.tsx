'use client';
// "Tell me when the price drops": a member's offer of alerts on this device (Web Push), under their membership.
// The browser's permission is asked only inside the tap's handler; then the service worker (/sw.js) is
// registered, the browser subscribes with the site's key (push.config) and Flock saves it (push.subscribe).
// Hidden where it cannot work: push off on this site, or a browser without Web Push (an iPhone outside the
// Home Screen is told how to get it). Edit when the offer's states change.
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { lazyApi } from '@/app/_trpc/lazy-api';

type State =
  | { kind: 'hidden' }
  | { kind: 'iosHomeScreen' }
  | { kind: 'denied' }
  | { kind: 'offer'; publicKey: string; busy: boolean; error: string | null }
  | { kind: 'on'; publicKey: string; busy: boolean; error: string | null };

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)), (c) => c.charCodeAt(0));
}

function sameBytes(a: ArrayBuffer | null, b: Uint8Array): boolean {
  if (!a || a.byteLength !== b.length) return false;
  const x = new Uint8Array(a);
  return x.every((v, i) => v === b[i]);
}

function pushSupported(): boolean {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

// Safari on an iPhone offers Web Push only to Flock added to the Home Screen (iOS 16.4+).
function iPhoneOutsideHomeScreen(): boolean {
  const standalone = (navigator as Navigator & { standalone?: boolean }).standalone === true;
  return /iPhone|iPod/.test(navigator.userAgent) && !standalone;
}

/** The browser's subscription to Flock's alerts, if it has one. */
async function currentSubscription(): Promise<PushSubscription | null> {
  const reg = await navigator.serviceWorker.getRegistration('/');
  return (await reg?.pushManager.getSubscription()) ?? null;
}

/** Saves the browser's subscription for the signed-in member (again: the device goes to whoever saved it last). */
async function save(sub: PushSubscription, publicKey: string): Promise<void> {
  const json = sub.toJSON();
  await (
    await lazyApi()
  ).push.subscribe.mutate({
    endpoint: sub.endpoint,
    keys: { p256dh: json.keys?.p256dh ?? '', auth: json.keys?.auth ?? '' },
    applicationServerKey: publicKey,
  });
}

/** The offer of alerts on this device; `priceCanDrop`: a cheaper bracket is still ahead. */
export function PushOffer({ priceCanDrop }: { priceCanDrop: boolean }) {
  const t = useTranslations('group.push');
  const [state, setState] = useState<State>({ kind: 'hidden' });

  useEffect(() => {
    let live = true;
    const set = (s: State) => live && setState(s);
    (async () => {
      if (!pushSupported()) {
        set({ kind: iPhoneOutsideHomeScreen() ? 'iosHomeScreen' : 'hidden' });
        return;
      }
      const { publicKey } = await (await lazyApi()).push.config.query();
      if (!publicKey) return set({ kind: 'hidden' });
      if (Notification.permission === 'denied') return set({ kind: 'denied' });
      const sub = Notification.permission === 'granted' ? await currentSubscription() : null;
      if (sub && sameBytes(sub.options.applicationServerKey, keyBytes(publicKey))) {
        await save(sub, publicKey);
        return set({ kind: 'on', publicKey, busy: false, error: null });
      }
      // Made with a key this site no longer uses: it could never receive Flock's alerts.
      await sub?.unsubscribe();
      set({ kind: 'offer', publicKey, busy: false, error: null });
    })().catch(() => set({ kind: 'hidden' }));
    return () => {
      live = false;
    };
  }, []);

  // The permission prompt must come straight from the tap: nothing is awaited before it.
  async function turnOn(publicKey: string) {
    setState({ kind: 'offer', publicKey, busy: true, error: null });
    let sub: PushSubscription | null = null;
    try {
      const permission = await Notification.requestPermission();
      if (permission === 'denied') return setState({ kind: 'denied' });
      if (permission !== 'granted') return setState({ kind: 'offer', publicKey, busy: false, error: null });
      const reg = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
      await navigator.serviceWorker.ready;
      sub = await reg.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: keyBytes(publicKey),
      });
      await save(sub, publicKey);
      setState({ kind: 'on', publicKey, busy: false, error: null });
    } catch (err) {
      // Flock refused or could not save it: the browser keeps no subscription Flock does not know.
      await sub?.unsubscribe().catch(() => undefined);
      setState({ kind: 'offer', publicKey, busy: false, error: refusal(err) ?? t('failed') });
    }
  }

  async function stop(publicKey: string) {
    setState({ kind: 'on', publicKey, busy: true, error: null });
    try {
      const sub = await currentSubscription();
      if (sub) {
        await (await lazyApi()).push.unsubscribe.mutate({ endpoint: sub.endpoint });
        await sub.unsubscribe();
      }
      setState({ kind: 'offer', publicKey, busy: false, error: null });
    } catch (err) {
      setState({ kind: 'on', publicKey, busy: false, error: refusal(err) ?? t('stopFailed') });
    }
  }

  if (state.kind === 'hidden') return null;
  return (
    <div className="mt-4 border-t border-stone-200 pt-3" aria-live="polite" data-testid="push-offer">
      {state.kind === 'iosHomeScreen' && <p className="text-sm text-stone-700">{t('iosHomeScreen')}</p>}
      {state.kind === 'denied' && <p className="text-sm text-stone-700">{t('denied')}</p>}
      {state.kind === 'offer' && (
        <>
          <button
            type="button"
            onClick={() => void turnOn(state.publicKey)}
            disabled={state.busy}
            className="rounded-lg border border-brand-600 px-3 py-2 text-sm font-semibold text-brand-700 hover:bg-brand-50 disabled:opacity-60"
          >
            {state.busy ? t('asking') : priceCanDrop ? t('offerDrop') : t('offerOutcome')}
          </button>
          <p className="mt-1 text-sm text-stone-600">{t('help')}</p>
        </>
      )}
      {state.kind === 'on' && (
        <p className="flex flex-wrap items-center gap-2 text-sm text-stone-800">
          <span>{t('on')}</span>
          <button
            type="button"
            onClick={() => void stop(state.publicKey)}
            disabled={state.busy}
            className="font-semibold text-stone-700 underline hover:text-stone-950"
          >
            {state.busy ? t('stopping') : t('stop')}
          </button>
        </p>
      )}
      {(state.kind === 'offer' || state.kind === 'on') && state.error && (
        <p role="alert" className="mt-1 text-sm font-medium text-red-700">
          {state.error}
        </p>
      )}
    </div>
  );
}

/** Flock's own refusal (already in the reader's language), or null for a browser error (English, technical). */
function refusal(err: unknown): string | null {
  return err instanceof Error && err.name === 'TRPCClientError' && err.message ? err.message : null;
}
