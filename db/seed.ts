// Demo data: a merchant who can sign in, three deals (one in JPY, with its title and description in Chinese
// and Japanese too) and open groups at different tiers, joined by demo buyers with real holds on the payments
// backend in use (the emulator in development).
// Edit when the demo should show something new.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { user } from './schema';
import { getAuth } from '@/server/auth/auth';
import { createDeal } from '@/server/deals/create-deal';
import { publishDeal } from '@/server/deals/publish-deal';
import type { Deps } from '@/server/deps';
import { getDeps } from '@/server/deps';
import { joinGroup } from '@/server/groups/join-group';
import { openGroup } from '@/server/groups/open-group';
import { createMerchantProfile } from '@/server/merchants/create-merchant-profile';
import type { SessionUser } from '@/server/auth/session-user';
import { createDb } from './client';

export const DEMO_MERCHANT = {
  email: 'merchant@flock.test',
  password: 'flock-demo-1',
  name: 'Flock Demo Market',
};

const DAY = 24 * 3600;

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
    groups: [2, 5],
  },
] as const;

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
  const dealSlugs: string[] = [];
  const groupCodes: string[] = [];
  let a = 0;
  for (const d of DEALS) {
    const { groups: groupSizes, ...input } = d;
    const deal = await createDeal(deps, profile.id, { ...input, tiers: input.tiers.map((t) => ({ ...t })) });
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
