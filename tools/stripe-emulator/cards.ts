// Stripe's test payment methods the emulator knows, and what happens when each is charged.

export type CardOutcome =
  | { kind: 'approve' }
  | { kind: 'decline'; code: string; declineCode: string; message: string }
  | { kind: 'authenticate' };

export interface TestCard {
  brand: string;
  last4: string;
  outcome: CardOutcome;
  /** What saving it with a SetupIntent does, when that differs from charging it. */
  setupOutcome?: CardOutcome;
}

const declined = (code: string, declineCode: string, message: string): CardOutcome => ({
  kind: 'decline',
  code,
  declineCode,
  message,
});

/** The `pm_card_*` ids Stripe documents, by id. */
export const TEST_CARDS: ReadonlyMap<string, TestCard> = new Map<string, TestCard>([
  ['pm_card_visa', { brand: 'visa', last4: '4242', outcome: { kind: 'approve' } }],
  ['pm_card_mastercard', { brand: 'mastercard', last4: '4444', outcome: { kind: 'approve' } }],
  ['pm_card_amex', { brand: 'amex', last4: '8431', outcome: { kind: 'approve' } }],
  [
    'pm_card_chargeDeclined',
    {
      brand: 'visa',
      last4: '0002',
      outcome: declined('card_declined', 'generic_decline', 'Your card was declined.'),
    },
  ],
  [
    'pm_card_visa_chargeDeclinedInsufficientFunds',
    {
      brand: 'visa',
      last4: '9995',
      outcome: declined('card_declined', 'insufficient_funds', 'Your card has insufficient funds.'),
    },
  ],
  [
    'pm_card_chargeDeclinedExpiredCard',
    {
      brand: 'visa',
      last4: '0069',
      outcome: declined('expired_card', 'expired_card', 'Your card has expired.'),
    },
  ],
  ['pm_card_authenticationRequired', { brand: 'visa', last4: '3184', outcome: { kind: 'authenticate' } }],
  [
    'pm_card_chargeCustomerFail',
    {
      brand: 'visa',
      last4: '0341',
      outcome: declined('card_declined', 'generic_decline', 'Your card was declined.'),
      // Stripe: attaching this card to a customer succeeds; charging it afterwards fails.
      setupOutcome: { kind: 'approve' },
    },
  ],
]);
