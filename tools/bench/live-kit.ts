// What the live benchmarks (live.ts, room.ts) share: their --name=value arguments, percentiles, and the
// shop and open group they watch, the app's tRPC server over real HTTP, where a page says who it is with an x-bench-user header.
// Edit when a benchmark needs another way to reach the app.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createHTTPServer } from '@trpc/server/adapters/standalone';
import type { Db } from '@/db/client';
import { merchants, user } from '@/db/schema';
import type { SessionUser } from '@/server/auth/session-user';
import type { Deps } from '@/server/deps';
import { appRouter } from '@/server/trpc/root';
import { insertOpenGroup } from '@/test/live-fixture';

/** The value of `--name=value` on the command line, or `fallback`. */
export function arg(name: string, fallback: string): string {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
}

/** The p-th percentile of `xs` (nearest rank), 0 when empty. */
export const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0) : 0;
};

/** Rounds to one decimal, for the JSON lines. */
export const round = (x: number) => Math.round(x * 10) / 10;

/** A running bench server: its base URL and how to stop it. */
export type BenchServer = { baseUrl: string; close(): Promise<void> };

/** Serves the app router on a free local port; a request's x-bench-user header picks its user from `users`. */
export async function startBenchServer(
  deps: Deps,
  users: ReadonlyMap<string, SessionUser>,
  maxConnections: number,
): Promise<BenchServer> {
  const server = createHTTPServer({
    router: appRouter,
    createContext: ({ req }) => {
      const id = req.headers['x-bench-user'];
      return {
        deps,
        user: (typeof id === 'string' && users.get(id)) || null,
        merchantId: null,
        headers: null,
      };
    },
  });
  server.maxConnections = maxConnections;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/**
 * Inserts `owner` (a user row), their shop `shop`, and an open group of a one-day deal `title` whose member
 * caps are all `capacity` (no event: the caller records group.opened).
 */
export async function openBenchGroup(
  db: Db,
  owner: { id: string; name: string; email: string },
  opts: {
    shop: string;
    title: string;
    capacity: number;
    tiers: Array<{ minMembers: number; unitPrice: number }>;
  },
): Promise<{ merchantId: string; dealId: string; groupId: string; code: string }> {
  await db.insert(user).values({ id: owner.id, name: owner.name, email: owner.email });
  const [m] = await db
    .insert(merchants)
    .values({ userId: owner.id, name: opts.shop })
    .returning({ id: merchants.id });
  if (!m) throw new Error('merchant insert failed');
  const opened = await insertOpenGroup(db, {
    deal: {
      merchantId: m.id,
      slug: `bench-${randomBytes(4).toString('hex')}`,
      title: opts.title,
      windowSeconds: 86_400,
      maxMembers: opts.capacity,
      qrCutoff: opts.capacity,
    },
    tiers: opts.tiers,
    group: {
      maxMembers: opts.capacity,
      qrCutoff: opts.capacity,
      deadline: new Date(Date.now() + 86_400_000),
    },
  });
  return { merchantId: m.id, ...opened };
}
