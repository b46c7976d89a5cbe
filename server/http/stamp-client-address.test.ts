// Through a real HTTP server wired like tools/server.ts (stampClientAddress before the app) into
// better-auth's handler on a test database: a forged X-Forwarded-For from an untrusted peer does not
// change better-auth's rate-limit bucket; from a trusted proxy it names the client.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { session, user } from '@/db/schema';
import { createTestDb, type TestDb } from '@/test/db';
import { createAuth, type Auth } from '@/server/auth/auth';
import { parseTrustedProxies, type TrustedProxies } from './client-address';
import { stampClientAddress } from './stamp-client-address';

async function toFetchRequest(req: IncomingMessage): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (typeof v === 'string') headers.set(k, v);
    else if (Array.isArray(v)) for (const x of v) headers.append(k, x);
  }
  const method = req.method ?? 'GET';
  return new Request(`http://localhost:3000${req.url ?? '/'}`, {
    method,
    headers,
    body: method === 'GET' || method === 'HEAD' ? undefined : Buffer.concat(chunks),
  });
}

async function writeResponse(res: ServerResponse, r: Response): Promise<void> {
  res.statusCode = r.status;
  r.headers.forEach((v, k) => res.setHeader(k, v));
  res.end(Buffer.from(await r.arrayBuffer()));
}

describe('client address through the server entry', () => {
  let t: TestDb;
  let auth: Auth;
  let trusted: TrustedProxies = [];
  let server: Server;
  let base = '';

  beforeAll(async () => {
    t = await createTestDb();
    auth = createAuth({ db: t.db, rateLimit: true });
    server = createServer((req, res) => {
      stampClientAddress(req, trusted);
      void toFetchRequest(req)
        .then((r) => auth.handler(r))
        .then((r) => writeResponse(res, r));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await t.drop();
  });

  const signIn = (xff: string, extra: Record<string, string> = {}) =>
    fetch(`${base}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': xff, ...extra },
      body: JSON.stringify({
        email: `nobody-${crypto.randomUUID().slice(0, 8)}@example.test`,
        password: 'wrong-password',
      }),
    });

  it('from a trusted proxy, each forwarded client has its own bucket', async () => {
    trusted = parseTrustedProxies(['127.0.0.1', '::1']);
    // better-auth allows 3 password sign-ins per 10 s per address; 6 clients behind one proxy all pass.
    for (let i = 1; i <= 6; i++) expect((await signIn(`6.6.6.6, 203.0.113.${i}`)).status).toBe(401);
    // The same client again and again is limited, whatever it writes to the left.
    const same = [];
    for (let i = 0; i < 4; i++) same.push((await signIn(`10.9.9.${i}, 203.0.113.50`)).status);
    expect(same).toEqual([401, 401, 401, 429]);
  });

  it('from an untrusted peer, a forged X-Forwarded-For (or our own header) changes nothing', async () => {
    trusted = parseTrustedProxies([]);
    const statuses = [];
    for (let i = 1; i <= 4; i++) {
      const res = await signIn(`198.51.100.${i}`, { 'x-flock-client-ip': `192.0.2.${i}` });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('records the computed address on the session, not the forged one', async () => {
    trusted = parseTrustedProxies([]);
    const email = `owner-${crypto.randomUUID().slice(0, 8)}@example.test`;
    const res = await fetch(`${base}/api/auth/sign-up/email`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': '198.51.100.77',
        'x-flock-client-ip': '192.0.2.77',
      },
      body: JSON.stringify({ email, password: 'right-password-1', name: 'Owner' }),
    });
    expect(res.status).toBe(200);
    const [row] = await t.db
      .select({ ip: session.ipAddress })
      .from(session)
      .innerJoin(user, eq(user.id, session.userId))
      .where(eq(user.email, email));
    expect(row?.ip).toBe('127.0.0.1');
  });
});
