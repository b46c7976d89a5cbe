// Words that are true (DESIGN rule 12): every sentence a shopper or merchant reads about a group's price,
// progress and outcome, decided from facts in one pure module. Safe in the browser: no env, no zod, no
// I/O. Each function turns facts into one whole sentence, so a later move into message catalogs (en,
// zh-CN, ja) replaces the bodies here and nothing at the call sites. Edit when a surface needs a new
// sentence; never build a sentence from fragments somewhere else.
//
// API for the pages (all take GroupFacts; the viewer's functions also take ViewerFacts):
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
//   shareText(title, f, left)    → the chat-ready message without its link
//   scanCallToAction(f)         → "Scan to join the group" (poster)
//   endsInSentence(ms)          → "Ends in 5 h" / "Closing now"
//   people(n) / morePeople(n)    → "1 person" / "3 people", "1 more person" / "2 more people"
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
import type { GroupStatus, MemberStatus } from '@/db/schema/statuses';
import { formatMoney } from '@/server/pricing/currency';
import { savings } from '@/server/pricing/price';
import { formatDuration, formatTimeLeft } from './time-left';

const LOCALE = 'en-US';
const plural = new Intl.PluralRules(LOCALE);

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
};

/** The viewer's own membership. */
export type ViewerFacts = {
  status: MemberStatus;
  quantity: number;
  unitPriceAtJoin: number;
  holdAmount: number;
  chargeAmount: number | null;
  refundedAmount: number;
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

/** "1 person", "3 people" (plural rules, not a string test). */
export function people(n: number): string {
  return plural.select(n) === 'one' ? `${n} person` : `${n} people`;
}

/** "1 more person", "2 more people". */
export function morePeople(n: number): string {
  return plural.select(n) === 'one' ? `${n} more person` : `${n} more people`;
}

// "1 more person unlocks $X" / "2 more people unlock $X": the verb agrees with the count.
function unlocks(n: number, price: string): string {
  return plural.select(n) === 'one'
    ? `${morePeople(n)} unlocks ${price}`
    : `${morePeople(n)} unlock ${price}`;
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

const money = (f: { currency: string }, minor: number) => formatMoney(minor, f.currency);

function neededSentence(m: Extract<GroupMoment, { kind: 'gathering' }>, currency: string): string {
  const price = formatMoney(m.price, currency);
  return m.joined === 0
    ? `${people(m.needed)} needed to go ahead at ${price}`
    : `${morePeople(m.needed)} needed to go ahead at ${price}`;
}

/** The one sentence that says where the group stands, e.g. "2 more people needed to go ahead at $26.00; at 6, $23.00". */
export function groupHeadline(f: GroupFacts): string {
  const m = groupMoment(f);
  switch (m.kind) {
    case 'gathering':
      return m.then
        ? `${neededSentence(m, f.currency)}; at ${m.then.minMembers}, ${money(f, m.then.unitPrice)}`
        : neededSentence(m, f.currency);
    case 'bracket':
      return m.next
        ? `${money(f, m.price)} each now; ${unlocks(m.next.needed, money(f, m.next.unitPrice))}`
        : `${money(f, m.price)} each now, the best price`;
    case 'full':
      if (!m.allConfirmed)
        return m.goesAhead
          ? `Every seat is taken at ${money(f, m.price)} each; waiting for the last card holds`
          : 'Every seat is taken; waiting for the last card holds';
      return m.goesAhead
        ? `Full at ${money(f, m.price)} each; the group closes now`
        : 'Every seat is taken; the group closes now';
    case 'closing':
      return closingSentence(f, m);
    case 'won':
      return m.early === 'merchant'
        ? `Ended early by the merchant; went ahead at ${money(f, m.price)} each`
        : m.early === 'full'
          ? `Filled up and went ahead at ${money(f, m.price)} each`
          : `Went ahead at ${money(f, m.price)} each`;
    case 'failed':
      return m.early === 'merchant'
        ? `Ended early by the merchant before it reached ${people(m.minMembers)}; every hold was released`
        : `Did not reach ${people(m.minMembers)} (${m.joined} joined); every hold was released`;
    case 'canceled':
      return 'Canceled; every hold was released and nobody paid';
  }
}

function closingSentence(f: GroupFacts, m: Extract<GroupMoment, { kind: 'closing' }>): string {
  if (m.outcome === 'canceled') return 'Canceled; releasing every hold';
  if (m.outcome === 'won' && m.price !== null)
    return m.early === 'merchant'
      ? `Ended early by the merchant; going ahead at ${money(f, m.price)} each`
      : `Closed; going ahead at ${money(f, m.price)} each`;
  return m.early === 'merchant'
    ? 'Ended early by the merchant before enough people joined; releasing every hold'
    : 'Closed without enough people; releasing every hold';
}

/** A shorter headline for cards and lists: the need or the next price, without the bracket after it. */
export function groupShortLine(f: GroupFacts): string {
  const m = groupMoment(f);
  if (m.kind === 'gathering') return neededSentence(m, f.currency);
  if (m.kind === 'bracket' && m.next)
    return `${money(f, m.price)} now; ${unlocks(m.next.needed, money(f, m.next.unitPrice))}`;
  return groupHeadline(f);
}

/** The page title for a group: the price and the condition it holds under. */
export function groupPageTitle(productTitle: string, f: GroupFacts): string {
  const m = groupMoment(f);
  switch (m.kind) {
    case 'gathering':
      return `${productTitle}: ${money(f, m.price)} each if ${people(m.minMembers)} join`;
    case 'bracket':
    case 'full':
      return `${productTitle}: ${money(f, m.price)} each in a group`;
    case 'won':
      return `${productTitle}: a group that went ahead at ${money(f, m.price)} each`;
    case 'closing':
    case 'failed':
    case 'canceled':
      return `${productTitle}: a closed group`;
  }
}

/** The page's meta description: where it stands, who joined, time left, and the promise of a hold. */
export function groupMetaDescription(f: GroupFacts, msLeft: number): string {
  const m = groupMoment(f);
  const list = money(f, f.listPrice);
  if (m.kind === 'gathering' || m.kind === 'bracket')
    return `${groupHeadline(f)}. ${f.confirmedCount} joined · ${endsInSentence(msLeft)}. List price ${list}. Join with a card hold; you never pay more than shown.`;
  return `${groupHeadline(f)}. List price ${list}.`;
}

/** The whole ladder on one line: "$26.00 → $23.00 at 6 → $19.90 at 10". */
export function ladderLine(tiers: readonly WordsTier[], currency: string): string {
  const f = { currency, listPrice: 0, tiers, confirmedCount: 0, status: 'open' as const };
  return ladderSteps(f)
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
export function ladderSteps(f: GroupFacts): LadderStepWords[] {
  const tiers = sorted(f.tiers);
  const current = bracketAt(tiers, f.confirmedCount).index;
  return tiers.map((t, i) => {
    const missing = t.minMembers - f.confirmedCount;
    return {
      minMembers: t.minMembers,
      unitPrice: t.unitPrice,
      price: money(f, t.unitPrice),
      from: `from ${people(t.minMembers)}`,
      short: i === 0 ? money(f, t.unitPrice) : `${money(f, t.unitPrice)} at ${t.minMembers}`,
      state: i === current ? 'current' : missing <= 0 ? 'reached' : 'ahead',
      needed: missing > 0 ? morePeople(missing) : null,
    };
  });
}

/** "Save 20%" against the list price at today's (or the final) price, or null when it saves nothing or the group did not go ahead. */
export function savingsBadge(f: GroupFacts): string | null {
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
  return percent > 0 ? `Save ${percent}%` : null;
}

/** Where the viewer stands, as money facts. */
export type ViewerOutcome =
  | { kind: 'confirming'; hold: number }
  /** Open group, hold in place. `payNow` is what they would pay at today's price, null below the minimum. */
  | { kind: 'holding'; hold: number; payNow: number | null }
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
  | { kind: 'left'; hold: number }
  | { kind: 'declined' }
  | { kind: 'expired' };

/** The viewer's outcome from the group's facts and their own membership. */
export function viewerOutcome(f: GroupFacts, v: ViewerFacts): ViewerOutcome {
  const m = groupMoment(f);
  switch (v.status) {
    case 'reserved':
      return { kind: 'confirming', hold: v.holdAmount };
    case 'authorized': {
      if (m.kind === 'gathering' || m.kind === 'bracket' || m.kind === 'full') {
        const goesAhead = m.kind === 'bracket' || (m.kind === 'full' && m.goesAhead);
        return {
          kind: 'holding',
          hold: v.holdAmount,
          payNow: goesAhead ? Math.min(m.price, v.unitPriceAtJoin) * v.quantity : null,
        };
      }
      const price = m.kind === 'won' || m.kind === 'closing' ? (m.price ?? null) : null;
      return {
        kind: 'settling',
        hold: v.holdAmount,
        charge: price === null ? null : Math.min(price, v.unitPriceAtJoin) * v.quantity,
      };
    }
    case 'captured': {
      const charged = v.chargeAmount ?? 0;
      const refunded = Math.min(v.refundedAmount, charged);
      const fullyRefunded = charged > 0 && refunded >= charged;
      return {
        kind: 'charged',
        charged,
        released: Math.max(0, v.holdAmount - charged),
        refunded,
        savedVsList: fullyRefunded ? 0 : Math.max(0, f.listPrice * v.quantity - charged),
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
  f: GroupFacts,
  v: ViewerFacts,
): { label: string; tone: 'good' | 'waiting' | 'neutral' | 'problem'; sentences: string[] } {
  const o = viewerOutcome(f, v);
  const $ = (n: number) => money(f, n);
  switch (o.kind) {
    case 'confirming':
      return {
        label: 'Confirming card',
        tone: 'waiting',
        sentences: [`Your seat is reserved while we confirm a hold of ${$(o.hold)} on your card.`],
      };
    case 'holding':
      return {
        label: 'Open',
        tone: 'waiting',
        sentences: [
          `Holding ${$(o.hold)} on your card.`,
          o.payNow === null
            ? 'If the group does not go ahead, the hold is released and you pay nothing.'
            : `At today's price you pay ${$(o.payNow)}; you never pay more than the hold.`,
        ],
      };
    case 'settling':
      return {
        label: 'Closing',
        tone: 'waiting',
        sentences: [
          o.charge === null
            ? `The group has closed; your hold of ${$(o.hold)} is being released.`
            : `The group has closed; we are charging ${$(o.charge)} of your ${$(o.hold)} hold.`,
        ],
      };
    case 'charged':
      return {
        label: o.fullyRefunded ? 'Refunded' : 'Won',
        tone: o.fullyRefunded ? 'neutral' : 'good',
        sentences: [
          o.savedVsList > 0
            ? `Charged ${$(o.charged)}; you saved ${$(o.savedVsList)} on the list price.`
            : `Charged ${$(o.charged)}.`,
          ...(o.released > 0 ? [`The other ${$(o.released)} of your hold was released.`] : []),
          ...(o.fullyRefunded
            ? [`Refunded in full: ${$(o.refunded)}.`]
            : o.refunded > 0
              ? [`Refunded ${$(o.refunded)}.`]
              : []),
        ],
      };
    case 'released':
      return {
        label:
          o.why === 'canceled'
            ? 'Canceled'
            : o.why === 'merchant'
              ? 'Ended early'
              : o.why === 'failed'
                ? 'Did not go ahead'
                : 'Hold released',
        tone: 'neutral',
        sentences: [
          o.why === 'canceled'
            ? 'The group was canceled; your hold was released and you paid nothing.'
            : o.why === 'merchant'
              ? 'The merchant ended the group early; your hold was released and you paid nothing.'
              : o.why === 'failed'
                ? 'Not enough people joined; your hold was released and you paid nothing.'
                : 'Your hold was released; you were not charged.',
        ],
      };
    case 'left':
      return {
        label: 'Left',
        tone: 'neutral',
        sentences: [`You left this group; your hold of ${$(o.hold)} was released.`],
      };
    case 'declined':
      return {
        label: 'Card declined',
        tone: 'problem',
        sentences: ['Your card could not be held or charged, so you were not charged.'],
      };
    case 'expired':
      return {
        label: 'Expired',
        tone: 'neutral',
        sentences: ['Your card hold was never confirmed, so your seat was freed; you were not charged.'],
      };
  }
}

/** A merchant's status for a member with a refund, e.g. "Refunded $20.00 of $70.00"; null when there is none. */
export function memberMoneyLabel(
  m: { status: MemberStatus; chargeAmount: number | null; refundedAmount: number },
  currency: string,
): string | null {
  if (m.status !== 'captured' || m.refundedAmount <= 0 || m.chargeAmount === null) return null;
  const refunded = formatMoney(m.refundedAmount, currency);
  return m.refundedAmount >= m.chargeAmount
    ? `Refunded in full, ${refunded}`
    : `Refunded ${refunded} of ${formatMoney(m.chargeAmount, currency)}`;
}

/** "$26.00 each" */
export function priceEach(minor: number, currency: string): string {
  return `${formatMoney(minor, currency)} each`;
}

/** A deal's headline price: "Down to $19.90 each" (the last bracket). */
export function dealBestPriceLine(bestPrice: number, currency: string): string {
  return `Down to ${formatMoney(bestPrice, currency)} each`;
}

/** "Save up to 33%", or null when the best bracket saves nothing. */
export function dealSaveBadge(percent: number): string | null {
  return percent > 0 ? `Save up to ${percent}%` : null;
}

/** The deal page's meta description. */
export function dealMetaDescription(
  bestPrice: number,
  currency: string,
  percent: number,
  about: string,
): string {
  const best = formatMoney(bestPrice, currency);
  return percent > 0
    ? `Buy with friends: down to ${best} each (save up to ${percent}%). ${about}`
    : `Buy with friends: down to ${best} each. ${about}`;
}

/** How many open groups a deal card can offer: "Be the first to open a group", "2 open groups to join". */
export function openGroupsLine(n: number): string {
  if (n === 0) return 'Be the first to open a group';
  return plural.select(n) === 'one' ? '1 open group to join' : `${n} open groups to join`;
}

/** "3 joined" */
export function joinedCount(n: number): string {
  return `${n} joined`;
}

/** The deal page's rule of the window: "A group has 2 days to reach 3 people. Joining places a card hold; …" */
export function dealWindowSentence(windowSeconds: number, minMembers: number): string {
  return `A group has ${formatDuration(windowSeconds)} to reach ${people(minMembers)}. Joining places a card hold; if the group falls short, the hold is released and nobody pays.`;
}

/** The poster's call under its QR code: join while the group takes members, else look. */
export function scanCallToAction(f: GroupFacts): string {
  const kind = groupMoment(f).kind;
  return kind === 'gathering' || kind === 'bracket' ? 'Scan to join the group' : 'Scan to see the group';
}

/** "Ends in 5 h" while time is left, "Closing now" once the deadline passed. */
export function endsInSentence(msLeft: number): string {
  return msLeft > 0 ? `Ends in ${formatTimeLeft(msLeft)}` : 'Closing now';
}

/** The chat-ready message without its link; `timeLeft` is null once the deadline passed. */
export function shareText(productTitle: string, f: GroupFacts, timeLeft: string | null): string {
  const m = groupMoment(f);
  const ends = timeLeft ? ` Ends in ${timeLeft}.` : '';
  switch (m.kind) {
    case 'gathering':
    case 'bracket':
      return `Join my group for ${productTitle}: ${groupHeadline(f)}.${ends}`;
    default:
      return `My group for ${productTitle} has closed. ${groupHeadline(f)}.`;
  }
}
