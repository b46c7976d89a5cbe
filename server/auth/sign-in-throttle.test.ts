// Per-account password guessing against real PostgreSQL through better-auth's HTTP handler: wrong
// passwords from rotating addresses are still delayed, the owner signs in once the delay is over, and a
// success forgets the failures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '@/test/db';
import { CLIENT_ADDRESS_HEADER } from '@/server/http/client-address';
import { createAuth, type Auth } from './auth';
import { delaySeconds, MAX_DELAY_SECONDS, tooManyAttemptsMessage } from './sign-in-throttle';

describe('delaySeconds', () => {
  it.each([
    [0, 0],
    [4, 0],
    [5, 2],
    [6, 4],
    [9, 32],
    [13, 512],
    [14, MAX_DELAY_SECONDS],
    [1000, MAX_DELAY_SECONDS],
  ])('%i attempts → %i s', (attempts, seconds) => {
    expect(delaySeconds(attempts)).toBe(seconds);
  });

  it('says the wait in whole minutes', () => {
    expect(tooManyAttemptsMessage(2)).toBe(
      'Too many wrong passwords for this account. Try again in 1 minute.',
    );
    expect(tooManyAttemptsMessage(900)).toBe(
      'Too many wrong passwords for this account. Try again in 15 minutes.',
    );
  });
});

describe('per-account sign-in delay', () => {
  let t: TestDb;
  let auth: Auth;
  let offset = 0;
  let addressCounter = 0;
  const PASSWORD = 'right-password-1';

  beforeAll(async () => {
    t = await createTestDb();
    auth = createAuth({ db: t.db, now: () => new Date(Date.now() + offset), rateLimit: true });
  });
  afterAll(async () => {
    await t.drop();
  });

  // Every attempt from a new address, as an attacker rotating addresses would.
  async function signIn(email: string, password: string): Promise<Response> {
    addressCounter += 1;
    return auth.handler(
      new Request('http://localhost:3000/api/auth/sign-in/email', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [CLIENT_ADDRESS_HEADER]: `198.51.${Math.floor(addressCounter / 250)}.${(addressCounter % 250) + 1}`,
        },
        body: JSON.stringify({ email, password }),
      }),
    );
  }

  async function owner(): Promise<string> {
    const email = `owner-${crypto.randomUUID().slice(0, 8)}@example.test`;
    await auth.api.signUpEmail({ body: { email, password: PASSWORD, name: 'Owner' } });
    return email;
  }

  it('delays wrong passwords from rotating addresses, lets the owner in after the delay, and forgets on success', async () => {
    const email = await owner();
    for (let i = 0; i < 5; i++) expect((await signIn(email, 'wrong-password')).status).toBe(401);

    const refused = await signIn(email, 'wrong-password');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(((await refused.json()) as { message: string }).message).toBe(
      'Too many wrong passwords for this account. Try again in 1 minute.',
    );
    // Even the right password waits: the delay is per account, not per guess.
    expect((await signIn(email, PASSWORD)).status).toBe(429);

    offset += 2_000;
    expect((await signIn(email, PASSWORD)).status).toBe(200);

    // The success reset the count: five more mistakes are allowed back to back.
    for (let i = 0; i < 5; i++) expect((await signIn(email, 'wrong-password')).status).toBe(401);
    expect((await signIn(email, 'wrong-password')).status).toBe(429);
  });

  it('grows the delay with each further failure and caps it at 15 minutes', async () => {
    const email = await owner();
    for (let i = 0; i < 5; i++) expect((await signIn(email, 'wrong-password')).status).toBe(401);
    const waits: number[] = [];
    for (let round = 0; round < 12; round++) {
      const refused = await signIn(email, 'wrong-password');
      expect(refused.status).toBe(429);
      const wait = Number(refused.headers.get('retry-after'));
      waits.push(wait);
      offset += wait * 1000;
      expect((await signIn(email, 'wrong-password')).status).toBe(401);
    }
    expect(waits).toEqual([2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900]);
    offset += 900_000;
    expect((await signIn(email, PASSWORD)).status).toBe(200);
  });

  it('a burst of parallel guesses gets no more than the free attempts', async () => {
    const email = await owner();
    const results = await Promise.all(Array.from({ length: 20 }, () => signIn(email, 'wrong-password')));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
  });

  it('treats an unknown address the same way, so the delay does not reveal which accounts exist', async () => {
    const email = `nobody-${crypto.randomUUID().slice(0, 8)}@example.test`;
    for (let i = 0; i < 5; i++) expect((await signIn(email, 'wrong-password')).status).toBe(401);
    expect((await signIn(email.toUpperCase(), 'wrong-password')).status).toBe(429);
  });
});
