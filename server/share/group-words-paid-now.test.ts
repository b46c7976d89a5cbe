// Words per payment kind (DESIGN rule 12, issue 16): a wallet paid now (WeChat Pay) is not a hold. For every
// outcome a member can be in, the paid_now words never speak of a hold, say what was paid, and say what
// came back: the difference to the group's price when it won, everything when it did not go ahead.
import { describe, expect, it } from 'vitest';
import type { MemberStatus } from '@/db/schema/statuses';
import { viewerOutcome, viewerOutcomeWords, type GroupFacts, type ViewerFacts } from './group-words';
import { wordsFor } from './words-for';

const en = wordsFor('en');

const open: GroupFacts = {
  currency: 'USD',
  listPrice: 3000,
  tiers: [
    { minMembers: 2, unitPrice: 2600 },
    { minMembers: 4, unitPrice: 2300 },
  ],
  confirmedCount: 2,
  status: 'open',
};
const at = (o: Partial<GroupFacts>): GroupFacts => ({ ...open, ...o });
const viewer = (status: MemberStatus, o: Partial<ViewerFacts> = {}): ViewerFacts => ({
  status,
  quantity: 2,
  unitPriceAtJoin: 2600,
  holdAmount: 5200,
  chargeAmount: null,
  refundedAmount: 0,
  paymentKind: 'paid_now',
  ...o,
});

// [what, group, member status, member overrides, expected English sentences, expected label]
const table: [string, GroupFacts, MemberStatus, Partial<ViewerFacts>, string[], string][] = [
  [
    'waiting for the scan',
    open,
    'reserved',
    {},
    ['Your seat is reserved while we wait for your WeChat Pay payment of $52.00.'],
    'Waiting for payment',
  ],
  [
    'paid, below the minimum',
    at({ confirmedCount: 1 }),
    'authorized',
    {},
    [
      'You paid $52.00; if the price drops you get the difference back at close.',
      'If the group does not go ahead, everything is refunded.',
    ],
    'Open',
  ],
  [
    'paid, at the join price',
    open,
    'authorized',
    {},
    ['You paid $52.00; if the price drops you get the difference back at close.'],
    'Open',
  ],
  [
    'paid, the price dropped since',
    at({ confirmedCount: 4 }),
    'authorized',
    {},
    [
      'You paid $52.00; if the price drops you get the difference back at close.',
      "At today's price you pay $46.00: $6.00 would come back to you at close.",
    ],
    'Open',
  ],
  [
    'closing, won lower',
    at({ status: 'closing', confirmedCount: 4, finalUnitPrice: 2300 }),
    'authorized',
    {},
    ['The group has closed at $46.00; the $6.00 difference is being refunded.'],
    'Closing',
  ],
  [
    'closing, won at the join price',
    at({ status: 'closing', confirmedCount: 2, finalUnitPrice: 2600 }),
    'authorized',
    {},
    ["The group has closed; you paid $52.00, the group's price."],
    'Closing',
  ],
  [
    'closing, failed',
    at({ status: 'closing', confirmedCount: 1 }),
    'authorized',
    {},
    ['The group has closed; your payment of $52.00 is being refunded.'],
    'Closing',
  ],
  [
    'won lower: the difference refunded',
    at({ status: 'won', confirmedCount: 4, finalUnitPrice: 2300 }),
    'captured',
    { chargeAmount: 5200, refundedAmount: 600 },
    [
      "You paid $52.00; $6.00 was refunded: the group's price is $46.00.",
      'You saved $14.00 on the list price.',
    ],
    'Won',
  ],
  [
    'won at the join price',
    at({ status: 'won', confirmedCount: 2, finalUnitPrice: 2600 }),
    'captured',
    { chargeAmount: 5200 },
    ["You paid $52.00, the group's price.", 'You saved $8.00 on the list price.'],
    'Won',
  ],
  [
    'won, then refunded in full by the shop',
    at({ status: 'won', confirmedCount: 4, finalUnitPrice: 2300 }),
    'captured',
    { chargeAmount: 5200, refundedAmount: 5200 },
    ['Refunded in full: $52.00.'],
    'Refunded',
  ],
  [
    'did not go ahead',
    at({ status: 'failed', confirmedCount: 1 }),
    'released',
    { refundedAmount: 5200 },
    ['Not enough people joined; your payment of $52.00 was refunded.'],
    'Did not go ahead',
  ],
  [
    'canceled',
    at({ status: 'canceled', closeReason: 'canceled' }),
    'released',
    { refundedAmount: 5200 },
    ['The group was canceled; your payment of $52.00 was refunded.'],
    'Canceled',
  ],
  [
    'left after paying',
    open,
    'left',
    { refundedAmount: 5200 },
    ['You left this group; your payment of $52.00 was refunded.'],
    'Left',
  ],
  [
    'left before paying',
    open,
    'left',
    {},
    ['You left this group before paying; you were not charged.'],
    'Left',
  ],
  [
    'payment not completed',
    open,
    'failed',
    {},
    ['Your WeChat Pay payment was not completed, so you were not charged.'],
    'Payment not completed',
  ],
  [
    'never scanned',
    open,
    'expired',
    {},
    ['Your WeChat Pay payment was never completed, so your seat was freed; you were not charged.'],
    'Expired',
  ],
  [
    'paid after the group closed',
    at({ status: 'won', finalUnitPrice: 2600 }),
    'expired',
    { refundedAmount: 5200 },
    ['The group closed before your payment came through; $52.00 was refunded.'],
    'Expired',
  ],
];

describe('a wallet paid now in words (English)', () => {
  it.each(table)('%s', (_what, f, status, o, sentences, label) => {
    const words = viewerOutcomeWords(en, f, viewer(status, o));
    expect(words.sentences).toEqual(sentences);
    expect(words.label).toBe(label);
  });

  it('counts the saving on the price paid in the end, with no hold released (what /me lists)', () => {
    const won = at({ status: 'won', confirmedCount: 4, finalUnitPrice: 2300 });
    expect(viewerOutcome(won, viewer('captured', { chargeAmount: 5200, refundedAmount: 600 }))).toMatchObject(
      {
        kind: 'charged',
        charged: 5200,
        refunded: 600,
        released: 0,
        savedVsList: 1400,
      },
    );
  });

  it('never speaks of a hold, in any language', () => {
    for (const locale of ['en', 'zh-CN', 'ja'] as const) {
      const w = wordsFor(locale);
      const hold = { en: /\bhold/i, 'zh-CN': /预授权/, ja: /仮押さえ/ }[locale];
      for (const [, f, status, o] of table) {
        const words = viewerOutcomeWords(w, f, viewer(status, o));
        for (const s of [words.label, ...words.sentences]) expect(s).not.toMatch(hold);
      }
    }
  });
});
