// Words that are true (DESIGN rule 12): every sentence a shopper or merchant reads about a group's price,
// progress and outcome, decided from facts in one pure module and phrased from the `group.words` and `time`
// catalogs (DESIGN rule 16) in the reader's language. Safe in the browser: no env, no zod, no I/O, no
// catalogs of its own (the translators come in `w`). Edit when a surface needs a new sentence (its English
// goes into messages/en/group.json first); never build a sentence from fragments somewhere else.
//
// Every function that returns words takes `w: Words` first: the reader's locale and translators.
//   server code:      wordsFor(locale)   (server/share/words-for.ts; it loads the catalogs)
//   client components: useWords()        (app/_components/use-words.ts; the provider's messages)
// groupMoment and viewerOutcome return facts, not words, and take no `w`.
//
// API for the pages (the word functions take `w` before the arguments listed; English shown):
//   groupMoment(f)               → what is true of the group now (a union; the facts every sentence uses)
//   groupHeadline(f)             → "2 more people needed to go ahead at $26.00; at 6, $23.00"
//   groupShortLine(f)            → the same for a card or a badge: "2 more people needed to go ahead at $26.00"
//   groupPageTitle(title, f)     → meta title, e.g. "Mug: $26.00 each if 3 people join"
//   groupMetaDescription(f, ms) → the group page's meta description
//   ladderLine(tiers, currency)  → "$26.00 → $23.00 at 6 → $19.90 at 10"
//   ladderSteps(f)               → one entry per bracket with its price, people and state (for a ladder UI)
//   savingsBadge(f)              → "Save 20%" or null (never for a failed or canceled group)
//   viewerOutcome(f, v)          → where the viewer stands (a union of money facts)
//   viewerOutcomeWords(f, v)     → { label, sentences[] } for that outcome
//   memberMoneyLabel(m, cur)     → "Refunded $20.00 of $70.00" for a merchant's member row, or null
//   priceEach, dealBestPriceLine, dealSaveBadge, dealMetaDescription, openGroupsLine, joinedCount: deal page and cards
//   dealWindowSentence(secs, min) → "A group has 2 days to reach 1 person. Joining places a card hold; …"
//   shareText(title, f, left, r) → the chat-ready message without its link (r: the sharer-opener's reward)
//   scanCallToAction(f)         → "Scan to join the group" (poster)
//   endsInSentence(ms)          → "Ends in 5 h" / "Closing now"
//   people(n) / morePeople(n)    → "1 person" / "3 people", "1 more person" / "2 more people"
//   outcomeLabel(key), shareSubject(title): a viewer's outcome badge, the e-mail subject of a share
//   dealOpenerRewardLine(cur, r) → "Open a group: if it reaches 6 people, yours is free." (deal page)
//   openerRewardWords(f, r, mine) → the opener's promise while it can come true, or "Your opener reward: $5.00 off."
//   commissionSentence(bps, days) → a member's commission terms ("… earn you 10% of what they pay, …")
//
// Decisions (where the issue and DESIGN are silent):
// - Below the minimum the price is conditional: "N people needed to go ahead at $X", followed by the next
//   bracket ("; at 6, $Y") when there is one. "Unlock" is said only of a bracket cheaper than today's.
// - "Saved" is against the list price (the deal's headline: list × quantity − charge). The part of a hold
//   that was not charged is said separately as released ("the other $5.00 of your hold was released"),
//   and a refund is said separately again ("Refunded $20.00"). A refund is never counted as saving, and a
//   purchase refunded in full claims no saving at all.
// - A group is "ended early" when its close reason is 'merchant'; "filled up" when it is 'full'.
// - A listed group counts only confirmed members; reservations whose card is still being confirmed do not
//   move the price, so they do not change the words either.
// - Plurals are the catalog's ICU plurals (English one/other; Chinese and Japanese have only other), and
//   money is Intl in the reader's locale: ¥980 (en), JP¥980 (zh-CN), ￥980 (ja).
import type { createTranslator } from 'use-intl/core';
import type { GroupStatus, MemberStatus, PaymentKind, PaymentMode } from '@/db/schema/statuses';
import type { Locale } from '@/i18n/locales';
import type { Messages } from '@/i18n/messages';
import { formatMoney } from '@/server/pricing/currency';
import { paymentModeFor } from '@/server/pricing/payment-mode';
import { savings } from '@/server/pricing/price';
import { formatDuration, formatTimeLeft } from './time-left';

/** The reader's language: their locale (Intl money) and translators for the `group` and `time` catalogs. */
export type Words = {
  locale: Locale;
  group: ReturnType<typeof createTranslator<Messages, 'group'>>;
  time: ReturnType<typeof createTranslator<Messages, 'time'>>;
};

/** One bracket: `unitPrice` (minor units) applies from `minMembers` confirmed members. */
export type WordsTier = { minMembers: number; unitPrice: number };

/** Why a group closed (the group row's close reason). */
export type CloseReasonWord = 'deadline' | 'full' | 'merchant' | 'canceled';

/** What every group sentence is decided from. */
export type GroupFacts = {
  currency: string;
  listPrice: number;
  /** Sorted by minMembers, as validated on save (LadderStep[] fits too). */
  tiers: readonly WordsTier[];
  confirmedCount: number;
  status: GroupStatus;
  closeReason?: string | null;
  /** The price fixed at close when the group went ahead. */
  finalUnitPrice?: number | null;
  /** With seatsTaken: an open group at capacity is said to be full. */
  maxMembers?: number;
  seatsTaken?: number;
  /** save_card (a long window): cards are saved and charged at close, nothing is held (a hold when absent). */
  paymentMode?: PaymentMode;
};

/** The viewer's own membership. */
export type ViewerFacts = {
  status: MemberStatus;
  quantity: number;
  unitPriceAtJoin: number;
  /** Shipping fixed at join (in the hold and the charge); 0 or absent when nothing ships. */
  shippingAmount?: number;
  holdAmount: number;
  chargeAmount: number | null;
  refundedAmount: number;
  /** How the member pays (a hold when absent): the words for a saved card or a wallet paid now differ. */
  paymentKind?: PaymentKind;
};

type Bracket = { minMembers: number; unitPrice: number };
type Early = 'merchant' | 'full' | null;

/** What is true of a group now; every group sentence is phrased from one of these. */
export type GroupMoment =
  /** Open, below the minimum: nobody pays unless `needed` more confirm. `then` is the bracket after the first. */
  | {
      kind: 'gathering';
      joined: number;
      needed: number;
      price: number;
      minMembers: number;
      then: Bracket | null;
    }
  /** Open at a bracket; `next` is the next cheaper one, or null at the best price. */
  | { kind: 'bracket'; price: number; next: (Bracket & { needed: number }) | null }
  /** Open and every seat taken: it closes at the current price. */
  /** Open and every seat taken; it closes now once every taken seat's card is confirmed (`allConfirmed`). */
  | { kind: 'full'; price: number; goesAhead: boolean; allConfirmed: boolean }
  /** Closed, settling the holds. */
  | { kind: 'closing'; outcome: 'won' | 'failed' | 'canceled'; price: number | null; early: Early }
  | { kind: 'won'; price: number; early: Early }
  | { kind: 'failed'; joined: number; minMembers: number; early: Early }
  | { kind: 'canceled' };

/** "1 person", "3 people" / "3 人" / "3人" (the catalog's plural rules). */
export function people(w: Words, n: number): string {
  return w.group('words.people', { count: n });
}

/** "1 more person", "2 more people" / "还差 2 人" / "あと2人". */
export function morePeople(w: Words, n: number): string {
  return w.group('words.morePeople', { count: n });
}

function sorted(tiers: readonly WordsTier[]): Bracket[] {
  return [...tiers]
    .map((t) => ({ minMembers: t.minMembers, unitPrice: t.unitPrice }))
    .sort((a, b) => a.minMembers - b.minMembers);
}

function early(reason: string | null | undefined): Early {
  return reason === 'merchant' || reason === 'full' ? reason : null;
}

function bracketAt(tiers: Bracket[], n: number): { index: number; price: number } {
  let index = -1;
  tiers.forEach((t, i) => {
    if (t.minMembers <= n) index = i;
  });
  return { index, price: (tiers[Math.max(index, 0)] ?? { unitPrice: 0 }).unitPrice };
}

/** What is true of the group now, from its tiers, count, status and close. */
export function groupMoment(f: GroupFacts): GroupMoment {
  const tiers = sorted(f.tiers);
  const first = tiers[0];
  if (!first) throw new RangeError('A group needs at least one price bracket');
  const n = f.confirmedCount;
  const at = bracketAt(tiers, n);
  const reached = at.index >= 0;
  const decided = f.finalUnitPrice ?? null;
  const why = early(f.closeReason);
  switch (f.status) {
    case 'canceled':
      return { kind: 'canceled' };
    case 'won':
      return { kind: 'won', price: decided ?? at.price, early: why };
    case 'failed':
      return { kind: 'failed', joined: n, minMembers: first.minMembers, early: why };
    case 'closing': {
      const outcome = f.closeReason === 'canceled' ? 'canceled' : decided !== null ? 'won' : 'failed';
      return { kind: 'closing', outcome, price: outcome === 'won' ? decided : null, early: why };
    }
    case 'open':
      break;
  }
  if (f.maxMembers !== undefined && f.seatsTaken !== undefined && f.seatsTaken >= f.maxMembers)
    return { kind: 'full', price: at.price, goesAhead: reached, allConfirmed: n >= f.maxMembers };
  if (!reached) {
    return {
      kind: 'gathering',
      joined: n,
      needed: first.minMembers - n,
      price: first.unitPrice,
      minMembers: first.minMembers,
      then: tiers[1] ?? null,
    };
  }
  const next = tiers[at.index + 1];
  return {
    kind: 'bracket',
    price: at.price,
    // Tiers are strictly cheaper upward once validated; a bracket that is not cheaper is not announced.
    next: next && next.unitPrice < at.price ? { ...next, needed: Math.max(0, next.minMembers - n) } : null,
  };
}

const money = (w: Words, f: { currency: string }, minor: number) => formatMoney(minor, f.currency, w.locale);

function neededSentence(
  w: Words,
  m: Extract<GroupMoment, { kind: 'gathering' }>,
  currency: string,
  withThen: boolean,
): string {
  const price = formatMoney(m.price, currency, w.locale);
  const then = withThen ? m.then : null;
  const args = { count: m.needed, price };
  if (then === null)
    return w.group(m.joined === 0 ? 'words.headline.needFirst' : 'words.headline.needMore', args);
  return w.group(m.joined === 0 ? 'words.headline.needFirstThen' : 'words.headline.needMoreThen', {
    ...args,
    thenMembers: then.minMembers,
    thenPrice: formatMoney(then.unitPrice, currency, w.locale),
  });
}

/** The one sentence that says where the group stands, e.g. "2 more people needed to go ahead at $26.00; at 6, $23.00". */
export function groupHeadline(w: Words, f: GroupFacts): string {
  const m = groupMoment(f);
  const $ = (n: number) => money(w, f, n);
  // A long window saved cards: nothing is held, so nothing is "released" (DESIGN rule 12).
  const saved = f.paymentMode === 'save_card';
  switch (m.kind) {
    case 'gathering':
      return neededSentence(w, m, f.currency, true);
    case 'bracket':
      return m.next
        ? w.group('words.headline.unlock', {
            price: $(m.price),
            count: m.next.needed,
            nextPrice: $(m.next.unitPrice),
          })
        : w.group('words.headline.best', { price: $(m.price) });
    case 'full':
      if (!m.allConfirmed)
        return m.goesAhead
          ? w.group(saved ? 'words.headline.savedCard.fullWaiting' : 'words.headline.fullWaiting', {
              price: $(m.price),
            })
          : w.group(saved ? 'words.headline.savedCard.fullWaitingShort' : 'words.headline.fullWaitingShort');
      return m.goesAhead
        ? w.group('words.headline.full', { price: $(m.price) })
        : w.group('words.headline.fullShort');
    case 'closing':
      return closingSentence(w, f, m);
    case 'won':
      return w.group(
        m.early === 'merchant'
          ? 'words.headline.wonMerchant'
          : m.early === 'full'
            ? 'words.headline.wonFull'
            : 'words.headline.won',
        { price: $(m.price) },
      );
    case 'failed':
      return m.early === 'merchant'
        ? w.group(saved ? 'words.headline.savedCard.failedMerchant' : 'words.headline.failedMerchant', {
            min: m.minMembers,
          })
        : w.group(saved ? 'words.headline.savedCard.failed' : 'words.headline.failed', {
            min: m.minMembers,
            joined: m.joined,
          });
    case 'canceled':
      return w.group(saved ? 'words.headline.savedCard.canceled' : 'words.headline.canceled');
  }
}

function closingSentence(w: Words, f: GroupFacts, m: Extract<GroupMoment, { kind: 'closing' }>): string {
  const saved = f.paymentMode === 'save_card';
  if (m.outcome === 'canceled')
    return w.group(saved ? 'words.headline.savedCard.closingCanceled' : 'words.headline.closingCanceled');
  if (m.outcome === 'won' && m.price !== null)
    return w.group(
      m.early === 'merchant' ? 'words.headline.closingWonMerchant' : 'words.headline.closingWon',
      { price: money(w, f, m.price) },
    );
  if (saved)
    return w.group(
      m.early === 'merchant'
        ? 'words.headline.savedCard.closingFailedMerchant'
        : 'words.headline.savedCard.closingFailed',
    );
  return w.group(
    m.early === 'merchant' ? 'words.headline.closingFailedMerchant' : 'words.headline.closingFailed',
  );
}

/** A shorter headline for cards and lists: the need or the next price, without the bracket after it. */
export function groupShortLine(w: Words, f: GroupFacts): string {
  const m = groupMoment(f);
  if (m.kind === 'gathering') return neededSentence(w, m, f.currency, false);
  if (m.kind === 'bracket' && m.next)
    return w.group('words.shortUnlock', {
      price: money(w, f, m.price),
      count: m.next.needed,
      nextPrice: money(w, f, m.next.unitPrice),
    });
  return groupHeadline(w, f);
}

/** The page title for a group: the price and the condition it holds under. */
export function groupPageTitle(w: Words, productTitle: string, f: GroupFacts): string {
  const m = groupMoment(f);
  const title = productTitle;
  switch (m.kind) {
    case 'gathering':
      return w.group('words.title.gathering', { title, price: money(w, f, m.price), count: m.minMembers });
    case 'bracket':
    case 'full':
      return w.group('words.title.open', { title, price: money(w, f, m.price) });
    case 'won':
      return w.group('words.title.won', { title, price: money(w, f, m.price) });
    case 'closing':
    case 'failed':
    case 'canceled':
      return w.group('words.title.closed', { title });
  }
}

/** The page's meta description: where it stands, who joined, time left, and the promise of a hold. */
export function groupMetaDescription(w: Words, f: GroupFacts, msLeft: number): string {
  const m = groupMoment(f);
  const list = money(w, f, f.listPrice);
  const headline = groupHeadline(w, f);
  if (m.kind === 'gathering' || m.kind === 'bracket')
    return w.group(f.paymentMode === 'save_card' ? 'words.meta.openSavedCard' : 'words.meta.open', {
      headline,
      joined: f.confirmedCount,
      endsIn: endsInSentence(w, msLeft),
      list,
    });
  return w.group('words.meta.closed', { headline, list });
}

/** The whole ladder on one line: "$26.00 → $23.00 at 6 → $19.90 at 10". */
export function ladderLine(w: Words, tiers: readonly WordsTier[], currency: string): string {
  const f = { currency, listPrice: 0, tiers, confirmedCount: 0, status: 'open' as const };
  return ladderSteps(w, f)
    .map((s) => s.short)
    .join(' → ');
}

/** One bracket of the ladder in words: reached, the current one, or how many more people it needs. */
export type LadderStepWords = {
  minMembers: number;
  unitPrice: number;
  price: string;
  /** "from 6 people" */
  from: string;
  /** The step as ladderLine writes it: "$26.00" for the first, "$23.00 at 6" after. */
  short: string;
  state: 'reached' | 'current' | 'ahead';
  /** "3 more people" while ahead; null once reached. */
  needed: string | null;
};

/** Every bracket as a step for a ladder UI (the current one lit, the rest with how many more). */
export function ladderSteps(w: Words, f: GroupFacts): LadderStepWords[] {
  const tiers = sorted(f.tiers);
  const current = bracketAt(tiers, f.confirmedCount).index;
  return tiers.map((t, i) => {
    const missing = t.minMembers - f.confirmedCount;
    const price = money(w, f, t.unitPrice);
    return {
      minMembers: t.minMembers,
      unitPrice: t.unitPrice,
      price,
      from: w.group('words.ladder.from', { count: t.minMembers }),
      short: i === 0 ? price : w.group('words.ladder.at', { price, members: t.minMembers }),
      state: i === current ? 'current' : missing <= 0 ? 'reached' : 'ahead',
      needed: missing > 0 ? morePeople(w, missing) : null,
    };
  });
}

/** "Save 20%" against the list price at today's (or the final) price, or null when it saves nothing or the group did not go ahead. */
export function savingsBadge(w: Words, f: GroupFacts): string | null {
  const m = groupMoment(f);
  const price =
    m.kind === 'gathering' || m.kind === 'bracket' || m.kind === 'won'
      ? m.price
      : m.kind === 'full' && m.goesAhead
        ? m.price
        : m.kind === 'closing' && m.outcome === 'won'
          ? m.price
          : null;
  if (price === null) return null;
  const { percent } = savings(f.listPrice, price);
  return percent > 0 ? w.group('words.saveBadge', { percent }) : null;
}

/** Where the viewer stands, as money facts. */
export type ViewerOutcome =
  | { kind: 'confirming'; hold: number }
  /** Open group, hold in place. `payNow` is what they would pay at today's price, null below the minimum. */
  | { kind: 'holding'; hold: number; payNow: number | null; shipping: number }
  /** The group closed; their hold is being captured (`charge`) or released (charge null). */
  | { kind: 'settling'; hold: number; charge: number | null }
  /** Charged; `released` is the part of the hold never charged; `refunded` comes back separately. */
  | {
      kind: 'charged';
      charged: number;
      released: number;
      refunded: number;
      savedVsList: number;
      fullyRefunded: boolean;
    }
  | { kind: 'released'; why: 'failed' | 'merchant' | 'canceled' | 'other'; hold: number }
  /** The group won but the charge at close was refused: `due` is owed until the fix window ends. */
  | { kind: 'paymentDue'; due: number }
  | { kind: 'left'; hold: number }
  | { kind: 'declined' }
  | { kind: 'expired' };

/** The viewer's outcome from the group's facts and their own membership. */
export function viewerOutcome(f: GroupFacts, v: ViewerFacts): ViewerOutcome {
  const m = groupMoment(f);
  const shipping = v.shippingAmount ?? 0;
  switch (v.status) {
    case 'reserved':
      return { kind: 'confirming', hold: v.holdAmount };
    case 'authorized': {
      if (m.kind === 'gathering' || m.kind === 'bracket' || m.kind === 'full') {
        const goesAhead = m.kind === 'bracket' || (m.kind === 'full' && m.goesAhead);
        return {
          kind: 'holding',
          hold: v.holdAmount,
          payNow: goesAhead ? Math.min(m.price, v.unitPriceAtJoin) * v.quantity + shipping : null,
          shipping,
        };
      }
      const price = m.kind === 'won' || m.kind === 'closing' ? (m.price ?? null) : null;
      return {
        kind: 'settling',
        hold: v.holdAmount,
        charge: price === null ? null : Math.min(price, v.unitPriceAtJoin) * v.quantity + shipping,
      };
    }
    case 'payment_due': {
      const price = m.kind === 'won' || m.kind === 'closing' ? (m.price ?? null) : null;
      const due = price === null ? v.holdAmount : Math.min(price, v.unitPriceAtJoin) * v.quantity + shipping;
      return { kind: 'paymentDue', due: Math.min(due, v.holdAmount) };
    }
    case 'captured': {
      const charged = v.chargeAmount ?? 0;
      const refunded = Math.min(v.refundedAmount, charged);
      const fullyRefunded = charged > 0 && refunded >= charged;
      // A wallet paid now: `charged` is what was paid at join; the difference refunded at close is not part
      // of the price.
      const net = v.paymentKind === 'paid_now' ? charged - refunded : charged;
      return {
        kind: 'charged',
        charged,
        // A saved card or a wallet paid now held nothing: there is no rest to release (only a hold has one).
        released:
          v.paymentKind === 'saved_card' || v.paymentKind === 'paid_now'
            ? 0
            : Math.max(0, v.holdAmount - charged),
        refunded,
        // Saving is on the goods: shipping is not part of the list price.
        savedVsList: fullyRefunded ? 0 : Math.max(0, f.listPrice * v.quantity - (net - shipping)),
        fullyRefunded,
      };
    }
    case 'released':
      return {
        kind: 'released',
        hold: v.holdAmount,
        why:
          m.kind === 'canceled' || (m.kind === 'closing' && m.outcome === 'canceled')
            ? 'canceled'
            : m.kind === 'failed' || (m.kind === 'closing' && m.outcome === 'failed')
              ? m.early === 'merchant'
                ? 'merchant'
                : 'failed'
              : 'other',
      };
    case 'left':
      return { kind: 'left', hold: v.holdAmount };
    case 'failed':
      return { kind: 'declined' };
    case 'expired':
      return { kind: 'expired' };
  }
}

/** The viewer's outcome in words: a short label and whole sentences, in reading order. */
export function viewerOutcomeWords(
  w: Words,
  f: GroupFacts,
  v: ViewerFacts,
): { label: string; tone: 'good' | 'waiting' | 'neutral' | 'problem'; sentences: string[] } {
  const o = viewerOutcome(f, v);
  const $ = (n: number) => money(w, f, n);
  const label = (k: Parameters<typeof outcomeLabel>[1]) => outcomeLabel(w, k);
  // A saved card (long windows) is not a hold (DESIGN rule 12): nothing is held, the card is charged at close.
  if (v.paymentKind === 'saved_card') {
    const saved = savedCardWords(w, o, $);
    if (saved) return saved;
  }
  // A wallet paid now (WeChat Pay) is not a hold either: the money was paid, and what comes back is a refund.
  if (v.paymentKind === 'paid_now') {
    const paid = paidNowWords(w, f, v, o, $);
    if (paid) return paid;
  }
  switch (o.kind) {
    case 'confirming':
      return {
        label: label('confirming'),
        tone: 'waiting',
        sentences: [w.group('words.outcome.confirming', { hold: $(o.hold) })],
      };
    case 'holding':
      return {
        label: label('holding'),
        tone: 'waiting',
        sentences: [
          w.group('words.outcome.holding', { hold: $(o.hold) }),
          o.payNow === null
            ? w.group('words.outcome.holdingBelow')
            : o.shipping > 0
              ? w.group('words.outcome.holdingPayNowShipping', {
                  payNow: $(o.payNow),
                  shipping: $(o.shipping),
                })
              : w.group('words.outcome.holdingPayNow', { payNow: $(o.payNow) }),
        ],
      };
    case 'settling':
      return {
        label: label('settling'),
        tone: 'waiting',
        sentences: [
          o.charge === null
            ? w.group('words.outcome.settlingRelease', { hold: $(o.hold) })
            : w.group('words.outcome.settlingCharge', { charge: $(o.charge), hold: $(o.hold) }),
        ],
      };
    case 'charged':
      return {
        label: label(o.fullyRefunded ? 'refunded' : 'won'),
        tone: o.fullyRefunded ? 'neutral' : 'good',
        sentences: [
          o.savedVsList > 0
            ? w.group('words.outcome.chargedSaved', { charged: $(o.charged), saved: $(o.savedVsList) })
            : w.group('words.outcome.charged', { charged: $(o.charged) }),
          ...(o.released > 0 ? [w.group('words.outcome.released', { released: $(o.released) })] : []),
          ...(o.fullyRefunded
            ? [w.group('words.outcome.refundedFull', { refunded: $(o.refunded) })]
            : o.refunded > 0
              ? [w.group('words.outcome.refunded', { refunded: $(o.refunded) })]
              : []),
        ],
      };
    case 'released':
      return {
        label: label(
          o.why === 'canceled'
            ? 'canceled'
            : o.why === 'merchant'
              ? 'merchant'
              : o.why === 'failed'
                ? 'failed'
                : 'released',
        ),
        tone: 'neutral',
        sentences: [
          w.group(
            o.why === 'canceled'
              ? 'words.outcome.releasedCanceled'
              : o.why === 'merchant'
                ? 'words.outcome.releasedMerchant'
                : o.why === 'failed'
                  ? 'words.outcome.releasedFailed'
                  : 'words.outcome.releasedOther',
          ),
        ],
      };
    case 'left':
      return {
        label: label('left'),
        tone: 'neutral',
        sentences: [w.group('words.outcome.left', { hold: $(o.hold) })],
      };
    case 'paymentDue':
      return {
        label: label('paymentDue'),
        tone: 'problem',
        sentences: [w.group('words.outcome.paymentDue', { due: $(o.due) })],
      };
    case 'declined':
      return {
        label: label('declined'),
        tone: 'problem',
        sentences: [w.group('words.outcome.declined')],
      };
    case 'expired':
      return {
        label: label('expired'),
        tone: 'neutral',
        sentences: [w.group('words.outcome.expired')],
      };
  }
}

/** The words of a saved card's outcome where they differ from a hold's (null: the same as a hold's). */
function savedCardWords(
  w: Words,
  o: ViewerOutcome,
  $: (n: number) => string,
): ReturnType<typeof viewerOutcomeWords> | null {
  switch (o.kind) {
    case 'confirming':
      return {
        label: outcomeLabel(w, 'confirming'),
        tone: 'waiting',
        sentences: [w.group('words.outcome.savedCard.confirming', { most: $(o.hold) })],
      };
    case 'holding':
      return {
        label: outcomeLabel(w, 'holding'),
        tone: 'waiting',
        sentences: [
          w.group('words.outcome.savedCard.holding', { most: $(o.hold) }),
          o.payNow === null
            ? w.group('words.outcome.savedCard.holdingBelow')
            : o.shipping > 0
              ? w.group('words.outcome.savedCard.holdingPayNowShipping', {
                  payNow: $(o.payNow),
                  shipping: $(o.shipping),
                })
              : w.group('words.outcome.savedCard.holdingPayNow', { payNow: $(o.payNow) }),
        ],
      };
    case 'settling':
      return {
        label: outcomeLabel(w, 'settling'),
        tone: 'waiting',
        sentences: [
          o.charge === null
            ? w.group('words.outcome.savedCard.settlingRelease')
            : w.group('words.outcome.savedCard.settlingCharge', { charge: $(o.charge) }),
        ],
      };
    case 'released':
      return {
        label:
          o.why === 'other'
            ? w.group('words.outcome.savedCard.labelRemoved')
            : outcomeLabel(
                w,
                o.why === 'canceled' ? 'canceled' : o.why === 'merchant' ? 'merchant' : 'failed',
              ),
        tone: 'neutral',
        sentences: [
          w.group(
            o.why === 'canceled'
              ? 'words.outcome.savedCard.releasedCanceled'
              : o.why === 'merchant'
                ? 'words.outcome.savedCard.releasedMerchant'
                : o.why === 'failed'
                  ? 'words.outcome.savedCard.releasedFailed'
                  : 'words.outcome.savedCard.releasedOther',
          ),
        ],
      };
    case 'left':
      return {
        label: outcomeLabel(w, 'left'),
        tone: 'neutral',
        sentences: [w.group('words.outcome.savedCard.left')],
      };
    case 'declined':
      return {
        label: outcomeLabel(w, 'declined'),
        tone: 'problem',
        sentences: [w.group('words.outcome.savedCard.declined')],
      };
    case 'expired':
      return {
        label: outcomeLabel(w, 'expired'),
        tone: 'neutral',
        sentences: [w.group('words.outcome.savedCard.expired')],
      };
    default:
      return null;
  }
}

/** The words of a wallet paid now (paid_now) where they differ from a hold's (null: the same as a hold's). */
function paidNowWords(
  w: Words,
  f: GroupFacts,
  v: ViewerFacts,
  o: ViewerOutcome,
  $: (n: number) => string,
): ReturnType<typeof viewerOutcomeWords> | null {
  const paid = v.holdAmount;
  switch (o.kind) {
    case 'confirming':
      return {
        label: w.group('words.outcome.paidNow.labelConfirming'),
        tone: 'waiting',
        sentences: [w.group('words.outcome.paidNow.confirming', { paid: $(paid) })],
      };
    case 'holding': {
      const difference = o.payNow === null ? 0 : paid - o.payNow;
      return {
        label: outcomeLabel(w, 'holding'),
        tone: 'waiting',
        sentences: [
          w.group('words.outcome.paidNow.holding', { paid: $(paid) }),
          ...(o.payNow === null
            ? [w.group('words.outcome.paidNow.holdingBelow')]
            : difference > 0
              ? [
                  w.group('words.outcome.paidNow.holdingDifference', {
                    payNow: $(o.payNow),
                    difference: $(difference),
                  }),
                ]
              : []),
        ],
      };
    }
    case 'settling': {
      const charge = o.charge === null ? null : Math.min(o.charge, paid);
      return {
        label: outcomeLabel(w, 'settling'),
        tone: 'waiting',
        sentences: [
          charge === null
            ? w.group('words.outcome.paidNow.settlingRefundAll', { paid: $(paid) })
            : charge < paid
              ? w.group('words.outcome.paidNow.settlingDifference', {
                  charge: $(charge),
                  difference: $(paid - charge),
                })
              : w.group('words.outcome.paidNow.settlingSame', { paid: $(paid) }),
        ],
      };
    }
    case 'charged': {
      if (o.fullyRefunded)
        return {
          label: outcomeLabel(w, 'refunded'),
          tone: 'neutral',
          sentences: [w.group('words.outcome.paidNow.refundedFull', { refunded: $(o.refunded) })],
        };
      const net = o.charged - o.refunded;
      const saved = Math.max(0, f.listPrice * v.quantity - (net - (v.shippingAmount ?? 0)));
      return {
        label: outcomeLabel(w, 'won'),
        tone: 'good',
        sentences: [
          o.refunded > 0
            ? w.group('words.outcome.paidNow.chargedDifference', {
                paid: $(o.charged),
                difference: $(o.refunded),
                net: $(net),
              })
            : w.group('words.outcome.paidNow.charged', { paid: $(o.charged) }),
          ...(saved > 0 ? [w.group('words.outcome.paidNow.saved', { saved: $(saved) })] : []),
        ],
      };
    }
    case 'released':
      return {
        label: outcomeLabel(
          w,
          o.why === 'canceled'
            ? 'canceled'
            : o.why === 'merchant'
              ? 'merchant'
              : o.why === 'failed'
                ? 'failed'
                : 'refunded',
        ),
        tone: 'neutral',
        sentences: [
          w.group(
            o.why === 'canceled'
              ? 'words.outcome.paidNow.releasedCanceled'
              : o.why === 'merchant'
                ? 'words.outcome.paidNow.releasedMerchant'
                : o.why === 'failed'
                  ? 'words.outcome.paidNow.releasedFailed'
                  : 'words.outcome.paidNow.releasedOther',
            { paid: $(paid) },
          ),
        ],
      };
    case 'left':
      return {
        label: outcomeLabel(w, 'left'),
        tone: 'neutral',
        sentences: [
          v.refundedAmount > 0
            ? w.group('words.outcome.paidNow.left', { paid: $(v.refundedAmount) })
            : w.group('words.outcome.paidNow.leftUnpaid'),
        ],
      };
    case 'declined':
      return {
        label: w.group('words.outcome.paidNow.labelDeclined'),
        tone: 'problem',
        sentences: [w.group('words.outcome.paidNow.declined')],
      };
    case 'expired':
      return {
        label: outcomeLabel(w, 'expired'),
        tone: 'neutral',
        sentences: [
          v.refundedAmount > 0
            ? w.group('words.outcome.paidNow.expiredRefunded', { refunded: $(v.refundedAmount) })
            : w.group('words.outcome.paidNow.expired'),
        ],
      };
    default:
      return null;
  }
}

/** The short label of a viewer's outcome ("Won", "Hold released"), for badges and lists. */
export function outcomeLabel(
  w: Words,
  key:
    | 'confirming'
    | 'holding'
    | 'settling'
    | 'won'
    | 'refunded'
    | 'canceled'
    | 'merchant'
    | 'failed'
    | 'released'
    | 'left'
    | 'declined'
    | 'paymentDue'
    | 'expired',
): string {
  return w.group(`words.outcome.label.${key}`);
}

/** A merchant's status for a member with a refund, e.g. "Refunded $20.00 of $70.00"; null when there is none. */
export function memberMoneyLabel(
  w: Words,
  m: { status: MemberStatus; chargeAmount: number | null; refundedAmount: number },
  currency: string,
): string | null {
  if (m.status !== 'captured' || m.refundedAmount <= 0 || m.chargeAmount === null) return null;
  const refunded = formatMoney(m.refundedAmount, currency, w.locale);
  return m.refundedAmount >= m.chargeAmount
    ? w.group('words.memberMoney.refundedFull', { refunded })
    : w.group('words.memberMoney.refundedPart', {
        refunded,
        charged: formatMoney(m.chargeAmount, currency, w.locale),
      });
}

/** "$26.00 each" */
export function priceEach(w: Words, minor: number, currency: string): string {
  return w.group('words.priceEach', { price: formatMoney(minor, currency, w.locale) });
}

/** A deal's headline price: "Down to $19.90 each" (the last bracket). */
export function dealBestPriceLine(w: Words, bestPrice: number, currency: string): string {
  return w.group('words.deal.bestPrice', { price: formatMoney(bestPrice, currency, w.locale) });
}

/** "Save up to 33%", or null when the best bracket saves nothing. */
export function dealSaveBadge(w: Words, percent: number): string | null {
  return percent > 0 ? w.group('words.deal.saveUpTo', { percent }) : null;
}

/** The deal page's meta description (`about` is the merchant's own text, passed through). */
export function dealMetaDescription(
  w: Words,
  bestPrice: number,
  currency: string,
  percent: number,
  about: string,
): string {
  const price = formatMoney(bestPrice, currency, w.locale);
  return percent > 0
    ? w.group('words.deal.metaSave', { price, percent, about })
    : w.group('words.deal.meta', { price, about });
}

/** How many open groups a deal card can offer: "Be the first to open a group", "2 open groups to join". */
export function openGroupsLine(w: Words, n: number): string {
  return n === 0 ? w.group('words.deal.openGroupsNone') : w.group('words.deal.openGroups', { count: n });
}

/** "3 joined" */
export function joinedCount(w: Words, n: number): string {
  return w.group('words.deal.joined', { count: n });
}

/** The deal page's rule of the window: "A group has 2 days to reach 3 people. Joining places a card hold; …" */
export function dealWindowSentence(w: Words, windowSeconds: number, minMembers: number): string {
  // A window longer than a card hold lasts saves the card instead (nothing held; charged at close).
  if (paymentModeFor(windowSeconds) === 'save_card')
    return w.group('words.deal.windowSaveCard', {
      duration: formatDuration(w, windowSeconds),
      count: minMembers,
    });
  return w.group('words.deal.window', {
    duration: formatDuration(w, windowSeconds),
    count: minMembers,
  });
}

/** The poster's call under its QR code: join while the group takes members, else look. */
export function scanCallToAction(w: Words, f: GroupFacts): string {
  const kind = groupMoment(f).kind;
  return kind === 'gathering' || kind === 'bracket'
    ? w.group('words.scanToJoin')
    : w.group('words.scanToSee');
}

/** "Ends in 5 h" while time is left, "Closing now" once the deadline passed. */
export function endsInSentence(w: Words, msLeft: number): string {
  return msLeft > 0
    ? w.group('words.endsIn', { time: formatTimeLeft(w, msLeft) })
    : w.group('words.closingNow');
}

/**
 * The chat-ready message without its link; `timeLeft` is null once the deadline passed. `openerReward` is
 * the group's reward when the SHARER opened it: the message then says what they get if it fills.
 */
export function shareText(
  w: Words,
  productTitle: string,
  f: GroupFacts,
  timeLeft: string | null,
  openerReward: OpenerRewardFacts | null = null,
): string {
  const m = groupMoment(f);
  const title = productTitle;
  const headline = groupHeadline(w, f);
  switch (m.kind) {
    case 'gathering':
    case 'bracket': {
      const reward = rewardStillPossible(f, openerReward)
        ? openerShareSentence(w, f.currency, openerReward)
        : null;
      if (reward)
        return timeLeft
          ? w.group('words.share.openEndsReward', { title, headline, reward, time: timeLeft })
          : w.group('words.share.openReward', { title, headline, reward });
      return timeLeft
        ? w.group('words.share.openEnds', { title, headline, time: timeLeft })
        : w.group('words.share.open', { title, headline });
    }
    default:
      return w.group('words.share.closed', { title, headline });
  }
}

/** The e-mail subject of a shared group: "Join my group for <product>". */
export function shareSubject(w: Words, productTitle: string): string {
  return w.group('words.share.subject', { title: productTitle });
}

// Rewards (issue 18). A deal may reward the shopper who opened a group (percent off their goods, 100 =
// free, up to a cap) when the group closes won with at least `minMembers` confirmed members, and pay a
// commission to a member whose invite link brought a buyer who was charged. Decisions:
// - "reaches N people" counts the opener too: the reward is decided by the confirmed count at close.
// - The opener hears the promise only while it can still come true (open, and the seats left can reach
//   N); once the group closed won, the amount they got (their member row's reward), never a promise.
// - The commission is said only to a member (it is earned through their invite link), with its wait.

/** A group's (or deal's) opener reward, as frozen on the group when it opened. */
export type OpenerRewardFacts = { minMembers: number; percent: number; cap: number | null };

function rewardArgs(w: Words, currency: string, r: OpenerRewardFacts) {
  return {
    count: r.minMembers,
    kind: r.percent >= 100 ? 'free' : 'percent',
    percent: r.percent,
    hasCap: r.cap === null ? 'no' : 'yes',
    cap: r.cap === null ? '' : formatMoney(r.cap, currency, w.locale),
  };
}

/** The reward can still be won: the group is open and has (or has seats enough to reach) N members. */
function rewardStillPossible(f: GroupFacts, r: OpenerRewardFacts | null): r is OpenerRewardFacts {
  if (!r) return false;
  const m = groupMoment(f);
  if (m.kind === 'full') return m.goesAhead && f.confirmedCount >= r.minMembers;
  if (m.kind !== 'gathering' && m.kind !== 'bracket') return false;
  if (f.maxMembers === undefined) return true;
  const seatsLeft = Math.max(0, f.maxMembers - (f.seatsTaken ?? f.confirmedCount));
  return f.confirmedCount + seatsLeft >= r.minMembers;
}

function openerShareSentence(w: Words, currency: string, r: OpenerRewardFacts): string {
  return w.group('words.reward.share', rewardArgs(w, currency, r));
}

/** The deal page's offer to whoever opens a group: "Open a group: if it reaches 6 people, yours is free." */
export function dealOpenerRewardLine(w: Words, currency: string, r: OpenerRewardFacts | null): string | null {
  return r ? w.group('words.reward.dealOffer', rewardArgs(w, currency, r)) : null;
}

/**
 * What the group page tells the shopper who opened it about their reward, or null when there is nothing
 * true to say: the promise while it can still come true, the amount once the group was won with enough
 * people (`rewardAmount`: their member row's, 0 when none), nothing while it closes or after it failed.
 * `shipping` > 0 adds that the reward is off the goods only.
 */
export function openerRewardWords(
  w: Words,
  f: GroupFacts,
  r: OpenerRewardFacts | null,
  mine: { rewardAmount: number; shipping: number },
): string[] {
  if (!r) return [];
  const apart = mine.shipping > 0 ? [w.group('words.reward.shippingApart')] : [];
  const m = groupMoment(f);
  if (m.kind === 'won')
    return mine.rewardAmount > 0
      ? [w.group('words.reward.openerGot', { amount: formatMoney(mine.rewardAmount, f.currency, w.locale) })]
      : [];
  if (!rewardStillPossible(f, r)) return [];
  const args = rewardArgs(w, f.currency, r);
  const promise =
    f.confirmedCount >= r.minMembers
      ? w.group('words.reward.openerReached', { ...args, count: f.confirmedCount })
      : w.group('words.reward.openerPending', args);
  return [promise, ...apart];
}

/**
 * A member's commission terms: "Friends who join with your link and are charged earn you 10% of what they
 * pay, paid 14 days after their charge. …", or null when the group pays none.
 */
export function commissionSentence(w: Words, bps: number, holdDays: number): string | null {
  if (bps <= 0) return null;
  // Basis points to a percent (up to two decimals: 1050 → 10.5%); a rate, not money.
  const percent = new Intl.NumberFormat(w.locale, { style: 'percent', maximumFractionDigits: 2 }).format(
    bps / 10_000,
  );
  return w.group('words.commission.member', { percent, days: holdDays });
}
