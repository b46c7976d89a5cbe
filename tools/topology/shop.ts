// A shop for the multi-instance test and bench:scale, made through the app's own services on the
// topology's database and emulator: a merchant with a connected (demo-onboarded) Stripe account, a
// published deal, and groups opened on it. Edit when publishing or opening a group takes another step.
import { randomUUID } from 'node:crypto';
import { merchants, user } from '@/db/schema';
import type { SessionUser } from '@/server/auth/session-user';
import type { Deps } from '@/server/deps';
import { openGroup } from '@/server/groups/open-group';
import { createStripeClient } from '@/server/payments/stripe-client';
import { createStripePayments } from '@/server/payments/stripe-payments';
import { completeDemoOnboarding, ensureAccount } from '@/server/payouts/accounts';
import { createCaller } from '@/server/trpc/root';
import { publishDeal } from '@/test/published-deal';
import type { Topology } from './topology';

export type Shop = {
  deps: Deps;
  merchant: { user: SessionUser; merchantId: string };
  /** A tRPC caller acting as the merchant (in this process, on the topology's database). */
  caller: ReturnType<typeof createCaller>;
  /** Publishes a deal capped at `maxMembers` (test/published-deal.ts) and opens a group on it. */
  openGroup(maxMembers: number): Promise<{ groupId: string; code: string }>;
};

/** Creates a connected merchant on the topology's database. */
export async function createShop(t: Topology): Promise<Shop> {
  const deps: Deps = {
    db: t.db,
    payments: createStripePayments(createStripeClient({ emulatorUrl: t.emulatorUrl, maxNetworkRetries: 2 }), {
      emulatorUrl: t.emulatorUrl,
    }),
    now: () => new Date(),
    appUrl: t.url,
  };
  const id = randomUUID();
  const u: SessionUser = {
    id,
    email: `shop-${id.slice(0, 8)}@example.test`,
    name: 'Scale Shop',
    isAnonymous: false,
  };
  await t.db.insert(user).values(u);
  const [m] = await t.db
    .insert(merchants)
    .values({ userId: id, name: 'Scale Shop' })
    .returning({ id: merchants.id });
  if (!m) throw new Error('merchant insert failed');
  await ensureAccount(deps, { kind: 'merchant', merchantId: m.id }, u.email);
  await completeDemoOnboarding(deps, { kind: 'merchant', merchantId: m.id });
  const caller = createCaller({ deps, user: u, merchantId: m.id, headers: null });
  return {
    deps,
    merchant: { user: u, merchantId: m.id },
    caller,
    async openGroup(maxMembers) {
      // The test deal ($20.00 from 2, $16.00 from 4), one seat per buyer, its link open to every seat.
      const deal = await publishDeal(caller, { maxMembers, qrCutoff: maxMembers, perBuyerMax: 1 });
      const g = await openGroup(deps, { merchantId: m.id }, { dealId: deal.id });
      return { groupId: g.id, code: g.code };
    },
  };
}
