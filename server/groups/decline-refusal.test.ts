// Card declines in Flock's words: named by Stripe's codes, never the processor's English.
import { describe, expect, it } from 'vitest';
import { englishErrors } from '@/server/errors';
import { declineKey, storedDeclineKey } from './decline-refusal';

describe('declineKey', () => {
  it.each([
    [{ code: 'card_declined', declineCode: 'insufficient_funds' }, 'payment.insufficientFunds'],
    [{ code: 'expired_card', declineCode: 'expired_card' }, 'payment.expiredCard'],
    [{ code: 'incorrect_cvc', declineCode: null }, 'payment.incorrectCvc'],
    [{ code: 'processing_error', declineCode: null }, 'payment.processingError'],
    [{ code: 'card_declined', declineCode: 'generic_decline' }, 'payment.declined'],
    [{ code: 'card_declined', declineCode: 'do_not_honor' }, 'payment.declined'],
    [{ code: 'something_new', declineCode: null }, 'payment.declined'],
  ] as const)('%o → %s', (failure, key) => {
    expect(declineKey(failure)).toBe(key);
  });
});

describe('storedDeclineKey', () => {
  it('finds the sentence Flock stored, and falls back to the plain decline', () => {
    expect(storedDeclineKey(englishErrors.t('payment.expiredCard'))).toBe('payment.expiredCard');
    expect(
      storedDeclineKey('Your card hold expired or was canceled by the bank before the group closed.'),
    ).toBe('payment.holdExpired');
    expect(storedDeclineKey('Some words from the processor.')).toBe('payment.declined');
    expect(storedDeclineKey(null)).toBe('payment.declined');
  });
});
