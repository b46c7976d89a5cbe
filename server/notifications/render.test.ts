import { describe, expect, it } from 'vitest';
import { LOCALES, type Locale } from '@/i18n/locales';
import { MOMENT_NAMES, MOMENTS, type Moment } from './moments';
import { renderNotification } from './render';
import type { GroupFacts, MemberFacts, NotificationContext, OrderFacts } from './types';

const PRIMARY = 'https://flock.test/g/ABC123?from=mail&m=1';
const SHARE = 'https://flock.test/g/ABC123?i=invite-token';
const PREFERENCES = 'https://flock.test/me/notifications';
const UNSUBSCRIBE = 'https://flock.test/api/notifications/unsubscribe?t=signed.token';
const DEADLINE = new Date('2026-12-02T14:00:00Z');
const NOW = new Date('2026-12-01T14:00:00Z');

const EVIL_ALIAS = 'Mia<script>alert(1)</script>';
const EVIL_TITLE = 'Mug <script>steal()</script> & "Co"';

type Over = {
  group?: Partial<GroupFacts>;
  member?: Partial<MemberFacts> | null;
  order?: Partial<OrderFacts>;
  locale?: Locale;
  refundAmount?: number;
};

// USD, list $30.00; $26.00 from 3 people, $23.00 from 6, $19.90 from 10; Mia holds 2 × $26.00 + $5.00 shipping.
function context(moment: Moment, over: Over = {}): NotificationContext {
  const merchant = MOMENTS[moment].audience === 'merchant';
  const group: GroupFacts = {
    code: 'ABC123',
    title: EVIL_TITLE,
    currency: 'USD',
    listPrice: 3000,
    status: 'open',
    deadline: DEADLINE,
    confirmedCount: 4,
    minMembers: 3,
    maxMembers: 20,
    currentUnitPrice: 2600,
    bestUnitPrice: 1990,
    nextTier: { minMembers: 6, unitPrice: 2300 },
    finalUnitPrice: null,
    ...over.group,
  };
  const member: MemberFacts = {
    alias: EVIL_ALIAS,
    quantity: 2,
    unitPriceAtJoin: 2600,
    shippingAmount: 500,
    holdAmount: 5700,
    chargeAmount: null,
    refundedAmount: 0,
    ...over.member,
  };
  const order: OrderFacts = {
    number: 'FL-1001',
    method: 'shipping',
    carrier: 'UPS',
    trackingNumber: '1Z999AA10123456784',
    trackingUrl: 'https://track.example/1Z999AA10123456784',
    pickupPlace: null,
    ...over.order,
  };
  return {
    moment,
    locale: over.locale ?? 'en',
    recipientName: merchant ? `Shop ${EVIL_ALIAS}` : EVIL_ALIAS,
    group,
    // The shop hears of one member only when a payment due lapsed (their alias, never their contact).
    member: (merchant && moment !== 'merchantPaymentLapsed') || over.member === null ? null : member,
    order: moment === 'orderShipped' || moment === 'orderReady' ? order : null,
    refundAmount: moment === 'refundIssued' ? (over.refundAmount ?? 2000) : null,
    summary:
      moment === 'merchantDailySummary'
        ? {
            day: '2026-11-30',
            groupsWon: 2,
            groupsFailed: 1,
            groupsOpen: 5,
            charged: [
              { currency: 'USD', amount: 123450 },
              { currency: 'JPY', amount: 98000 },
            ],
            ordersToFulfil: 7,
          }
        : null,
    links: {
      primary: PRIMARY,
      share: MOMENTS[moment].kind === 'nudge' ? SHARE : null,
      preferences: PREFERENCES,
      unsubscribe: MOMENTS[moment].kind === 'receipt' ? null : UNSUBSCRIBE,
    },
  };
}

/** Facts a moment is sent with when it is true: a won group for a receipt of a charge, and so on. */
function typical(moment: Moment, locale: Locale): NotificationContext {
  const won = { status: 'won' as const, finalUnitPrice: 2300, confirmedCount: 7 };
  const charged = { chargeAmount: 2300 * 2 + 500 };
  switch (moment) {
    case 'holdPlaced':
      return context(moment, { locale, group: { confirmedCount: 1 } });
    case 'priceDropped':
      return context(moment, {
        locale,
        group: { confirmedCount: 6, currentUnitPrice: 2300, nextTier: { minMembers: 10, unitPrice: 1990 } },
      });
    case 'oneMore':
      return context(moment, { locale, group: { confirmedCount: 5 } });
    case 'closingSoon24h':
    case 'closingSoon3h':
      return context(moment, { locale, group: { confirmedCount: 1 } });
    case 'wonCharged':
    case 'merchantGroupWon':
    case 'orderShipped':
    case 'orderReady':
      return context(moment, { locale, group: won, member: charged });
    case 'refundIssued':
      return context(moment, { locale, group: won, member: { ...charged, refundedAmount: 2000 } });
    case 'failedReleased':
    case 'merchantGroupFailed':
      return context(moment, { locale, group: { status: 'failed', confirmedCount: 2 } });
    case 'groupCanceled':
      return context(moment, { locale, group: { status: 'canceled' } });
    case 'merchantDailySummary':
    case 'roomReply':
    case 'roomMention':
      return context(moment, { locale });
    case 'paymentDue':
    case 'paymentDueReminder':
    case 'paymentLapsed':
    case 'merchantPaymentLapsed':
      return context(moment, {
        locale,
        group: won,
        member: { dueUntil: new Date('2026-12-08T14:00:00Z') },
      });
  }
}

const render = (ctx: NotificationContext) => renderNotification(ctx, { now: NOW, timeZone: 'UTC' });
/** The HTML without its dark-mode style block (CSS braces are not ICU leftovers). */
const markup = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/, '');
const escapedPrimary = PRIMARY.replaceAll('&', '&amp;');

describe.each(LOCALES)('every moment in %s', (locale) => {
  it.each(MOMENT_NAMES)('%s renders whole, escaped, linked and paced', (moment) => {
    const r = render(typical(moment, locale));
    for (const words of [r.subject, r.text, markup(r.html), r.push.title, r.push.body]) {
      expect(words).not.toMatch(/[{}]/);
      expect(words).not.toContain('undefined');
      expect(words).not.toContain('NaN');
    }
    expect(r.subject.trim()).not.toBe('');
    expect(r.text).toContain(PRIMARY);
    expect(r.html).toContain(`href="${escapedPrimary}"`);
    expect(r.html).toContain(`<html lang="${locale}">`);
    expect(r.push.url).toBe(PRIMARY);
    expect(r.push.title.length).toBeGreaterThan(0);
    expect(r.push.title.length).toBeLessThanOrEqual(60);
    expect(r.push.body.length).toBeGreaterThan(0);
    expect(r.push.body.length).toBeLessThanOrEqual(120);

    // The alias is in every greeting and the title in most messages: both arrive as text, never as markup.
    expect(r.html).not.toMatch(/<script/i);
    expect(r.html).toContain('Mia&lt;script&gt;alert(1)&lt;/script&gt;');
    if (moment !== 'merchantDailySummary')
      expect(r.html + r.subject).toMatch(/Mug (&lt;script&gt;|<script>)steal/);
    expect(r.text).toContain(EVIL_ALIAS);

    // Receipts can't be unsubscribed from; nudges and notices carry the one-click link.
    if (MOMENTS[moment].kind === 'receipt') {
      expect(r.text).not.toContain(UNSUBSCRIBE);
      expect(r.html).not.toContain('unsubscribe?t=');
    } else {
      expect(r.text).toContain(UNSUBSCRIBE);
      expect(r.html).toContain(`href="${UNSUBSCRIBE}"`);
    }
    expect(r.text).toContain(PREFERENCES);
    expect(r.html).toContain(`href="${PREFERENCES}"`);
    // Room nudges are about a conversation (and may come after the close), a payment reminder about a
    // closed group's payment: they carry no invite link.
    const roomNudge = moment === 'roomReply' || moment === 'roomMention' || moment === 'paymentDueReminder';
    if (MOMENTS[moment].kind === 'nudge' && moment !== 'oneMore' && !roomNudge)
      expect(r.text).toContain(SHARE);
  });
});

describe('unsubscribing', () => {
  it('is never offered on a receipt, even when a link is passed', () => {
    const ctx = typical('wonCharged', 'en');
    const r = render({ ...ctx, links: { ...ctx.links, unsubscribe: UNSUBSCRIBE } });
    expect(r.text).not.toContain(UNSUBSCRIBE);
    expect(r.html).not.toContain(UNSUBSCRIBE);
    expect(r.text).toContain('Messages about your money are always sent.');
  });

  it('is left out of a nudge the sender gives no link for', () => {
    const ctx = typical('closingSoon3h', 'en');
    const r = render({ ...ctx, links: { ...ctx.links, unsubscribe: null } });
    expect(r.text).not.toContain('Unsubscribe');
    expect(r.html).not.toContain('Unsubscribe');
  });
});

describe('money in the reader’s language', () => {
  it('writes dollars and yen as Intl does in each locale, yen without decimals', () => {
    const usd = typical('wonCharged', 'en');
    expect(render(usd).text).toContain('$51.00');
    expect(render({ ...usd, locale: 'zh-CN' }).text).toContain('US$51.00');

    const yen = {
      ...usd,
      group: { ...usd.group, currency: 'JPY', listPrice: 3000, finalUnitPrice: 2300 } as GroupFacts,
      member: { ...(usd.member as MemberFacts), shippingAmount: 500, chargeAmount: 5100 },
    };
    expect(render({ ...yen, locale: 'ja' }).text).toContain('￥5,100');
    expect(render({ ...yen, locale: 'zh-CN' }).text).toContain('JP¥5,100');
    expect(render({ ...yen, locale: 'en' }).text).toContain('¥5,100');
    expect(render({ ...yen, locale: 'ja' }).text).not.toMatch(/5,100\.\d/);
  });

  it('sums the daily summary per currency, each in its own format', () => {
    const r = render(typical('merchantDailySummary', 'en'));
    expect(r.text).toContain('Charged: $1,234.50');
    expect(r.text).toContain('Charged: ¥98,000');
    expect(r.text).toContain('Orders to fulfil: 7');
    expect(r.subject).toBe('Your day on Flock: Nov 30, 2026');
  });

  it('says nothing was charged on a day without charges', () => {
    const ctx = typical('merchantDailySummary', 'en');
    const summary = ctx.summary && { ...ctx.summary, charged: [] };
    expect(render({ ...ctx, summary }).text).toContain('Charged: Nothing');
  });
});

describe('the receipt of a won group', () => {
  it('adds up: goods, shipping, the total charged and the saving on the goods', () => {
    const r = render(typical('wonCharged', 'en'));
    expect(r.subject).toBe(`Receipt: ${EVIL_TITLE} at $23.00 each`);
    expect(r.text).toContain('$23.00 × 2: $46.00');
    expect(r.text).toContain('Shipping: $5.00');
    expect(r.text).toContain('Total charged: $51.00');
    // List $30.00 × 2 = $60.00 against $46.00 of goods; shipping is not part of the saving.
    expect(r.text).toContain('You saved: $14.00');
    expect(r.text).toContain('The other $6.00 of your hold was released.');
    expect(r.push.body).toContain('you saved $14.00');
  });

  it('has no shipping line when nothing ships, and the total is the charge', () => {
    const ctx = context('wonCharged', {
      group: { status: 'won', finalUnitPrice: 2300 },
      member: { shippingAmount: 0, holdAmount: 5200, chargeAmount: 4600 },
    });
    for (const locale of LOCALES) {
      const r = render({ ...ctx, locale });
      expect(r.text).not.toContain(locale === 'en' ? 'Shipping' : locale === 'ja' ? '送料' : '运费');
    }
    const r = render(ctx);
    expect(r.text).toContain('Total charged: $46.00');
    expect(r.text).toContain('$23.00 × 2: $46.00');
  });

  it('claims no saving when the price paid is the list price', () => {
    const ctx = context('wonCharged', {
      group: { status: 'won', finalUnitPrice: 3000, listPrice: 3000, currentUnitPrice: 3000 },
      member: { unitPriceAtJoin: 3000, holdAmount: 6500, chargeAmount: 6500 },
    });
    const r = render(ctx);
    expect(r.text).not.toContain('saved');
    expect(r.text).not.toContain('released');
    expect(r.text).toContain('Total charged: $65.00');
  });

  it('charges at most the price the member joined at', () => {
    const ctx = context('wonCharged', {
      group: { status: 'won', finalUnitPrice: 2600 },
      member: { unitPriceAtJoin: 2300, holdAmount: 5100, chargeAmount: 5100 },
    });
    expect(render(ctx).subject).toContain('$23.00 each');
  });
});

describe('the receipt of a hold', () => {
  it('below the minimum: nothing charged, at most the join price, released if the group falls short', () => {
    const r = render(typical('holdPlaced', 'en'));
    expect(r.text).toContain('We hold $57.00 on your card. Nothing is charged now.');
    expect(r.text).toContain("You'll pay at most $26.00 each for 2 items, plus $5.00 shipping.");
    expect(r.text).toContain('If the group reaches a lower price, you pay less.');
    expect(r.text).toContain("If the group doesn't reach 3 people by Dec 2, 2026, 2:00 PM UTC");
  });

  it('below the minimum, says a lower price is possible when a cheaper bracket exists, and not when the tipping price is the only one', () => {
    const tipping = { minMembers: 3, unitPrice: 2600 };
    const r = render(context('holdPlaced', { group: { confirmedCount: 1, nextTier: tipping } }));
    expect(r.text).toContain('If the group reaches a lower price, you pay less.');
    expect(r.text).toContain("If the group doesn't reach 3 people");
    const single = render(
      context('holdPlaced', { group: { confirmedCount: 1, nextTier: tipping, bestUnitPrice: 2600 } }),
    );
    expect(single.text).not.toContain('lower price');
  });

  it('writes the deadline in the reader’s time zone', () => {
    const r = renderNotification(typical('holdPlaced', 'en'), { now: NOW, timeZone: 'Asia/Tokyo' });
    expect(r.text).toContain('by Dec 2, 2026, 11:00 PM GMT+9');
    const unknown = renderNotification(typical('holdPlaced', 'en'), { now: NOW, timeZone: 'Mars/Base' });
    expect(unknown.text).toContain('2:00 PM UTC');
  });

  it('once the minimum is met, promises no release and, at the last bracket, no lower price', () => {
    const ctx = context('holdPlaced', {
      group: { confirmedCount: 10, currentUnitPrice: 1990, bestUnitPrice: 1990, nextTier: null },
      member: { unitPriceAtJoin: 1990, shippingAmount: 0, holdAmount: 3980 },
    });
    const r = render(ctx);
    expect(r.text).toContain('already has enough people');
    expect(r.text).not.toContain("doesn't reach");
    expect(r.text).not.toContain('lower price');
    expect(r.text).not.toContain('shipping');
    expect(r.text).toContain("You'll pay at most $19.90 each for 2 items.");
  });
});

describe('nudges say only what is still true', () => {
  it('a price drop names the old and new price, the count and the next bracket', () => {
    const r = render(typical('priceDropped', 'en'));
    expect(r.subject).toBe(`Price dropped to $23.00 each for ${EVIL_TITLE}`);
    expect(r.text).toContain('At this price you pay $23.00 each instead of $26.00.');
    expect(r.text).toContain('6 people are in the group.');
    expect(r.text).toContain('Next: 4 more people unlock $19.90 each.');
  });

  it.each(LOCALES)('a price drop at the last bracket says nothing of a next one (%s)', (locale) => {
    const ctx = context('priceDropped', {
      locale,
      group: { confirmedCount: 10, currentUnitPrice: 1990, nextTier: null },
    });
    const r = render(ctx);
    const withNext = render(typical('priceDropped', locale));
    expect(r.text).toContain('19.90');
    expect(withNext.text).toContain('19.90');
    // The next-bracket sentence is the only difference in paragraphs: one fewer line, and no "unlock".
    expect(r.text.split('\n\n').length).toBe(withNext.text.split('\n\n').length - 1);
    expect(r.text).not.toMatch(/unlock|降至|になります/);
  });

  it('"one more" names the next price and carries the invite link', () => {
    const r = render(typical('oneMore', 'en'));
    expect(r.subject).toBe(`${EVIL_TITLE}: one more person unlocks $23.00 each`);
    expect(r.text).toContain('when one more person joins, you pay $23.00 each');
    expect(r.text).toContain(`Your invite link: ${SHARE}`);
    expect(r.push.title).toBe('One more person unlocks $23.00');
  });

  it('"one more" below the minimum is about going ahead, not a cheaper price', () => {
    const r = render(context('oneMore', { group: { confirmedCount: 2 } }));
    expect(r.subject).toBe(`${EVIL_TITLE}: one more person and the group goes ahead`);
    expect(r.text).toContain('the group goes ahead at $26.00 each');
    expect(r.text).not.toContain('23.00');
  });

  it('closing soon below the minimum says more are needed, in every language', () => {
    const expected: Record<Locale, string> = {
      en: '2 more people are needed',
      'zh-CN': '还差 2 人',
      ja: 'あと2人必要です',
    };
    for (const locale of LOCALES) {
      const r = render(typical('closingSoon24h', locale));
      expect(r.text).toContain(expected[locale]);
      expect(r.push.body).toContain(expected[locale]);
    }
  });

  it('closing soon above the minimum names the next bracket, and never says more are needed', () => {
    const r = render(context('closingSoon3h', { group: { confirmedCount: 4 } }));
    expect(r.text).toContain('2 more people unlock $23.00 each.');
    expect(r.text).not.toContain('needed');
    const last = render(
      context('closingSoon3h', { group: { confirmedCount: 12, nextTier: null, currentUnitPrice: 1990 } }),
    );
    expect(last.text).toContain('The group is at its best price, $19.90 each.');
    expect(last.text).not.toMatch(/needed|unlock/);
  });

  it('closing soon tells the time left as a reminder sent a moment late still reads it', () => {
    const ctx = typical('closingSoon3h', 'en');
    const at = (ms: number) => renderNotification(ctx, { now: new Date(DEADLINE.getTime() - ms) }).subject;
    const hour = 3_600_000;
    expect(at(24 * hour)).toBe(`${EVIL_TITLE} closes in 24 hours`);
    expect(at(24 * hour - 2_000)).toBe(`${EVIL_TITLE} closes in 24 hours`);
    expect(at(17 * hour + 20 * 60_000)).toBe(`${EVIL_TITLE} closes in 17 hours`);
    expect(at(3 * hour - 2_000)).toBe(`${EVIL_TITLE} closes in 3 hours`);
    expect(at(3 * hour - 5 * 60_000)).toBe(`${EVIL_TITLE} closes in 2 hours 55 minutes`);
    expect(at(50 * hour)).toBe(`${EVIL_TITLE} closes in 2 days 2 hours`);
    const ja = (ms: number) =>
      renderNotification({ ...ctx, locale: 'ja' }, { now: new Date(DEADLINE.getTime() - ms) }).subject;
    expect(ja(24 * hour)).toContain('残り24時間で締め切り');
    expect(ja(3 * hour)).toContain('残り3時間で締め切り');
  });
});

describe('money back and orders', () => {
  it('a partial refund says this refund and the total so far', () => {
    const r = render(
      context('refundIssued', {
        group: { status: 'won', finalUnitPrice: 2300 },
        member: { chargeAmount: 5100, refundedAmount: 3000 },
        refundAmount: 1000,
      }),
    );
    expect(r.subject).toBe(`Refund of $10.00 for ${EVIL_TITLE}`);
    expect(r.text).toContain('In all, $30.00 of the $51.00 you paid has been refunded.');
  });

  it('a first partial refund does not repeat itself, and a full one says so', () => {
    const first = render(typical('refundIssued', 'en'));
    expect(first.text).not.toContain('In all');
    expect(first.text).not.toContain('in full');
    const full = render(
      context('refundIssued', {
        group: { status: 'won', finalUnitPrice: 2300 },
        member: { chargeAmount: 5100, refundedAmount: 5100 },
        refundAmount: 3100,
      }),
    );
    expect(full.text).toContain('You have been refunded in full: $51.00.');
  });

  it('a failed group and a canceled one release the hold and charge nothing', () => {
    const failed = render(typical('failedReleased', 'en'));
    expect(failed.text).toContain("didn't reach 3 people, so nothing was charged");
    expect(failed.text).toContain('Your card hold of $57.00 is released.');
    const canceled = render(typical('groupCanceled', 'en'));
    expect(canceled.text).toContain('The shop canceled the group');
    expect(canceled.text).toContain('Your card hold of $57.00 is released.');
  });

  it('a shipped order gives the carrier, tracking number and a tracking link', () => {
    const r = render(typical('orderShipped', 'en'));
    expect(r.subject).toBe('Order FL-1001 has shipped');
    expect(r.text).toContain('Carrier: UPS');
    expect(r.text).toContain('Tracking number: 1Z999AA10123456784');
    expect(r.html).toContain('href="https://track.example/1Z999AA10123456784"');
  });

  it('a shipped order without tracking has no tracking lines, and a script URL is never a link', () => {
    const bare = render(
      context('orderShipped', { order: { carrier: null, trackingNumber: null, trackingUrl: null } }),
    );
    expect(bare.text).not.toMatch(/Carrier|Tracking/);
    const hostile = render(context('orderShipped', { order: { trackingUrl: 'javascript:alert(1)' } }));
    expect(hostile.html).not.toContain('href="javascript:');
  });

  it('a pickup order names the place (escaped); a voucher says the voucher is ready', () => {
    const pickup = render(
      context('orderReady', { order: { method: 'pickup', pickupPlace: 'Desk <b>7</b>, 1 Main St' } }),
    );
    expect(pickup.subject).toBe('Order FL-1001 is ready for pickup');
    expect(pickup.text).toContain('ready for pickup at Desk <b>7</b>, 1 Main St.');
    expect(pickup.html).toContain('Desk &lt;b&gt;7&lt;/b&gt;, 1 Main St');
    const voucher = render(context('orderReady', { order: { method: 'voucher' } }));
    expect(voucher.subject).toBe('Your voucher for order FL-1001 is ready');
    expect(voucher.text).not.toContain('pickup');
  });
});

describe('merchant notices', () => {
  it('a won group gives the buyers and the final price; a failed one its shortfall', () => {
    const won = render(typical('merchantGroupWon', 'en'));
    expect(won.subject).toBe(`${EVIL_TITLE}: group ABC123 went ahead`);
    expect(won.text).toContain('7 buyers at $23.00 each.');
    const failed = render(typical('merchantGroupFailed', 'en'));
    expect(failed.text).toContain('The group closed with 2 people, below its minimum of 3.');
  });
});

describe('push', () => {
  it('clips a long title to the lock screen on a whole character', () => {
    const long = `${'Très grand bol en céramique '.repeat(4)}👩‍👩‍👧‍👦`;
    const r = render(context('holdPlaced', { group: { title: long } }));
    expect(r.push.title.length).toBeLessThanOrEqual(60);
    expect(r.push.title.endsWith('…')).toBe(true);
    expect(r.push.title).not.toMatch(/\uFFFD/);
  });
});

describe('missing facts', () => {
  it('refuses to guess a charge it was not given', () => {
    expect(() => render(context('wonCharged', { member: { chargeAmount: null } }))).toThrow(/chargeAmount/);
    expect(() => render(context('holdPlaced', { member: null }))).toThrow(/member/);
  });
});
