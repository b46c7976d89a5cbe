'use client';
// The pickup desk, on a phone: the back camera reads the buyer's pickup QR code (getUserMedia, frames
// decoded with jsQR) or the merchant types the code; pickup codes are marked picked up and voucher codes
// redeemed. The answer says what to hand over, or when and by whom it already was, or why the code is
// refused. The page's Permissions-Policy allows the camera on this path only (server/http/security-headers.ts).
import { useMutation } from '@tanstack/react-query';
import jsQR from 'jsqr';
import { useLocale, useTranslations } from 'next-intl';
import Link from 'next/link';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTRPC } from '@/app/_trpc/client';
import { buttonClass, inputClass } from '@/app/merchant/_components/field';
import { errorMessage } from '@/app/merchant/_lib/errors';

type CameraState = 'off' | 'starting' | 'on' | 'denied' | 'unavailable';

/** How often a video frame is decoded (a phone decodes a 640-pixel frame in a few milliseconds). */
const SCAN_EVERY_MS = 200;

/** The desk page's body. */
export function OrdersPickupDesk() {
  const t = useTranslations('orders');
  const locale = useLocale();
  const trpc = useTRPC();
  const videoRef = useRef<HTMLVideoElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const streamRef = useRef<MediaStream | null>(null);
  // While an answer is on screen the camera keeps running but nothing is sent: one scan, one hand-over.
  const pausedRef = useRef(false);
  const [camera, setCamera] = useState<CameraState>('off');
  const [typed, setTyped] = useState('');
  const handOver = useMutation(trpc.merchantOrders.handOver.mutationOptions());
  const { mutate } = handOver;

  const submit = useCallback(
    (code: string) => {
      if (!code.trim()) return;
      pausedRef.current = true;
      mutate({ code });
    },
    [mutate],
  );

  const stopCamera = useCallback(() => {
    streamRef.current?.getTracks().forEach((track) => track.stop());
    streamRef.current = null;
    setCamera((c) => (c === 'on' || c === 'starting' ? 'off' : c));
  }, []);

  const startCamera = async () => {
    if (!navigator.mediaDevices?.getUserMedia) {
      setCamera('unavailable');
      return;
    }
    setCamera('starting');
    try {
      const stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: 'environment', width: { ideal: 1280 }, height: { ideal: 720 } },
        audio: false,
      });
      streamRef.current = stream;
      const video = videoRef.current;
      if (video) {
        video.srcObject = stream;
        await video.play().catch(() => undefined);
      }
      pausedRef.current = false;
      setCamera('on');
    } catch (err) {
      const name = err instanceof DOMException ? err.name : '';
      setCamera(name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : 'unavailable');
    }
  };

  // Decode frames while the camera is on.
  useEffect(() => {
    if (camera !== 'on') return;
    let last = 0;
    let frame = 0;
    const tick = (now: number) => {
      frame = requestAnimationFrame(tick);
      if (pausedRef.current || now - last < SCAN_EVERY_MS) return;
      last = now;
      const video = videoRef.current;
      const canvas = canvasRef.current;
      if (!video || !canvas || video.readyState < video.HAVE_ENOUGH_DATA) return;
      const scale = Math.min(1, 640 / video.videoWidth);
      const w = Math.round(video.videoWidth * scale);
      const h = Math.round(video.videoHeight * scale);
      canvas.width = w;
      canvas.height = h;
      const ctx = canvas.getContext('2d', { willReadFrequently: true });
      if (!ctx) return;
      ctx.drawImage(video, 0, 0, w, h);
      const found = jsQR(ctx.getImageData(0, 0, w, h).data, w, h, { inversionAttempts: 'dontInvert' });
      if (found?.data) submit(found.data);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [camera, submit]);

  useEffect(() => stopCamera, [stopCamera]);

  const next = () => {
    handOver.reset();
    setTyped('');
    pausedRef.current = false;
  };

  const onType = (e: FormEvent) => {
    e.preventDefault();
    submit(typed);
  };

  const when = (d: Date | string) =>
    new Date(d).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const r = handOver.data;
  const answered = r !== undefined || handOver.error !== null;

  return (
    <div className="mx-auto max-w-md space-y-5">
      <header className="space-y-1">
        <p className="text-sm">
          <Link href="/merchant/orders" className="text-brand-700 underline">
            ← {t('nav.orders')}
          </Link>
        </p>
        <h1 className="text-2xl font-bold">{t('desk.title')}</h1>
        <p className="text-sm text-stone-600">{t('desk.intro')}</p>
      </header>

      <section aria-live="assertive" aria-atomic="true" data-testid="desk-answer">
        {handOver.isPending ? <p className="text-stone-600">{t('desk.checking')}</p> : null}
        {handOver.error ? (
          <div className="space-y-3 rounded-xl border-2 border-red-400 bg-red-50 p-4">
            <p className="text-lg font-bold text-red-800">{t('desk.refused')}</p>
            <p className="text-red-900">{errorMessage(handOver.error, t('list.error'))}</p>
            <button type="button" className={buttonClass.secondary} onClick={next}>
              {t('desk.next')}
            </button>
          </div>
        ) : null}
        {r ? (
          <div
            className={
              r.outcome === 'handedOver'
                ? 'space-y-2 rounded-xl border-2 border-green-500 bg-green-50 p-4'
                : 'space-y-2 rounded-xl border-2 border-amber-500 bg-amber-50 p-4'
            }
          >
            <p
              className={
                r.outcome === 'handedOver'
                  ? 'text-lg font-bold text-green-900'
                  : 'text-lg font-bold text-amber-900'
              }
            >
              {r.outcome === 'handedOver'
                ? t('desk.done', { method: r.order.method })
                : r.by
                  ? t('desk.already', { method: r.order.method, when: when(r.at), by: r.by })
                  : t('desk.alreadyNoName', { method: r.order.method, when: when(r.at) })}
            </p>
            <p className="text-3xl font-bold tabular-nums">
              {t('desk.handOver', { quantity: r.order.quantity })}
            </p>
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
              <dt className="text-stone-600">{t('desk.order')}</dt>
              <dd className="font-mono font-semibold">{r.order.number}</dd>
              <dt className="text-stone-600">{t('desk.buyer')}</dt>
              <dd className="font-semibold">{r.order.alias}</dd>
              <dt className="text-stone-600">{t('desk.deal')}</dt>
              <dd>{r.order.deal.title}</dd>
              {r.order.pickupPoint ? (
                <>
                  <dt className="text-stone-600">{t('desk.point')}</dt>
                  <dd>{r.order.pickupPoint.name}</dd>
                </>
              ) : null}
            </dl>
            <button type="button" className={buttonClass.primary} onClick={next}>
              {t('desk.next')}
            </button>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="desk-camera-h" className="space-y-3">
        <h2 id="desk-camera-h" className="sr-only">
          {t('desk.cameraHeading')}
        </h2>
        <div className="relative aspect-[4/3] overflow-hidden rounded-xl bg-stone-900">
          <video
            ref={videoRef}
            className={camera === 'on' ? 'h-full w-full object-cover' : 'hidden'}
            muted
            playsInline
            aria-label={t('desk.videoLabel')}
          />
          {camera === 'on' ? (
            <div
              aria-hidden="true"
              className="pointer-events-none absolute inset-[15%] rounded-lg border-4 border-white/80"
            />
          ) : (
            <div className="flex h-full flex-col items-center justify-center gap-3 p-4 text-center text-white">
              {camera === 'denied' ? <p role="alert">{t('desk.cameraDenied')}</p> : null}
              {camera === 'unavailable' ? <p role="alert">{t('desk.cameraUnavailable')}</p> : null}
              <button
                type="button"
                className="rounded-lg bg-white px-4 py-3 text-base font-semibold text-stone-900 disabled:opacity-60"
                disabled={camera === 'starting'}
                onClick={() => void startCamera()}
              >
                {camera === 'starting' ? t('desk.cameraStarting') : t('desk.startCamera')}
              </button>
            </div>
          )}
        </div>
        <canvas ref={canvasRef} className="hidden" />
        {camera === 'on' ? (
          <div className="flex items-center justify-between gap-2">
            <p className="text-sm text-stone-600" aria-live="polite">
              {answered ? t('desk.paused') : t('desk.scanning')}
            </p>
            <button type="button" className={buttonClass.secondary} onClick={stopCamera}>
              {t('desk.stopCamera')}
            </button>
          </div>
        ) : null}
      </section>

      <form onSubmit={onType} className="space-y-2">
        <h2 className="text-base font-semibold">
          <label htmlFor="desk-code">{t('desk.typeLabel')}</label>
        </h2>
        <div className="flex gap-2">
          <input
            id="desk-code"
            className={`${inputClass} font-mono uppercase`}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
          />
          <button
            type="submit"
            className={`${buttonClass.primary} shrink-0 whitespace-nowrap`}
            disabled={handOver.isPending || !typed.trim()}
          >
            {t('desk.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
