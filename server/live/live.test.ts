// Live updates against real PostgreSQL: LISTEN/NOTIFY delivery, the live.group and live.merchant
// subscriptions through a tRPC caller, coalescing, privacy per viewer, resume, abort and reconnects.
import { TEST_FULFILMENT, VOUCHER_CHOICE } from '@/server/groups/test-factory';
import { randomBytes } from 'node:crypto';
import { isTrackedEnvelope } from '@trpc/server';
import { and, eq, sql } from 'drizzle-orm';
import { groups, members } from '@/db/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordEvent } from '@/server/events/record-event';
import { getGroupSnapshotOrThrow, type GroupSnapshot } from '@/server/groups/get-group-snapshot';
import { joinGroup } from '@/server/groups/join-group';
import type { SessionUser } from '@/server/auth/session-user';
import { createCaller } from '@/server/trpc/root';
import { createHarness, type Harness } from '@/test/harness';
import { commitJoin, insertOpenGroup } from '@/test/live-fixture';
import { closeLiveHub, getLiveHub, type LiveSignal } from './listener';
import { sharedSnapshotSource, snapshotCacheSubscriptions } from './snapshot-cache';
import { streamGroup } from './stream-group';

let h: Harness;

/** The hub subscriptions held by open streams: all of them but the shared snapshot cache's one. */
const streamSubscriptions = () => getLiveHub(h.deps).subscriberCount() - snapshotCacheSubscriptions(h.deps);

beforeAll(async () => {
  h = await createHarness();
});

afterAll(async () => {
  await closeLiveHub(h.deps);
  await h.close();
});

type Fixture = {
  groupId: string;
  dealId: string;
  code: string;
  merchantId: string;
  merchantUser: SessionUser;
};

async function makeGroup(merchant?: { merchantId: string; user: SessionUser }): Promise<Fixture> {
  const m = merchant ?? (await h.makeMerchant());
  const { dealId, groupId, code } = await insertOpenGroup(h.t.db, {
    deal: {
      merchantId: m.merchantId,
      slug: `d-${randomBytes(4).toString('hex')}`,
      title: 'Tea',
      windowSeconds: 3600,
      fulfilment: TEST_FULFILMENT,
    },
    tiers: [
      { minMembers: 2, unitPrice: 1000 },
      { minMembers: 4, unitPrice: 800 },
    ],
    group: { maxMembers: 500, qrCutoff: 100, deadline: new Date(Date.now() + 3600_000) },
  });
  await heard(groupId, () =>
    h.t.db.transaction((tx) => recordEvent(tx, { type: 'group.opened', groupId, dealId })),
  );
  return { groupId, dealId, code, merchantId: m.merchantId, merchantUser: m.user };
}

/**
 * Runs `write` (which commits an event of group `groupId` and returns its id) and waits until its NOTIFY
 * has reached this process: arriving late, after a test's streams subscribed, it would wake them before
 * the change the test makes.
 */
async function heard(groupId: string, write: () => Promise<number>): Promise<number> {
  let latest = 0;
  const unsubscribe = await getLiveHub(h.deps).subscribe([`group:${groupId}`], (s) => {
    if (s.kind === 'event') latest = Math.max(latest, s.event.id);
  });
  try {
    const id = await write();
    await waitFor(() => latest >= id, 5000);
    return id;
  } finally {
    unsubscribe();
  }
}

/** What a join does to the page: a member row, the counters, an event, in one transaction. */
async function join(f: Fixture, u: SessionUser, alias: string): Promise<number> {
  return commitJoin(h.t.db, f, u.id, alias);
}

function callerWith(u: SessionUser | null, signal: AbortSignal, merchantId: string | null = null) {
  return createCaller({ deps: h.deps, user: u, merchantId, headers: null }, { signal });
}

/** Resolves with the next value, or 'timeout' if none comes within `ms`. */
async function nextWithin<T>(it: AsyncIterator<T>, ms: number): Promise<IteratorResult<T> | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((r) => {
    timer = setTimeout(() => r('timeout'), ms);
  });
  try {
    return await Promise.race([it.next(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// The caller hands back the generator itself, so values are `tracked` envelopes (the HTTP link unwraps
// them into { id, data } on the client, which is what the caller's types describe).
function unwrap<T>(r: IteratorResult<unknown> | 'timeout'): { id: string; data: T } {
  if (r === 'timeout') throw new Error('no value in time');
  if (r.done) throw new Error('stream ended');
  const v: unknown = r.value;
  if (!isTrackedEnvelope<T>(v)) throw new Error('value was not sent with tracked(id, data)');
  return { id: v[0], data: v[1] };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(cond: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await sleep(10);
  }
}

describe('the LISTEN hub', () => {
  it('delivers an event committed by recordEvent to a subscriber within a second', async () => {
    const f = await makeGroup();
    const hub = getLiveHub(h.deps);
    const got: LiveSignal[] = [];
    const unsubscribe = await hub.subscribe([`group:${f.groupId}`], (s) => got.push(s));
    const started = Date.now();
    const fox = await h.makeUser();
    const id = await join(f, fox, 'Fox');
    await waitFor(() => got.length > 0, 1000);
    expect(Date.now() - started).toBeLessThan(1000);
    // A member's event names the member's user: pages of other viewers keep their own part.
    expect(got[0]).toEqual({
      kind: 'event',
      event: { id, type: 'member.authorized', groupId: f.groupId, dealId: f.dealId, userId: fox.id },
    });
    unsubscribe();
  });

  it('delivers nothing for a rolled-back transaction', async () => {
    const f = await makeGroup();
    const hub = getLiveHub(h.deps);
    const got: number[] = [];
    const unsubscribe = await hub.subscribe([`deal:${f.dealId}`], (s) => {
      if (s.kind === 'event') got.push(s.event.id);
    });
    try {
      let rolledBackId = 0;
      const outcome = await h.t.db
        .transaction(async (tx) => {
          rolledBackId = await recordEvent(tx, {
            type: 'member.authorized',
            groupId: f.groupId,
            dealId: f.dealId,
          });
          throw new Error('card declined after all');
        })
        .catch(() => 'rolled back');
      expect(outcome).toBe('rolled back');
      expect(rolledBackId).toBeGreaterThan(0);
      // A committed event after it proves the channel works and bounds the wait.
      const committed = await h.t.db.transaction((tx) =>
        recordEvent(tx, { type: 'group.touched', groupId: f.groupId, dealId: f.dealId }),
      );
      await waitFor(() => got.includes(committed), 1000);
      await sleep(100);
      expect(got).not.toContain(rolledBackId);
    } finally {
      unsubscribe();
    }
  });

  it('reconnects after the LISTEN connection is killed and tells subscribers to re-read', async () => {
    const f = await makeGroup();
    const hub = getLiveHub(h.deps);
    const got: LiveSignal[] = [];
    const unsubscribe = await hub.subscribe([`group:${f.groupId}`], (s) => got.push(s));
    const pid = await hub.backendPid();
    expect(pid).not.toBeNull();
    const before = hub.stats().reconnects;
    await h.t.db.execute(sql`select pg_terminate_backend(${pid})`);
    await waitFor(() => got.some((s) => s.kind === 'resync'), 5000);
    expect(hub.stats().reconnects).toBe(before + 1);
    const id = await join(f, await h.makeUser(), 'Owl');
    await waitFor(() => got.some((s) => s.kind === 'event' && s.event.id === id), 1000);
    unsubscribe();
  });
});

describe('live.group', () => {
  it('yields a fresh snapshot after a join, and nothing before it', async () => {
    const f = await makeGroup();
    const viewer = await h.makeUser();
    const page = await getGroupSnapshotOrThrow(h.deps, f.code, viewer, 'en');
    // Let the hub receive group.opened's NOTIFY first: a late one would rightly ring this stream too.
    await getLiveHub(h.deps).subscribe([], () => {});
    await sleep(150);
    const ac = new AbortController();
    const stream = await callerWith(viewer, ac.signal).live.group({
      code: f.code,
      lastEventId: String(page.lastEventId),
    });
    const it = stream[Symbol.asyncIterator]();
    const first = it.next();
    const early = await Promise.race([first.then(() => 'value'), sleep(300).then(() => 'quiet')]);
    expect(early).toBe('quiet');
    const started = Date.now();
    const id = await join(f, await h.makeUser(), 'Heron');
    const snap = unwrap<GroupSnapshot>(
      await Promise.race([first, sleep(1000).then(() => 'timeout' as const)]),
    );
    expect(Date.now() - started).toBeLessThan(1000);
    expect(snap.id).toBe(String(id));
    expect(snap.data.lastEventId).toBe(id);
    expect(snap.data.confirmedCount).toBe(1);
    expect(snap.data.members.map((m) => m.alias)).toEqual(['Heron']);
    ac.abort();
  });

  it('shows a real join (reservation, card hold on the emulator) on another open page within a second', async () => {
    const f = await makeGroup();
    const watcher = await h.makeUser();
    const cursor = String((await getGroupSnapshotOrThrow(h.deps, f.code, watcher, 'en')).lastEventId);
    const ac = new AbortController();
    const stream = await callerWith(watcher, ac.signal).live.group({ code: f.code, lastEventId: cursor });
    const it = stream[Symbol.asyncIterator]();
    const buyer = await h.makeUser({ anonymous: true });
    await joinGroup(h.deps, buyer, {
      code: f.code,
      alias: 'Robin',
      quantity: 2,
      fulfilment: VOUCHER_CHOICE,
      idempotencyKey: 'k1',
      paymentMethod: 'pm_card_visa',
    });
    const joinedAt = Date.now();
    let latest: GroupSnapshot | null = null;
    while (!latest || latest.confirmedCount < 1) {
      latest = unwrap<GroupSnapshot>(await nextWithin(it, 1000)).data;
    }
    expect(Date.now() - joinedAt).toBeLessThan(1000);
    expect(latest.members).toEqual([
      expect.objectContaining({ alias: 'Robin', quantity: 2, status: 'authorized' }),
    ]);
    expect(latest.viewer).toBeNull();
    ac.abort();
  });

  it('sends a snapshot at once when the client resumes from an older event id', async () => {
    const f = await makeGroup();
    const old = (await getGroupSnapshotOrThrow(h.deps, f.code, null, 'en')).lastEventId;
    await join(f, await h.makeUser(), 'Crane');
    const ac = new AbortController();
    const stream = await callerWith(null, ac.signal).live.group({ code: f.code, lastEventId: String(old) });
    const snap = unwrap<GroupSnapshot>(await nextWithin(stream[Symbol.asyncIterator](), 1000));
    expect(Number(snap.id)).toBeGreaterThan(old);
    expect(snap.data.confirmedCount).toBe(1);
    ac.abort();
  });

  it('sends a snapshot at once when the client has no cursor', async () => {
    const f = await makeGroup();
    const ac = new AbortController();
    const stream = await callerWith(null, ac.signal).live.group({ code: f.code });
    const snap = unwrap<GroupSnapshot>(await nextWithin(stream[Symbol.asyncIterator](), 1000));
    expect(snap.data.code).toBe(f.code);
    ac.abort();
  });

  it('refuses an unknown group code with NOT_FOUND', async () => {
    const ac = new AbortController();
    await expect(callerWith(null, ac.signal).live.group({ code: 'nope-nope' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('gives each viewer their own snapshot: a member sees their membership, others never do', async () => {
    const f = await makeGroup();
    const member = await h.makeUser();
    const stranger = await h.makeUser();
    const acs = [new AbortController(), new AbortController(), new AbortController()];
    const cursor = String((await getGroupSnapshotOrThrow(h.deps, f.code, null, 'en')).lastEventId);
    const streams = await Promise.all([
      callerWith(member, acs[0]?.signal ?? new AbortController().signal).live.group({
        code: f.code,
        lastEventId: cursor,
      }),
      callerWith(stranger, acs[1]?.signal ?? new AbortController().signal).live.group({
        code: f.code,
        lastEventId: cursor,
      }),
      callerWith(null, acs[2]?.signal ?? new AbortController().signal).live.group({
        code: f.code,
        lastEventId: cursor,
      }),
    ]);
    const nexts = streams.map((s) => s[Symbol.asyncIterator]().next());
    await join(f, member, 'Swan');
    const [mine, theirs, anon] = (await Promise.all(nexts)).map((r) => unwrap<GroupSnapshot>(r));
    expect(mine?.data.viewer?.alias).toBe('Swan');
    expect(mine?.data.viewer?.inviteCode).toMatch(/^[0-9a-f]+$/);
    expect(theirs?.data.viewer).toBeNull();
    expect(anon?.data.viewer).toBeNull();
    const leaked = JSON.stringify([theirs?.data, anon?.data]);
    expect(leaked).not.toContain(member.email);
    expect(leaked).not.toContain(member.id);
    expect(leaked).not.toContain(mine?.data.viewer?.inviteCode ?? 'x');
    acs.forEach((a) => a.abort());
  });

  it('ends the stream on abort and releases its subscription', async () => {
    const f = await makeGroup();
    const base = streamSubscriptions();
    const ac = new AbortController();
    const stream = await callerWith(null, ac.signal).live.group({ code: f.code });
    const it = stream[Symbol.asyncIterator]();
    unwrap(await nextWithin(it, 1000));
    expect(streamSubscriptions()).toBeGreaterThan(base);
    const pending = it.next();
    ac.abort();
    const end = await Promise.race([pending, sleep(1000).then(() => 'timeout' as const)]);
    expect(end).toEqual({ done: true, value: undefined });
    expect(streamSubscriptions()).toBe(base);
    expect(base).toBe(0);
  });
});

describe('coalescing', () => {
  it('reads once per burst, never drops the last change', async () => {
    const f = await makeGroup();
    let loads = 0;
    const ac = new AbortController();
    const stream = await streamGroup(h.deps, {
      code: f.code,
      viewerKey: 'anonymous',
      signal: ac.signal,
      load: async () => {
        loads += 1;
        await sleep(50);
        return getGroupSnapshotOrThrow(h.deps, f.code, null, 'en');
      },
    });
    const it = stream[Symbol.asyncIterator]();
    unwrap(await nextWithin(it, 1000));
    const users = await Promise.all(Array.from({ length: 20 }, () => h.makeUser()));
    const loadsBefore = loads;
    let lastId = 0;
    const burst = Promise.all(
      users.map(async (u, i) => {
        const id = await join(f, u, `Bird ${i}`);
        lastId = Math.max(lastId, id);
      }),
    );
    const seen: GroupSnapshot[] = [];
    const reader = (async () => {
      for (;;) {
        const r = await nextWithin(it, 1500);
        if (r === 'timeout' || r.done) return;
        const snap = unwrap<GroupSnapshot>(r).data;
        seen.push(snap);
        if (snap.confirmedCount === 20) return;
      }
    })();
    await burst;
    await reader;
    expect(seen.at(-1)?.confirmedCount).toBe(20);
    expect(seen.at(-1)?.lastEventId).toBe(lastId);
    expect(loads - loadsBefore).toBeLessThan(20);
    ac.abort();
  });

  it("keeps a signed-in viewer's own membership through others' joins, and reads it again on their own move", async () => {
    const f = await makeGroup();
    const viewer = await h.makeUser();
    await heard(f.groupId, () => join(f, viewer, 'Heron'));
    let fullReads = 0;
    let keptReads = 0;
    const source = sharedSnapshotSource(h.deps);
    const ac = new AbortController();
    const stream = await streamGroup<GroupSnapshot>(h.deps, {
      code: f.code,
      viewerKey: viewer.id,
      signal: ac.signal,
      load: async () => {
        fullReads += 1;
        return getGroupSnapshotOrThrow(h.deps, f.code, viewer, 'en', source);
      },
      own: {
        userId: viewer.id,
        reload: async (previous) => {
          keptReads += 1;
          return getGroupSnapshotOrThrow(h.deps, f.code, viewer, 'en', source, { viewer: previous.viewer });
        },
      },
    });
    const it = stream[Symbol.asyncIterator]();
    const first = unwrap<GroupSnapshot>(await nextWithin(it, 1000)).data;
    expect(first.viewer?.status).toBe('authorized');
    expect(fullReads).toBe(1);

    // Friends join one after another: the counts move, the viewer's membership is kept without a read.
    for (const [i, alias] of ['Ibis', 'Jay', 'Kite'].entries()) {
      const id = await join(f, await h.makeUser(), alias);
      let got = unwrap<GroupSnapshot>(await nextWithin(it, 2000));
      while (Number(got.id) < id) got = unwrap<GroupSnapshot>(await nextWithin(it, 2000));
      expect(got.data.confirmedCount).toBe(2 + i);
      expect(got.data.viewer?.alias).toBe('Heron');
      expect(got.data.viewer?.status).toBe('authorized');
    }
    expect(fullReads).toBe(1);
    expect(keptReads).toBeGreaterThanOrEqual(1);

    // The viewer's own move: the next snapshot reads their membership again and shows it.
    const left = await h.t.db.transaction(async (tx) => {
      const [m] = await tx
        .update(members)
        .set({ status: 'left' })
        .where(and(eq(members.groupId, f.groupId), eq(members.userId, viewer.id)))
        .returning({ id: members.id });
      await tx
        .update(groups)
        .set({ seatsTaken: sql`${groups.seatsTaken} - 1`, confirmedCount: sql`${groups.confirmedCount} - 1` })
        .where(eq(groups.id, f.groupId));
      return recordEvent(tx, { type: 'member.left', groupId: f.groupId, dealId: f.dealId, memberId: m?.id });
    });
    let after = unwrap<GroupSnapshot>(await nextWithin(it, 2000));
    while (Number(after.id) < left) after = unwrap<GroupSnapshot>(await nextWithin(it, 2000));
    expect(after.data.viewer?.status).toBe('left');
    expect(after.data.confirmedCount).toBe(3);
    expect(fullReads).toBe(2);
    ac.abort();
  });

  it('shares one read among viewers with the same key', async () => {
    const f = await makeGroup();
    let loads = 0;
    const load = async () => {
      loads += 1;
      return getGroupSnapshotOrThrow(h.deps, f.code, null, 'en');
    };
    const cursor = String((await getGroupSnapshotOrThrow(h.deps, f.code, null, 'en')).lastEventId);
    const acs = Array.from({ length: 10 }, () => new AbortController());
    const streams = await Promise.all(
      acs.map((ac) =>
        streamGroup(h.deps, {
          code: f.code,
          viewerKey: 'anonymous',
          lastEventId: cursor,
          signal: ac.signal,
          load,
        }),
      ),
    );
    const nexts = streams.map((s) => s[Symbol.asyncIterator]().next());
    await join(f, await h.makeUser(), 'Gull');
    const got = (await Promise.all(nexts)).map((r) => unwrap<GroupSnapshot>(r).data.confirmedCount);
    expect(got).toEqual(Array(10).fill(1));
    expect(loads).toBeLessThan(10);
    acs.forEach((ac) => ac.abort());
  });
});

describe('live.merchant', () => {
  it("yields events on the merchant's own deals only, and catches up on resume", async () => {
    const mine = await makeGroup();
    const other = await makeGroup();
    const ac = new AbortController();
    const stream = await callerWith(mine.merchantUser, ac.signal, mine.merchantId).live.merchant({});
    const it = stream[Symbol.asyncIterator]();
    const first = it.next();
    await join(other, await h.makeUser(), 'Elsewhere');
    const id = await join(mine, await h.makeUser(), 'Here');
    const got = unwrap(await Promise.race([first, sleep(1500).then(() => 'timeout' as const)]));
    expect(got.data).toEqual({
      eventId: id,
      dealId: mine.dealId,
      groupId: mine.groupId,
      type: 'member.authorized',
    });
    ac.abort();

    const later = await join(mine, await h.makeUser(), 'Later');
    const ac2 = new AbortController();
    const resumed = await callerWith(mine.merchantUser, ac2.signal, mine.merchantId).live.merchant({
      lastEventId: String(id),
    });
    const caught = unwrap(await nextWithin(resumed[Symbol.asyncIterator](), 1000));
    expect(caught.id).toBe(String(later));
    ac2.abort();
  });

  it('is for merchants only', async () => {
    const ac = new AbortController();
    await expect(callerWith(await h.makeUser(), ac.signal).live.merchant({})).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('leaves no subscriber behind once every stream above was aborted', async () => {
    await waitFor(() => streamSubscriptions() === 0, 2000);
  });
});
