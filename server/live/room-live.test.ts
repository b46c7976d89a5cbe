// A room live, against real PostgreSQL through tRPC callers: a member's stream gets new messages and
// nothing from before they joined; a resumed stream gets what it missed once; held messages reach their
// author and staff only; deletions and removals arrive; the staff inbox feed names the room; room talk
// never wakes the group page's price stream.
import { randomUUID } from 'node:crypto';
import { isTrackedEnvelope } from '@trpc/server';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, roomMembers, rooms } from '@/db/schema';
import type { SessionUser } from '@/server/auth/session-user';
import { createOpenGroup } from '@/server/groups/close-test-factory';
import { openGroup } from '@/server/groups/open-group';
import { recordEvent } from '@/server/events/record-event';
import type { RoomDelta } from '@/server/rooms/types';
import { createCaller } from '@/server/trpc/root';
import { createHarness, type Harness } from '@/test/harness';
import { closeLiveHub } from './listener';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await closeLiveHub(h.deps);
  await h.close();
});

const TIERS = [
  { minMembers: 2, unitPrice: 1000 },
  { minMembers: 4, unitPrice: 800 },
];

type Shop = { owner: { user: SessionUser; merchantId: string }; roomId: string; code: string };

async function shopRoom(): Promise<Shop> {
  const owner = await h.makeMerchant({ name: 'Bali Tours' });
  const base = await createOpenGroup(h.deps, { merchantId: owner.merchantId, tiers: TIERS });
  const group = await openGroup(h.deps, { merchantId: owner.merchantId }, { dealId: base.dealId });
  const [room] = await h.t.db.select().from(rooms).where(eq(rooms.groupId, group.id));
  if (!room) throw new Error('the group opened without a room');
  return { owner, roomId: room.id, code: group.code };
}

/** A seat as a join gives one: the member reads only what comes after the room's newest message now. */
async function seat(roomId: string, alias: string): Promise<SessionUser> {
  const u = await h.makeUser({
    name: `${alias} Secret`,
    email: `${alias.toLowerCase()}-${randomUUID()}@example.test`,
  });
  const [room] = await h.t.db.select().from(rooms).where(eq(rooms.id, roomId));
  await h.t.db
    .insert(roomMembers)
    .values({ roomId, userId: u.id, alias, historyFrom: room?.lastMessageId ?? 0 });
  return u;
}

const post = (u: SessionUser, roomId: string, body: string, merchantId: string | null = null) =>
  h.caller(u, merchantId).rooms.post({ roomId, body, clientKey: randomUUID() });

/** An open room page: every delta it got, and waits on them. */
type Page = { deltas: RoomDelta[]; ids: string[]; ended: boolean; close(): void };

async function openRoom(
  u: SessionUser,
  roomId: string,
  opts: { merchantId?: string; lastEventId?: string } = {},
): Promise<Page> {
  const ac = new AbortController();
  const stream = await createCaller(
    { deps: h.deps, user: u, merchantId: opts.merchantId ?? null, headers: null },
    { signal: ac.signal },
  ).live.room({ roomId, lastEventId: opts.lastEventId });
  const page: Page = { deltas: [], ids: [], ended: false, close: () => ac.abort() };
  void (async () => {
    try {
      for await (const v of stream as AsyncIterable<unknown>) {
        if (!isTrackedEnvelope<RoomDelta>(v)) throw new Error('value was not sent with tracked(id, data)');
        page.ids.push(v[0]);
        page.deltas.push(v[1]);
      }
    } finally {
      page.ended = true;
    }
  })();
  return page;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function waitFor(cond: () => boolean, what: string, ms = 4000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}
const bodies = (p: Page) => p.deltas.flatMap((d) => d.messages.map((m) => m.body));
const messageIds = (p: Page) => p.deltas.flatMap((d) => d.messages.map((m) => m.id));

describe('live.room', () => {
  it('gives a member new messages as they are posted, and nothing said before they joined', async () => {
    const { roomId } = await shopRoom();
    const ann = await seat(roomId, 'Ann');
    await post(ann, roomId, 'said before Ben came');
    const ben = await seat(roomId, 'Ben');
    const page = await openRoom(ben, roomId);
    await waitFor(() => page.deltas.length >= 1, 'the first delta');
    expect(bodies(page)).toEqual([]);

    await post(ann, roomId, 'hello Ben');
    await waitFor(() => bodies(page).includes('hello Ben'), 'the live message');
    const msg = page.deltas.flatMap((d) => d.messages).find((m) => m.body === 'hello Ben');
    expect(msg).toMatchObject({ authorName: 'Ann', mine: false, status: 'visible' });
    expect(bodies(page)).not.toContain('said before Ben came');
    // Aliases only: nothing that identifies Ann leaves (rule 7).
    const sent = JSON.stringify(page.deltas);
    expect(sent).not.toContain(ann.id);
    expect(sent).not.toContain(ann.email);
    expect(sent).not.toContain('Secret');
    page.close();
  });

  it('is NOT_FOUND for someone who is not in the room, and for a member who left', async () => {
    const { roomId } = await shopRoom();
    const stranger = await h.makeUser();
    await expect(openRoom(stranger, roomId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const other = await shopRoom();
    await expect(
      openRoom(other.owner.user, roomId, { merchantId: other.owner.merchantId }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('resumes from lastEventId with what was missed, once', async () => {
    const { roomId } = await shopRoom();
    const ann = await seat(roomId, 'Ann');
    const ben = await seat(roomId, 'Ben');
    const first = await openRoom(ben, roomId);
    await post(ann, roomId, 'one');
    await waitFor(() => bodies(first).includes('one'), 'the first message');
    const cursor = first.ids.at(-1);
    first.close();
    await waitFor(() => first.ended, 'the stream to end');

    await post(ann, roomId, 'two, while Ben was away');
    const again = await openRoom(ben, roomId, { lastEventId: cursor });
    await waitFor(() => bodies(again).includes('two, while Ben was away'), 'the missed message');
    await post(ann, roomId, 'three');
    await waitFor(() => bodies(again).includes('three'), 'the next live message');
    expect(bodies(again)).toEqual(['two, while Ben was away', 'three']);
    again.close();
  });

  it('shows a held message to its author and staff, but not to other members', async () => {
    const { roomId, owner } = await shopRoom();
    const ann = await seat(roomId, 'Ann');
    const cat = await seat(roomId, 'Cat');
    const annPage = await openRoom(ann, roomId);
    const catPage = await openRoom(cat, roomId);
    const staffPage = await openRoom(owner.user, roomId, { merchantId: owner.merchantId });

    const held = await post(ann, roomId, 'cheap tickets at spam-deals.com');
    expect(held.status).toBe('held');
    await waitFor(() => messageIds(annPage).includes(held.id), 'the author to see it');
    await waitFor(() => messageIds(staffPage).includes(held.id), 'staff to see it');
    expect(staffPage.deltas.flatMap((d) => d.messages).find((m) => m.id === held.id)).toMatchObject({
      status: 'held',
      heldReason: 'link',
    });

    // Something everyone sees, posted after: once Cat has it, the held one had its chance to leak.
    await post(owner.user, roomId, 'Welcome, everyone', owner.merchantId);
    await waitFor(() => bodies(catPage).includes('Welcome, everyone'), 'the staff message');
    expect(messageIds(catPage)).not.toContain(held.id);

    // Approved: now it reaches Cat too.
    await h.caller(owner.user, owner.merchantId).rooms.approve({ messageId: held.id });
    await waitFor(() => messageIds(catPage).includes(held.id), 'the approved message');
    for (const p of [annPage, catPage, staffPage]) p.close();
  });

  it('brings a staff product card to every page with its deal', async () => {
    const { roomId, owner } = await shopRoom();
    const other = await createOpenGroup(h.deps, { merchantId: owner.merchantId, tiers: TIERS });
    const pages = await Promise.all(['Ann', 'Ben'].map(async (a) => openRoom(await seat(roomId, a), roomId)));
    const card = await h
      .caller(owner.user, owner.merchantId)
      .rooms.postCard({ roomId, dealId: other.dealId });
    for (const page of pages) {
      await waitFor(() => messageIds(page).includes(card.id), 'the card');
      const got = page.deltas.flatMap((d) => d.messages).find((m) => m.id === card.id);
      expect(got?.card).toMatchObject({ dealId: other.dealId, open: true });
      page.close();
    }
  });

  it('sends a deletion as deletedIds', async () => {
    const { roomId, owner } = await shopRoom();
    const ann = await seat(roomId, 'Ann');
    const ben = await seat(roomId, 'Ben');
    const page = await openRoom(ben, roomId);
    const m = await post(ann, roomId, 'rude words');
    await waitFor(() => messageIds(page).includes(m.id), 'the message');
    await h.caller(owner.user, owner.merchantId).rooms.deleteMessage({ messageId: m.id });
    await waitFor(() => page.deltas.some((d) => d.deletedIds.includes(m.id)), 'the deletion');
    page.close();
  });

  it('tells a removed member so and ends their stream; the others keep talking', async () => {
    const { roomId, owner } = await shopRoom();
    const ann = await seat(roomId, 'Ann');
    const ben = await seat(roomId, 'Ben');
    const annPage = await openRoom(ann, roomId);
    const benPage = await openRoom(ben, roomId);
    await waitFor(() => annPage.deltas.length >= 1 && benPage.deltas.length >= 1, 'the first deltas');

    await h.caller(owner.user, owner.merchantId).rooms.removeMember({ roomId, alias: 'Ann' });
    await waitFor(() => annPage.ended, 'the removed member’s stream to end');
    expect(annPage.deltas.at(-1)?.state).toMatchObject({ removed: true });
    expect(benPage.deltas.some((d) => d.state?.removed)).toBe(false);

    await post(ben, roomId, 'still here');
    await waitFor(() => bodies(benPage).includes('still here'), 'the next message');
    expect(bodies(annPage)).not.toContain('still here');
    await expect(openRoom(ann, roomId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    benPage.close();
  });

  it('tells a muted member until when', async () => {
    const { roomId, owner } = await shopRoom();
    const ann = await seat(roomId, 'Ann');
    const page = await openRoom(ann, roomId);
    await waitFor(() => page.deltas.length >= 1, 'the first delta');
    const { mutedUntil } = await h.caller(owner.user, owner.merchantId).rooms.muteMember({
      roomId,
      alias: 'Ann',
      minutes: 30,
    });
    await waitFor(() => page.deltas.some((d) => d.state?.mutedUntil), 'the mute');
    const muted = page.deltas.find((d) => d.state?.mutedUntil)?.state?.mutedUntil;
    expect(mutedUntil).not.toBeNull();
    expect(new Date(muted ?? 0).getTime()).toBe(new Date(mutedUntil ?? 1).getTime());
    page.close();
  });
});

describe('live.inbox', () => {
  it('names the shop’s room that changed, and not to another shop', async () => {
    const { roomId, owner } = await shopRoom();
    const other = await shopRoom();
    const ann = await seat(roomId, 'Ann');
    const got: { mine: string[]; theirs: string[] } = { mine: [], theirs: [] };
    const acs = [new AbortController(), new AbortController()];
    const feeds = [
      { who: owner, into: got.mine },
      { who: other.owner, into: got.theirs },
    ];
    for (const [i, f] of feeds.entries()) {
      const ac = acs[i];
      if (!ac) continue;
      const stream = await createCaller(
        { deps: h.deps, user: f.who.user, merchantId: f.who.merchantId, headers: null },
        { signal: ac.signal },
      ).live.inbox();
      void (async () => {
        for await (const v of stream as AsyncIterable<unknown>)
          if (isTrackedEnvelope<{ roomId: string }>(v)) f.into.push(v[1].roomId);
      })();
    }
    await post(ann, roomId, 'Is breakfast included?');
    await waitFor(() => got.mine.includes(roomId), 'the inbox event');
    await sleep(300);
    expect(got.theirs).toEqual([]);
    acs.forEach((a) => a.abort());
  });

  it('on resume names the rooms that changed while the console was away', async () => {
    const { roomId, owner } = await shopRoom();
    const quiet = await shopRoom();
    const ann = await seat(roomId, 'Ann');
    const [top] = await h.t.db.select({ id: events.id }).from(events).orderBy(desc(events.id)).limit(1);
    await post(ann, roomId, 'Anyone there?');
    const ac = new AbortController();
    const stream = await createCaller(
      { deps: h.deps, user: owner.user, merchantId: owner.merchantId, headers: null },
      { signal: ac.signal },
    ).live.inbox({ lastEventId: String(top?.id ?? 0) });
    const it = (stream as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    const first = await it.next();
    expect(first.done).toBe(false);
    const v: unknown = first.value;
    if (!isTrackedEnvelope<{ roomId: string }>(v))
      throw new Error('value was not sent with tracked(id, data)');
    expect(v[1].roomId).toBe(roomId);
    expect(v[1].roomId).not.toBe(quiet.roomId);
    ac.abort();
  });

  it('needs a signed-in merchant', async () => {
    const u = await h.makeUser();
    await expect(h.caller(u).live.inbox()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('room talk and the group page', () => {
  it('does not wake the group page’s stream (the price updates keep their pace)', async () => {
    const { roomId, code, owner } = await shopRoom();
    const [room] = await h.t.db.select().from(rooms).where(eq(rooms.id, roomId));
    const ann = await seat(roomId, 'Ann');
    const annPage = await openRoom(ann, roomId);
    const ac = new AbortController();
    const stream = await createCaller(
      { deps: h.deps, user: null, merchantId: null, headers: null },
      { signal: ac.signal },
    ).live.group({ code });
    const it = (stream as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    await it.next(); // the first snapshot
    let woke = 0;
    void (async () => {
      for (let r = await it.next(); !r.done; r = await it.next()) woke += 1;
    })();
    for (let i = 0; i < 3; i++) await post(ann, roomId, `message ${i}`);
    const line = await post(owner.user, roomId, 'A system-like update', owner.merchantId);
    // Room events that name the group too (a coalesced join line is rewritten this way).
    await h.t.db.transaction((tx) =>
      recordEvent(tx, {
        type: 'room.message_updated',
        groupId: room?.groupId ?? null,
        dealId: room?.dealId ?? null,
        payload: { roomId, messageId: line.id },
      }),
    );
    await waitFor(
      () => bodies(annPage).includes('message 2') && annPage.deltas.length >= 3,
      'the room messages',
    );
    await sleep(300);
    expect(woke).toBe(0);
    annPage.close();
    ac.abort();
  });
});
