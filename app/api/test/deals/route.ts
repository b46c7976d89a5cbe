// TEST MODE ONLY: creates and publishes a deal with exact terms (tiers, window, cutoff) for e2e scenarios,
// owned by a test merchant created on first use, or by the merchant signed up with `ownerEmail` (so a spec
// can sign in as that merchant and end, cancel or refund in the console). Goes through the real deal
// services and their rules. `fulfilment` (FulfilmentOptions) sets the deal's options; without it the deal
// offers a voucher valid for a year, so a spec that is not about fulfilment joins with an e-mail only. The
// owner's shop is connected to Stripe (the emulator's onboarding) before the deal is published.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { merchants, user } from '@/db/schema';
import { createDeal } from '@/server/deals/create-deal';
import type { DealInput } from '@/server/deals/deal-input';
import { publishDeal } from '@/server/deals/publish-deal';
import { getDeps } from '@/server/deps';
import { refuseCrossSite } from '@/server/http/same-origin';
import { completeDemoOnboarding, ensureAccount } from '@/server/payouts/accounts';
import { errorResponse, refuseUnlessTestMode } from '@/app/api/test/guard';

export const dynamic = 'force-dynamic';

const TEST_MERCHANT_EMAIL = 'e2e-merchant@flock.invalid';

/** The options of a test deal that names none: a voucher, the option that asks a buyer the least. */
function defaultTestFulfilment(now: Date): NonNullable<DealInput['fulfilment']> {
  const validUntil = new Date(now.getTime() + 365 * 86_400_000).toISOString().slice(0, 10);
  return {
    shipping: null,
    pickup: null,
    voucher: { validUntil, instructions: 'Show the code at the counter.' },
  };
}

async function merchantIdByEmail(email: string): Promise<string> {
  const { db } = getDeps();
  const [found] = await db
    .select({ id: merchants.id })
    .from(merchants)
    .innerJoin(user, eq(user.id, merchants.userId))
    .where(eq(user.email, email));
  if (!found) throw new Error(`No merchant signed up with ${email}`);
  return found.id;
}

async function testMerchantId(): Promise<string> {
  const { db } = getDeps();
  const [found] = await db
    .select({ id: merchants.id })
    .from(merchants)
    .innerJoin(user, eq(user.id, merchants.userId))
    .where(eq(user.email, TEST_MERCHANT_EMAIL));
  if (found) return found.id;
  const userId = randomUUID();
  await db
    .insert(user)
    .values({ id: userId, email: TEST_MERCHANT_EMAIL, name: 'E2E Test Shop', isAnonymous: false })
    .onConflictDoNothing();
  const [u] = await db.select({ id: user.id }).from(user).where(eq(user.email, TEST_MERCHANT_EMAIL));
  if (!u) throw new Error('could not create the test merchant user');
  await db
    .insert(merchants)
    .values({ userId: u.id, name: 'E2E Test Shop' })
    .onConflictDoNothing({ target: merchants.userId });
  const [m] = await db.select({ id: merchants.id }).from(merchants).where(eq(merchants.userId, u.id));
  if (!m) throw new Error('could not create the test merchant');
  return m.id;
}

/**
 * POST a deal's terms (DealInput JSON, optionally with ownerEmail and fulfilment) → { id, slug } of the
 * published deal.
 */
export async function POST(req: Request) {
  const refused = refuseUnlessTestMode() ?? refuseCrossSite(req);
  if (refused) return refused;
  try {
    const { ownerEmail, ...input } = (await req.json()) as DealInput & { ownerEmail?: string };
    const deps = getDeps();
    const merchantId = ownerEmail ? await merchantIdByEmail(ownerEmail) : await testMerchantId();
    const deal = await createDeal(deps, merchantId, {
      ...input,
      fulfilment: input.fulfilment ?? defaultTestFulfilment(deps.now()),
    });
    // The shop is paid through a connected account, onboarded as the demo does (a test deal needs no form).
    await ensureAccount(deps, { kind: 'merchant', merchantId }, ownerEmail ?? TEST_MERCHANT_EMAIL);
    await completeDemoOnboarding(deps, { kind: 'merchant', merchantId });
    await publishDeal(deps, merchantId, deal.id);
    return Response.json({ id: deal.id, slug: deal.slug });
  } catch (err) {
    return errorResponse(err);
  }
}
