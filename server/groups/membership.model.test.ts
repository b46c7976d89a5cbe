// Model-based test against real PostgreSQL and the Stripe emulator: random sequences of joins (approved,
// declined, needing authentication), leaves, expiries, bank cancellations delivered as webhooks, closes,
// settlements and refunds on small groups. After every step the group's counters equal what its member rows
// say, 0 ≤ confirmed ≤ seats ≤ max, the deal's stock equals the quantity of its members who hold stock (live, or owing a payment), and every member only went
// through moves the table allows.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { deals, groups, members } from '@/db/schema';
import type { SessionUser } from '@/server/auth/session-user';
import { DomainError } from '@/server/errors';
import { createHarness, type Harness } from '@/test/harness';
import { webhookDriver, type WebhookDriver } from '@/test/webhooks';
import { closeGroup } from './close-group';
import { expireReservation } from './expire-reservation';
import { leaveGroup } from './leave-group';
import { MOVES, STOCK_STATUSES, countersFromMembers, type MemberStatus } from './membership';
import { refundMember } from './refund-member';
import { settleMember } from './settle-member';
import { makeGroup, VOUCHER_CHOICE } from './test-factory';

let h: Harness;
let webhooks: WebhookDriver;
beforeAll(async () => {
  h = await createHarness();
  webhooks = webhookDriver(h);
});
afterAll(async () => h.close());

type Real = {
  groupId: string;
  dealId: string;
  merchantId: string;
  code: string;
  users: SessionUser[];
  /** The last status seen for each member id. */
  seen: Map<string, MemberStatus>;
};
type Model = { closed: boolean; joins: number };
const USERS = 5;
// Approved three times as often as declined or needing authentication.
const CARDS = [
  'pm_card_visa',
  'pm_card_visa',
  'pm_card_visa',
  'pm_card_chargeDeclined',
  'pm_card_authenticationRequired',
] as const;

/** Statuses reachable from `from` (itself included) through the table's moves. */
function reachable(from: MemberStatus | null): Set<MemberStatus | null> {
  const seen = new Set<MemberStatus | null>([from]);
  for (let grew = true; grew;) {
    grew = false;
    for (const m of Object.values(MOVES))
      if (seen.has(m.from) && !seen.has(m.to)) {
        seen.add(m.to);
        grew = true;
      }
  }
  return seen;
}

async function rowsOf(r: Real) {
  return h.t.db.select().from(members).where(eq(members.groupId, r.groupId));
}
async function pickMember(r: Real, pick: number) {
  const rows = await rowsOf(r);
  return rows.length ? rows[pick % rows.length] : undefined;
}

/** Expected refusals are answers, not failures: the invariants decide. */
async function attempt(p: Promise<unknown>): Promise<void> {
  await p.catch((err: unknown) => {
    if (err instanceof DomainError) return;
    if (err instanceof TRPCError && err.cause instanceof DomainError) return;
    throw err;
  });
}

async function checkInvariants(r: Real): Promise<void> {
  const [g] = await h.t.db.select().from(groups).where(eq(groups.id, r.groupId));
  const [d] = await h.t.db.select().from(deals).where(eq(deals.id, r.dealId));
  if (!g || !d) throw new Error('group or deal vanished');
  const rows = await rowsOf(r);
  const expected = countersFromMembers(
    g.status,
    rows.map((m) => ({ status: m.status, settled: m.settledAt !== null })),
  );
  expect({ seatsTaken: g.seatsTaken, confirmedCount: g.confirmedCount }).toEqual(expected);
  expect(0 <= g.confirmedCount && g.confirmedCount <= g.seatsTaken && g.seatsTaken <= g.maxMembers).toBe(
    true,
  );
  const live = rows.filter((m) => (STOCK_STATUSES as readonly string[]).includes(m.status));
  expect(d.stockTaken).toBe(live.reduce((s, m) => s + m.quantity, 0));
  for (const m of rows) {
    const before = r.seen.get(m.id) ?? null;
    expect(reachable(before).has(m.status), `${m.id}: ${String(before)} → ${m.status}`).toBe(true);
    r.seen.set(m.id, m.status);
  }
  // One live membership per buyer.
  expect(new Set(live.map((m) => m.userId)).size).toBe(live.length);
}

const run = (name: string, fn: (r: Real) => Promise<void>, when: (m: Model) => boolean = () => true) =>
  class implements fc.AsyncCommand<Model, Real> {
    constructor(readonly label = name) {}
    check = when;
    async run(m: Model, r: Real) {
      await fn(r);
      if (name.startsWith('join')) m.joins += 1;
      const [g] = await h.t.db.select({ status: groups.status }).from(groups).where(eq(groups.id, r.groupId));
      m.closed = g?.status !== 'open';
      await checkInvariants(r);
    }
    toString = () => this.label;
  };

const join = fc
  .tuple(fc.nat(USERS - 1), fc.constantFrom(...CARDS), fc.integer({ min: 1, max: 2 }))
  .map(([u, card, quantity]) => {
    const C = run(`join(${u}, ${card}, ${quantity})`, async (r) => {
      const user = r.users[u];
      if (!user) return;
      await attempt(
        h.caller(user).groups.join({
          code: r.code,
          alias: `Buyer ${u}`,
          quantity,
          fulfilment: VOUCHER_CHOICE,
          idempotencyKey: randomUUID(),
          paymentMethod: card,
        }),
      );
    });
    return new C();
  });

// Joins are drawn three times as often as any other step, so groups fill, tip and close with members.
const commands = [
  join,
  join,
  join,
  fc.nat().map((pick) => {
    const C = run(`leave(${pick})`, async (r) => {
      const m = await pickMember(r, pick);
      const user = r.users.find((u) => u.id === m?.userId);
      if (m && user) await attempt(leaveGroup(h.deps, user, { memberId: m.id }));
    });
    return new C();
  }),
  fc.nat().map((pick) => {
    const C = run(`expire(${pick})`, async (r) => {
      const m = await pickMember(r, pick);
      h.advance(16 * 60_000);
      if (m) await attempt(expireReservation(h.deps, m.id));
    });
    return new C();
  }),
  fc.nat().map((pick) => {
    const C = run(`bank cancels hold (${pick})`, async (r) => {
      const m = await pickMember(r, pick);
      if (!m?.paymentIntentId) return;
      await webhooks.stripe.paymentIntents.cancel(m.paymentIntentId).catch(() => undefined);
      const res = await webhooks.deliver(
        await webhooks.eventFor('payment_intent.canceled', m.paymentIntentId),
      );
      expect(res.status).toBe(200);
    });
    return new C();
  }),
  fc.constant(null).map(() => {
    const C = run(
      'merchant ends the group',
      async (r) => {
        await closeGroup(h.deps, r.groupId, 'merchant');
      },
      (m) => m.joins >= 2,
    );
    return new C();
  }),
  fc.nat().map((pick) => {
    const C = run(
      `settle(${pick})`,
      async (r) => {
        const m = await pickMember(r, pick);
        if (m) await attempt(settleMember(h.deps, m.id));
      },
      (m) => m.closed,
    );
    return new C();
  }),
  fc.constant(null).map(() => {
    const C = run(
      'the worker settles everyone',
      async (r) => {
        for (const m of await rowsOf(r)) await attempt(settleMember(h.deps, m.id));
      },
      (m) => m.closed,
    );
    return new C();
  }),
  fc.nat().map((pick) => {
    const C = run(
      `refund(${pick})`,
      async (r) => {
        const m = await pickMember(r, pick);
        if (m) await attempt(refundMember(h.deps, { merchantId: r.merchantId, memberId: m.id, amount: 100 }));
      },
      (m) => m.closed,
    );
    return new C();
  }),
];

it('random journeys on small groups keep counters, stock and member states true to the table', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.commands(commands, { maxCommands: 20, size: 'max' }),
      fc.integer({ min: 2, max: 3 }),
      async (cmds, maxMembers) => {
        const { groupId, dealId, code } = await makeGroup(h.deps, {
          maxMembers,
          qrCutoff: maxMembers,
          perBuyerMax: 2,
          stock: 50,
          tiers: [
            { minMembers: 1, unitPrice: 1500 },
            { minMembers: 2, unitPrice: 1200 },
          ],
        });
        const [d] = await h.t.db
          .select({ merchantId: deals.merchantId })
          .from(deals)
          .where(eq(deals.id, dealId));
        const users = await Promise.all(Array.from({ length: USERS }, () => h.makeUser({ anonymous: true })));
        const real: Real = { groupId, dealId, merchantId: d?.merchantId ?? '', code, users, seen: new Map() };
        await fc.asyncModelRun(() => ({ model: { closed: false, joins: 0 }, real }), cmds);
      },
    ),
    { numRuns: 60 },
  );
});
