// The pure rules of fixing a payment: the signed link, which declines are retried, how a failure is said,
// the amount due, and when a payment reminder is no longer true.
import { describe, expect, it } from 'vitest';
import { staleReason } from '@/server/notifications/still-true';
import { amountDue } from './amount-due';
import { failureReasonKey, isSoftDecline } from './decline-codes';
import { fixLinkToken, readFixLinkToken } from './fix-link';

const MEMBER = '6f1c1b1e-8d3a-4c55-9a57-5c1f2a9d7e10';
const UNTIL = new Date('2026-12-07T12:00:00Z');

describe('the fix link', () => {
  it('names its member and end, and nothing else', () => {
    expect(readFixLinkToken(fixLinkToken(MEMBER, UNTIL))).toEqual({ memberId: MEMBER, until: UNTIL });
  });
  it('refuses a token altered, cut or made up', () => {
    const token = fixLinkToken(MEMBER, UNTIL);
    const [payload, signature] = token.split('.') as [string, string];
    const later = Buffer.from(JSON.stringify({ m: MEMBER, e: UNTIL.getTime() / 1000 + 86_400 })).toString(
      'base64url',
    );
    expect(readFixLinkToken(`${later}.${signature}`)).toBeNull();
    expect(readFixLinkToken(payload)).toBeNull();
    expect(readFixLinkToken(`${payload}.${signature.slice(0, -1)}A`)).toBeNull();
    expect(readFixLinkToken('not-a-real-token.abc')).toBeNull();
  });
});

describe('declines', () => {
  it.each([
    ['insufficient_funds', true],
    ['try_again_later', true],
    ['issuer_not_available', true],
    ['do_not_honor', false],
    ['generic_decline', false],
    ['stolen_card', false],
    ['expired_card', false],
  ])('%s is retried automatically: %s', (declineCode, soft) => {
    expect(isSoftDecline({ code: 'card_declined', declineCode })).toBe(soft);
  });
  it('never retries what needs the buyer', () => {
    expect(isSoftDecline({ code: 'authentication_required', declineCode: 'authentication_required' })).toBe(
      false,
    );
  });
  it('says a failure by its code, never in the processor words', () => {
    expect(failureReasonKey({ code: 'card_declined', declineCode: 'insufficient_funds' })).toBe(
      'insufficientFunds',
    );
    expect(failureReasonKey({ code: 'hold_canceled', declineCode: null })).toBe('holdExpired');
    expect(failureReasonKey({ code: 'authentication_required', declineCode: null })).toBe(
      'authenticationRequired',
    );
    expect(failureReasonKey({ code: 'whatever', declineCode: 'unheard_of' })).toBe('declined');
  });
});

describe('the amount due', () => {
  it('is the final price on the goods plus shipping, never above the hold', () => {
    const m = { unitPriceAtJoin: 1000, quantity: 2, shippingAmount: 500, holdAmount: 2500 };
    expect(amountDue(800, m)).toBe(2100);
    expect(amountDue(1200, m)).toBe(2500); // never above the price shown at join
    expect(amountDue(800, { ...m, holdAmount: 2000 })).toBe(2000);
  });
});

describe('a payment reminder', () => {
  const g = {
    status: 'won',
    tiers: [{ minMembers: 1, unitPrice: 1000 }],
    confirmedCount: 3,
    seatsTaken: 3,
    minMembers: 1,
    maxMembers: 10,
    deadline: new Date('2026-11-30T00:00:00Z'),
  };
  it('is true while the member owes the payment, though the group is closed', () => {
    expect(
      staleReason('paymentDueReminder', 'day1', g, { status: 'payment_due', unitPriceAtJoin: 1000 }, UNTIL),
    ).toBeNull();
  });
  it('is dropped once paid or lapsed', () => {
    for (const status of ['captured', 'failed'])
      expect(staleReason('paymentDueReminder', 'last', g, { status, unitPriceAtJoin: 1000 }, UNTIL)).toBe(
        'not_due',
      );
  });
});
