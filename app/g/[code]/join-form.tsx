'use client';
// The join form: alias, quantity and the card hold. In demo mode (no STRIPE_PUBLISHABLE_KEY; the README
// defines it) a clearly labelled test-card chooser stands in for a card form and the server places the
// hold with that card; otherwise Stripe's Payment Element (stripe-hold.tsx) takes the card.
import { lazyApi } from '@/app/_trpc/lazy-api';
import dynamic from 'next/dynamic';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState } from 'react';
import { formatMoney } from '@/server/pricing/currency';
import { useWords } from '@/app/_components/use-words';
import type { FulfilmentOptions } from '@/db/schema/fulfilment-options';
import { holdWithShipping, shippingAmount } from '@/server/pricing/shipping';
import {
  emptyDraft,
  FulfilmentFields,
  offeredMethods,
  orderChoice,
  plausibleEmail,
  type FulfilmentDraft,
  type FulfilmentErrors,
} from './fulfilment-fields';
import { useGroupView } from './live-group';
import { WalletQr } from './wallet-qr';

/** The emulator's test cards the demo offers, each with its words in the `group.join.card` catalog. */
export const TEST_CARDS = [
  { id: 'pm_card_visa', words: 'succeeds' },
  { id: 'pm_card_chargeDeclined', words: 'declined' },
  { id: 'pm_card_visa_chargeDeclinedInsufficientFunds', words: 'insufficient' },
  { id: 'pm_card_authenticationRequired', words: 'authentication' },
] as const;

// A long window saves the card: this one saves fine and is declined when charged at close (payment due).
const SAVED_CARD_TEST_CARDS = [
  ...TEST_CARDS,
  { id: 'pm_card_chargeCustomerFail', words: 'failsAtClose' },
] as const;

function LoadingCardForm() {
  const t = useTranslations('group.join');
  return <p className="mt-3 text-sm text-stone-600">{t('loadingCardForm')}</p>;
}

// Stripe.js and its card form load only when a real card is entered (not in demo mode, not on first load).
const StripeHold = dynamic(() => import('./stripe-hold'), {
  ssr: false,
  loading: () => <LoadingCardForm />,
});

type Fields = Partial<Record<'alias' | 'quantity', string>> & FulfilmentErrors;

function newKey(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** Reads a tRPC error into one sentence and per-field messages (`fallback` when it has no words of its own). */
function readError(err: unknown, fallback: string): { message: string; fields: Fields } {
  // Duck-typed rather than instanceof TRPCClientError, so the page does not load the client to read errors.
  if (err instanceof Error && 'data' in err) {
    const data = err.data as { fields?: Record<string, string> | null } | undefined;
    // The fulfilment's fields arrive as 'fulfilment.address.postalCode'; the form names them from the choice.
    const fields = Object.entries(data?.fields ?? {}).map(([k, v]) => [k.replace(/^fulfilment\./, ''), v]);
    return { message: err.message, fields: Object.fromEntries(fields) as Fields };
  }
  if (err instanceof Error && err.message) return { message: err.message, fields: {} };
  return { message: fallback, fields: {} };
}

/** Join with an alias, a quantity, how the goods reach the buyer and a card hold. */
export function JoinForm({
  code,
  inviteCode,
  channel,
  demoMode,
  publishableKey,
  suggestedAlias,
  fulfilment,
  wallets = [],
  onStep,
}: {
  code: string;
  inviteCode: string | null;
  channel: string | null;
  demoMode: boolean;
  /** Stripe publishable key: card entry with Stripe's Payment Element when set. */
  publishableKey: string | null;
  suggestedAlias: string;
  /** The deal's ways to the buyer: shipping, pickup points, voucher. */
  fulfilment: FulfilmentOptions;
  /** Wallets the shop accepts that cannot be held (wechat_pay): paid now, the difference refunded at close. */
  wallets?: readonly string[];
  /** Told when an attempt (and any bank step after it) starts and ends, so the form stays while it runs. */
  onStep?: (active: boolean) => void;
}) {
  const { view: g, viewer } = useGroupView();
  const w = useWords();
  const t = useTranslations('group.join');
  const tf = useTranslations('fulfilment.join');
  const router = useRouter();
  // Someone who left or whose card was declined comes back under the name they chose, not a new one.
  const [alias, setAlias] = useState(viewer?.alias ?? suggestedAlias);
  const [quantity, setQuantity] = useState(1);
  const [card, setCard] = useState<string>(TEST_CARDS[0].id);
  const [payWith, setPayWith] = useState<'card' | 'wechat_pay'>('card');
  const wechat = wallets.includes('wechat_pay');
  const paying = wechat && payWith === 'wechat_pay';
  // A long window (payment_mode save_card): the card is saved, nothing held, and charged at close (rule 12).
  const saves = g.paymentMode === 'save_card' && !paying;
  const [draft, setDraft] = useState<FulfilmentDraft>(() => emptyDraft(fulfilment));
  const [fields, setFields] = useState<Fields>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [auth, setAuth] = useState<null | {
    action: 'authenticate' | 'confirm_payment' | 'scan_qr';
    memberId: string;
    clientSecret: string | null;
    /** A wallet's QR code to scan (action scan_qr). */
    qrData?: string | null;
  }>(null);
  // One key per join attempt: a double tap or a retry after a dropped connection is the same join.
  // From the tap on Join (the seat may fill the group before the answer arrives) to the end of any bank step.
  useEffect(() => onStep?.(pending || auth !== null), [pending, auth, onStep]);
  const key = useRef<string>('');
  const id = useId();

  // Shipping is fixed at join and is part of the hold (rule 4: nothing beyond the hold is ever charged).
  const shipping =
    draft.method === 'shipping' && fulfilment.shipping ? shippingAmount(fulfilment.shipping, quantity) : 0;
  const holdAmount = holdWithShipping(g.unitPrice, quantity, shipping);
  const hold = formatMoney(holdAmount, g.currency, w.locale);
  const $ = (n: number) => formatMoney(n, g.currency, w.locale);

  /** What the browser can tell before asking the server (which checks everything again). */
  function checkFulfilment(): FulfilmentErrors {
    const errs: FulfilmentErrors = {};
    // A deal with no way to its buyers is refused by the server in its own words (order.noOptions).
    if (!draft.method && offeredMethods(fulfilment).length > 0) errs['method'] = tf('chooseMethod');
    if (!plausibleEmail(draft.contactEmail)) errs['contactEmail'] = tf('emailInvalid');
    if (draft.method === 'pickup' && !draft.pickupPointId) errs['pickupPointId'] = tf('choosePoint');
    if (draft.method === 'shipping' && !draft.countryCode) errs['countryCode'] = tf('fieldRequired');
    return errs;
  }

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (pending) return;
    const trimmed = alias.trim();
    const local: Fields = checkFulfilment();
    if (trimmed.length < 1 || trimmed.length > 40) local.alias = t('aliasInvalid');
    if (Object.keys(local).length > 0) {
      setFields(local);
      return;
    }
    setFields({});
    setError(null);
    setPending(true);
    key.current ||= newKey();
    try {
      // The auth client is loaded on first use: it is not needed to read the page (smaller first load).
      const { ensureBuyerSession } = await import('@/app/_components/auth-client');
      await ensureBuyerSession();
      const res = await (
        await lazyApi()
      ).groups.join.mutate({
        code,
        alias: trimmed,
        quantity,
        idempotencyKey: key.current,
        inviteCode: inviteCode ?? undefined,
        channel: channel ?? undefined,
        paymentMethod: demoMode && !paying ? card : undefined,
        payWith: paying ? 'wechat_pay' : undefined,
        fulfilment: orderChoice(draft),
        // Reminders wait out the buyer's night in their own time zone.
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      });
      if (res.nextAction) {
        setAuth({
          action: res.nextAction,
          memberId: res.member.id,
          clientSecret: res.clientSecret,
          qrData: res.walletQr?.data ?? null,
        });
        // The page learns who the viewer is now (their reserved seat), while this form keeps its step.
        router.refresh();
        return;
      }
      key.current = '';
      router.refresh();
    } catch (err) {
      const r = readError(err, t('genericError'));
      setError(r.message);
      setFields(r.fields);
      // A decline or refusal ends this attempt; the next submit is a new join.
      key.current = '';
    } finally {
      setPending(false);
    }
  }

  // Demo mode stands in for the bank's 3-D Secure page; the server then verifies the hold itself.
  async function authenticate(memberId: string, outcome: 'succeed' | 'fail') {
    setPending(true);
    setError(null);
    try {
      const r = await fetch(`/g/${encodeURIComponent(code)}/demo-authenticate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ memberId, outcome }),
      });
      if (!r.ok)
        throw new Error(
          ((await r.json().catch(() => null)) as { error?: string } | null)?.error ?? t('bankUnreachable'),
        );
      const res = await (await lazyApi()).groups.confirmHold.mutate({ memberId });
      if (res.nextAction) throw new Error(saves ? t('saveCard.bankRefused') : t('bankRefused'));
      key.current = '';
      setAuth(null);
      router.refresh();
    } catch (err) {
      setAuth(null);
      key.current = '';
      setError(readError(err, t('genericError')).message);
    } finally {
      setPending(false);
    }
  }

  if (auth?.action === 'scan_qr' && auth.qrData) {
    return (
      <div
        className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
        role="dialog"
        aria-label={t('wallet.scanTitle', { amount: hold })}
        data-testid="authenticate"
      >
        <WalletQr
          code={code}
          memberId={auth.memberId}
          qrData={auth.qrData}
          amount={hold}
          demoMode={demoMode}
          onPaid={() => {
            key.current = '';
            setAuth(null);
            router.refresh();
          }}
          onError={(message) => {
            key.current = '';
            setAuth(null);
            setError(message);
            router.refresh();
          }}
        />
      </div>
    );
  }

  if (auth) {
    const demoAuth = demoMode && auth.action === 'authenticate';
    return (
      <div
        className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
        role="dialog"
        aria-labelledby={`${id}-auth`}
        data-testid="authenticate"
      >
        <p id={`${id}-auth`} className="font-semibold">
          {saves ? t('saveCard.approveTitle', { most: hold }) : t('approveTitle', { hold })}
        </p>
        {demoAuth ? (
          <>
            <p className="mt-1 text-sm text-stone-700">{t('testMode')}</p>
            <div className="mt-3 flex flex-wrap gap-2">
              <button
                type="button"
                disabled={pending}
                onClick={() => authenticate(auth.memberId, 'succeed')}
                className="rounded-lg bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700"
              >
                {pending ? t('checking') : t('approve')}
              </button>
              <button
                type="button"
                disabled={pending}
                onClick={() => authenticate(auth.memberId, 'fail')}
                className="rounded-lg px-4 py-2 font-semibold text-stone-800 ring-1 ring-stone-400 hover:bg-stone-100"
              >
                {t('refuse')}
              </button>
            </div>
          </>
        ) : publishableKey && auth.clientSecret ? (
          <StripeHold
            publishableKey={publishableKey}
            clientSecret={auth.clientSecret}
            action={auth.action === 'authenticate' ? 'authenticate' : 'confirm_payment'}
            label={saves ? t('saveCard.button') : t('holdButton', { hold })}
            onError={(message) => setError(message)}
            onConfirmed={async () => {
              // The browser's word is not enough: the server retrieves the PaymentIntent and checks the hold.
              const res = await (await lazyApi()).groups.confirmHold.mutate({ memberId: auth.memberId });
              if (res.nextAction) throw new Error(saves ? t('saveCard.bankRefused') : t('bankRefused'));
              key.current = '';
              setAuth(null);
              router.refresh();
            }}
          />
        ) : (
          <p className="mt-1 text-sm text-stone-700">{t('cardUnavailable')}</p>
        )}
        {error && (
          <p
            role="alert"
            className="mt-3 rounded-lg bg-red-50 p-3 text-sm font-medium text-red-800 ring-1 ring-red-200"
          >
            {error}
          </p>
        )}
      </div>
    );
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-labelledby={`${id}-h`}
      className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
      data-testid="join-form"
    >
      <h2 id={`${id}-h`} className="text-lg font-semibold">
        {t('heading')}
      </h2>
      <div className="mt-3">
        <label htmlFor={`${id}-alias`} className="block font-medium">
          {t('aliasLabel')}
        </label>
        <input
          id={`${id}-alias`}
          name="alias"
          value={alias}
          onChange={(e) => setAlias(e.target.value)}
          maxLength={40}
          autoComplete="nickname"
          aria-invalid={fields.alias ? true : undefined}
          aria-describedby={`${id}-alias-help${fields.alias ? ` ${id}-alias-err` : ''}`}
          className="mt-1 block w-full rounded-lg border border-stone-400 px-3 py-2 text-base"
        />
        <p id={`${id}-alias-help`} className="mt-1 text-sm text-stone-600">
          {t('aliasHelp')}
        </p>
        {fields.alias && (
          <p id={`${id}-alias-err`} className="mt-1 text-sm font-medium text-red-700">
            {fields.alias}
          </p>
        )}
      </div>

      {g.perBuyerMax > 1 && (
        <div className="mt-3">
          <label htmlFor={`${id}-qty`} className="block font-medium">
            {t('quantity')}
          </label>
          <select
            id={`${id}-qty`}
            name="quantity"
            value={quantity}
            onChange={(e) => setQuantity(Number(e.target.value))}
            aria-invalid={fields.quantity ? true : undefined}
            aria-describedby={fields.quantity ? `${id}-qty-err` : undefined}
            className="mt-1 block w-28 rounded-lg border border-stone-400 bg-white px-3 py-2 text-base"
          >
            {Array.from({ length: g.perBuyerMax }, (_, i) => i + 1).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
          {fields.quantity && (
            <p id={`${id}-qty-err`} className="mt-1 text-sm font-medium text-red-700">
              {fields.quantity}
            </p>
          )}
        </div>
      )}

      <FulfilmentFields
        code={g.code}
        options={fulfilment}
        currency={g.currency}
        draft={draft}
        onChange={setDraft}
        errors={fields}
        publishableKey={publishableKey}
      />

      {wechat && (
        <fieldset className="mt-4 text-sm" data-testid="pay-with">
          <legend className="font-medium">{t('wallet.legend')}</legend>
          <div className="mt-1 space-y-1">
            {(['card', 'wechat_pay'] as const).map((m) => (
              <label
                key={m}
                className="flex cursor-pointer items-start gap-2 rounded-lg px-2 py-1.5 ring-1 ring-stone-300 has-[:checked]:ring-2 has-[:checked]:ring-brand-600"
              >
                <input
                  type="radio"
                  name="payWith"
                  value={m}
                  checked={payWith === m}
                  onChange={() => setPayWith(m)}
                  className="mt-0.5 h-4 w-4 accent-brand-600"
                />
                <span>
                  <span className="font-semibold">
                    {m === 'card' ? t('wallet.cardOption') : t('wallet.wechatOption')}
                  </span>{' '}
                  <span className="text-stone-600">
                    (
                    {m === 'card'
                      ? g.paymentMode === 'save_card'
                        ? t('saveCard.cardOptionHint')
                        : t('wallet.cardOptionHint')
                      : t('wallet.wechatOptionHint')}
                    )
                  </span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      )}

      {demoMode && !paying && (
        <fieldset className="mt-4 rounded-lg border border-dashed border-amber-400 bg-amber-50/40 px-3 py-2 text-sm">
          <legend className="px-1 text-xs font-bold tracking-wide text-amber-900 uppercase">
            {t('demoLegend')}
          </legend>
          <p className="text-stone-700">{t('demoIntro')}</p>
          <div className="mt-1 space-y-0.5">
            {(saves ? SAVED_CARD_TEST_CARDS : TEST_CARDS).map((c) => (
              <label
                key={c.id}
                className="flex cursor-pointer items-center gap-2 rounded px-1 py-0.5 hover:bg-amber-50"
              >
                <input
                  type="radio"
                  name="card"
                  value={c.id}
                  checked={card === c.id}
                  onChange={() => setCard(c.id)}
                  className="h-4 w-4 accent-brand-600"
                />
                <span>
                  {t.rich('cardChoice', {
                    label: t(`card.${c.words}`),
                    hint: t(`card.${c.words}Hint`),
                    note: (chunks) => <span className="text-stone-600">{chunks}</span>,
                  })}
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      )}

      <section
        aria-labelledby={`${id}-sum`}
        className="mt-4 rounded-lg bg-stone-50 p-3 text-sm"
        data-testid="join-total"
      >
        <h3 id={`${id}-sum`} className="font-semibold">
          {tf('summaryHeading')}
        </h3>
        <dl className="mt-1 space-y-0.5">
          <div className="flex justify-between gap-3">
            <dt>{tf('items', { quantity, price: $(g.unitPrice) })}</dt>
            <dd className="tabular-nums">{$(g.unitPrice * quantity)}</dd>
          </div>
          {draft.method === 'shipping' && (
            <div className="flex justify-between gap-3">
              <dt>{tf('shipping')}</dt>
              <dd className="tabular-nums">{shipping === 0 ? tf('shippingFree') : $(shipping)}</dd>
            </div>
          )}
          <div className="flex justify-between gap-3 border-t border-stone-300 pt-1 font-semibold">
            <dt>{paying ? t('wallet.total') : saves ? t('saveCard.total') : tf('holdTotal')}</dt>
            <dd className="tabular-nums">{hold}</dd>
          </div>
        </dl>
        {shipping > 0 && <p className="mt-1 text-stone-700">{tf('shippingFixed')}</p>}
      </section>
      <p className="mt-4 text-sm text-stone-800" data-testid="hold-wording">
        {paying
          ? t('wallet.explain', { price: hold })
          : saves
            ? shipping > 0
              ? t('saveCard.wordingShipping', { most: hold, shipping: $(shipping) })
              : t('saveCard.wording', { most: hold })
            : shipping > 0
              ? t('holdWordingShipping', { hold, shipping: $(shipping) })
              : t('holdWording', { hold })}
      </p>
      {error && (
        <p
          role="alert"
          className="mt-3 rounded-lg bg-red-50 p-3 text-sm font-medium text-red-800 ring-1 ring-red-200"
          data-testid="join-error"
        >
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="mt-4 w-full rounded-xl bg-brand-600 px-4 py-3 text-lg font-bold text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {pending
          ? paying
            ? t('wallet.placing')
            : saves
              ? t('saveCard.placing')
              : t('placing')
          : paying
            ? t('wallet.submit', { price: hold })
            : saves
              ? t('saveCard.submit')
              : t('submit', { hold })}
      </button>
    </form>
  );
}
