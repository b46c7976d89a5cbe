// A wallet paid now is not a hold (DESIGN rule 12, issue 16): the join receipt says the buyer paid with
// WeChat Pay and that a lower price comes back at close; the receipt at close says what was paid, the
// difference refunded and the group's price; the failed and canceled messages say the payment was refunded.
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
      deadline: new Date('2026-12-02T14:00:00Z'),
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
      paymentKind: 'paid_now',
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
const opts = { now: NOW, timeZone: 'UTC' };

describe('notifications of a wallet paid now', () => {
  it('the join receipt says paid with WeChat Pay and that a lower price comes back at close', () => {
    const m = composeMessage(context('holdPlaced', 'en', {}, {}), opts);
    expect(m.paragraphs).toEqual([
      "You paid $52.00 with WeChat Pay. WeChat Pay can't hold money, so it was paid now.",
      'If the group reaches a lower price, we refund the difference when it closes.',
      "If the group doesn't reach 3 people by Dec 2, 2026, 2:00 PM UTC, we refund everything.",
    ]);
    expect(m.facts.at(-1)).toMatchObject({ label: 'Paid with WeChat Pay', value: '$52.00' });
    expect(m.push.body).toBe(
      '$52.00 paid with WeChat Pay; if the price drops, the difference comes back at close.',
    );
    expect(all(m)).not.toMatch(/held|your hold|hold of|hold is/i);
  });

  it('the receipt at close says what was paid, the difference refunded and the price paid in the end', () => {
    const m = composeMessage(
      context(
        'wonCharged',
        'en',
        { status: 'won', confirmedCount: 6, finalUnitPrice: 2300, currentUnitPrice: 2300 },
        { chargeAmount: 5200, refundedAmount: 600 },
      ),
      opts,
    );
    expect(m.heading).toBe('The group went ahead: you paid $46.00');
    expect(m.paragraphs).toEqual([
      'You paid $52.00 with WeChat Pay for Mug.',
      "We refunded the difference, $6.00: the group's price is $46.00. Banks can take a few days to show it.",
      'You saved $14.00 on the list price.',
    ]);
    expect(m.push.body).toBe('The group went ahead at $23.00 each; $6.00 was refunded.');
    expect(all(m)).not.toMatch(/held|your hold|hold of|hold is/i);
  });

  it.each(['failedReleased', 'groupCanceled'] as const)(
    '%s says the payment was refunded in full',
    (moment) => {
      const m = composeMessage(
        context(
          moment,
          'en',
          { status: moment === 'groupCanceled' ? 'canceled' : 'failed' },
          { refundedAmount: 5200 },
        ),
        opts,
      );
      expect(m.paragraphs).toContain(
        'Your WeChat Pay payment of $52.00 was refunded in full. Banks can take a few days to show it.',
      );
      expect(m.push.body).toBe(
        'Your WeChat Pay payment of $52.00 was refunded in full. Banks can take a few days to show it.',
      );
      expect(all(m)).not.toMatch(/held|your hold|hold of|hold is/i);
    },
  );

  it('says no hold in any language', () => {
    // "WeChat Pay can't hold money" explains why it was paid now; no sentence says money is held.
    const hold: Record<Locale, RegExp> = {
      en: /held|your hold|hold of|hold is/i,
      'zh-CN': /(你的|银行卡)预授权|预授权已/,
      ja: /仮押さえ(?!ができ)/,
    };
    for (const locale of LOCALES) {
      for (const moment of ['holdPlaced', 'wonCharged', 'failedReleased', 'groupCanceled'] as const) {
        const m = composeMessage(
          context(
            moment,
            locale,
            moment === 'wonCharged'
              ? { status: 'won', confirmedCount: 6, finalUnitPrice: 2300 }
              : moment === 'groupCanceled'
                ? { status: 'canceled' }
                : moment === 'failedReleased'
                  ? { status: 'failed' }
                  : {},
            moment === 'wonCharged' ? { chargeAmount: 5200, refundedAmount: 600 } : {},
          ),
          opts,
        );
        expect(all(m)).not.toMatch(hold[locale]);
      }
    }
  });
});
