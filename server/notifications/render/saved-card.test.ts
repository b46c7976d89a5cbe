// A saved card is not a hold (DESIGN rule 12, issue 16): the join receipt says the card is saved and the
// most charged at close; the failed and canceled messages say nothing was charged and the card was removed;
// the receipt of the charge has no "rest of the hold released". In every language.
import { describe, expect, it } from 'vitest';
import { LOCALES, type Locale } from '@/i18n/locales';
import type { Moment } from '../moments';
import type { GroupFacts, MemberFacts, NotificationContext } from '../types';
import { composeMessage } from './compose';

const NOW = new Date('2026-12-01T14:00:00Z');

function context(moment: Moment, locale: Locale, group: Partial<GroupFacts>, member: Partial<MemberFacts>) {
  const ctx: NotificationContext = {
    moment,
    locale,
    recipientName: 'Mia',
    group: {
      code: 'ABC123',
      title: 'Mug',
      currency: 'USD',
      listPrice: 3000,
      status: 'open',
      deadline: new Date('2026-12-14T14:00:00Z'),
      confirmedCount: 1,
      minMembers: 3,
      maxMembers: 20,
      currentUnitPrice: 2600,
      bestUnitPrice: 1990,
      nextTier: { minMembers: 6, unitPrice: 2300 },
      finalUnitPrice: null,
      ...group,
    },
    member: {
      alias: 'Mia',
      quantity: 2,
      unitPriceAtJoin: 2600,
      shippingAmount: 0,
      holdAmount: 5200,
      chargeAmount: null,
      refundedAmount: 0,
      paymentKind: 'saved_card',
      ...member,
    },
    order: null,
    refundAmount: null,
    summary: null,
    links: {
      primary: 'https://flock.test/g/ABC123',
      share: null,
      preferences: 'https://flock.test/me',
      unsubscribe: null,
    },
  };
  return ctx;
}

const all = (m: ReturnType<typeof composeMessage>) =>
  [m.subject, m.heading, ...m.paragraphs, ...m.facts.map((f) => `${f.label} ${f.value}`), m.push.body].join(
    '\n',
  );

describe('notifications of a saved card', () => {
  it('the join receipt says the card is saved and the most charged at close, never a hold', () => {
    const m = composeMessage(context('holdPlaced', 'en', {}, {}), { now: NOW, timeZone: 'UTC' });
    expect(m.paragraphs[0]).toBe(
      'Your card is saved. Nothing is held or charged now; we charge at most $52.00 when the group closes.',
    );
    expect(m.paragraphs).toContain(
      "If the group doesn't reach 3 people by Dec 14, 2026, 2:00 PM UTC, your saved card is removed and you pay nothing.",
    );
    expect(m.push.body).toBe('Card saved; at most $52.00 at close, nothing charged now.');
    expect(all(m)).not.toMatch(/\bhold\b|held on/i);
  });

  it.each(['failedReleased', 'groupCanceled'] as const)(
    '%s says nothing was charged and the card was removed',
    (moment) => {
      const m = composeMessage(
        context(moment, 'en', { status: moment === 'groupCanceled' ? 'canceled' : 'failed' }, {}),
        { now: NOW, timeZone: 'UTC' },
      );
      expect(m.paragraphs).toContain('Nothing was charged, and your saved card was removed.');
      expect(m.push.body).toBe('Nothing was charged, and your saved card was removed.');
      expect(all(m)).not.toMatch(/\bhold\b/i);
    },
  );

  it('the closing-soon nudge says the saved card is removed if the group falls short', () => {
    const m = composeMessage(context('closingSoon24h', 'en', {}, {}), { now: NOW, timeZone: 'UTC' });
    expect(m.paragraphs).toContain(
      "2 more people are needed, or the group doesn't happen (your saved card is removed and you pay nothing).",
    );
    expect(all(m)).not.toMatch(/\bhold\b/i);
  });

  it('the receipt of the charge has no released rest of a hold', () => {
    const m = composeMessage(
      context(
        'wonCharged',
        'en',
        { status: 'won', finalUnitPrice: 2300, confirmedCount: 6 },
        { chargeAmount: 4600 },
      ),
      { now: NOW, timeZone: 'UTC' },
    );
    expect(all(m)).not.toMatch(/\bhold\b/i);
  });

  it.each(LOCALES)('%s words differ from a hold’s', (locale) => {
    for (const moment of ['holdPlaced', 'failedReleased', 'groupCanceled'] as const) {
      const saved = composeMessage(context(moment, locale, {}, {}), { now: NOW, timeZone: 'UTC' });
      const hold = composeMessage(context(moment, locale, {}, { paymentKind: 'hold' }), {
        now: NOW,
        timeZone: 'UTC',
      });
      expect(saved.paragraphs).not.toEqual(hold.paragraphs);
    }
  });
});
