'use client';
// A wallet that cannot be held (WeChat Pay): shows the payment's QR code and waits for the buyer to pay it
// in WeChat. The server is asked every two seconds (groups.confirmHold retrieves the PaymentIntent); once
// it says paid, the member is confirmed. In demo mode a button stands in for the scan (the emulator's
// control route, through demo-authenticate, which answers only in demo mode).
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { lazyApi } from '@/app/_trpc/lazy-api';

const POLL_MS = 2000;

export function WalletQr({
  code,
  memberId,
  qrData,
  amount,
  demoMode,
  onPaid,
  onError,
}: {
  code: string;
  memberId: string;
  /** What the QR code encodes (Stripe's wechat_pay_display_qr_code.data). */
  qrData: string;
  /** The amount to pay, formatted. */
  amount: string;
  demoMode: boolean;
  onPaid: () => void;
  /** The payment ended without counting (refused, canceled, the group closed): the message to show. */
  onError: (message: string) => void;
}) {
  const t = useTranslations('group.join.wallet');
  const tj = useTranslations('group.join');
  const [svg, setSvg] = useState<string | null>(null);
  const [qrFailed, setQrFailed] = useState(false);
  const [pending, setPending] = useState(false);
  const done = useRef(false);
  const handlers = useRef({ onPaid, onError });
  handlers.current = { onPaid, onError };

  useEffect(() => {
    let live = true;
    // The QR library loads only when a code is shown.
    import('qrcode')
      .then((QRCode) =>
        QRCode.toString(qrData, {
          type: 'svg',
          errorCorrectionLevel: 'M',
          margin: 2,
          color: { dark: '#1c1917', light: '#ffffff' },
        }),
      )
      .then((s) => live && setSvg(s))
      .catch(() => live && setQrFailed(true));
    return () => {
      live = false;
    };
  }, [qrData]);

  async function check(): Promise<void> {
    if (done.current) return;
    try {
      const res = await (await lazyApi()).groups.confirmHold.mutate({ memberId });
      if (done.current) return;
      if (res.nextAction === null) {
        done.current = true;
        handlers.current.onPaid();
      }
    } catch (err) {
      if (done.current) return;
      done.current = true;
      handlers.current.onError(err instanceof Error && err.message ? err.message : tj('genericError'));
    }
  }

  useEffect(() => {
    const timer = setInterval(() => void check(), POLL_MS);
    return () => clearInterval(timer);
    // One poll per shown code; `check` reads the latest handlers through a ref.
  }, [memberId]);

  async function simulateScan() {
    setPending(true);
    try {
      const r = await fetch(`/g/${encodeURIComponent(code)}/demo-authenticate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ memberId, outcome: 'succeed' }),
      });
      if (!r.ok)
        throw new Error(
          ((await r.json().catch(() => null)) as { error?: string } | null)?.error ?? tj('bankUnreachable'),
        );
      await check();
    } catch (err) {
      if (!done.current) {
        done.current = true;
        handlers.current.onError(err instanceof Error && err.message ? err.message : tj('genericError'));
      }
    } finally {
      setPending(false);
    }
  }

  const label = t('qrLabel', { amount });
  return (
    <div data-testid="wallet-qr">
      <p className="font-semibold">{t('scanTitle', { amount })}</p>
      <p className="mt-1 text-sm text-stone-700">{t('scanHelp')}</p>
      <div className="mt-3 flex justify-center">
        {svg ? (
          <div
            role="img"
            aria-label={label}
            className="h-52 w-52 rounded-lg bg-white p-1 ring-1 ring-stone-300 [&>svg]:h-full [&>svg]:w-full"
            // The SVG is the qrcode library's output for the payment's own data: no markup from a person.
            dangerouslySetInnerHTML={{ __html: svg }}
          />
        ) : qrFailed ? (
          <p role="alert" className="text-sm font-medium text-red-800">
            {t('qrUnavailable')}
          </p>
        ) : (
          <div className="h-52 w-52 animate-pulse rounded-lg bg-stone-100" aria-hidden />
        )}
      </div>
      <p className="mt-3 text-center text-sm text-stone-600" role="status" aria-live="polite">
        {t('waiting')}
      </p>
      {demoMode && (
        <div className="mt-3 rounded-lg border border-dashed border-amber-400 bg-amber-50/40 px-3 py-2 text-sm">
          <p className="text-stone-700">{t('demoNote')}</p>
          <button
            type="button"
            disabled={pending}
            onClick={simulateScan}
            className="mt-2 rounded-lg bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700 disabled:opacity-60"
          >
            {pending ? tj('checking') : t('simulate')}
          </button>
        </div>
      )}
    </div>
  );
}
