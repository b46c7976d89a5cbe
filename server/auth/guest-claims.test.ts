// Keeping a guest's groups by e-mail, through better-auth's HTTP handler on real PostgreSQL: a link asked
// for from a guest session and opened in another browser (no guest cookie) signs in and moves the guest's
// memberships; the link works once; a link asked for while signed out moves nothing.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guestClaims, members, outbox, user } from '@/db/schema';
import { CLIENT_ADDRESS_HEADER } from '@/server/http/client-address';
import { seedDeal, seedGroup, seedMember } from '@/server/merchant-console/seed-console-history';
import { createHarness, type Harness } from '@/test/harness';
import { createAuth, type Auth } from './auth';
import { moveGuestMemberships } from './guest-claims';

const BASE = 'http://localhost:3000/api/auth';
let h: Harness;
let auth: Auth;
let merchantId: string;

beforeAll(async () => {
  h = await createHarness();
  auth = createAuth({ db: h.t.db, rateLimit: false });
  merchantId = (await h.makeMerchant()).merchantId;
});
afterAll(async () => {
  await h.close();
});

function call(path: string, init: { method?: string; cookie?: string; body?: unknown } = {}) {
  return auth.handler(
    new Request(`${BASE}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: {
        'content-type': 'application/json',
        origin: 'http://localhost:3000',
        [CLIENT_ADDRESS_HEADER]: '203.0.113.9',
        ...(init.cookie ? { cookie: init.cookie } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    }),
  );
}

function cookieOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** A guest session with one membership in a fresh group: its cookie, user id and member id. */
async function guestWithGroup() {
  const res = await call('/sign-in/anonymous', { body: {} });
  expect(res.status).toBe(200);
  const cookie = cookieOf(res);
  const guestId = ((await res.json()) as { user: { id: string } }).user.id;
  const deal = await seedDeal(h.t.db, merchantId);
  const group = await seedGroup(h.t.db, deal, { status: 'open' });
  const member = await seedMember(h.t.db, group.id, {
    userId: guestId,
    unitPriceAtJoin: 1000,
    holdAmount: 1000,
    quantity: 1,
    status: 'authorized',
  });
  return { cookie, guestId, memberId: member.id };
}

/** Asks for a sign-in link for `email` (with `cookie`, if any) and returns the link's path and query. */
async function askForLink(email: string, cookie?: string): Promise<string> {
  const res = await call('/sign-in/magic-link', { body: { email, callbackURL: '/me' }, cookie });
  expect(res.status).toBe(200);
  const [mail] = await h.t.db.select().from(outbox).where(eq(outbox.to, email));
  const url = /https?:\/\/\S+\/magic-link\/verify\?\S+/.exec(mail?.body ?? '')?.[0];
  if (!url) throw new Error('no sign-in link in the e-mail');
  const u = new URL(url);
  return `${u.pathname.replace('/api/auth', '')}${u.search}`;
}

async function ownerOf(memberId: string): Promise<string | undefined> {
  const [m] = await h.t.db.select({ userId: members.userId }).from(members).where(eq(members.id, memberId));
  return m?.userId;
}

describe('claiming a guest by e-mail on another device', () => {
  it('moves the guest’s groups when the link is opened in a browser without the guest’s cookie', async () => {
    const { cookie, memberId } = await guestWithGroup();
    const email = 'claimer@example.test';
    const link = await askForLink(email, cookie);

    const opened = await call(link);
    expect(opened.status).toBe(302);
    expect(cookieOf(opened)).toContain('session_token');
    const [account] = await h.t.db.select().from(user).where(eq(user.email, email));
    expect(account).toBeDefined();
    expect(await ownerOf(memberId)).toBe(account?.id);
    const [claim] = await h.t.db.select().from(guestClaims).where(eq(guestClaims.email, email));
    expect(claim?.claimedByUserId).toBe(account?.id);

    // The link is used: opening it again signs nobody in and moves nothing.
    const again = await call(link);
    expect(again.headers.get('location')).toContain('error=INVALID_TOKEN');
  });

  it('moves nothing for a link asked for while signed out', async () => {
    const { memberId, guestId } = await guestWithGroup();
    const link = await askForLink('stranger@example.test');
    const opened = await call(link);
    expect(opened.status).toBe(302);
    expect(await ownerOf(memberId)).toBe(guestId);
  });

  it('leaves a membership where the account is already in that group', async () => {
    const deal = await seedDeal(h.t.db, merchantId);
    const group = await seedGroup(h.t.db, deal, { status: 'open' });
    const guest = await h.makeUser({ anonymous: true });
    const owner = await h.makeUser({ email: 'both@example.test' });
    const seed = { unitPriceAtJoin: 1000, holdAmount: 1000, quantity: 1, status: 'authorized' } as const;
    const guestMember = await seedMember(h.t.db, group.id, { userId: guest.id, ...seed });
    const ownMember = await seedMember(h.t.db, group.id, { userId: owner.id, ...seed });
    expect(await moveGuestMemberships(h.t.db, guest.id, owner.id)).toBe(0);
    expect(await ownerOf(guestMember.id)).toBe(guest.id);
    expect(await ownerOf(ownMember.id)).toBe(owner.id);
  });
});
