// Demo data: a merchant who can sign in, four deals (one in JPY, with its title and description in Chinese
// and Japanese too), each with real fulfilment options (coffee shipped to the US, Canada and the UK for a
// price per order; headphones shipped free to several countries; strawberries collected at two pickup points
// in Fukuoka or shipped within Japan), and open groups at different tiers, joined by demo buyers with real
// holds on the payments backend in use (the emulator in development), each with an address or a pickup point;
// the fourth deal has a 14-day window, so its buyers' cards are saved at join and charged at close.
// Edit when the demo should show something new.
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { merchants, user } from './schema';
import { getAuth } from '@/server/auth/auth';
import { createDeal } from '@/server/deals/create-deal';
import { publishDeal } from '@/server/deals/publish-deal';
import type { Deps } from '@/server/deps';
import { getDeps } from '@/server/deps';
import { joinGroup } from '@/server/groups/join-group';
import { openGroup } from '@/server/groups/open-group';
import { createMerchantProfile } from '@/server/merchants/create-merchant-profile';
import { completeDemoOnboarding, ensureAccount } from '@/server/payouts/accounts';
import type { SessionUser } from '@/server/auth/session-user';
import type { FulfilmentOptions, ShippingAddress } from './schema/fulfilment-options';
import type { OrderChoice } from '@/server/orders/order-choice';
import { createDb } from './client';

export const DEMO_MERCHANT = {
  email: 'merchant@flock.test',
  password: 'flock-demo-1',
  name: 'Flock Demo Market',
};

const DAY = 24 * 3600;

const COFFEE_FULFILMENT: FulfilmentOptions = {
  shipping: { countries: ['US', 'CA', 'GB'], pricing: 'per_order', price: 800, dispatchDays: 7 },
  pickup: null,
  voucher: null,
};

const HEADPHONES_FULFILMENT: FulfilmentOptions = {
  shipping: {
    countries: ['US', 'CA', 'GB', 'DE', 'FR', 'NL', 'JP', 'AU'],
    pricing: 'included',
    price: 0,
    dispatchDays: 3,
  },
  pickup: null,
  voucher: null,
};

const STRAWBERRIES_FULFILMENT: FulfilmentOptions = {
  // Refrigerated delivery costs the same per box: each tray pair ships in its own.
  shipping: { countries: ['JP'], pricing: 'per_unit', price: 350, dispatchDays: 2 },
  pickup: {
    points: [
      {
        id: 'tenjin26',
        name: 'Tenjin shop',
        address: '2-5-28 Tenjin, Chuo-ku, Fukuoka 810-0001',
        hours: 'Daily 10:00–20:00',
        windowDays: 3,
        capacity: 40,
      },
      {
        id: 'hakata26',
        name: 'Hakata Station pickup counter',
        address: '1-1 Hakata-eki Chuo-gai, Hakata-ku, Fukuoka 812-0012',
        hours: 'Mon–Sat 8:00–21:00, Sun 9:00–18:00',
        windowDays: 2,
        capacity: 25,
      },
    ],
  },
  voucher: null,
};

// A long window (14 days, longer than a card hold lasts): buyers' cards are saved at join and charged when
// the group closes (issue 16), so the demo shows "nothing is held now".
const QUILT_FULFILMENT: FulfilmentOptions = {
  shipping: { countries: ['US', 'CA', 'GB'], pricing: 'included', price: 0, dispatchDays: 10 },
  pickup: null,
  voucher: null,
};

const DEALS = [
  {
    title: 'Huila single-origin coffee, 1 kg',
    description:
      'Washed Colombian beans from the Huila highlands, roasted to order the week your group closes. Notes of red apple, panela and cocoa.',
    imageUrl: '/demo/coffee.svg',
    currency: 'USD',
    listPrice: 3200,
    tiers: [
      { minMembers: 3, unitPrice: 2600 },
      { minMembers: 6, unitPrice: 2300 },
      { minMembers: 10, unitPrice: 1990 },
    ],
    windowSeconds: 3 * DAY,
    maxMembers: 30,
    qrCutoff: 20,
    perBuyerMax: 3,
    fulfilment: COFFEE_FULFILMENT,
    groups: [4, 1],
  },
  {
    title: 'Wireless noise-cancelling headphones',
    description:
      '40-hour battery, multipoint Bluetooth, foldable with a hard case. Two-year warranty from the merchant.',
    imageUrl: '/demo/headphones.svg',
    currency: 'USD',
    listPrice: 18900,
    tiers: [
      { minMembers: 2, unitPrice: 15900 },
      { minMembers: 5, unitPrice: 13900 },
      { minMembers: 8, unitPrice: 12500 },
    ],
    windowSeconds: 2 * DAY,
    maxMembers: 12,
    qrCutoff: 10,
    perBuyerMax: 1,
    fulfilment: HEADPHONES_FULFILMENT,
    groups: [6],
  },
  {
    title: 'あまおう Amaou strawberries, 2 trays',
    description:
      'Fukuoka Amaou strawberries picked the morning they ship, refrigerated delivery within Japan.',
    // The same offer in Chinese and Japanese: shoppers reading Flock in those languages see these.
    contentLocale: 'en',
    translations: {
      'zh-CN': {
        title: '福冈甘王草莓 2 盒',
        description: '福冈甘王草莓，发货当天早上现摘，日本境内冷藏配送。',
      },
      ja: {
        title: '福岡県産あまおう 2パック',
        description: '福岡県産のあまおうを出荷当日の朝に摘み取り、日本国内へクール便でお届けします。',
      },
    },
    imageUrl: '/demo/strawberries.svg',
    currency: 'JPY',
    listPrice: 1280,
    tiers: [
      { minMembers: 3, unitPrice: 980 },
      { minMembers: 5, unitPrice: 880 },
      { minMembers: 8, unitPrice: 780 },
    ],
    windowSeconds: 1 * DAY,
    maxMembers: 20,
    qrCutoff: 15,
    perBuyerMax: 2,
    fulfilment: STRAWBERRIES_FULFILMENT,
    groups: [2, 5],
  },
  {
    title: 'Hand-stitched cotton quilt, queen size',
    description:
      'Made to order by a small workshop once the group closes: 100% cotton, hand-quilted, washable. The group stays open two weeks so the workshop can plan one batch.',
    imageUrl: '/demo/quilt.svg',
    currency: 'USD',
    listPrice: 24000,
    tiers: [
      { minMembers: 3, unitPrice: 19900 },
      { minMembers: 6, unitPrice: 17900 },
    ],
    windowSeconds: 14 * DAY,
    maxMembers: 20,
    qrCutoff: 15,
    perBuyerMax: 2,
    fulfilment: QUILT_FULFILMENT,
    groups: [2],
  },
] as const;

// Demo buyers' addresses, valid under their country's rules (Google's address data).
const DEMO_ADDRESSES: Record<string, Omit<ShippingAddress, 'name'>> = {
  US: {
    countryCode: 'US',
    streetAddress: '350 Fifth Avenue',
    city: 'New York',
    countryArea: 'NY',
    postalCode: '10118',
  },
  CA: {
    countryCode: 'CA',
    streetAddress: '301 Front St W',
    city: 'Toronto',
    countryArea: 'ON',
    postalCode: 'M5V 2T6',
  },
  GB: { countryCode: 'GB', streetAddress: '10 Downing Street', city: 'London', postalCode: 'SW1A 2AA' },
  JP: {
    countryCode: 'JP',
    streetAddress: '2-5-28 Tenjin',
    city: 'Fukuoka-shi Chuo-ku',
    countryArea: 'Fukuoka',
    postalCode: '810-0001',
  },
};

/** How demo buyer number `i` of a deal gets their order: alternately each way the deal offers. */
function demoChoice(options: FulfilmentOptions, buyer: SessionUser, i: number): OrderChoice {
  const contactEmail = buyer.email;
  const points = options.pickup?.points ?? [];
  const pickHere = points.length > 0 && (!options.shipping || i % 3 !== 2);
  if (pickHere) {
    const point = points[i % points.length];
    if (point) return { method: 'pickup', contactEmail, pickupPointId: point.id };
  }
  if (options.shipping) {
    const countries = options.shipping.countries.filter((c) => c in DEMO_ADDRESSES);
    const country = countries[i % countries.length] ?? 'US';
    const address = DEMO_ADDRESSES[country];
    if (address) return { method: 'shipping', contactEmail, address: { ...address, name: buyer.name } };
  }
  return { method: 'voucher', contactEmail };
}

const ALIASES = [
  'Mika',
  'Jonas',
  'Aiko',
  'Priya',
  'Tom',
  'Lena',
  'Kenji',
  'Sara',
  'Omar',
  'Yui',
  'Ben',
  'Chloe',
];

async function makeBuyer(deps: Deps, alias: string): Promise<SessionUser> {
  const id = randomUUID();
  const email = `demo-${id.slice(0, 8)}@buyers.flock.invalid`;
  await deps.db.insert(user).values({ id, email, name: alias, isAnonymous: true });
  return { id, email, name: alias, isAnonymous: true };
}

/** Seeds the demo into the database behind `deps`; the payments backend must be reachable. */
export async function seedDemo(deps: Deps): Promise<{ dealSlugs: string[]; groupCodes: string[] }> {
  const signUp = await getAuth().api.signUpEmail({ body: { ...DEMO_MERCHANT } });
  const merchantUser = { id: signUp.user.id, isAnonymous: false };
  const profile = await createMerchantProfile(deps, merchantUser, {
    name: DEMO_MERCHANT.name,
    defaultCurrency: 'USD',
    about:
      'A demo shop for trying Flock: the deals, groups and cards here are test data, and no money moves.',
    contactEmail: DEMO_MERCHANT.email,
    shippingPolicy:
      'Demo deals ship nothing. A real shop says here where it delivers, how long it takes and what it costs.',
    returnsPolicy:
      'Demo deals have nothing to return. A real shop says here what can be returned or exchanged, and how.',
  });
  // The demo shop accepts WeChat Pay (paid now, the difference refunded at close) beside cards.
  await deps.db
    .update(merchants)
    .set({ payNowMethods: ['wechat_pay'] })
    .where(eq(merchants.id, profile.id));
  // The demo shop is paid through its own connected Stripe account, onboarded as the emulator allows.
  await ensureAccount(deps, { kind: 'merchant', merchantId: profile.id }, DEMO_MERCHANT.email);
  const dealSlugs: string[] = [];
  const groupCodes: string[] = [];
  if (!deps.payments.completeDemoOnboarding) {
    console.log(
      '[flock] the demo shop must finish Stripe onboarding (Payments) before its deals can be seeded',
    );
    return { dealSlugs, groupCodes };
  }
  await completeDemoOnboarding(deps, { kind: 'merchant', merchantId: profile.id });
  let a = 0;
  for (const d of DEALS) {
    const { groups: groupSizes, ...input } = d;
    const deal = await createDeal(deps, profile.id, {
      ...input,
      tiers: input.tiers.map((t) => ({ ...t })),
    });
    await publishDeal(deps, profile.id, deal.id);
    dealSlugs.push(deal.slug);
    for (const size of groupSizes) {
      const opener = await makeBuyer(deps, ALIASES[a++ % ALIASES.length] ?? 'Buyer');
      const group = await openGroup(deps, opener, { dealId: deal.id });
      groupCodes.push(group.code);
      for (let i = 0; i < size; i++) {
        const buyer = i === 0 ? opener : await makeBuyer(deps, ALIASES[a++ % ALIASES.length] ?? 'Buyer');
        await joinGroup(deps, buyer, {
          code: group.code,
          alias: buyer.name,
          quantity: 1,
          idempotencyKey: `seed-${buyer.id}`,
          paymentMethod: 'pm_card_visa',
          channel: i % 2 ? 'whatsapp' : 'link',
          fulfilment: demoChoice(deal.fulfilment, buyer, a),
        });
      }
    }
  }
  return { dealSlugs, groupCodes };
}

/** Seeds the demo when the database has no merchant yet; returns whether it seeded. */
export async function seedIfEmpty(url: string): Promise<boolean> {
  const db = createDb(url, { max: 2 });
  try {
    const r = await db.execute<{ n: number }>(sql`select count(*)::int as n from merchants`);
    if ((r.rows[0]?.n ?? 0) > 0) return false;
  } finally {
    await db.$client.end();
  }
  await seedDemo(getDeps());
  return true;
}
