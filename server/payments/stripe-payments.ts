import Stripe from 'stripe';
import type {
  AccountState,
  Balance,
  Destination,
  TransferResult,
  AuthorizeInput,
  AuthorizeResult,
  ChargeResult,
  HoldState,
  HoldStatus,
  PaymentFailure,
  PaymentsPort,
  RefundResult,
  SaveCardResult,
  SettleResult,
  SetupState,
  SetupStatus,
} from './port';

const CAPTURE_WINDOW_SECONDS = 7 * 24 * 3600;

function holdStatus(pi: Stripe.PaymentIntent): HoldStatus {
  switch (pi.status) {
    case 'requires_capture':
      return 'authorized';
    case 'succeeded':
      return 'captured';
    case 'canceled':
      return 'canceled';
    case 'processing':
      return 'processing';
    case 'requires_action':
      return 'requires_action';
    default:
      return 'requires_payment_method';
  }
}

function captureBefore(pi: Stripe.PaymentIntent): Date | null {
  const charge = typeof pi.latest_charge === 'object' && pi.latest_charge ? pi.latest_charge : null;
  const card = charge?.payment_method_details?.card;
  const ts =
    card && 'capture_before' in card && typeof card.capture_before === 'number' ? card.capture_before : null;
  if (ts) return new Date(ts * 1000);
  if (pi.status === 'requires_capture') return new Date((pi.created + CAPTURE_WINDOW_SECONDS) * 1000);
  return null;
}

/** Our view of a PaymentIntent. */
export function toHoldState(pi: Stripe.PaymentIntent): HoldState {
  return {
    paymentIntentId: pi.id,
    status: holdStatus(pi),
    amount: pi.amount,
    amountCapturable: pi.amount_capturable,
    amountReceived: pi.amount_received,
    clientSecret: pi.client_secret,
    captureBefore: captureBefore(pi),
    cancellationReason: pi.cancellation_reason ?? null,
    walletQr: walletQr(pi),
  };
}

function walletQr(pi: Stripe.PaymentIntent): HoldState['walletQr'] {
  const qr = pi.status === 'requires_action' ? pi.next_action?.wechat_pay_display_qr_code : undefined;
  return qr ? { data: qr.data, imageDataUrl: qr.image_data_url ?? null } : null;
}

function setupStatus(si: Stripe.SetupIntent): SetupStatus {
  switch (si.status) {
    case 'succeeded':
    case 'requires_action':
    case 'processing':
    case 'canceled':
      return si.status as SetupStatus;
    default:
      return 'requires_payment_method';
  }
}

const idOf = (v: string | { id: string } | null | undefined): string | null =>
  v == null ? null : typeof v === 'string' ? v : v.id;

/** Our view of a SetupIntent. */
export function toSetupState(si: Stripe.SetupIntent): SetupState {
  return {
    setupIntentId: si.id,
    status: setupStatus(si),
    customerId: idOf(si.customer),
    paymentMethodId: si.status === 'succeeded' ? idOf(si.payment_method) : null,
    clientSecret: si.client_secret,
  };
}

function paymentIntentOf(err: unknown): string | null {
  return err instanceof Stripe.errors.StripeError &&
    err.payment_intent &&
    typeof err.payment_intent === 'object'
    ? err.payment_intent.id
    : null;
}

const DECLINE_MESSAGES: Record<string, string> = {
  insufficient_funds: 'Your card has insufficient funds. Try another card.',
  expired_card: 'Your card has expired. Try another card.',
  incorrect_cvc: "Your card's security code is incorrect.",
  processing_error: 'We could not process your card right now. Please try again.',
};

/** Turns an SDK error into a sentence a buyer can read. */
export function toFailure(err: unknown): PaymentFailure {
  if (err instanceof Stripe.errors.StripeError) {
    const code = err.code ?? err.type;
    const declineCode = err.decline_code ?? null;
    const message =
      (declineCode && DECLINE_MESSAGES[declineCode]) ??
      (code && DECLINE_MESSAGES[code]) ??
      (err.type === 'StripeCardError' ? 'Your card was declined. Try another card.' : err.message) ??
      'The payment could not be completed.';
    return { code, declineCode, message };
  }
  return {
    code: 'network_error',
    declineCode: null,
    message: 'We could not reach the payment processor. Please try again.',
  };
}

function isRetryable(err: unknown): boolean {
  if (!(err instanceof Stripe.errors.StripeError)) return true; // network: unknown outcome, the key makes a retry safe
  const status = err.statusCode ?? 0;
  return status === 429 || status === 409 || status >= 500 || err.type === 'StripeConnectionError';
}

function isUnexpectedState(err: unknown): boolean {
  return err instanceof Stripe.errors.StripeError && err.code === 'payment_intent_unexpected_state';
}

/** The payments port on the official Stripe SDK (real Stripe or the emulator). */
/** Our view of a connected account. */
export function toAccountState(a: Stripe.Account): AccountState {
  return {
    accountId: a.id,
    chargesEnabled: a.charges_enabled ?? false,
    payoutsEnabled: a.payouts_enabled ?? false,
    detailsSubmitted: a.details_submitted ?? false,
    transfersActive: a.capabilities?.transfers === 'active',
    requirementsDue: a.requirements?.currently_due ?? [],
  };
}

/** The PaymentIntent parameters of a destination charge. */
function destinationParams(d: Destination | null | undefined) {
  if (!d) return {};
  return {
    transfer_data: { destination: d.account },
    transfer_group: d.transferGroup,
    ...(d.applicationFee !== undefined ? { application_fee_amount: d.applicationFee } : {}),
  };
}

/**
 * The payments port on the official Stripe SDK (real Stripe or the emulator). With `emulatorUrl` (the demo
 * and tests) it can also finish a connected account's onboarding the way the emulator's hosted page does.
 */
export function createStripePayments(stripe: Stripe, opts: { emulatorUrl?: string } = {}): PaymentsPort {
  const retrieve = async (id: string): Promise<HoldState> =>
    toHoldState(await stripe.paymentIntents.retrieve(id, { expand: ['latest_charge'] }));

  return {
    retrieve,

    async authorize(input: AuthorizeInput): Promise<AuthorizeResult> {
      try {
        const pi = await stripe.paymentIntents.create(
          {
            amount: input.amount,
            currency: input.currency.toLowerCase(),
            capture_method: 'manual',
            description: input.description,
            metadata: { ...input.metadata, member_id: input.memberId },
            ...destinationParams(input.destination),
            ...(input.receiptEmail ? { receipt_email: input.receiptEmail } : {}),
            ...(input.paymentMethod
              ? { payment_method: input.paymentMethod, confirm: true, payment_method_types: ['card'] }
              : { payment_method_types: ['card'] }),
            expand: ['latest_charge'],
          },
          { idempotencyKey: `hold:${input.memberId}` },
        );
        return { ok: true, hold: toHoldState(pi) };
      } catch (err) {
        return { ok: false, paymentIntentId: paymentIntentOf(err), failure: toFailure(err) };
      }
    },

    async capture({ memberId, paymentIntentId, amount, applicationFee }): Promise<SettleResult> {
      try {
        const pi = await stripe.paymentIntents.capture(
          paymentIntentId,
          {
            amount_to_capture: amount,
            ...(applicationFee !== undefined ? { application_fee_amount: applicationFee } : {}),
            expand: ['latest_charge'],
          },
          { idempotencyKey: `capture:${memberId}` },
        );
        return { ok: true, hold: toHoldState(pi) };
      } catch (err) {
        if (isUnexpectedState(err)) {
          // Already captured (a retry after a lost response) counts as success; anything else is a failure.
          const hold = await retrieve(paymentIntentId);
          if (hold.status === 'captured') return { ok: true, hold };
          return {
            ok: false,
            failure: {
              ...toFailure(err),
              message:
                hold.status === 'canceled'
                  ? 'The card hold expired or was canceled before capture.'
                  : toFailure(err).message,
            },
            retryable: false,
          };
        }
        return { ok: false, failure: toFailure(err), retryable: isRetryable(err) };
      }
    },

    async release({ memberId, paymentIntentId, reason }): Promise<SettleResult> {
      try {
        const pi = await stripe.paymentIntents.cancel(
          paymentIntentId,
          { cancellation_reason: reason ?? 'abandoned' },
          { idempotencyKey: `release:${memberId}` },
        );
        return { ok: true, hold: toHoldState(pi) };
      } catch (err) {
        if (isUnexpectedState(err)) {
          const hold = await retrieve(paymentIntentId);
          if (hold.status === 'canceled') return { ok: true, hold };
          return { ok: false, failure: toFailure(err), retryable: false };
        }
        return { ok: false, failure: toFailure(err), retryable: isRetryable(err) };
      }
    },

    async refund({ key, paymentIntentId, amount, connected }): Promise<RefundResult> {
      try {
        const r = await stripe.refunds.create(
          {
            payment_intent: paymentIntentId,
            amount,
            ...(connected ? { reverse_transfer: true, refund_application_fee: true } : {}),
          },
          { idempotencyKey: `refund:${key}` },
        );
        let feeRefundedTotal: number | null = null;
        const chargeId = idOf(r.charge);
        if (connected && chargeId) {
          const fees = await stripe.applicationFees.list({ charge: chargeId, limit: 1 });
          feeRefundedTotal = fees.data[0]?.amount_refunded ?? 0;
        }
        return { ok: true, refundId: r.id, amount: r.amount, feeRefundedTotal };
      } catch (err) {
        return { ok: false, failure: toFailure(err), retryable: isRetryable(err) };
      }
    },

    async saveCard(input): Promise<SaveCardResult> {
      let customerId: string | null = null;
      try {
        const customer = await stripe.customers.create(
          {
            description: input.description,
            metadata: { ...input.metadata, member_id: input.memberId },
            ...(input.email ? { email: input.email } : {}),
          },
          { idempotencyKey: `customer:${input.memberId}` },
        );
        customerId = customer.id;
        const si = await stripe.setupIntents.create(
          {
            customer: customer.id,
            usage: 'off_session',
            allowed_payment_method_types: ['card'],
            description: input.description,
            metadata: { ...input.metadata, member_id: input.memberId },
            ...(input.paymentMethod ? { payment_method: input.paymentMethod, confirm: true } : {}),
          },
          { idempotencyKey: `setup:${input.memberId}` },
        );
        return { ok: true, setup: toSetupState(si) };
      } catch (err) {
        const si =
          err instanceof Stripe.errors.StripeError && err.setup_intent && typeof err.setup_intent === 'object'
            ? err.setup_intent.id
            : null;
        return { ok: false, setupIntentId: si, customerId, failure: toFailure(err) };
      }
    },

    async retrieveSetup(id): Promise<SetupState> {
      return toSetupState(await stripe.setupIntents.retrieve(id));
    },

    async forgetCard({ paymentMethodId }) {
      try {
        await stripe.paymentMethods.detach(paymentMethodId);
        return { ok: true };
      } catch (err) {
        // Already detached (or never attached): nothing will be charged, which is what was asked.
        if (err instanceof Stripe.errors.StripeError && err.statusCode === 400) return { ok: true };
        return { ok: false, failure: toFailure(err), retryable: isRetryable(err) };
      }
    },

    async chargeSaved(input): Promise<ChargeResult> {
      try {
        const pi = await stripe.paymentIntents.create(
          {
            amount: input.amount,
            currency: input.currency.toLowerCase(),
            customer: input.customerId,
            payment_method: input.paymentMethodId,
            allowed_payment_method_types: ['card'],
            off_session: true,
            confirm: true,
            description: input.description,
            metadata: { ...input.metadata, member_id: input.memberId },
            ...destinationParams(input.destination),
            expand: ['latest_charge'],
          },
          { idempotencyKey: `charge:${input.key}` },
        );
        return { ok: true, hold: toHoldState(pi) };
      } catch (err) {
        return {
          ok: false,
          paymentIntentId: paymentIntentOf(err),
          failure: toFailure(err),
          retryable: isRetryable(err),
        };
      }
    },

    async pay(input): Promise<AuthorizeResult> {
      const pm =
        input.method === 'wechat_pay'
          ? {
              payment_method_data: { type: 'wechat_pay' as const },
              payment_method_options: { wechat_pay: { client: 'web' as const } },
            }
          : input.paymentMethod
            ? { payment_method: input.paymentMethod }
            : {};
      const confirm = input.method === 'wechat_pay' || Boolean(input.paymentMethod);
      try {
        const pi = input.paymentIntentId
          ? confirm
            ? await stripe.paymentIntents.confirm(
                input.paymentIntentId,
                { ...pm, expand: ['latest_charge'] },
                { idempotencyKey: `pay:${input.key}:${input.paymentMethod ?? input.method}:${Date.now()}` },
              )
            : await stripe.paymentIntents.retrieve(input.paymentIntentId, { expand: ['latest_charge'] })
          : await stripe.paymentIntents.create(
              {
                amount: input.amount,
                currency: input.currency.toLowerCase(),
                capture_method: 'automatic',
                allowed_payment_method_types: [input.method],
                description: input.description,
                metadata: { ...input.metadata, member_id: input.memberId },
                ...destinationParams(input.destination),
                ...(confirm ? { ...pm, confirm: true } : {}),
                expand: ['latest_charge'],
              },
              { idempotencyKey: `pay:${input.key}` },
            );
        return { ok: true, hold: toHoldState(pi) };
      } catch (err) {
        return {
          ok: false,
          paymentIntentId: paymentIntentOf(err) ?? input.paymentIntentId ?? null,
          failure: toFailure(err),
        };
      }
    },

    async cancelPayment(paymentIntentId): Promise<SettleResult> {
      try {
        const pi = await stripe.paymentIntents.cancel(
          paymentIntentId,
          { cancellation_reason: 'abandoned' },
          { idempotencyKey: `cancel:${paymentIntentId}` },
        );
        return { ok: true, hold: toHoldState(pi) };
      } catch (err) {
        if (isUnexpectedState(err)) {
          const hold = await retrieve(paymentIntentId);
          if (hold.status === 'canceled') return { ok: true, hold };
          return { ok: false, failure: toFailure(err), retryable: false };
        }
        return { ok: false, failure: toFailure(err), retryable: isRetryable(err) };
      }
    },

    async createAccount({ key, email, country, metadata }): Promise<AccountState> {
      const a = await stripe.accounts.create(
        {
          type: 'express',
          ...(email ? { email } : {}),
          ...(country ? { country } : {}),
          capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
          metadata,
        },
        { idempotencyKey: `account:${key}` },
      );
      return toAccountState(a);
    },

    async retrieveAccount(accountId): Promise<AccountState> {
      return toAccountState(await stripe.accounts.retrieve(accountId));
    },

    async accountLink({ accountId, returnUrl, refreshUrl }) {
      const link = await stripe.accountLinks.create({
        account: accountId,
        return_url: returnUrl,
        refresh_url: refreshUrl,
        type: 'account_onboarding',
      });
      return { url: link.url };
    },

    async transfer(input): Promise<TransferResult> {
      try {
        const t = await stripe.transfers.create(
          {
            amount: input.amount,
            currency: input.currency.toLowerCase(),
            destination: input.destination,
            transfer_group: input.transferGroup,
            metadata: input.metadata,
          },
          { idempotencyKey: `transfer:${input.key}` },
        );
        return { ok: true, transferId: t.id, amount: t.amount };
      } catch (err) {
        return { ok: false, failure: toFailure(err), retryable: isRetryable(err) };
      }
    },

    async reverseTransfer({ key, transferId, amount }): Promise<TransferResult> {
      try {
        const r = await stripe.transfers.createReversal(
          transferId,
          { amount },
          { idempotencyKey: `reversal:${key}` },
        );
        return { ok: true, transferId, amount: r.amount };
      } catch (err) {
        return { ok: false, failure: toFailure(err), retryable: isRetryable(err) };
      }
    },

    async balance(accountId): Promise<Balance> {
      const b = await stripe.balance.retrieve({}, { stripeAccount: accountId });
      const pick = (list: { amount: number; currency: string }[]) =>
        list.map((x) => ({ amount: x.amount, currency: x.currency.toUpperCase() }));
      return { available: pick(b.available), pending: pick(b.pending) };
    },

    ...(opts.emulatorUrl
      ? {
          async completeDemoOnboarding(accountId: string) {
            const base = (opts.emulatorUrl ?? '').replace(/\/$/, '');
            const res = await fetch(
              `${base}/_emulator/accounts/${encodeURIComponent(accountId)}/complete-onboarding`,
              {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: '{}',
              },
            );
            if (!res.ok) throw new Error(`The emulator refused to complete onboarding (${res.status}).`);
          },
        }
      : {}),
  };
}
