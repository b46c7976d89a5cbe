// Words for the rewards of issue 18 (DESIGN rule 12): the opener's reward is promised only while it can still
// come true and said as an amount only once it was given; the commission is said with its rate and wait.
import { describe, expect, it } from 'vitest';
import {
  commissionSentence,
  dealOpenerRewardLine,
  openerRewardWords,
  shareText,
  type GroupFacts,
  type OpenerRewardFacts,
} from './group-words';
import { buildShareMessage, type ShareFacts } from './share-message';
import { wordsFor } from './words-for';

const en = wordsFor('en');

// $26.00 from 3, $23.00 from 6; list $30.00; 10 seats.
const open: GroupFacts = {
  currency: 'USD',
  listPrice: 3000,
  tiers: [
    { minMembers: 3, unitPrice: 2600 },
    { minMembers: 6, unitPrice: 2300 },
  ],
  confirmedCount: 2,
  status: 'open',
  maxMembers: 10,
  seatsTaken: 2,
};
const at = (o: Partial<GroupFacts>): GroupFacts => ({ ...open, ...o });
const free: OpenerRewardFacts = { minMembers: 6, percent: 100, cap: null };
const freeCapped: OpenerRewardFacts = { minMembers: 6, percent: 100, cap: 1500 };
const fifth: OpenerRewardFacts = { minMembers: 6, percent: 20, cap: 1000 };
const fifthUncapped: OpenerRewardFacts = { minMembers: 1, percent: 20, cap: null };
const none = { rewardAmount: 0, shipping: 0 };

describe("the deal page's offer to an opener", () => {
  it.each([
    [free, 'Open a group: if it reaches 6 people, yours is free.'],
    [freeCapped, 'Open a group: if it reaches 6 people, yours is free (up to $15.00).'],
    [fifth, 'Open a group: if it reaches 6 people, you get 20% off yours (up to $10.00).'],
    [fifthUncapped, 'Open a group: if it reaches 1 person, you get 20% off yours.'],
  ])('%o → %s', (r, expected) => {
    expect(dealOpenerRewardLine(en, 'USD', r)).toBe(expected);
  });

  it('says nothing when the deal has no reward', () => {
    expect(dealOpenerRewardLine(en, 'USD', null)).toBeNull();
  });

  it("is written in the reader's language and money", () => {
    expect(dealOpenerRewardLine(wordsFor('ja'), 'JPY', { minMembers: 6, percent: 100, cap: 1500 })).toBe(
      'グループを作ると：6人集まればあなたの分は無料（最大￥1,500）。',
    );
    expect(dealOpenerRewardLine(wordsFor('zh-CN'), 'USD', fifth)).toBe(
      '开团福利：团满 6 人，你的那份享 20% 折扣（最多 US$10.00）。',
    );
  });
});

describe("the opener's reward on the group page", () => {
  // [what, group, reward, the opener's member row, expected sentences]
  const table: [string, GroupFacts, OpenerRewardFacts | null, typeof none, string[]][] = [
    ['no reward', open, null, none, []],
    [
      'open, short of N',
      open,
      free,
      none,
      ['You opened this group: if it has 6 people when it closes, your order is free.'],
    ],
    [
      'open, percent with a cap, shipping aside',
      open,
      fifth,
      { rewardAmount: 0, shipping: 500 },
      [
        'You opened this group: if it has 6 people when it closes, you get 20% off your order (up to $10.00).',
        'The reward comes off your goods, not the shipping.',
      ],
    ],
    [
      'open, N reached: a condition, not a promise already kept',
      at({ confirmedCount: 7, seatsTaken: 7 }),
      free,
      none,
      ['You opened this group and it has 7 people: if it still has them when it closes, your order is free.'],
    ],
    [
      'open, too few seats left to reach N',
      at({ maxMembers: 5, seatsTaken: 3, confirmedCount: 3 }),
      free,
      none,
      [],
    ],
    [
      'full and going ahead with N',
      at({ maxMembers: 6, seatsTaken: 6, confirmedCount: 6 }),
      free,
      none,
      ['You opened this group and it has 6 people: if it still has them when it closes, your order is free.'],
    ],
    ['closing: nothing until the charge says', at({ status: 'closing' }), free, none, []],
    [
      'won with enough: the amount given',
      at({ status: 'won', confirmedCount: 6, finalUnitPrice: 2300 }),
      free,
      { rewardAmount: 2300, shipping: 0 },
      ['Your opener reward: $23.00 off.'],
    ],
    [
      'won with too few: no promise, no amount',
      at({ status: 'won', confirmedCount: 4, finalUnitPrice: 2600 }),
      free,
      none,
      [],
    ],
    ['failed', at({ status: 'failed', confirmedCount: 1 }), free, none, []],
    ['canceled', at({ status: 'canceled' }), free, none, []],
  ];
  it.each(table)('%s', (_what, f, r, mine, expected) => {
    expect(openerRewardWords(en, f, r, mine)).toEqual(expected);
  });
});

describe("the opener's share message", () => {
  const now = new Date('2026-01-01T10:00:00Z');
  const facts: ShareFacts = {
    ...open,
    productTitle: 'Mug',
    deadline: new Date(now.getTime() + 5 * 3600_000),
    now,
  };

  it('speaks of the sharer-opener own reward while it can come true', () => {
    expect(buildShareMessage(en, { ...facts, openerReward: free }, 'L')).toBe(
      'Join my group for Mug: 1 more person needed to go ahead at $26.00; at 6, $23.00. If it reaches 6 people, mine is free. Ends in 5 h. L',
    );
    expect(shareText(en, 'Mug', open, null, fifth)).toBe(
      'Join my group for Mug: 1 more person needed to go ahead at $26.00; at 6, $23.00. If it reaches 6 people, I get 20% off mine.',
    );
  });

  it('is the plain message for anyone else, or once the reward is out of reach', () => {
    const plain =
      'Join my group for Mug: 1 more person needed to go ahead at $26.00; at 6, $23.00. Ends in 5 h. L';
    expect(buildShareMessage(en, facts, 'L')).toBe(plain);
    expect(buildShareMessage(en, { ...facts, openerReward: null }, 'L')).toBe(plain);
    expect(
      buildShareMessage(en, { ...facts, maxMembers: 4, seatsTaken: 2, openerReward: free }, 'L'),
    ).not.toContain('free');
  });
});

describe('a member commission', () => {
  it.each([
    [
      1000,
      14,
      'Friends who join with your link and are charged earn you 10% of what they pay, paid 14 days after their charge. It is sent to the payout account you connect on My groups.',
    ],
    [
      1050,
      1,
      'Friends who join with your link and are charged earn you 10.5% of what they pay, paid 1 day after their charge. It is sent to the payout account you connect on My groups.',
    ],
    [
      250,
      0,
      'Friends who join with your link and are charged earn you 2.5% of what they pay, paid once their charge goes through. It is sent to the payout account you connect on My groups.',
    ],
  ])('%i bps, %i days', (bps, days, expected) => {
    expect(commissionSentence(en, bps, days)).toBe(expected);
  });

  it('says nothing when the group pays none', () => {
    expect(commissionSentence(en, 0, 14)).toBeNull();
  });

  it("is written in the reader's language", () => {
    expect(commissionSentence(wordsFor('ja'), 1000, 0)).toContain('10%');
    expect(commissionSentence(wordsFor('zh-CN'), 1000, 7)).toContain('扣款 7 天后支付');
  });
});
