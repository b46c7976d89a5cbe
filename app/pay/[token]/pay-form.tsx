'use client';
// The fix-your-payment form: in demo mode the join form's test cards (server-side confirmation, the bank's
// 3-D Secure check stood in for by two buttons); with a real key, Stripe's card form (Stripe.js confirms,
// 3-D Secure included). The server always verifies with Stripe (recovery.confirm) before it says "paid".
// Words come rendered from the server page.
import dynamic from 'next/dynamic';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { lazyApi } from '@/app/_trpc/lazy-api';
import { TEST_CARDS } from '@/app/g/[code]/join-form';
import type { PayDueResult } from '@/server/recovery/pay-due';

const StripeHold = dynamic(() => import('@/app/g/[code]/stripe-hold'), { ssr: false });

export type PayWords = {
  pay: string;
  paying: string;
  demoLegend: string;
  demoIntro: string;
  /** By reason key: "That card did not work: …". */
  declined: Record<string, string>;
  rateLimited: string;
  unavailable: string;
  processing: string;
  failed: string;
  authTitle: string;
  authTest: string;
  approve: string;
  refuse: string;
};

const primary =
  'mt-4 w-full rounded-xl bg-brand-600 px-4 py-3 text-lg font-bold text-white hover:bg-brand-700 disabled:opacity-60';

export function PayForm(props: {
  token: string;
  demoMode: boolean;
  publishableKey: string | null;
  words: PayWords;
}) {
  const { token, demoMode, publishableKey, words: w } = props;
  const tj = useTranslations('group.join');
  const [card, setCard] = useState<string>(TEST_CARDS[0].id);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [step, setStep] = useState<{ kind: 'authenticate' | 'card'; clientSecret: string | null } | null>(
    null,
  );

  function show(r: PayDueResult) {
    switch (r.status) {
      case 'paid':
      case 'closed':
        // The server's page says what is now true (paid, expired, canceled): load it afresh, leaving no
        // earlier attempt's message on screen.
        setStep(null);
        setError(null);
        window.location.reload();
        return;
      case 'requires_action':
        setStep({ kind: demoMode ? 'authenticate' : 'card', clientSecret: r.clientSecret });
        return;
      case 'requires_confirmation':
        // Demo: the test card was confirmed server-side and refused (or the bank's check was refused).
        if (demoMode) {
          setStep(null);
          setError(w.declined['declined'] ?? w.failed);
        } else setStep({ kind: 'card', clientSecret: r.clientSecret });
        return;
      case 'declined':
        setStep(demoMode ? null : step);
        setError(w.declined[r.reason] ?? w.declined['declined'] ?? w.failed);
        return;
      case 'rate_limited':
        setError(w.rateLimited);
        return;
      case 'unavailable':
        setError(w.unavailable);
        return;
      case 'processing':
        setError(w.processing);
        return;
    }
  }

  async function pay() {
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      show(
        await (await lazyApi()).recovery.pay.mutate({ token, paymentMethod: demoMode ? card : undefined }),
      );
    } catch {
      setError(w.failed);
    } finally {
      setPending(false);
    }
  }

  async function confirm() {
    show(await (await lazyApi()).recovery.confirm.mutate({ token }));
  }

  // Demo mode stands in for the bank's 3-D Secure page; the server then verifies the payment itself.
  async function authenticate(outcome: 'succeed' | 'fail') {
    setPending(true);
    setError(null);
    try {
      const r = await fetch(`/pay/${encodeURIComponent(token)}/demo-authenticate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ outcome }),
      });
      if (!r.ok) {
        setError(((await r.json().catch(() => null)) as { error?: string } | null)?.error ?? w.failed);
        return;
      }
      setStep(null);
      await confirm();
    } catch {
      setError(w.failed);
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="mt-4" data-testid="pay-form">
      {error && (
        <p
          role="alert"
          className="mb-3 rounded-lg bg-red-50 px-3 py-2 text-sm font-medium text-red-800"
          data-testid="pay-error"
        >
          {error}
        </p>
      )}
      {step?.kind === 'authenticate' ? (
        <div className="rounded-xl border border-amber-300 bg-amber-50 p-4" data-testid="pay-authenticate">
          <p className="font-semibold">{w.authTitle}</p>
          <p className="mt-1 text-sm text-stone-700">{w.authTest}</p>
          <div className="mt-3 flex gap-3">
            <button
              type="button"
              onClick={() => authenticate('succeed')}
              disabled={pending}
              className="rounded-lg bg-brand-600 px-4 py-2 font-semibold text-white disabled:opacity-60"
            >
              {w.approve}
            </button>
            <button
              type="button"
              onClick={() => authenticate('fail')}
              disabled={pending}
              className="rounded-lg px-4 py-2 font-semibold ring-1 ring-stone-300 disabled:opacity-60"
            >
              {w.refuse}
            </button>
          </div>
        </div>
      ) : step?.kind === 'card' && publishableKey && step.clientSecret ? (
        <StripeHold
          publishableKey={publishableKey}
          clientSecret={step.clientSecret}
          label={w.pay}
          onConfirmed={confirm}
          onError={(message) => setError(message)}
        />
      ) : (
        <>
          {demoMode && (
            <fieldset className="rounded-lg border border-dashed border-amber-400 bg-amber-50/40 px-3 py-2 text-sm">
              <legend className="px-1 text-xs font-bold tracking-wide text-amber-900 uppercase">
                {w.demoLegend}
              </legend>
              <p className="text-stone-700">{w.demoIntro}</p>
              <div className="mt-1 space-y-0.5">
                {TEST_CARDS.map((c) => (
                  <label key={c.id} className="flex cursor-pointer items-start gap-2 py-0.5">
                    <input
                      type="radio"
                      name="card"
                      value={c.id}
                      checked={card === c.id}
                      onChange={() => setCard(c.id)}
                      className="mt-1 h-4 w-4 accent-brand-600"
                    />
                    <span>
                      <span className="font-medium">{tj(`card.${c.words}`)}</span>{' '}
                      <span className="text-stone-600">({tj(`card.${c.words}Hint`)})</span>
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
          )}
          <button type="button" onClick={pay} disabled={pending} className={primary} data-testid="pay-submit">
            {pending ? w.paying : w.pay}
          </button>
        </>
      )}
    </div>
  );
}
