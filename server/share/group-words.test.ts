import { describe, expect, it } from 'vitest';
import {
  dealBestPriceLine,
  dealMetaDescription,
  dealSaveBadge,
  dealWindowSentence,
  openGroupsLine,
  groupHeadline,
  groupMetaDescription,
  groupMoment,
  groupPageTitle,
  groupShortLine,
  ladderLine,
  ladderSteps,
  memberMoneyLabel,
  morePeople,
  people,
  savingsBadge,
  shareText,
  viewerOutcome,
  viewerOutcomeWords,
  type GroupFacts,
  type ViewerFacts,
} from './group-words';
import { wordsFor } from './words-for';

const w = wordsFor('en');

// USD: list $30.00; $26.00 from 3, $23.00 from 6, $19.90 from 10.
const usd: GroupFacts = {
  currency: 'USD',
  listPrice: 3000,
  tiers: [
    { minMembers: 3, unitPrice: 2600 },
    { minMembers: 6, unitPrice: 2300 },
    { minMembers: 10, unitPrice: 1990 },
  ],
  confirmedCount: 0,
  status: 'open',
};
// JPY: list ¥1,200; ¥980 from 2, ¥780 from 4.
const jpy: GroupFacts = {
  currency: 'JPY',
  listPrice: 1200,
  tiers: [
    { minMembers: 2, unitPrice: 980 },
    { minMembers: 4, unitPrice: 780 },
  ],
  confirmedCount: 1,
  status: 'open',
};
const at = (f: GroupFacts, o: Partial<GroupFacts>): GroupFacts => ({ ...f, ...o });

describe('plurals', () => {
  it.each([
    [0, '0 people', '0 more people'],
    [1, '1 person', '1 more person'],
    [2, '2 people', '2 more people'],
    [21, '21 people', '21 more people'],
  ])('%i → %s / %s', (n, p, m) => {
    expect(people(w, n)).toBe(p);
    expect(morePeople(w, n)).toBe(m);
  });
});

describe('group headline in every state', () => {
  it.each<[string, GroupFacts, string]>([
    ['empty, below the minimum', usd, '3 people needed to go ahead at $26.00; at 6, $23.00'],
    [
      'one joined, below the minimum',
      at(usd, { confirmedCount: 1 }),
      '2 more people needed to go ahead at $26.00; at 6, $23.00',
    ],
    [
      'one short of the minimum',
      at(usd, { confirmedCount: 2 }),
      '1 more person needed to go ahead at $26.00; at 6, $23.00',
    ],
    [
      'at the minimum: no unlock of the same price',
      at(usd, { confirmedCount: 3 }),
      '$26.00 each now; 3 more people unlock $23.00',
    ],
    ['between brackets', at(usd, { confirmedCount: 9 }), '$23.00 each now; 1 more person unlocks $19.90'],
    ['at the best price', at(usd, { confirmedCount: 12 }), '$19.90 each now, the best price'],
    [
      'one bracket only, below it',
      at(usd, { tiers: [{ minMembers: 1, unitPrice: 2600 }] }),
      '1 person needed to go ahead at $26.00',
    ],
    ['JPY below the minimum', jpy, '1 more person needed to go ahead at ¥980; at 4, ¥780'],
    ['JPY at the minimum', at(jpy, { confirmedCount: 2 }), '¥980 each now; 2 more people unlock ¥780'],
    [
      'full at a bracket',
      at(usd, { confirmedCount: 8, maxMembers: 8, seatsTaken: 8 }),
      'Full at $23.00 each; the group closes now',
    ],
    [
      'every seat taken, one card still being confirmed',
      at(usd, { confirmedCount: 7, maxMembers: 8, seatsTaken: 8 }),
      'Every seat is taken at $23.00 each; waiting for the last card holds',
    ],
    [
      'closing, going ahead',
      at(usd, { status: 'closing', confirmedCount: 6, finalUnitPrice: 2300, closeReason: 'deadline' }),
      'Closed; going ahead at $23.00 each',
    ],
    [
      'closing, short',
      at(usd, { status: 'closing', confirmedCount: 2, closeReason: 'deadline' }),
      'Closed without enough people; releasing every hold',
    ],
    [
      'won at the deadline',
      at(usd, { status: 'won', confirmedCount: 6, finalUnitPrice: 2300, closeReason: 'deadline' }),
      'Went ahead at $23.00 each',
    ],
    [
      'won, ended early by the merchant',
      at(usd, { status: 'won', confirmedCount: 4, finalUnitPrice: 2600, closeReason: 'merchant' }),
      'Ended early by the merchant; went ahead at $26.00 each',
    ],
    [
      'won when full',
      at(jpy, { status: 'won', confirmedCount: 4, finalUnitPrice: 780, closeReason: 'full' }),
      'Filled up and went ahead at ¥780 each',
    ],
    [
      'failed at the deadline',
      at(usd, { status: 'failed', confirmedCount: 1, closeReason: 'deadline' }),
      'Did not reach 3 people (1 joined); every hold was released',
    ],
    [
      'failed, ended early by the merchant',
      at(usd, { status: 'failed', confirmedCount: 2, closeReason: 'merchant' }),
      'Ended early by the merchant before it reached 3 people; every hold was released',
    ],
    [
      'canceled',
      at(usd, { status: 'canceled', closeReason: 'canceled' }),
      'Canceled; every hold was released and nobody paid',
    ],
  ])('%s', (_name, f, text) => {
    expect(groupHeadline(w, f)).toBe(text);
    expect(groupHeadline(w, f)).not.toMatch(/\btip|1 people|NaN|undefined/);
  });

  it('never announces an unlock of a price that is not lower', () => {
    for (let n = 0; n <= 12; n++) {
      const m = groupMoment(at(usd, { confirmedCount: n }));
      if (m.kind === 'bracket' && m.next) expect(m.next.unitPrice).toBeLessThan(m.price);
      const line = groupHeadline(w, at(usd, { confirmedCount: n }));
      const unlock = /unlocks? (\S+)$/.exec(line);
      if (unlock) expect(line.startsWith(unlock[1] ?? '')).toBe(false);
    }
  });

  it('has a shorter line for cards', () => {
    expect(groupShortLine(w, at(usd, { confirmedCount: 1 }))).toBe(
      '2 more people needed to go ahead at $26.00',
    );
    expect(groupShortLine(w, at(usd, { confirmedCount: 4 }))).toBe('$26.00 now; 2 more people unlock $23.00');
    expect(groupShortLine(w, at(usd, { confirmedCount: 10 }))).toBe('$19.90 each now, the best price');
  });

  it('describes a page for link previews', () => {
    expect(groupMetaDescription(w, at(usd, { confirmedCount: 1 }), 5 * 3600_000)).toBe(
      '2 more people needed to go ahead at $26.00; at 6, $23.00. 1 joined · Ends in 5 h. List price $30.00. Join with a card hold; you never pay more than shown.',
    );
    expect(groupMetaDescription(w, at(usd, { status: 'failed', closeReason: 'merchant' }), -1)).toBe(
      'Ended early by the merchant before it reached 3 people; every hold was released. List price $30.00.',
    );
  });

  it('titles a page by its condition', () => {
    expect(groupPageTitle(w, 'Mug', usd)).toBe('Mug: $26.00 each if 3 people join');
    expect(groupPageTitle(w, 'Mug', at(jpy, { confirmedCount: 3 }))).toBe('Mug: ¥980 each in a group');
    expect(groupPageTitle(w, 'Mug', at(usd, { status: 'failed' }))).toBe('Mug: a closed group');
  });
});

describe('ladder', () => {
  it('is one line in every currency', () => {
    expect(ladderLine(w, usd.tiers, 'USD')).toBe('$26.00 → $23.00 at 6 → $19.90 at 10');
    expect(ladderLine(w, jpy.tiers, 'JPY')).toBe('¥980 → ¥780 at 4');
  });

  it('steps light the current bracket and say how many more the rest need', () => {
    expect(ladderSteps(w, at(usd, { confirmedCount: 7 }))).toEqual([
      {
        minMembers: 3,
        unitPrice: 2600,
        price: '$26.00',
        from: 'from 3 people',
        short: '$26.00',
        state: 'reached',
        needed: null,
      },
      {
        minMembers: 6,
        unitPrice: 2300,
        price: '$23.00',
        from: 'from 6 people',
        short: '$23.00 at 6',
        state: 'current',
        needed: null,
      },
      {
        minMembers: 10,
        unitPrice: 1990,
        price: '$19.90',
        from: 'from 10 people',
        short: '$19.90 at 10',
        state: 'ahead',
        needed: '3 more people',
      },
    ]);
    expect(ladderSteps(w, jpy).map((s) => [s.state, s.needed])).toEqual([
      ['ahead', '1 more person'],
      ['ahead', '3 more people'],
    ]);
  });
});

describe('savings badge', () => {
  it.each<[string, GroupFacts, string | null]>([
    ['open below the minimum (the price it goes ahead at)', usd, 'Save 13%'],
    ['open at the best price', at(usd, { confirmedCount: 10 }), 'Save 33%'],
    ['won', at(usd, { status: 'won', confirmedCount: 6, finalUnitPrice: 2300 }), 'Save 23%'],
    ['failed', at(usd, { status: 'failed', confirmedCount: 2 }), null],
    ['ended early without enough people', at(usd, { status: 'failed', closeReason: 'merchant' }), null],
    ['canceled', at(usd, { status: 'canceled' }), null],
    ['no discount', at(jpy, { listPrice: 980 }), null],
  ])('%s → %s', (_n, f, badge) => {
    expect(savingsBadge(w, f)).toBe(badge);
  });
});

const member = (o: Partial<ViewerFacts>): ViewerFacts => ({
  status: 'authorized',
  quantity: 2,
  unitPriceAtJoin: 2600,
  holdAmount: 5200,
  chargeAmount: null,
  refundedAmount: 0,
  ...o,
});

describe("the viewer's outcome", () => {
  it.each<[string, GroupFacts, ViewerFacts, string, string[]]>([
    [
      'confirming the card',
      usd,
      member({ status: 'reserved' }),
      'Confirming card',
      ['Your seat is reserved while we confirm a hold of $52.00 on your card.'],
    ],
    [
      'holding below the minimum',
      at(usd, { confirmedCount: 1 }),
      member({}),
      'Open',
      [
        'Holding $52.00 on your card.',
        'If the group does not go ahead, the hold is released and you pay nothing.',
      ],
    ],
    [
      'holding at a cheaper bracket than at join',
      at(usd, { confirmedCount: 6 }),
      member({}),
      'Open',
      ['Holding $52.00 on your card.', "At today's price you pay $46.00; you never pay more than the hold."],
    ],
    [
      'holding with shipping: what they pay today includes the shipping in the hold',
      at(usd, { confirmedCount: 6 }),
      member({ shippingAmount: 500, holdAmount: 5700 }),
      'Open',
      [
        'Holding $57.00 on your card.',
        "At today's price you pay $51.00, $5.00 shipping included; you never pay more than the hold.",
      ],
    ],
    [
      'won with shipping: the saving is on the goods, not the shipping',
      at(usd, { status: 'won', confirmedCount: 6, finalUnitPrice: 2300 }),
      member({ status: 'captured', shippingAmount: 500, holdAmount: 5700, chargeAmount: 5100 }),
      'Won',
      ['Charged $51.00; you saved $14.00 on the list price.', 'The other $6.00 of your hold was released.'],
    ],
    [
      'closing, going ahead',
      at(usd, { status: 'closing', confirmedCount: 6, finalUnitPrice: 2300 }),
      member({}),
      'Closing',
      ['The group has closed; we are charging $46.00 of your $52.00 hold.'],
    ],
    [
      'won: charged, saved against the list price, the rest of the hold released',
      at(usd, { status: 'won', confirmedCount: 6, finalUnitPrice: 2300 }),
      member({ status: 'captured', chargeAmount: 4600 }),
      'Won',
      ['Charged $46.00; you saved $14.00 on the list price.', 'The other $6.00 of your hold was released.'],
    ],
    [
      'won and partly refunded: the refund is not a saving',
      at(usd, { status: 'won', confirmedCount: 3, finalUnitPrice: 2600 }),
      member({ status: 'captured', chargeAmount: 5200, refundedAmount: 2000 }),
      'Won',
      ['Charged $52.00; you saved $8.00 on the list price.', 'Refunded $20.00.'],
    ],
    [
      'refunded in full',
      at(jpy, { status: 'won', confirmedCount: 2, finalUnitPrice: 980 }),
      member({
        status: 'captured',
        quantity: 1,
        unitPriceAtJoin: 980,
        holdAmount: 980,
        chargeAmount: 980,
        refundedAmount: 980,
      }),
      'Refunded',
      ['Charged ¥980.', 'Refunded in full: ¥980.'],
    ],
    [
      'released: the group did not go ahead',
      at(usd, { status: 'failed', confirmedCount: 2, closeReason: 'deadline' }),
      member({ status: 'released' }),
      'Did not go ahead',
      ['Not enough people joined; your hold was released and you paid nothing.'],
    ],
    [
      'released: ended early by the merchant',
      at(usd, { status: 'failed', confirmedCount: 2, closeReason: 'merchant' }),
      member({ status: 'released' }),
      'Ended early',
      ['The merchant ended the group early; your hold was released and you paid nothing.'],
    ],
    [
      'released: canceled',
      at(usd, { status: 'canceled', closeReason: 'canceled' }),
      member({ status: 'released' }),
      'Canceled',
      ['The group was canceled; your hold was released and you paid nothing.'],
    ],
    [
      'left',
      at(usd, { confirmedCount: 2 }),
      member({ status: 'left' }),
      'Left',
      ['You left this group; your hold of $52.00 was released.'],
    ],
    [
      'declined',
      usd,
      member({ status: 'failed' }),
      'Card declined',
      ['Your card could not be held or charged, so you were not charged.'],
    ],
    [
      'expired',
      usd,
      member({ status: 'expired' }),
      'Expired',
      ['Your card hold was never confirmed, so your seat was freed; you were not charged.'],
    ],
  ])('%s', (_n, f, v, label, sentences) => {
    const words = viewerOutcomeWords(w, f, v);
    expect(words.label).toBe(label);
    expect(words.sentences).toEqual(sentences);
  });

  it('counts a refund apart from the saving', () => {
    const won = at(usd, { status: 'won', confirmedCount: 3, finalUnitPrice: 2600 });
    expect(
      viewerOutcome(won, member({ status: 'captured', chargeAmount: 5200, refundedAmount: 2000 })),
    ).toEqual({
      kind: 'charged',
      charged: 5200,
      released: 0,
      refunded: 2000,
      savedVsList: 800,
      fullyRefunded: false,
    });
  });
});

describe('merchant member status', () => {
  it.each([
    [
      { status: 'captured' as const, chargeAmount: 7000, refundedAmount: 2000 },
      'USD',
      'Refunded $20.00 of $70.00',
    ],
    [
      { status: 'captured' as const, chargeAmount: 7000, refundedAmount: 7000 },
      'USD',
      'Refunded in full, $70.00',
    ],
    [{ status: 'captured' as const, chargeAmount: 980, refundedAmount: 0 }, 'JPY', null],
    [{ status: 'released' as const, chargeAmount: null, refundedAmount: 0 }, 'JPY', null],
  ])('%o → %s', (m, cur, label) => {
    expect(memberMoneyLabel(w, m, cur)).toBe(label);
  });
});

describe('deal and share sentences', () => {
  it('says the window with the right plural', () => {
    expect(dealWindowSentence(w, 2 * 86_400, 1)).toMatch(/^A group has 2 days to reach 1 person\. /);
    expect(dealWindowSentence(w, 3600, 3)).toMatch(/^A group has 1 hour to reach 3 people\. /);
  });

  it('words deal cards with plurals and no 0% saving', () => {
    expect(openGroupsLine(w, 0)).toBe('Be the first to open a group');
    expect(openGroupsLine(w, 1)).toBe('1 open group to join');
    expect(openGroupsLine(w, 4)).toBe('4 open groups to join');
    expect(dealSaveBadge(w, 0)).toBeNull();
    expect(dealSaveBadge(w, 33)).toBe('Save up to 33%');
    expect(dealBestPriceLine(w, 780, 'JPY')).toBe('Down to ¥780 each');
    expect(dealMetaDescription(w, 1990, 'USD', 0, 'A mug.')).toBe(
      'Buy with friends: down to $19.90 each. A mug.',
    );
  });

  it('shares what is true now, and no invitation once closed', () => {
    expect(shareText(w, 'Mug', at(usd, { confirmedCount: 1 }), '5 h')).toBe(
      'Join my group for Mug: 2 more people needed to go ahead at $26.00; at 6, $23.00. Ends in 5 h.',
    );
    expect(shareText(w, 'Mug', at(usd, { status: 'failed', confirmedCount: 1 }), null)).toBe(
      'My group for Mug has closed. Did not reach 3 people (1 joined); every hold was released.',
    );
  });
});

describe('in Chinese and Japanese', () => {
  const zh = wordsFor('zh-CN');
  const ja = wordsFor('ja');

  it('counts people the way each language does (no plural forms, "还差 3 人" / "あと3人")', () => {
    expect(people(zh, 1)).toBe('1 人');
    expect(morePeople(zh, 3)).toBe('还差 3 人');
    expect(people(ja, 3)).toBe('3人');
    expect(morePeople(ja, 3)).toBe('あと3人');
  });

  it('writes money as each locale does: JP¥980 in Chinese, ￥980 in Japanese', () => {
    expect(groupHeadline(zh, jpy)).toBe('还差 1 人成团，每件 JP¥980；满 4 人每件 JP¥780');
    expect(groupHeadline(ja, jpy)).toBe('あと1人集まれば1点￥980で成立（4人なら￥780）');
    expect(ladderLine(zh, jpy.tiers, 'JPY')).toBe('JP¥980 → 满 4 人 JP¥780');
    expect(ladderLine(ja, jpy.tiers, 'JPY')).toBe('￥980 → 4人で￥780');
  });

  it.each<[string, GroupFacts, string, string]>([
    [
      'empty, below the minimum',
      usd,
      '满 3 人成团，每件 US$26.00；满 6 人每件 US$23.00',
      '3人集まれば1点$26.00で成立（6人なら$23.00）',
    ],
    [
      'at a bracket',
      at(jpy, { confirmedCount: 2 }),
      '现价每件 JP¥980；再来 2 人降至 JP¥780',
      '現在1点￥980。あと2人で￥780に',
    ],
    [
      'at the best price',
      at(usd, { confirmedCount: 12 }),
      '现价每件 US$19.90，已是最低价',
      '現在1点$19.90（最安値）',
    ],
    [
      'won when full',
      at(jpy, { status: 'won', confirmedCount: 4, finalUnitPrice: 780, closeReason: 'full' }),
      '已满员，按每件 JP¥780 成团',
      '満員になり、1点￥780で成立しました',
    ],
    [
      'failed at the deadline',
      at(usd, { status: 'failed', confirmedCount: 1, closeReason: 'deadline' }),
      '未凑满 3 人（1 人参团），未能成团；所有预授权已释放',
      '3人に届きませんでした（参加1人）。すべての仮押さえは解除されました',
    ],
  ])('says where the group stands: %s', (_name, f, zhText, jaText) => {
    expect(groupHeadline(zh, f)).toBe(zhText);
    expect(groupHeadline(ja, f)).toBe(jaText);
  });

  it('tells the viewer their hold in their language, never more than they were shown', () => {
    const v = member({});
    expect(viewerOutcomeWords(zh, at(usd, { confirmedCount: 6 }), v).sentences).toEqual([
      '你的银行卡上已冻结 US$52.00。',
      '按当前价格你需支付 US$46.00；扣款绝不超过冻结金额。',
    ]);
    expect(viewerOutcomeWords(ja, at(usd, { confirmedCount: 6 }), v)).toMatchObject({
      label: '募集中',
      sentences: [
        'カードで$52.00を仮押さえしています。',
        '現在の価格でのお支払いは$46.00です。仮押さえ額を超えて請求されることはありません。',
      ],
    });
  });

  it('words the deal page and badges', () => {
    expect(savingsBadge(zh, usd)).toBe('省 13%');
    expect(savingsBadge(ja, usd)).toBe('13%オフ');
    expect(dealBestPriceLine(ja, 780, 'JPY')).toBe('最安1点￥780');
    expect(openGroupsLine(zh, 4)).toBe('4 个拼团可加入');
    expect(dealWindowSentence(zh, 2 * 86_400, 3)).toMatch(/^每个团需在 2天内凑满 3 人。/);
    expect(dealWindowSentence(ja, 2 * 86_400, 3)).toMatch(
      /^グループの募集期間は2日間で、3人集まれば成立します。/,
    );
  });

  it('shares what is true now, in the sharer’s language', () => {
    expect(shareText(zh, '草莓', at(jpy, { confirmedCount: 2 }), '5小时')).toBe(
      '和我一起拼「草莓」：现价每件 JP¥980；再来 2 人降至 JP¥780。还剩 5小时。',
    );
    expect(shareText(ja, 'あまおう', at(jpy, { status: 'failed', confirmedCount: 1 }), null)).toBe(
      '「あまおう」のグループは締め切りました。2人に届きませんでした（参加1人）。すべての仮押さえは解除されました。',
    );
  });
});
