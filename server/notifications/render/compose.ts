// What each moment says, decided from the facts it is sent with (loaded at send time, so a held nudge says
// what is true when it goes) and phrased from the `notify` catalog. One function per moment; each says
// only what is true in the state it sees (DESIGN rule 12): no next price at the last bracket, no "more
// needed" once the minimum is met, no shipping line when nothing ships. Edit when a moment is added or
// says something new (its English goes into messages/en/notify.json first).
//
// Decisions (where the issue is silent):
// - A price a member will pay is min(group price, price at join) (rule 4); "you pay" is said "at this
//   price" while the group is open, since a member leaving can move it back up (never above the join price).
// - The saving and the released rest of a hold are viewerOutcome's (server/share/group-words.ts): on the
//   goods against the list price; shipping is neither saved nor discounted.
// - Time left is rounded to the minute under 10 hours and to the hour above (a reminder sent seconds after
//   its 24-hour mark says 24 hours, not 23), in hours up to two days ("24 hours" reads better than "1 day").
// - Deadlines are written in the reader's time zone with the zone named; an unknown zone reads as UTC.
// - A receipt never offers an unsubscribe link, even if given one: its footer says receipts always go.
// - A nudge that is no longer true when sent (the bracket reached) says where the group stands instead of
//   the stale news; the sender's staleness check should have dropped it first.
import type { Locale } from '@/i18n/locales';
import { translator } from '@/i18n/translator';
import { formatMoney } from '@/server/pricing/currency';
import { viewerOutcome } from '@/server/share/group-words';
import { formatDuration } from '@/server/share/time-left';
import { wordsFor } from '@/server/share/words-for';
import { MOMENTS } from '../moments';
import { NOTIFY_RULES } from '../rules';
import type { GroupFacts, MemberFacts, NotificationContext } from '../types';
import type { Fact, Message, SideLink } from './message';

/** What a message depends on besides its facts: the clock and the reader's time zone. */
export type RenderOptions = { now: Date; timeZone: string };

type Notify = ReturnType<typeof translator<'notify'>>;

/** The words of one moment; composeMessage fills in the rest (heading = subject, push from the first lines). */
type Body = {
  subject: string;
  heading?: string;
  paragraphs: string[];
  facts?: Omit<Fact, 'line'>[];
  links?: Omit<SideLink, 'line'>[];
  button: string;
  push?: { title?: string; body?: string };
};

type Tools = {
  t: Notify;
  ctx: NotificationContext;
  opts: RenderOptions;
  money: (minor: number) => string;
  when: (d: Date) => string;
};

function need<T>(value: T | null, ctx: NotificationContext, name: string): T {
  if (value === null) throw new TypeError(`A ${ctx.moment} notification needs its ${name}`);
  return value;
}

/** The date and time in the reader's zone, with the zone named so nobody guesses ("Dec 2, 2026, 2:00 PM UTC"). */
function dateTime(locale: Locale, timeZone: string, d: Date): string {
  const options: Intl.DateTimeFormatOptions = {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  };
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(d);
  } catch {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(d); // unknown zone
  }
}

/** A YYYY-MM-DD day as the reader writes dates ("Nov 30, 2026", "2026年11月30日"). */
function day(locale: Locale, ymd: string): string {
  const d = new Date(`${ymd}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return ymd;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

/**
 * Time left in words: to the minute under 10 hours ("2 hours 55 minutes"), to the hour above, and in hours
 * up to two days ("24 hours", which a 24-hour reminder sent a few seconds late still truly is).
 */
function timeLeft(locale: Locale, ms: number): string {
  const w = wordsFor(locale);
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 600) return formatDuration(w, minutes * 60);
  const hours = Math.round(minutes / 60);
  return hours < 48 ? w.time('duration.hours', { hours }) : formatDuration(w, hours * 3600);
}

/** Below the minimum nobody pays unless more join. */
function below(g: GroupFacts): boolean {
  return g.confirmedCount < g.minMembers;
}

/** The next cheaper bracket the group can still reach, with how many more people it takes; null at the last. */
function nextStep(g: GroupFacts): { needed: number; price: number } | null {
  const n = g.nextTier;
  if (!n || below(g) || n.unitPrice >= g.currentUnitPrice || n.minMembers > g.maxMembers) return null;
  const needed = n.minMembers - g.confirmedCount;
  return needed > 0 ? { needed, price: n.unitPrice } : null;
}

function shareLinks(x: Tools): Omit<SideLink, 'line'>[] {
  return x.ctx.links.share ? [{ label: x.t('links.share'), url: x.ctx.links.share }] : [];
}

function holdPlaced(x: Tools, g: GroupFacts, m: MemberFacts): Body {
  if (m.paymentKind === 'saved_card') return cardSaved(x, g, m);
  if (m.paymentKind === 'paid_now') return walletPaid(x, g, m);
  const { t, money } = x;
  const unit = money(m.unitPriceAtJoin);
  const deadline = x.when(g.deadline);
  const lower = g.bestUnitPrice < m.unitPriceAtJoin;
  return {
    subject: t('holdPlaced.subject', { title: g.title }),
    heading: t('holdPlaced.heading', { title: g.title }),
    paragraphs: [
      t('holdPlaced.held', { hold: money(m.holdAmount) }),
      m.shippingAmount > 0
        ? t('holdPlaced.payShipping', { unit, quantity: m.quantity, shipping: money(m.shippingAmount) })
        : t('holdPlaced.pay', { unit, quantity: m.quantity }),
      ...(lower ? [t('holdPlaced.lower')] : []),
      below(g)
        ? t('holdPlaced.releaseIf', { min: g.minMembers, deadline })
        : t('holdPlaced.goesAhead', { deadline }),
    ],
    facts: [
      {
        label: t('facts.unitTimesQuantity', { unit, quantity: m.quantity }),
        value: money(m.unitPriceAtJoin * m.quantity),
      },
      ...(m.shippingAmount > 0 ? [{ label: t('facts.shipping'), value: money(m.shippingAmount) }] : []),
      { label: t('facts.held'), value: money(m.holdAmount) },
    ],
    button: t('holdPlaced.button'),
    push: {
      title: t('holdPlaced.pushTitle', { title: g.title }),
      body: t('holdPlaced.pushBody', { hold: money(m.holdAmount) }),
    },
  };
}

/** The join receipt of a saved card (long windows): nothing is held; at most the amount at close. */
function cardSaved(x: Tools, g: GroupFacts, m: MemberFacts): Body {
  const { t, money } = x;
  const unit = money(m.unitPriceAtJoin);
  const deadline = x.when(g.deadline);
  const most = money(m.holdAmount);
  return {
    subject: t('holdPlaced.subject', { title: g.title }),
    heading: t('holdPlaced.heading', { title: g.title }),
    paragraphs: [
      t('cardSaved.saved', { most }),
      m.shippingAmount > 0
        ? t('holdPlaced.payShipping', { unit, quantity: m.quantity, shipping: money(m.shippingAmount) })
        : t('holdPlaced.pay', { unit, quantity: m.quantity }),
      ...(g.bestUnitPrice < m.unitPriceAtJoin ? [t('holdPlaced.lower')] : []),
      below(g)
        ? t('cardSaved.removeIf', { min: g.minMembers, deadline })
        : t('holdPlaced.goesAhead', { deadline }),
    ],
    facts: [
      {
        label: t('facts.unitTimesQuantity', { unit, quantity: m.quantity }),
        value: money(m.unitPriceAtJoin * m.quantity),
      },
      ...(m.shippingAmount > 0 ? [{ label: t('facts.shipping'), value: money(m.shippingAmount) }] : []),
      { label: t('facts.atMost'), value: most },
    ],
    button: t('holdPlaced.button'),
    push: {
      title: t('holdPlaced.pushTitle', { title: g.title }),
      body: t('cardSaved.pushBody', { most }),
    },
  };
}

/** The join receipt of a wallet paid now (WeChat Pay): paid, not held; the difference comes back at close. */
function walletPaid(x: Tools, g: GroupFacts, m: MemberFacts): Body {
  const { t, money } = x;
  const unit = money(m.unitPriceAtJoin);
  const deadline = x.when(g.deadline);
  const paid = money(m.holdAmount);
  return {
    subject: t('holdPlaced.subject', { title: g.title }),
    heading: t('holdPlaced.heading', { title: g.title }),
    paragraphs: [
      t('wallet.paid', { paid }),
      t('wallet.difference'),
      below(g) ? t('wallet.refundIf', { min: g.minMembers, deadline }) : t('wallet.goesAhead', { deadline }),
    ],
    facts: [
      {
        label: t('facts.unitTimesQuantity', { unit, quantity: m.quantity }),
        value: money(m.unitPriceAtJoin * m.quantity),
      },
      ...(m.shippingAmount > 0 ? [{ label: t('facts.shipping'), value: money(m.shippingAmount) }] : []),
      { label: t('wallet.factPaid'), value: paid },
    ],
    button: t('holdPlaced.button'),
    push: {
      title: t('holdPlaced.pushTitle', { title: g.title }),
      body: t('wallet.pushBody', { paid }),
    },
  };
}

/** The receipt at close of a wallet paid now: what was paid, the difference refunded, the group's price. */
function walletWon(
  x: Tools,
  g: GroupFacts,
  m: MemberFacts,
  paidAmount: number,
  unit: number,
  saved: number,
): Body {
  const { t, money } = x;
  const net = paidAmount - m.refundedAmount;
  const total = money(net);
  const price = money(unit);
  const difference = money(m.refundedAmount);
  return {
    subject: t('wonCharged.subject', { title: g.title, price }),
    heading: t('wallet.wonHeading', { total }),
    paragraphs: [
      t('wallet.wonPaid', { paid: money(paidAmount), title: g.title }),
      ...(m.refundedAmount > 0 ? [t('wallet.wonDifference', { difference, total })] : []),
      ...(saved > 0 ? [t('wonCharged.saved', { saved: money(saved) })] : []),
    ],
    facts: [
      {
        label: t('facts.unitTimesQuantity', { unit: price, quantity: m.quantity }),
        value: money(net - m.shippingAmount),
      },
      ...(m.shippingAmount > 0 ? [{ label: t('facts.shipping'), value: money(m.shippingAmount) }] : []),
      { label: t('wallet.factPaid'), value: money(paidAmount) },
      ...(m.refundedAmount > 0 ? [{ label: t('wallet.factRefunded'), value: difference }] : []),
      { label: t('facts.total'), value: total },
      ...(saved > 0 ? [{ label: t('facts.saved'), value: money(saved) }] : []),
    ],
    button: t('wonCharged.button'),
    push: {
      title: t('wonCharged.pushTitle', { total, title: g.title }),
      body:
        m.refundedAmount > 0
          ? t('wallet.wonPushBody', { price, difference })
          : t('wonCharged.pushBody', { price }),
    },
  };
}

function priceDropped(x: Tools, g: GroupFacts, m: MemberFacts): Body {
  const { t, money } = x;
  const price = Math.min(g.currentUnitPrice, m.unitPriceAtJoin);
  const next = nextStep(g);
  return {
    subject: t('priceDropped.subject', { price: money(g.currentUnitPrice), title: g.title }),
    paragraphs: [
      g.currentUnitPrice < m.unitPriceAtJoin
        ? t('priceDropped.instead', { price: money(price), joinPrice: money(m.unitPriceAtJoin) })
        : t('priceDropped.same', { price: money(price) }),
      t('priceDropped.count', { count: g.confirmedCount }),
      ...(next ? [t('priceDropped.next', { count: next.needed, nextPrice: money(next.price) })] : []),
    ],
    links: shareLinks(x),
    button: t('priceDropped.button'),
    push: { title: t('priceDropped.pushTitle', { price: money(g.currentUnitPrice), title: g.title }) },
  };
}

function oneMore(x: Tools, g: GroupFacts): Body {
  const { t, money } = x;
  const links = shareLinks(x);
  const button = t('oneMore.button');
  if (below(g)) {
    const count = g.minMembers - g.confirmedCount;
    return {
      subject: t('oneMore.subjectGoAhead', { title: g.title, count }),
      paragraphs: [t('oneMore.bodyGoAhead', { count, price: money(g.currentUnitPrice) })],
      links,
      button,
      push: {
        title: t('oneMore.pushTitleGoAhead', { count }),
        body: t('oneMore.pushBody', { title: g.title }),
      },
    };
  }
  const next = nextStep(g);
  if (!next) {
    // The bracket was reached while the nudge waited: say where the group stands instead.
    const price = money(g.currentUnitPrice);
    return {
      subject: t('oneMore.subjectBest', { title: g.title, price }),
      paragraphs: [t('oneMore.bodyBest', { price })],
      button,
    };
  }
  const args = { count: next.needed, nextPrice: money(next.price) };
  return {
    subject: t('oneMore.subject', { title: g.title, ...args }),
    paragraphs: [t('oneMore.body', args)],
    links,
    button,
    push: { title: t('oneMore.pushTitle', args), body: t('oneMore.pushBody', { title: g.title }) },
  };
}

function closingSoon(x: Tools, g: GroupFacts, m: MemberFacts | null): Body {
  const { t, money } = x;
  const next = nextStep(g);
  const reachable = below(g)
    ? t(m?.paymentKind === 'saved_card' ? 'closingSoon.neededSavedCard' : 'closingSoon.needed', {
        count: g.minMembers - g.confirmedCount,
      })
    : next
      ? t('closingSoon.next', { count: next.needed, nextPrice: money(next.price) })
      : t('closingSoon.best', { price: money(g.currentUnitPrice) });
  const subject = t('closingSoon.subject', {
    title: g.title,
    timeLeft: timeLeft(x.ctx.locale, g.deadline.getTime() - x.opts.now.getTime()),
  });
  return {
    subject,
    paragraphs: [t('closingSoon.closes', { deadline: x.when(g.deadline) }), reachable],
    links: shareLinks(x),
    button: t('closingSoon.button'),
    push: { title: subject, body: reachable },
  };
}

function wonCharged(x: Tools, g: GroupFacts, m: MemberFacts): Body {
  const { t, money } = x;
  const charged = need(m.chargeAmount, x.ctx, 'member.chargeAmount');
  const unit = Math.min(g.finalUnitPrice ?? g.currentUnitPrice, m.unitPriceAtJoin);
  // The saving and the released rest exactly as the group page says them (viewerOutcome of a captured member).
  const outcome = viewerOutcome(
    {
      currency: g.currency,
      listPrice: g.listPrice,
      tiers: [{ minMembers: 1, unitPrice: unit }],
      confirmedCount: g.confirmedCount,
      status: 'won',
      finalUnitPrice: unit,
    },
    {
      status: 'captured',
      quantity: m.quantity,
      unitPriceAtJoin: m.unitPriceAtJoin,
      shippingAmount: m.shippingAmount,
      holdAmount: m.holdAmount,
      chargeAmount: charged,
      refundedAmount: m.refundedAmount,
      paymentKind: m.paymentKind,
    },
  );
  const saved = outcome.kind === 'charged' ? outcome.savedVsList : 0;
  const released = outcome.kind === 'charged' ? outcome.released : 0;
  if (m.paymentKind === 'paid_now') {
    // Paid at join: the saving is on what they paid in the end, after the difference came back.
    const net = charged - m.refundedAmount;
    const walletSaved = Math.max(0, g.listPrice * m.quantity - (net - m.shippingAmount));
    return walletWon(x, g, m, charged, unit, walletSaved);
  }
  const total = money(charged);
  const price = money(unit);
  return {
    subject: t('wonCharged.subject', { title: g.title, price }),
    heading: t('wonCharged.heading', { total }),
    paragraphs: [
      t('wonCharged.charged', { total, title: g.title }),
      ...(saved > 0 ? [t('wonCharged.saved', { saved: money(saved) })] : []),
      ...(released > 0 ? [t('wonCharged.released', { released: money(released) })] : []),
    ],
    facts: [
      {
        label: t('facts.unitTimesQuantity', { unit: price, quantity: m.quantity }),
        value: money(charged - m.shippingAmount),
      },
      ...(m.shippingAmount > 0 ? [{ label: t('facts.shipping'), value: money(m.shippingAmount) }] : []),
      { label: t('facts.total'), value: total },
      ...(saved > 0 ? [{ label: t('facts.saved'), value: money(saved) }] : []),
    ],
    button: t('wonCharged.button'),
    push: {
      title: t('wonCharged.pushTitle', { total, title: g.title }),
      body:
        saved > 0
          ? t('wonCharged.pushBodySaved', { price, saved: money(saved) })
          : t('wonCharged.pushBody', { price }),
    },
  };
}

function failedReleased(x: Tools, g: GroupFacts, m: MemberFacts): Body {
  const { t, money } = x;
  // A saved card held nothing: it is removed and nothing was charged (DESIGN rule 12).
  const saved = m.paymentKind === 'saved_card';
  // A wallet paid now was refunded in full (settle-paid-now.ts): not a released hold either.
  const paidNow = m.paymentKind === 'paid_now';
  return {
    subject: saved
      ? t('failedReleased.subjectCardRemoved', { title: g.title })
      : paidNow
        ? t('wallet.subjectRefunded', { title: g.title })
        : t('failedReleased.subject', { title: g.title }),
    heading: t('failedReleased.heading'),
    paragraphs: [
      t('failedReleased.body', { title: g.title, min: g.minMembers }),
      saved
        ? t('cardRemoved')
        : paidNow
          ? t('wallet.refunded', { paid: money(m.holdAmount) })
          : t('released', { hold: money(m.holdAmount) }),
    ],
    button: t('failedReleased.button'),
    push: {
      body: saved
        ? t('cardRemoved')
        : paidNow
          ? t('wallet.refunded', { paid: money(m.holdAmount) })
          : t('failedReleased.pushBody', { hold: money(m.holdAmount) }),
    },
  };
}

function groupCanceled(x: Tools, g: GroupFacts, m: MemberFacts): Body {
  const { t, money } = x;
  return {
    subject: t('groupCanceled.subject', { title: g.title }),
    heading: t('groupCanceled.heading'),
    paragraphs: [
      t('groupCanceled.body', { title: g.title }),
      m.paymentKind === 'saved_card'
        ? t('cardRemoved')
        : m.paymentKind === 'paid_now'
          ? t('wallet.refunded', { paid: money(m.holdAmount) })
          : t('released', { hold: money(m.holdAmount) }),
      ...(x.ctx.note ? [t('groupCanceled.note', { note: x.ctx.note })] : []),
    ],
    button: t('groupCanceled.button'),
    push: {
      body:
        m.paymentKind === 'saved_card'
          ? t('cardRemoved')
          : m.paymentKind === 'paid_now'
            ? t('wallet.refunded', { paid: money(m.holdAmount) })
            : t('groupCanceled.pushBody', { hold: money(m.holdAmount) }),
    },
  };
}

function refundIssued(x: Tools, g: GroupFacts, m: MemberFacts): Body {
  const { t, money } = x;
  const amount = money(need(x.ctx.refundAmount, x.ctx, 'refundAmount'));
  const charged = m.chargeAmount ?? 0;
  const refunded = money(m.refundedAmount);
  const sofar =
    charged > 0 && m.refundedAmount >= charged
      ? [t('refundIssued.full', { refunded })]
      : m.refundedAmount !== x.ctx.refundAmount
        ? [t('refundIssued.total', { refunded, charged: money(charged) })]
        : [];
  return {
    subject: t('refundIssued.subject', { amount, title: g.title }),
    heading: t('refundIssued.heading', { amount }),
    paragraphs: [t('refundIssued.body', { amount, title: g.title }), ...sofar],
    button: t('refundIssued.button'),
    push: { body: t('refundIssued.pushBody', { amount }) },
  };
}

function orderShipped(x: Tools, g: GroupFacts): Body {
  const { t } = x;
  const o = need(x.ctx.order, x.ctx, 'order');
  return {
    subject: t('orderShipped.subject', { number: o.number }),
    paragraphs: [t('orderShipped.body', { title: g.title })],
    facts: [
      ...(o.carrier ? [{ label: t('facts.carrier'), value: o.carrier }] : []),
      ...(o.trackingNumber ? [{ label: t('facts.trackingNumber'), value: o.trackingNumber }] : []),
    ],
    links: o.trackingUrl ? [{ label: t('links.tracking'), url: o.trackingUrl }] : [],
    button: t('orderShipped.button'),
  };
}

function orderReady(x: Tools, g: GroupFacts): Body {
  const { t } = x;
  const o = need(x.ctx.order, x.ctx, 'order');
  if (o.method === 'voucher')
    return {
      subject: t('orderReady.subjectVoucher', { number: o.number }),
      paragraphs: [t('orderReady.voucher', { title: g.title })],
      button: t('orderReady.button'),
    };
  return {
    subject: t('orderReady.subjectPickup', { number: o.number }),
    paragraphs: [
      o.pickupPlace
        ? t('orderReady.pickupAt', { title: g.title, place: o.pickupPlace })
        : t('orderReady.pickup', { title: g.title }),
    ],
    button: t('orderReady.button'),
  };
}

function roomReply(x: Tools, g: GroupFacts): Body {
  const { t } = x;
  return {
    subject: t('roomReply.subject', { title: g.title }),
    paragraphs: [t('roomReply.body', { title: g.title })],
    button: t('roomReply.button'),
    push: { title: t('roomReply.pushTitle'), body: t('roomReply.pushBody', { title: g.title }) },
  };
}

function roomMention(x: Tools, g: GroupFacts, m: MemberFacts): Body {
  const { t } = x;
  return {
    subject: t('roomMention.subject', { title: g.title }),
    paragraphs: [t('roomMention.body', { title: g.title, alias: m.alias })],
    button: t('roomMention.button'),
    push: {
      title: t('roomMention.pushTitle', { alias: m.alias }),
      body: t('roomMention.pushBody', { title: g.title }),
    },
  };
}

function merchantGroupWon(x: Tools, g: GroupFacts): Body {
  const { t, money } = x;
  return {
    subject: t('merchantGroupWon.subject', { title: g.title, code: g.code }),
    paragraphs: [
      t('merchantGroupWon.body', {
        count: g.confirmedCount,
        price: money(g.finalUnitPrice ?? g.currentUnitPrice),
      }),
    ],
    button: t('merchantGroupWon.button'),
  };
}

function merchantGroupFailed(x: Tools, g: GroupFacts): Body {
  const { t } = x;
  return {
    subject: t('merchantGroupFailed.subject', { title: g.title, code: g.code }),
    paragraphs: [t('merchantGroupFailed.body', { joined: g.confirmedCount, min: g.minMembers })],
    button: t('merchantGroupFailed.button'),
  };
}

function merchantDailySummary(x: Tools): Body {
  const { t, ctx } = x;
  const s = need(ctx.summary, ctx, 'summary');
  const count = new Intl.NumberFormat(ctx.locale);
  const when = day(ctx.locale, s.day);
  const charged = s.charged.filter((c) => c.amount > 0);
  return {
    subject: t('merchantDailySummary.subject', { day: when }),
    paragraphs: [t('merchantDailySummary.intro', { day: when })],
    facts: [
      { label: t('merchantDailySummary.won'), value: count.format(s.groupsWon) },
      { label: t('merchantDailySummary.failed'), value: count.format(s.groupsFailed) },
      { label: t('merchantDailySummary.open'), value: count.format(s.groupsOpen) },
      ...(charged.length > 0
        ? charged.map((c) => ({
            label: t('merchantDailySummary.charged'),
            value: formatMoney(c.amount, c.currency, ctx.locale),
          }))
        : [{ label: t('merchantDailySummary.charged'), value: t('merchantDailySummary.nothingCharged') }]),
      { label: t('merchantDailySummary.orders'), value: count.format(s.ordersToFulfil) },
    ],
    button: t('merchantDailySummary.button'),
    push: {
      body: t('merchantDailySummary.pushBody', {
        won: s.groupsWon,
        failed: s.groupsFailed,
        orders: s.ordersToFulfil,
      }),
    },
  };
}

/** Why a charge was refused, in the reader's words (notify's paymentReason; never the processor's English). */
function reasonWords(x: Tools): string {
  const key = x.ctx.reason ?? 'declined';
  const known = [
    'insufficientFunds',
    'expiredCard',
    'holdExpired',
    'authenticationRequired',
    'processing',
    'lostOrStolen',
    'declined',
  ] as const;
  const k = (known as readonly string[]).includes(key) ? (key as (typeof known)[number]) : 'declined';
  return x.t(`paymentReason.${k}`);
}

function amountOwed(x: Tools, g: GroupFacts, m: MemberFacts): number {
  if (x.ctx.amountDue !== null && x.ctx.amountDue !== undefined) return x.ctx.amountDue;
  const unit = Math.min(g.finalUnitPrice ?? g.currentUnitPrice, m.unitPriceAtJoin);
  return Math.min(unit * m.quantity + m.shippingAmount, m.holdAmount);
}

function paymentDue(x: Tools, g: GroupFacts, m: MemberFacts): Body {
  const { t, money } = x;
  const amount = money(amountOwed(x, g, m));
  const until = x.when(need(m.dueUntil ?? null, x.ctx, 'member.dueUntil'));
  const price = money(Math.min(g.finalUnitPrice ?? g.currentUnitPrice, m.unitPriceAtJoin));
  return {
    subject: t('paymentDue.subject', { title: g.title }),
    heading: t('paymentDue.heading', { amount }),
    paragraphs: [
      t('paymentDue.body', { title: g.title, price }),
      t('paymentDue.why', { reason: reasonWords(x) }),
      t('paymentDue.until', { amount, until }),
      t('paymentDue.nothingCharged'),
    ],
    facts: [
      { label: t('facts.amountDue'), value: amount },
      { label: t('facts.dueUntil'), value: until },
    ],
    button: t('paymentDue.button'),
    push: {
      title: t('paymentDue.pushTitle', { title: g.title }),
      body: t('paymentDue.pushBody', { amount, until }),
    },
  };
}

function paymentDueReminder(x: Tools, g: GroupFacts, m: MemberFacts): Body {
  const { t, money } = x;
  const amount = money(amountOwed(x, g, m));
  const dueUntil = need(m.dueUntil ?? null, x.ctx, 'member.dueUntil');
  const until = x.when(dueUntil);
  const timeLeftWords = timeLeft(x.ctx.locale, dueUntil.getTime() - x.opts.now.getTime());
  return {
    subject: t('paymentDueReminder.subject', { title: g.title, timeLeft: timeLeftWords }),
    paragraphs: [t('paymentDueReminder.body', { amount, title: g.title, until })],
    button: t('paymentDue.button'),
    push: { body: t('paymentDue.pushBody', { amount, until }) },
  };
}

function paymentLapsed(x: Tools, g: GroupFacts): Body {
  const { t } = x;
  return {
    subject: t('paymentLapsed.subject', { title: g.title }),
    heading: t('paymentLapsed.heading'),
    paragraphs: [t('paymentLapsed.body', { title: g.title })],
    button: t('paymentLapsed.button'),
    push: { body: t('paymentLapsed.pushBody', { title: g.title }) },
  };
}

function merchantPaymentLapsed(x: Tools, g: GroupFacts, m: MemberFacts): Body {
  const { t, money } = x;
  return {
    subject: t('merchantPaymentLapsed.subject', { title: g.title, alias: m.alias }),
    paragraphs: [
      t('merchantPaymentLapsed.body', {
        alias: m.alias,
        amount: money(amountOwed(x, g, m)),
        code: g.code,
      }),
      t('merchantPaymentLapsed.reason', { reason: reasonWords(x) }),
    ],
    button: t('merchantPaymentLapsed.button'),
  };
}

function bodyOf(x: Tools): Body {
  const { ctx } = x;
  if (ctx.moment === 'merchantDailySummary') return merchantDailySummary(x);
  const g = need(ctx.group, ctx, 'group');
  const member = () => need(ctx.member, ctx, 'member');
  switch (ctx.moment) {
    case 'holdPlaced':
      return holdPlaced(x, g, member());
    case 'priceDropped':
      return priceDropped(x, g, member());
    case 'oneMore':
      return oneMore(x, g);
    case 'closingSoon24h':
    case 'closingSoon3h':
      return closingSoon(x, g, ctx.member);
    case 'wonCharged':
      return wonCharged(x, g, member());
    case 'failedReleased':
      return failedReleased(x, g, member());
    case 'groupCanceled':
      return groupCanceled(x, g, member());
    case 'refundIssued':
      return refundIssued(x, g, member());
    case 'orderShipped':
      return orderShipped(x, g);
    case 'orderReady':
      return orderReady(x, g);
    case 'roomReply':
      return roomReply(x, g);
    case 'roomMention':
      return roomMention(x, g, member());
    case 'merchantGroupWon':
      return merchantGroupWon(x, g);
    case 'merchantGroupFailed':
      return merchantGroupFailed(x, g);
    case 'paymentDue':
      return paymentDue(x, g, member());
    case 'paymentDueReminder':
      return paymentDueReminder(x, g, member());
    case 'paymentLapsed':
      return paymentLapsed(x, g);
    case 'merchantPaymentLapsed':
      return merchantPaymentLapsed(x, g, member());
  }
}

/** One moment's message in the reader's language, before layout. */
export function composeMessage(ctx: NotificationContext, opts: RenderOptions): Message {
  const t = translator(ctx.locale, 'notify');
  const currency = ctx.group?.currency;
  const x: Tools = {
    t,
    ctx,
    opts,
    money: (minor) => formatMoney(minor, need(currency ?? null, ctx, 'group.currency'), ctx.locale),
    when: (d) => dateTime(ctx.locale, opts.timeZone, d),
  };
  const b = bodyOf(x);
  const lead = b.paragraphs[0] ?? b.subject;
  const kind = MOMENTS[ctx.moment].kind;
  const link = (label: string, url: string): SideLink => ({
    label,
    url,
    line: t('line', { label, value: url }),
  });
  return {
    subject: b.subject,
    heading: b.heading ?? b.subject,
    preheader: b.push?.body ?? lead,
    greeting: t('greeting', { name: ctx.recipientName }),
    paragraphs: b.paragraphs,
    facts: (b.facts ?? []).map((f) => ({ ...f, line: t('line', f) })),
    links: (b.links ?? []).map((l) => link(l.label, l.url)),
    button: link(b.button, ctx.links.primary),
    push: { title: b.push?.title ?? b.subject, body: b.push?.body ?? lead },
    footer: {
      why:
        kind === 'receipt'
          ? t('footer.receipt')
          : kind === 'nudge'
            ? t('footer.nudge', { perDay: NOTIFY_RULES.nudgesPerDay })
            : t('footer.notice'),
      preferences: link(t('footer.preferences'), ctx.links.preferences),
      // A receipt says it is always sent, so it never offers an unsubscribe link, whatever it is given.
      unsubscribe:
        ctx.links.unsubscribe && kind !== 'receipt'
          ? link(t('footer.unsubscribe'), ctx.links.unsubscribe)
          : null,
    },
  };
}
