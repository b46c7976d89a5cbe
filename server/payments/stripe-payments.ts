import Stripe from 'stripe';
import type {
  AuthorizeInput,
  AuthorizeResult,
  HoldState,
  HoldStatus,
  PaymentFailure,
  PaymentsPort,
  RefundResult,
  SettleResult,
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
  };
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
export function createStripePayments(stripe: Stripe): PaymentsPort {
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
        const piId =
          err instanceof Stripe.errors.StripeError &&
          err.payment_intent &&
          typeof err.payment_intent === 'object'
            ? err.payment_intent.id
            : null;
        return { ok: false, paymentIntentId: piId, failure: toFailure(err) };
      }
    },

    async capture({ memberId, paymentIntentId, amount }): Promise<SettleResult> {
      try {
        const pi = await stripe.paymentIntents.capture(
          paymentIntentId,
          { amount_to_capture: amount, expand: ['latest_charge'] },
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

    async refund({ key, paymentIntentId, amount }): Promise<RefundResult> {
      try {
        const r = await stripe.refunds.create(
          { payment_intent: paymentIntentId, amount },
          { idempotencyKey: `refund:${key}` },
        );
        return { ok: true, refundId: r.id, amount: r.amount };
      } catch (err) {
        return { ok: false, failure: toFailure(err), retryable: isRetryable(err) };
      }
    },
  };
}
