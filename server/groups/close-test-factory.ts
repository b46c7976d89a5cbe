// Test and benchmark support: builds an open group whose members already hold real card holds on the
// Stripe emulator (deal, group, users and member rows inserted directly), so closes can be exercised
// without the join flow. Edit when closes need another kind of member to start from.
import { randomBytes, randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { deals, groups, members, merchants, user, type TierRow } from '@/db/schema';
import type { Deps } from '@/server/deps';
import type { Locale } from '@/i18n/locales';
import { holdAmount } from '@/server/pricing';
import { TEST_FULFILMENT } from './test-factory';

export type FactoryMember = {
  unitPriceAtJoin: number;
  quantity?: number;
  /** authorized (default) places a hold; reserved optionally with a hold; left has none. */
  status?: 'authorized' | 'reserved' | 'left';
  card?: string;
  email?: string;
  anonymous?: boolean;
  /** The language the member joined in (default English). */
  locale?: Locale;
};

export type FactoryGroup = {
  groupId: string;
  dealId: string;
  merchantId: string;
  merchantUserId: string;
  currency: string;
  tiers: TierRow[];
};

export type FactoryMemberRow = {
  id: string;
  userId: string;
  paymentIntentId: string | null;
  unitPriceAtJoin: number;
  quantity: number;
  holdAmount: number;
};

/** Creates a merchant, an active deal and an open group with no members yet. */
export async function createOpenGroup(
  deps: Deps,
  opts: {
    tiers: TierRow[];
    currency?: string;
    listPrice?: number;
    maxMembers?: number;
    deadline?: Date;
    merchantId?: string;
  },
): Promise<FactoryGroup> {
  const currency = opts.currency ?? 'USD';
  const first = opts.tiers[0];
  if (!first) throw new Error('a group needs at least one tier');
  let merchantId = opts.merchantId;
  let merchantUserId = '';
  if (!merchantId) {
    merchantUserId = randomUUID();
    await deps.db.insert(user).values({
      id: merchantUserId,
      name: 'Merchant',
      email: `m-${merchantUserId.slice(0, 8)}@example.test`,
    });
    const [m] = await deps.db
      .insert(merchants)
      .values({ userId: merchantUserId, name: 'Test Merchant' })
      .returning({ id: merchants.id });
    if (!m) throw new Error('merchant insert failed');
    merchantId = m.id;
  }
  const listPrice = opts.listPrice ?? first.unitPrice + 500;
  const maxMembers = opts.maxMembers ?? 500;
  const [d] = await deps.db
    .insert(deals)
    .values({
      merchantId,
      slug: `deal-${randomBytes(5).toString('hex')}`,
      title: 'Test deal',
      currency,
      listPrice,
      tiers: opts.tiers,
      windowSeconds: 3 * 24 * 3600,
      maxMembers,
      qrCutoff: Math.min(100, maxMembers),
      perBuyerMax: 10,
      status: 'active',
      fulfilment: TEST_FULFILMENT,
    })
    .returning({ id: deals.id });
  if (!d) throw new Error('deal insert failed');
  const [g] = await deps.db
    .insert(groups)
    .values({
      code: randomBytes(6).toString('hex'),
      dealId: d.id,
      currency,
      listPrice,
      tiers: opts.tiers,
      minMembers: first.minMembers,
      maxMembers,
      qrCutoff: Math.min(100, maxMembers),
      perBuyerMax: 10,
      deadline: opts.deadline ?? new Date(deps.now().getTime() + 3 * 24 * 3600 * 1000),
    })
    .returning({ id: groups.id });
  if (!g) throw new Error('group insert failed');
  return { groupId: g.id, dealId: d.id, merchantId, merchantUserId, currency, tiers: opts.tiers };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Adds members to an open group: places their holds on the emulator (a few at a time, retrying 429s),
 * then inserts the rows and bumps the group's counters as a join would.
 */
export async function addMembers(
  deps: Deps,
  g: FactoryGroup,
  specs: FactoryMember[],
  opts: { concurrency?: number } = {},
): Promise<FactoryMemberRow[]> {
  const rows = specs.map((s) => {
    const quantity = s.quantity ?? 1;
    return {
      spec: s,
      id: randomUUID(),
      userId: randomUUID(),
      quantity,
      hold: holdAmount(s.unitPriceAtJoin, quantity),
      pi: null as string | null,
    };
  });
  if (rows.length === 0) return [];
  await deps.db.insert(user).values(
    rows.map((r) => ({
      id: r.userId,
      name: `Buyer ${r.userId.slice(0, 4)}`,
      email: r.spec.email ?? `${r.spec.anonymous ? 'anon' : 'buyer'}-${r.userId.slice(0, 8)}@example.test`,
      isAnonymous: r.spec.anonymous ?? false,
    })),
  );
  const needHold = rows.filter(
    (r) => (r.spec.status ?? 'authorized') === 'authorized' || (r.spec.status === 'reserved' && r.spec.card),
  );
  let next = 0;
  const worker = async () => {
    for (;;) {
      const r = needHold[next++];
      if (!r) return;
      for (let attempt = 0; ; attempt++) {
        const res = await deps.payments.authorize({
          memberId: r.id,
          amount: r.hold,
          currency: g.currency,
          paymentMethod: r.spec.card ?? 'pm_card_visa',
          description: 'Flock test hold',
          metadata: { group_id: g.groupId },
        });
        if (res.ok) {
          r.pi = res.hold.paymentIntentId;
          break;
        }
        if (res.failure.code === 'rate_limit' && attempt < 50) {
          await sleep(100 + Math.random() * 400);
          continue;
        }
        throw new Error(`test hold failed: ${res.failure.code} ${res.failure.message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency ?? 8 }, () => worker()));

  const now = deps.now();
  await deps.db.insert(members).values(
    rows.map((r) => {
      const status = r.spec.status ?? 'authorized';
      return {
        id: r.id,
        groupId: g.groupId,
        userId: r.userId,
        alias: `buyer-${r.id.slice(0, 4)}`,
        quantity: r.quantity,
        status,
        unitPriceAtJoin: r.spec.unitPriceAtJoin,
        holdAmount: r.hold,
        paymentIntentId: r.pi,
        inviteCode: randomBytes(6).toString('hex'),
        locale: r.spec.locale ?? 'en',
        authorizedAt: status === 'authorized' ? now : null,
        leftAt: status === 'left' ? now : null,
      };
    }),
  );
  const authorized = rows.filter((r) => (r.spec.status ?? 'authorized') === 'authorized');
  const reserved = rows.filter((r) => r.spec.status === 'reserved');
  const units = [...authorized, ...reserved].reduce((s, r) => s + r.quantity, 0);
  await deps.db.execute(sql`update groups set confirmed_count = confirmed_count + ${authorized.length},
    seats_taken = seats_taken + ${authorized.length + reserved.length} where id = ${g.groupId}`);
  await deps.db.execute(sql`update deals set stock_taken = stock_taken + ${units} where id = ${g.dealId}`);
  return rows.map((r) => ({
    id: r.id,
    userId: r.userId,
    paymentIntentId: r.pi,
    unitPriceAtJoin: r.spec.unitPriceAtJoin,
    quantity: r.quantity,
    holdAmount: r.hold,
  }));
}

/** Polls until the group reaches one of `statuses` (a real worker settles it meanwhile); throws after `timeoutMs`. */
export async function waitForGroupStatus(
  deps: Pick<Deps, 'db'>,
  groupId: string,
  statuses: string[],
  timeoutMs = 20_000,
): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const [g] = await deps.db.select({ status: groups.status }).from(groups).where(eq(groups.id, groupId));
    if (g && statuses.includes(g.status)) return g.status;
    if (Date.now() > until)
      throw new Error(`group ${groupId} is still ${g?.status ?? 'missing'} after ${timeoutMs} ms`);
    await sleep(100);
  }
}
