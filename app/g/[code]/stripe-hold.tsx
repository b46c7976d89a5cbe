'use client';
// Card entry with Stripe's Payment Element (a real STRIPE_PUBLISHABLE_KEY is set). The server created the
// manual-capture PaymentIntent; Stripe.js confirms it here (3-D Secure included) and the server then
// verifies the hold by retrieving it (groups.confirmHold). Loaded only when needed, never in demo mode.
// A long window saves the card instead (a SetupIntent, client secret seti_…): Stripe.js confirms the setup,
// or completes its 3-D Secure with handleNextAction, and the server verifies the SetupIntent the same way.
import { Elements, PaymentElement, useElements, useStripe } from '@stripe/react-stripe-js';
import { loadStripe, type Stripe, type StripeElementLocale } from '@stripe/stripe-js';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';

const stripes = new Map<string, Promise<Stripe | null>>();

/** Stripe.js for a publishable key, loaded once per page. */
export function stripeFor(publishableKey: string): Promise<Stripe | null> {
  let stripe = stripes.get(publishableKey);
  if (!stripe) {
    stripe = loadStripe(publishableKey);
    stripes.set(publishableKey, stripe);
  }
  return stripe;
}

// Stripe's card form in the reader's language (Stripe names Simplified Chinese 'zh').
export const STRIPE_LOCALE = { en: 'en', 'zh-CN': 'zh', ja: 'ja' } as const satisfies Record<
  ReturnType<typeof useLocale>,
  StripeElementLocale
>;

/** A SetupIntent's client secret (a card saved for a charge at close), not a PaymentIntent's. */
export function isSetupSecret(clientSecret: string): boolean {
  return clientSecret.startsWith('seti_');
}

function ConfirmButton({
  label,
  setup,
  onConfirmed,
  onError,
}: {
  label: string;
  setup: boolean;
  onConfirmed: () => Promise<void>;
  onError: (message: string) => void;
}) {
  const t = useTranslations('group.join');
  const stripe = useStripe();
  const elements = useElements();
  const [busy, setBusy] = useState(false);

  async function confirm() {
    if (!stripe || !elements || busy) return;
    setBusy(true);
    try {
      // redirect: 'if_required' keeps card payments on this page; the bank's check opens as a Stripe modal.
      const args = {
        elements,
        redirect: 'if_required',
        confirmParams: { return_url: window.location.href },
      } as const;
      const { error } = setup ? await stripe.confirmSetup(args) : await stripe.confirmPayment(args);
      // Stripe words its own errors in the reader's language (the Elements locale below).
      if (error) onError(error.message ?? t('cardUnusable'));
      else await onConfirmed();
    } catch (err) {
      onError(
        err instanceof Error && err.message
          ? err.message
          : setup
            ? t('saveCard.confirmFailed')
            : t('confirmFailed'),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <button
      type="button"
      onClick={confirm}
      disabled={!stripe || busy}
      className="mt-4 w-full rounded-xl bg-brand-600 px-4 py-3 text-lg font-bold text-white hover:bg-brand-700 disabled:opacity-60"
    >
      {busy ? t('placing') : label}
    </button>
  );
}

/** A saved card's pending 3-D Secure: Stripe.js opens the bank's check for the SetupIntent. */
function SetupNextAction(props: {
  publishableKey: string;
  clientSecret: string;
  label: string;
  onConfirmed: () => Promise<void>;
  onError: (message: string) => void;
}) {
  const t = useTranslations('group.join');
  const [busy, setBusy] = useState(false);
  async function run() {
    if (busy) return;
    setBusy(true);
    try {
      const stripe = await stripeFor(props.publishableKey);
      if (!stripe) throw new Error(t('cardUnavailable'));
      const { error } = await stripe.handleNextAction({ clientSecret: props.clientSecret });
      if (error) props.onError(error.message ?? t('cardUnusable'));
      else await props.onConfirmed();
    } catch (err) {
      props.onError(err instanceof Error && err.message ? err.message : t('saveCard.confirmFailed'));
    } finally {
      setBusy(false);
    }
  }
  return (
    <button
      type="button"
      onClick={run}
      disabled={busy}
      className="mt-4 w-full rounded-xl bg-brand-600 px-4 py-3 text-lg font-bold text-white hover:bg-brand-700 disabled:opacity-60"
    >
      {busy ? t('saveCard.placing') : props.label}
    </button>
  );
}

/** Stripe's card form for one PaymentIntent (or a SetupIntent), then the server-side check. */
export default function StripeHold(props: {
  publishableKey: string;
  clientSecret: string;
  label: string;
  /** authenticate: only the bank's check is pending (a SetupIntent's goes through handleNextAction). */
  action?: 'authenticate' | 'confirm_payment';
  onConfirmed: () => Promise<void>;
  onError: (message: string) => void;
}) {
  const locale = STRIPE_LOCALE[useLocale()];
  const stripe = stripeFor(props.publishableKey);
  const setup = isSetupSecret(props.clientSecret);
  if (setup && props.action === 'authenticate') return <SetupNextAction {...props} />;
  return (
    <Elements
      stripe={stripe}
      options={{
        clientSecret: props.clientSecret,
        locale,
        appearance: { theme: 'stripe', variables: { colorPrimary: '#c2410c' } },
      }}
    >
      <PaymentElement options={{ layout: 'tabs' }} />
      <ConfirmButton
        label={props.label}
        setup={setup}
        onConfirmed={props.onConfirmed}
        onError={props.onError}
      />
    </Elements>
  );
}
