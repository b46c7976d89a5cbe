// A group's room follows the group, against real PostgreSQL and the Stripe emulator: seats from the hold
// (reading only what comes after), lost on leaving, coalesced join lines with one welcome per burst,
// bracket / closing-soon / won / failed lines, retention and the purge, and the room's notifications.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, gt, sql } from 'drizzle-orm';
import { deals, events, merchantRoomSettings, notifications, roomMessages, rooms } from '@/db/schema';
import { createHarness, type Harness } from '@/test/harness';
import type { SessionUser } from '@/server/auth/session-user';
import { createOpenGroup, waitForGroupStatus } from '@/server/groups/close-test-factory';
import { openGroup } from '@/server/groups/open-group';
import type { WorkerHandle } from '@/server/jobs/worker';
import { planClosingSoon } from '@/server/notifications/plan-closing-soon';
import { startAppWorker } from '@/server/tasks';
import { appendRoomMessage } from './append-message';
import { JOIN_BURST_MS } from './follow-room-moves';
import { mentionedAliases, notifyRoomPost } from './notify-room-post';
import { purgeRooms } from './purge-rooms';
import { getSeatOrThrow, joinWithCard } from './test-factory';

let h: Harness;
let worker: WorkerHandle;
beforeAll(async () => {
  h = await createHarness();
  worker = await startAppWorker(h.deps, { pollInterval: 100 });
});
afterAll(async () => {
  await worker.stop();
  await h.close();
});

const TIERS = [
  { minMembers: 2, unitPrice: 1000 },
  { minMembers: 3, unitPrice: 800 },
];
const DAY = 24 * 3600 * 1000;

async function shopGroup(opts: { welcome?: string; tiers?: typeof TIERS } = {}) {
  const owner = await h.makeMerchant({ name: 'Bali Tours' });
  const base = await createOpenGroup(h.deps, { merchantId: owner.merchantId, tiers: opts.tiers ?? TIERS });
  if (opts.welcome)
    await h.t.db.update(deals).set({ welcomeMessage: opts.welcome }).where(eq(deals.id, base.dealId));
  const group = await openGroup(h.deps, { merchantId: owner.merchantId }, { dealId: base.dealId });
  const [room] = await h.t.db.select().from(rooms).where(eq(rooms.groupId, group.id));
  if (!room) throw new Error('the group opened without a room');
  return { owner, group, room };
}

async function join(code: string, alias: string) {
  const user = await h.makeUser();
  const r = await joinWithCard(h, user, code, alias);
  return { user, member: r.member };
}

async function roomRow(roomId: string) {
  const [r] = await h.t.db.select().from(rooms).where(eq(rooms.id, roomId));
  if (!r) throw new Error('no room');
  return r;
}

/** What a member may read: the room's messages after their history_from (rule 15), oldest first. */
async function readable(roomId: string, userId: string) {
  const s = await getSeatOrThrow(h.deps, roomId, userId);
  return h.t.db
    .select()
    .from(roomMessages)
    .where(and(eq(roomMessages.roomId, roomId), gt(roomMessages.id, s.historyFrom)))
    .orderBy(roomMessages.id);
}

async function all(roomId: string) {
  return h.t.db.select().from(roomMessages).where(eq(roomMessages.roomId, roomId)).orderBy(roomMessages.id);
}

const systemKeys = (rows: { kind: string; data: Record<string, unknown> }[]) =>
  rows.filter((m) => m.kind === 'system').map((m) => m.data['key']);

async function say(roomId: string, u: SessionUser, alias: string, body: string) {
  return h.t.db.transaction(async (tx) => {
    const [room] = await tx.select().from(rooms).where(eq(rooms.id, roomId));
    if (!room) throw new Error('no room');
    const row = await appendRoomMessage(tx, room, {
      authorKind: 'member',
      authorUserId: u.id,
      authorName: alias,
      kind: 'text',
      body,
      now: h.deps.now(),
    });
    await notifyRoomPost(tx, room, row);
    return row;
  });
}

async function staffSays(roomId: string, body: string) {
  return h.t.db.transaction(async (tx) => {
    const [room] = await tx.select().from(rooms).where(eq(rooms.id, roomId));
    if (!room) throw new Error('no room');
    const row = await appendRoomMessage(tx, room, {
      authorKind: 'staff',
      authorName: 'Bali Tours',
      kind: 'text',
      body,
      now: h.deps.now(),
    });
    await notifyRoomPost(tx, room, row);
    return row;
  });
}

describe('seats follow the membership', () => {
  it('gives a newcomer only what is said after their join, and takes the room from a member who leaves', async () => {
    const { group, room } = await shopGroup();
    expect(room.memberCount).toBe(0);
    const ann = await join(group.code, 'Ann');
    const question = await say(room.id, ann.user, 'Ann', 'Is breakfast included?');
    h.advance(JOIN_BURST_MS + 1000);
    const ben = await join(group.code, 'Ben');

    const benSees = await readable(room.id, ben.user.id);
    expect(benSees.map((m) => m.id)).not.toContain(question.id);
    expect(benSees.map((m) => m.body).join(' ')).not.toContain('breakfast');
    expect(benSees[0]?.data['values']).toEqual({ names: 'Ben', others: 0 });
    expect((await readable(room.id, ann.user.id)).map((m) => m.id)).toContain(question.id);
    expect((await roomRow(room.id)).memberCount).toBe(2);

    await h.caller(ann.user).groups.leave({ memberId: ann.member.id });
    expect((await getSeatOrThrow(h.deps, room.id, ann.user.id)).leftAt).not.toBeNull();
    expect((await roomRow(room.id)).memberCount).toBe(1);

    // Back after a while: a new history, nothing said while away.
    const meanwhile = await say(room.id, ben.user, 'Ben', 'Ann left, sadly');
    h.advance(JOIN_BURST_MS + 1000);
    const r = await joinWithCard(h, ann.user, group.code, 'Ann');
    expect(r.member.id).not.toBe(ann.member.id);
    const back = await getSeatOrThrow(h.deps, room.id, ann.user.id);
    expect(back.leftAt).toBeNull();
    expect(back.memberId).toBe(r.member.id);
    const annSees = (await readable(room.id, ann.user.id)).map((m) => m.id);
    expect(annSees).not.toContain(meanwhile.id);
    expect(annSees).not.toContain(question.id);
    expect((await roomRow(room.id)).memberCount).toBe(2);
  });

  it('makes the room of a group opened before rooms existed when its first member joins', async () => {
    const owner = await h.makeMerchant();
    const old = await createOpenGroup(h.deps, { merchantId: owner.merchantId, tiers: TIERS });
    const [g] = await h.t.db
      .execute<{ code: string }>(sql`select code from groups where id = ${old.groupId}`)
      .then((r) => r.rows);
    expect(await h.t.db.select().from(rooms).where(eq(rooms.groupId, old.groupId))).toHaveLength(0);
    const cy = await join(g?.code ?? '', 'Cy');
    const [room] = await h.t.db.select().from(rooms).where(eq(rooms.groupId, old.groupId));
    expect(room?.memberCount).toBe(1);
    expect((await getSeatOrThrow(h.deps, room?.id ?? '', cy.user.id)).alias).toBe('Cy');
  });
});

describe('join lines and welcomes', () => {
  it('coalesces a burst of joins into one line, welcomes the burst once, and starts anew after a pause', async () => {
    const { group, room } = await shopGroup({
      welcome: 'Welcome {aliases}! Ask us anything.',
      tiers: [{ minMembers: 10, unitPrice: 1000 }],
    });
    const joined = [];
    for (const alias of ['Ann', 'Ben', 'Chen', 'Dee']) joined.push(await join(group.code, alias));
    let rows = await all(room.id);
    expect(rows).toHaveLength(2);
    const [line, welcome] = rows;
    expect(line?.data['values']).toEqual({ names: 'Ann, Ben, Chen', others: 1 });
    expect(welcome?.kind).toBe('welcome');
    expect(welcome?.authorName).toBe('Bali Tours');
    expect(welcome?.body).toBe('Welcome Ann, Ben, Chen, Dee! Ask us anything.');
    const updated = await h.t.db
      .select()
      .from(events)
      .where(and(eq(events.type, 'room.message_updated'), sql`${events.payload}->>'roomId' = ${room.id}`));
    expect(updated.length).toBeGreaterThanOrEqual(3);
    // The last of the burst reads the line that names them and the welcome, nothing earlier.
    const deeSees = await readable(room.id, joined[3]?.user.id ?? '');
    expect(deeSees.map((m) => m.id)).toEqual([line?.id, welcome?.id]);
    // A welcome is no answer: the room's staff cursor did not move.
    expect((await roomRow(room.id)).lastStaffMessageId).toBe(0);

    h.advance(JOIN_BURST_MS + 1000);
    await join(group.code, 'Eve');
    rows = await all(room.id);
    expect(rows).toHaveLength(4);
    expect(rows[2]?.data['values']).toEqual({ names: 'Eve', others: 0 });
    expect(rows[3]?.body).toBe('Welcome Eve! Ask us anything.');
  });

  it('says nothing of a welcome when the deal has none, and a message between joins ends the burst', async () => {
    const { group, room } = await shopGroup({ tiers: [{ minMembers: 10, unitPrice: 1000 }] });
    const ann = await join(group.code, 'Ann');
    await say(room.id, ann.user, 'Ann', 'hi');
    await join(group.code, 'Ben');
    const rows = await all(room.id);
    expect(rows.map((m) => m.kind)).toEqual(['system', 'text', 'system']);
    expect(rows[2]?.data['values']).toEqual({ names: 'Ben', others: 0 });
  });
});

describe('the group says its fate in the room', () => {
  it("says when a bracket unlocks, then that it was won at the final price, and schedules the room's close", async () => {
    const { owner, group, room } = await shopGroup();
    await join(group.code, 'Ann');
    expect(systemKeys(await all(room.id))).not.toContain('bracketUnlocked');
    await join(group.code, 'Ben');
    h.advance(JOIN_BURST_MS + 1000);
    await join(group.code, 'Chen');
    const unlocked = (await all(room.id)).filter((m) => m.data['key'] === 'bracketUnlocked');
    expect(unlocked.map((m) => m.data['values'])).toEqual([{ price: 800, currency: 'USD' }]);

    await h.caller(owner.user, owner.merchantId).merchantGroups.endNow({ groupId: group.id });
    await waitForGroupStatus(h.deps, group.id, ['won']);
    const won = (await all(room.id)).filter((m) => m.data['key'] === 'won');
    expect(won.map((m) => m.data['values'])).toEqual([{ price: 800, currency: 'USD' }]);
    const r = await roomRow(room.id);
    const [g] = (
      await h.t.db.execute<{ closed_at: string }>(sql`select closed_at from groups where id = ${group.id}`)
    ).rows;
    const closedAt = new Date(g?.closed_at ?? 0).getTime();
    expect(r.closesAt?.getTime()).toBe(closedAt + 14 * DAY);
    expect(r.purgeAt?.getTime()).toBe(closedAt + 90 * DAY);
  });

  it("says a group failed, keeps its released members in the room, and uses the shop's retention", async () => {
    const { owner, group, room } = await shopGroup();
    await h.t.db
      .insert(merchantRoomSettings)
      .values({ merchantId: owner.merchantId, closeAfterDays: 3, deleteAfterDays: 30 });
    const ann = await join(group.code, 'Ann');
    await h.caller(owner.user, owner.merchantId).merchantGroups.endNow({ groupId: group.id });
    await waitForGroupStatus(h.deps, group.id, ['failed']);
    expect(systemKeys(await all(room.id))).toEqual(['joined', 'failed']);
    expect((await getSeatOrThrow(h.deps, room.id, ann.user.id)).leftAt).toBeNull();
    const r = await roomRow(room.id);
    expect((r.purgeAt?.getTime() ?? 0) - (r.closesAt?.getTime() ?? 0)).toBe(27 * DAY);
  });
});

describe('retention', () => {
  it('deletes the messages of rooms past purge_at and keeps the room; later rooms keep theirs', async () => {
    const old = await shopGroup();
    const young = await shopGroup();
    for (const g of [old, young]) {
      const m = await join(g.group.code, 'Ann');
      await say(g.room.id, m.user, 'Ann', 'see you there');
    }
    const now = h.deps.now();
    await h.t.db
      .update(rooms)
      .set({ purgeAt: new Date(now.getTime() - 1000) })
      .where(eq(rooms.id, old.room.id));
    await h.t.db
      .update(rooms)
      .set({ purgeAt: new Date(now.getTime() + DAY) })
      .where(eq(rooms.id, young.room.id));
    expect(await purgeRooms(h.deps)).toBeGreaterThanOrEqual(1);
    expect(await all(old.room.id)).toHaveLength(0);
    expect(await h.t.db.select().from(rooms).where(eq(rooms.id, old.room.id))).toHaveLength(1);
    expect((await all(young.room.id)).length).toBeGreaterThan(0);
    const purged = await h.t.db
      .select()
      .from(events)
      .where(and(eq(events.type, 'room.purged'), sql`${events.payload}->>'roomId' = ${old.room.id}`));
    expect(purged).toHaveLength(1);
    expect(JSON.stringify(purged[0]?.payload)).not.toContain('see you there');
    expect(await purgeRooms(h.deps)).toBe(0);
  });
});

describe('room notifications', () => {
  async function planned(userId: string) {
    return h.t.db
      .select({ moment: notifications.moment, subject: notifications.subject })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), sql`${notifications.moment} like 'room%'`));
  }

  it('tells the members a staff reply answers, and a member mentioned as @alias; nobody of their own words', async () => {
    const { owner, group, room } = await shopGroup({ tiers: [{ minMembers: 10, unitPrice: 1000 }] });
    const ann = await join(group.code, 'Ann');
    const ben = await join(group.code, 'Ben');
    const cat = await join(group.code, 'Cat');
    await say(room.id, ann.user, 'Ann', 'Is breakfast included?');
    await say(room.id, ann.user, 'Ann', 'And @Ann asks twice');
    const reply = await staffSays(room.id, 'Yes, breakfast is included.');
    expect(await planned(ann.user.id)).toEqual([{ moment: 'roomReply', subject: String(reply.id) }]);
    expect(await planned(ben.user.id)).toEqual([]);
    expect(await planned(owner.user.id)).toEqual([]);

    // A later reply answers nobody new; a mention tells that member only (not @Bengal's neighbour).
    const mention = await staffSays(room.id, '@ben, your voucher is ready. @Cats welcome');
    expect(await planned(ben.user.id)).toEqual([{ moment: 'roomMention', subject: String(mention.id) }]);
    expect(await planned(ann.user.id)).toHaveLength(1);
    expect(await planned(cat.user.id)).toEqual([]);

    // Members mention each other too.
    const m2 = await say(room.id, cat.user, 'Cat', 'thanks @Ann!');
    expect(await planned(ann.user.id)).toContainEqual({ moment: 'roomMention', subject: String(m2.id) });
    expect(await planned(cat.user.id)).toEqual([]);
  });

  it('finds whole aliases after @ only', () => {
    expect([...mentionedAliases('hi @Ann and @bengal', ['Ann', 'Ben', 'Bengal'])].sort()).toEqual([
      'ann',
      'bengal',
    ]);
    expect([...mentionedAliases('mail ann@example.test', ['ann', 'Example'])]).toEqual([]);
    expect([...mentionedAliases('@陈 你好', ['陈'])]).toEqual(['陈']);
  });
});

describe('closing soon', () => {
  it('says once in the room when the 3-hour reminder is planned', async () => {
    const { group, room } = await shopGroup({ tiers: [{ minMembers: 10, unitPrice: 1000 }] });
    await join(group.code, 'Ann');
    h.advance(group.deadline.getTime() - h.deps.now().getTime() - 2.5 * 3600 * 1000);
    await planClosingSoon(h.deps);
    await planClosingSoon(h.deps);
    const lines = (await all(room.id)).filter((m) => m.data['key'] === 'closingSoon');
    expect(lines.map((m) => m.data['values'])).toEqual([{ hours: 3 }]);
  });
});
