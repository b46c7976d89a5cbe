// Moderation and limits, through the rooms router against real PostgreSQL: mutes say until when, slow
// mode and the rate limits refuse only the poster over them, the shop's filters hold links and keywords
// for review (seen by author and staff only) until approved, three reports hold, a deletion hides for
// everyone, and removal takes the room but not the group buy. Every move records its event.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, members, roomMessages } from '@/db/schema';
import { createHarness, type Harness } from '@/test/harness';
import { joinWithCard, roomWithStaff, seatCaller, seatMember, type TestRoom } from './test-factory';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => h.close());

const key = () => `key-${randomUUID()}`;

const post = (c: ReturnType<Harness['caller']>, r: TestRoom, body: string) =>
  c.rooms.post({ roomId: r.roomId, body, clientKey: key() });

async function seenBodies(c: ReturnType<Harness['caller']>, r: TestRoom): Promise<string[]> {
  return (await c.rooms.get({ roomId: r.roomId })).messages.map((m) => m.body).filter((b) => b !== '');
}

async function eventTypes(roomId: string): Promise<string[]> {
  const rows = await h.t.db.select().from(events);
  return rows.filter((e) => e.payload['roomId'] === roomId).map((e) => e.type);
}

describe('mute and slow mode', () => {
  it('refuses a muted member saying until when, and lets them post again when it ends', async () => {
    const { r, staff } = await roomWithStaff(h);
    const ann = await seatCaller(h, r, 'Ann');
    const { mutedUntil } = await staff.rooms.muteMember({ roomId: r.roomId, alias: 'Ann', minutes: 10 });
    expect(mutedUntil).not.toBeNull();
    const err = await post(ann.c, r, 'hello').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'FORBIDDEN' });
    const year = new Date(mutedUntil ?? '').getUTCFullYear();
    expect((err as Error).message).toMatch(new RegExp(`muted you in this chat until .*${year}`));
    expect((await ann.c.rooms.get({ roomId: r.roomId })).viewer).toMatchObject({ mutedUntil });
    h.advance(10 * 60_000 + 1000);
    expect((await post(ann.c, r, 'back')).body).toBe('back');
    await expect(
      staff.rooms.muteMember({ roomId: r.roomId, alias: 'Nobody', minutes: 5 }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      ann.c.rooms.muteMember({ roomId: r.roomId, alias: 'Ann', minutes: 5 }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await eventTypes(r.roomId)).toContain('room.member_muted');
  });

  it('slows members to one message per N seconds, says how long to wait, and never slows staff', async () => {
    const { r, staff } = await roomWithStaff(h);
    const ann = await seatCaller(h, r, 'Ann');
    await staff.rooms.setSlowMode({ roomId: r.roomId, seconds: 30 });
    await post(ann.c, r, 'first');
    h.advance(10_000);
    await expect(post(ann.c, r, 'second')).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/post again in 20 seconds/),
    });
    await post(staff, r, 'staff one');
    await post(staff, r, 'staff two');
    h.advance(20_000);
    await post(ann.c, r, 'second');
    expect(await seenBodies(ann.c, r)).toEqual(['first', 'staff one', 'staff two', 'second']);
    expect((await ann.c.rooms.get({ roomId: r.roomId })).slowModeSeconds).toBe(30);
    expect(await eventTypes(r.roomId)).toContain('room.slow_mode');
  });
});

describe('rate limits', () => {
  it('refuses a flooder after 8 messages in 30 s while another member still posts', async () => {
    const { r } = await roomWithStaff(h);
    const flood = await seatCaller(h, r, 'Flood');
    const calm = await seatCaller(h, r, 'Calm');
    for (let i = 0; i < 8; i++) await post(flood.c, r, `spam ${i}`);
    await expect(post(flood.c, r, 'spam 8')).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: expect.stringMatching(/too quickly/),
    });
    expect((await post(calm.c, r, 'a real question')).status).toBe('visible');
    const seen = await seenBodies(calm.c, r);
    expect(seen.filter((b) => b.startsWith('spam'))).toHaveLength(8);
    expect(seen).toContain('a real question');
    h.advance(31_000);
    await post(flood.c, r, 'later');
  });

  it('caps a room at 40 members’ messages per 10 s, refusing only the next poster; staff still post', async () => {
    const { r, staff } = await roomWithStaff(h);
    const posters = await Promise.all(['A', 'B', 'C', 'D', 'E', 'F'].map((a) => seatCaller(h, r, a)));
    const five = posters.slice(0, 5);
    for (let i = 0; i < 8; i++) for (const p of five) await post(p.c, r, `m${i}`);
    const sixth = posters[5];
    if (!sixth) throw new Error('six posters');
    await expect(post(sixth.c, r, 'one more')).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: expect.stringMatching(/Many people are posting/),
    });
    expect((await post(staff, r, 'staff answer')).status).toBe('visible');
    const rows = await h.t.db.select().from(roomMessages).where(eq(roomMessages.roomId, r.roomId));
    expect(rows.filter((m) => m.authorKind === 'member')).toHaveLength(40);
    h.advance(11_000);
    expect((await post(sixth.c, r, 'one more')).body).toBe('one more');
  });
});

describe('filters and review', () => {
  it('holds a member’s link for review: seen by its author and staff only, until approved', async () => {
    const { r, staff } = await roomWithStaff(h);
    const ann = await seatCaller(h, r, 'Ann');
    const ben = await seatCaller(h, r, 'Ben');
    const held = await post(ann.c, r, 'cheaper at www.spam-shop.example/deal');
    expect(held).toMatchObject({ status: 'held', mine: true, heldReason: null });
    expect(await seenBodies(ben.c, r)).toEqual([]);
    expect((await ann.c.rooms.get({ roomId: r.roomId })).messages).toMatchObject([
      { body: 'cheaper at www.spam-shop.example/deal', status: 'held' },
    ]);
    const asStaff = await staff.rooms.get({ roomId: r.roomId });
    expect(asStaff.messages).toMatchObject([{ status: 'held', heldReason: 'link' }]);
    // Staff links are not held.
    expect((await post(staff, r, 'Our page: https://shop.example')).status).toBe('visible');

    await staff.rooms.approve({ messageId: held.id });
    expect(await seenBodies(ben.c, r)).toEqual([
      'cheaper at www.spam-shop.example/deal',
      'Our page: https://shop.example',
    ]);
    expect(await eventTypes(r.roomId)).toEqual(
      expect.arrayContaining(['room.message_held', 'room.message_approved']),
    );
    await expect(ben.c.rooms.approve({ messageId: held.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('holds a keyword match (any case) and lets links through when the shop turns link holding off', async () => {
    const { r, staff } = await roomWithStaff(h);
    const shopStaff = staff;
    await shopStaff.rooms.updateSettings({ keywords: ['refund'], holdMemberLinks: false });
    const ann = await seatCaller(h, r, 'Ann');
    const ben = await seatCaller(h, r, 'Ben');
    const kw = await post(ann.c, r, 'I want a REFUND now');
    const link = await post(ann.c, r, 'photos at https://pics.example/1');
    expect(kw.status).toBe('held');
    expect(link.status).toBe('visible');
    expect(await seenBodies(ben.c, r)).toEqual(['photos at https://pics.example/1']);
    const asStaff = await staff.rooms.get({ roomId: r.roomId });
    expect(asStaff.messages.find((m) => m.id === kw.id)).toMatchObject({ heldReason: 'keyword' });
  });

  it('holds a message at the third distinct report, for staff to see with the count', async () => {
    const { r, staff } = await roomWithStaff(h);
    const troll = await seatCaller(h, r, 'Troll');
    const readers = await Promise.all(['R1', 'R2', 'R3', 'R4'].map((a) => seatCaller(h, r, a)));
    const [r1, r2, r3, r4] = readers;
    if (!r1 || !r2 || !r3 || !r4) throw new Error('four readers');
    const bad = await post(troll.c, r, 'rude words');
    await r1.c.rooms.report({ messageId: bad.id });
    await r1.c.rooms.report({ messageId: bad.id });
    await r2.c.rooms.report({ messageId: bad.id });
    expect(await seenBodies(r4.c, r)).toEqual(['rude words']);
    await r3.c.rooms.report({ messageId: bad.id });
    expect(await seenBodies(r4.c, r)).toEqual([]);
    expect((await troll.c.rooms.get({ roomId: r.roomId })).messages).toMatchObject([{ status: 'held' }]);
    const asStaff = await staff.rooms.get({ roomId: r.roomId });
    expect(asStaff.messages).toMatchObject([{ status: 'held', heldReason: 'reported', reportCount: 3 }]);
    // Members never see the count; nobody reports their own message.
    expect((await troll.c.rooms.get({ roomId: r.roomId })).messages[0]?.reportCount).toBe(0);
    await expect(troll.c.rooms.report({ messageId: bad.id })).rejects.toMatchObject({ code: 'CONFLICT' });
    // Approved, it stays up even if reported again.
    await staff.rooms.approve({ messageId: bad.id });
    await r4.c.rooms.report({ messageId: bad.id });
    expect(await seenBodies(r4.c, r)).toEqual(['rude words']);
  });
});

describe('delete, pin and remove', () => {
  it('deletes a message for everyone, its author included, and unpins it', async () => {
    const { r, staff } = await roomWithStaff(h);
    const ann = await seatCaller(h, r, 'Ann');
    const ben = await seatCaller(h, r, 'Ben');
    const m = await post(ann.c, r, 'oops');
    await post(ben.c, r, 'still here');
    await staff.rooms.pin({ roomId: r.roomId, messageId: m.id });
    expect((await ben.c.rooms.get({ roomId: r.roomId })).pinned?.id).toBe(m.id);
    await staff.rooms.deleteMessage({ messageId: m.id });
    for (const c of [ann.c, ben.c, staff]) {
      const view = await c.rooms.get({ roomId: r.roomId });
      expect(view.messages.map((x) => x.body).filter((b) => b !== '')).toEqual(['still here']);
      expect(view.pinned).toBeNull();
    }
    await expect(ben.c.rooms.report({ messageId: m.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(ben.c.rooms.deleteMessage({ messageId: m.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const [row] = await h.t.db.select().from(roomMessages).where(eq(roomMessages.id, m.id));
    expect(row).toMatchObject({ status: 'deleted', body: '' });
    expect(await eventTypes(r.roomId)).toEqual(
      expect.arrayContaining(['room.pinned', 'room.message_deleted']),
    );
  });

  it('removes a member from the room but not from the group buy', async () => {
    const { r, staff } = await roomWithStaff(h);
    const buyer = await h.makeUser();
    const joined = await joinWithCard(h, buyer, r.code, 'Mei');
    await seatMember(h.deps, r.roomId, buyer.id, 'Mei', joined.member.id);
    const mei = h.caller(buyer);
    await post(mei, r, 'hello');
    const before = (await staff.rooms.get({ roomId: r.roomId })).memberCount;
    await staff.rooms.removeMember({ roomId: r.roomId, alias: 'Mei' });
    await expect(mei.rooms.get({ roomId: r.roomId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(post(mei, r, 'again')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await staff.rooms.get({ roomId: r.roomId })).memberCount).toBe(before - 1);
    const [m] = await h.t.db
      .select()
      .from(members)
      .where(and(eq(members.id, joined.member.id), eq(members.userId, buyer.id)));
    expect(m?.status).toBe('authorized');
    const snap = await mei.groups.snapshot({ code: r.code });
    expect(snap.confirmedCount).toBe(1);
    expect(await eventTypes(r.roomId)).toContain('room.member_removed');
  });
});
