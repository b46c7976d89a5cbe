// Words per payment kind (DESIGN rule 12, issue 16): a saved card is not a hold. For every outcome a
// member can be in, the saved-card words never speak of a hold, say the most charged at close, and say
// the card was removed (nothing charged) when the group does not go ahead or the member leaves.
import { describe, expect, it } from 'vitest';
import type { MemberStatus } from '@/db/schema/statuses';
import {
  dealWindowSentence,
  groupHeadline,
  groupMetaDescription,
  viewerOutcome,
  viewerOutcomeWords,
  type GroupFacts,
  type ViewerFacts,
} from './group-words';
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
  paymentKind: 'saved_card',
  ...o,
});

// [what, group, member status, member overrides, expected English sentences, expected label]
const table: [string, GroupFacts, MemberStatus, Partial<ViewerFacts>, string[], string][] = [
  [
    'confirming',
    open,
    'reserved',
    {},
    [
      'Your seat is reserved while we confirm your card. Nothing is held now; we charge at most $52.00 when the group closes.',
    ],
    'Confirming card',
  ],
  [
    'saved, below the minimum',
    at({ confirmedCount: 1 }),
    'authorized',
    {},
    [
      'Your card is saved; nothing is held now. We charge at most $52.00 when the group closes.',
      'If the group does not go ahead, your saved card is removed and you pay nothing.',
    ],
    'Open',
  ],
  [
    'saved, at a bracket',
    at({ confirmedCount: 4 }),
    'authorized',
    {},
    [
      'Your card is saved; nothing is held now. We charge at most $52.00 when the group closes.',
      "At today's price we would charge $46.00 when the group closes.",
    ],
    'Open',
  ],
  [
    'saved, with shipping',
    at({ confirmedCount: 4 }),
    'authorized',
    { shippingAmount: 500, holdAmount: 5700 },
    [
      'Your card is saved; nothing is held now. We charge at most $57.00 when the group closes.',
      "At today's price we would charge $51.00 when the group closes, $5.00 shipping included.",
    ],
    'Open',
  ],
  [
    'closing, won',
    at({ status: 'closing', finalUnitPrice: 2300, confirmedCount: 4 }),
    'authorized',
    {},
    ['The group has closed; we are charging $46.00 to your saved card.'],
    'Closing',
  ],
  [
    'closing, failed',
    at({ status: 'closing', confirmedCount: 1 }),
    'authorized',
    {},
    ['The group has closed; nothing is charged and your saved card is being removed.'],
    'Closing',
  ],
  [
    'charged',
    at({ status: 'won', finalUnitPrice: 2300, confirmedCount: 4 }),
    'captured',
    { chargeAmount: 4600 },
    ['Charged $46.00; you saved $14.00 on the list price.'],
    'Won',
  ],
  [
    'group failed',
    at({ status: 'failed', confirmedCount: 1 }),
    'released',
    {},
    ['Not enough people joined; nothing was charged and your saved card was removed.'],
    'Did not go ahead',
  ],
  [
    'group canceled',
    at({ status: 'canceled', closeReason: 'canceled' }),
    'released',
    {},
    ['The group was canceled; nothing was charged and your saved card was removed.'],
    'Canceled',
  ],
  [
    'left',
    open,
    'left',
    {},
    ['You left this group; nothing was charged and your saved card was removed.'],
    'Left',
  ],
  [
    'declined',
    open,
    'failed',
    {},
    ['Your card could not be saved, so you were not charged.'],
    'Card declined',
  ],
  [
    'expired',
    open,
    'expired',
    {},
    ['Your card was never confirmed, so your seat was freed; you were not charged.'],
    'Expired',
  ],
];

describe('a saved card in words', () => {
  it.each(table)('%s', (_what, f, status, o, sentences, label) => {
    const words = viewerOutcomeWords(en, f, viewer(status, o));
    expect(words.sentences).toEqual(sentences);
    expect(words.label).toBe(label);
    for (const s of words.sentences) expect(s.toLowerCase()).not.toMatch(/\bhold|\bheld\b(?! now)/);
  });

  it('a charged saved card has no "rest of the hold released"', () => {
    const o = viewerOutcome(
      at({ status: 'won', finalUnitPrice: 2300, confirmedCount: 4 }),
      viewer('captured', { chargeAmount: 4600 }),
    );
    expect(o).toMatchObject({ kind: 'charged', charged: 4600, released: 0 });
  });

  it('a hold keeps its own words (no payment kind means a hold)', () => {
    const f = at({ confirmedCount: 4 });
    const hold = viewerOutcomeWords(en, f, viewer('authorized', { paymentKind: undefined }));
    expect(hold.sentences[0]).toBe('Holding $52.00 on your card.');
    const explicit = viewerOutcomeWords(en, f, viewer('authorized', { paymentKind: 'hold' }));
    expect(explicit).toEqual(hold);
  });

  it.each(['zh-CN', 'ja'] as const)('%s has its own saved-card sentences for every outcome', (locale) => {
    const w = wordsFor(locale);
    for (const [, f, status, o] of table) {
      const saved = viewerOutcomeWords(w, f, viewer(status, o));
      expect(saved.sentences.length).toBeGreaterThan(0);
      for (const s of saved.sentences) expect(s).not.toMatch(/预授权|仮押さえの|仮押さえは解除/);
    }
  });
});

describe('the deal page on its window', () => {
  it('says a hold up to 6 days and a saved card beyond, never a hold for a long window', () => {
    expect(dealWindowSentence(en, 2 * 24 * 3600, 3)).toMatch(/Joining places a card hold/);
    const long = dealWindowSentence(en, 14 * 24 * 3600, 3);
    expect(long).toBe(
      'A group has 14 days to reach 3 people. Joining saves your card and holds nothing; when the group closes you are charged its price, and if it falls short your card is removed and nobody pays.',
    );
  });
});

describe('a long-window group in words', () => {
  const saved = (o: Partial<GroupFacts>): GroupFacts => at({ paymentMode: 'save_card', ...o });
  it.each([
    [{ status: 'failed', confirmedCount: 1 }, 'Did not reach 2 people (1 joined); nobody was charged'],
    [
      { status: 'canceled', closeReason: 'canceled' },
      'Canceled; nobody was charged and saved cards were removed',
    ],
    [{ status: 'closing', confirmedCount: 1 }, 'Closed without enough people; nobody is charged'],
    [
      { status: 'closing', closeReason: 'canceled' },
      'Canceled; nobody is charged and saved cards are being removed',
    ],
    [
      { maxMembers: 3, seatsTaken: 3, confirmedCount: 2 },
      'Every seat is taken at $26.00 each; waiting for the last cards to be saved',
    ],
  ] as [Partial<GroupFacts>, string][])('%o → %s', (o, sentence) => {
    expect(groupHeadline(en, saved(o))).toBe(sentence);
    expect(groupHeadline(en, at(o))).toMatch(/hold/);
  });

  it('the meta description promises a saved card charged at close, not a hold', () => {
    const d = groupMetaDescription(en, saved({}), 3600_000);
    expect(d).toMatch(/Join with a saved card, charged when the group closes/);
    expect(d).not.toMatch(/hold/);
  });
});
