// Cross-site refusal: the pure decision as a table, then the real route handlers on a test database
// (foreign Origin → 403 and nothing written; same host → OK; Sec-Fetch-Site cross-site → 403; webhook exempt).
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deals, user } from '@/db/schema';
import { startStripeEmulator } from '@/tools/stripe-emulator/index';
import { createTestDb, type TestDb } from '@/test/db';
import { setEnv } from '@/tools/process-env';
import { isCrossSiteRequest, requestOwnOrigin } from './same-origin';

const APP = 'https://flock.example';

describe('isCrossSiteRequest', () => {
  it.each<[string, string, Record<string, string>, boolean]>([
    ['same host', 'POST', { host: 'localhost:3000', origin: 'http://localhost:3000' }, false],
    ['LAN address', 'POST', { host: '192.168.1.20:3000', origin: 'http://192.168.1.20:3000' }, false],
    ['IPv6 host', 'POST', { host: '[fd00::2]:3000', origin: 'http://[fd00::2]:3000' }, false],
    [
      'default port written out',
      'POST',
      { host: 'flock.example:443', origin: 'https://flock.example' },
      false,
    ],
    ['APP_URL behind a proxy that rewrites Host', 'POST', { host: 'app:3000', origin: APP }, false],
    ['foreign origin', 'POST', { host: 'localhost:3000', origin: 'https://evil.example' }, true],
    [
      'other port is another origin',
      'POST',
      { host: 'localhost:3000', origin: 'http://localhost:4000' },
      true,
    ],
    [
      '127.0.0.1 page posting to localhost',
      'POST',
      { host: 'localhost:3000', origin: 'http://127.0.0.1:3000' },
      true,
    ],
    ['subdomain of the host', 'POST', { host: 'flock.example', origin: 'https://shop.flock.example' }, true],
    ['null origin', 'POST', { host: 'localhost:3000', origin: 'null' }, true],
    ['garbage origin', 'POST', { host: 'localhost:3000', origin: '%%%' }, true],
    ['non-http origin', 'POST', { host: 'localhost:3000', origin: 'chrome-extension://abc' }, true],
    ['Sec-Fetch-Site cross-site', 'POST', { host: 'localhost:3000', 'sec-fetch-site': 'cross-site' }, true],
    [
      'Sec-Fetch-Site cross-site beats a matching Origin',
      'POST',
      { host: 'localhost:3000', origin: 'http://localhost:3000', 'sec-fetch-site': 'cross-site' },
      true,
    ],
    [
      'Sec-Fetch-Site same-origin',
      'POST',
      { host: 'localhost:3000', 'sec-fetch-site': 'same-origin' },
      false,
    ],
    ['no Origin, no Sec-Fetch-Site (curl, servers)', 'POST', { host: 'localhost:3000' }, false],
    ['no Host header and a foreign origin', 'POST', { origin: 'https://evil.example' }, true],
    ['GET is never state-changing', 'GET', { host: 'localhost:3000', origin: 'https://evil.example' }, false],
    ['HEAD', 'HEAD', { host: 'localhost:3000', 'sec-fetch-site': 'cross-site' }, false],
    ['DELETE', 'DELETE', { host: 'localhost:3000', origin: 'https://evil.example' }, true],
  ])('%s', (_name, method, headers, expected) => {
    expect(isCrossSiteRequest(method, new Headers(headers), APP)).toBe(expected);
  });

  it('gives better-auth the request origin only when it is the same host', () => {
    expect(requestOwnOrigin(new Headers({ host: '10.0.0.5:3000', origin: 'http://10.0.0.5:3000' }))).toBe(
      'http://10.0.0.5:3000',
    );
    expect(
      requestOwnOrigin(new Headers({ host: '10.0.0.5:3000', origin: 'https://evil.example' })),
    ).toBeNull();
  });
});

describe('route handlers refuse cross-site requests', () => {
  let t: TestDb;
  let emulator: Awaited<ReturnType<typeof startStripeEmulator>>;
  const base = 'http://localhost:3000';

  beforeAll(async () => {
    t = await createTestDb();
    // A test deal's shop is onboarded to Stripe before it is published: the route needs the emulator.
    emulator = await startStripeEmulator({ port: 0 });
    setEnv({
      DATABASE_URL: t.url,
      FLOCK_TEST_MODE: '1',
      APP_URL: base,
      STRIPE_EMULATOR_URL: emulator.url,
      STRIPE_WEBHOOK_SECRET: 'whsec_test_same_origin',
    });
  });
  afterAll(async () => {
    const { getDb } = await import('@/db/client');
    await getDb().$client.end();
    await emulator.stop();
    await t.drop();
  });

  const post = (path: string, headers: Record<string, string>, body: unknown) =>
    new Request(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', host: 'localhost:3000', ...headers },
      body: JSON.stringify(body),
    });

  const dealInput = {
    title: 'Origin test kettle',
    description: 'A kettle.',
    currency: 'USD',
    listPrice: 5000,
    tiers: [{ minMembers: 2, unitPrice: 4000 }],
    windowSeconds: 3600,
    maxMembers: 20,
    qrCutoff: 20,
    perBuyerMax: 1,
  };
  const dealCount = async () => (await t.db.select({ n: count() }).from(deals))[0]?.n ?? 0;
  const usersWith = async (email: string) =>
    (await t.db.select({ n: count() }).from(user).where(eq(user.email, email)))[0]?.n ?? 0;

  it('a test route: foreign Origin and Sec-Fetch-Site cross-site are 403 with nothing written; same host writes', async () => {
    const { POST } = await import('@/app/api/test/deals/route');
    const foreign = await POST(post('/api/test/deals', { origin: 'https://evil.example' }, dealInput));
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { error: string }).error).toMatch(/another website/);
    const fetchMeta = await POST(post('/api/test/deals', { 'sec-fetch-site': 'cross-site' }, dealInput));
    expect(fetchMeta.status).toBe(403);
    expect(await dealCount()).toBe(0);

    const same = await POST(post('/api/test/deals', { origin: base }, dealInput));
    expect(same.status).toBe(200);
    expect(await dealCount()).toBe(1);
  });

  it('sign-up through the auth route: foreign Origin is 403 and no account is made', async () => {
    const { POST } = await import('@/app/api/auth/[...all]/route');
    const body = { email: `x-${Date.now()}@example.test`, password: 'right-password-1', name: 'X' };
    const foreign = await POST(post('/api/auth/sign-up/email', { origin: 'https://evil.example' }, body));
    expect(foreign.status).toBe(403);
    expect(await usersWith(body.email)).toBe(0);
    const same = await POST(post('/api/auth/sign-up/email', { origin: base }, body));
    expect(same.status).toBe(200);
    expect(await usersWith(body.email)).toBe(1);
  });

  it('a tRPC mutation from another site is 403 before tRPC runs', async () => {
    const { POST } = await import('@/app/api/trpc/[trpc]/route');
    const res = await POST(post('/api/trpc/groups.open', { origin: 'https://evil.example' }, {}));
    expect(res.status).toBe(403);
  });

  it('the Stripe webhook is exempt: a foreign origin reaches the signature check', async () => {
    const { POST } = await import('@/app/api/stripe/webhook/route');
    const res = await POST(
      post('/api/stripe/webhook', { origin: 'https://stripe.example' }, { id: 'evt_1' }),
    );
    expect(res.status).not.toBe(403);
    expect(res.status).toBe(400);
  });
});
