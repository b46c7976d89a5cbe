// Integration-test harness: a cloned test database, a private Stripe emulator, real payments adapter,
// and helpers to make users and callers. Edit when services need another dependency in tests.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { merchants, user } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { createStripeClient } from '@/server/payments/stripe-client';
import { createStripePayments } from '@/server/payments/stripe-payments';
import { completeDemoOnboarding, ensureAccount } from '@/server/payouts/accounts';
import { createCaller } from '@/server/trpc/root';
import type { SessionUser } from '@/server/auth/session-user';
import { startStripeEmulator } from '@/tools/stripe-emulator/index';
import { createTestDb, type TestDb } from './db';

export type Harness = {
  t: TestDb;
  deps: Deps;
  emulatorUrl: string;
  /** Moves the services' clock forward (the emulator has its own clock). */
  advance(ms: number): void;
  makeUser(opts?: { email?: string; name?: string; anonymous?: boolean }): Promise<SessionUser>;
  /** A merchant whose shop has a connected Stripe account that can take payments (unless `connected: false`). */
  makeMerchant(opts?: {
    name?: string;
    email?: string;
    connected?: boolean;
  }): Promise<{ user: SessionUser; merchantId: string }>;
  /** A tRPC caller acting as `u` (null = signed out). */
  caller(u: SessionUser | null, merchantId?: string | null): ReturnType<typeof createCaller>;
  close(): Promise<void>;
};

/** Starts everything one integration test file needs. */
export async function createHarness(opts: { rateLimit?: number; dbMax?: number } = {}): Promise<Harness> {
  const t = await createTestDb({ max: opts.dbMax });
  const emulator = await startStripeEmulator({ port: 0, rateLimit: opts.rateLimit });
  let offset = 0;
  const deps: Deps = {
    db: t.db,
    payments: createStripePayments(createStripeClient({ emulatorUrl: emulator.url, maxNetworkRetries: 2 }), {
      emulatorUrl: emulator.url,
    }),
    now: () => new Date(Date.now() + offset),
    appUrl: 'http://flock.test',
  };
  const makeUser: Harness['makeUser'] = async (o = {}) => {
    const id = randomUUID();
    const email = o.email ?? `${o.anonymous ? 'anon' : 'user'}-${id.slice(0, 8)}@example.test`;
    const name = o.name ?? `User ${id.slice(0, 4)}`;
    await t.db.insert(user).values({ id, email, name, isAnonymous: o.anonymous ?? false });
    return { id, email, name, isAnonymous: o.anonymous ?? false };
  };
  return {
    t,
    deps,
    emulatorUrl: emulator.url,
    advance(ms) {
      offset += ms;
    },
    makeUser,
    async makeMerchant(o = {}) {
      const u = await makeUser({ email: o.email, name: o.name ?? 'Demo Merchant' });
      const [m] = await t.db
        .insert(merchants)
        .values({ userId: u.id, name: o.name ?? 'Demo Merchant' })
        .returning({ id: merchants.id });
      if (!m) throw new Error('merchant insert failed');
      if (o.connected !== false) {
        // Onboarded as the demo does: through the emulator, recorded as Stripe reports it.
        await ensureAccount(deps, { kind: 'merchant', merchantId: m.id }, u.email);
        await completeDemoOnboarding(deps, { kind: 'merchant', merchantId: m.id });
      }
      return { user: u, merchantId: m.id };
    },
    caller(u, merchantId = null) {
      return createCaller({ deps, user: u, merchantId, headers: null });
    },
    async close() {
      await emulator.stop();
      await t.drop();
    },
  };
}

/** Reads a merchant id for a user (null when none). */
export async function merchantIdOf(db: Deps['db'], userId: string): Promise<string | null> {
  const [m] = await db.select({ id: merchants.id }).from(merchants).where(eq(merchants.userId, userId));
  return m?.id ?? null;
}
