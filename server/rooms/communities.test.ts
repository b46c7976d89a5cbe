// Communities and the concierge inbox through the rooms API, against real PostgreSQL: the trust rules
// (plain link up to the QR cutoff, then members' invite codes up to the maximum), history from joining,
// leaving and archiving, a group opened from a community announced there, and the inbox's order and counts.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { groups, roomMessages, rooms } from '@/db/schema';
import { createHarness, type Harness } from '@/test/harness';
import type { SessionUser } from '@/server/auth/session-user';
import { createOpenGroup } from '@/server/groups/close-test-factory';
import { openGroup } from '@/server/groups/open-group';
import { getSeatOrThrow, joinWithCard } from './test-factory';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => h.close());

type Shop = { user: SessionUser; merchantId: string };
const staff = (s: Shop) => h.caller(s.user, s.merchantId);
const key = () => randomUUID().slice(0, 12);

async function community(shop: Shop, title = 'Bali travellers, week of 12 May') {
  return staff(shop).rooms.createCommunity({ title, description: 'Tips, meetups and offers.' });
}

async function joinAs(code: string, alias: string, inviteCode?: string) {
  const user = await h.makeUser();
  const view = await h.caller(user).rooms.joinCommunity({ code, alias, inviteCode });
  return { user, view };
}

describe('communities', () => {
  it("admits by the plain link up to the QR cutoff, then by a member's invite code up to the maximum", async () => {
    const shop = await h.makeMerchant({ name: 'Bali Tours' });
    const room = await community(shop);
    expect(room.viewer).toEqual({ kind: 'staff' });
    expect(room.code).toMatch(/^[0-9a-z]{10}$/);
    await h.t.db.update(rooms).set({ qrCutoff: 2, maxMembers: 3 }).where(eq(rooms.id, room.id));

    const ann = await joinAs(room.code, 'Ann');
    expect(ann.view.viewer).toMatchObject({ kind: 'member', alias: 'Ann' });
    await joinAs(room.code, 'Ben');
    const cy = await h.makeUser();
    await expect(h.caller(cy).rooms.joinCommunity({ code: room.code, alias: 'Cy' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/invitation only/),
    });
    await expect(
      h.caller(cy).rooms.joinCommunity({ code: room.code, alias: 'Cy', inviteCode: 'notacode12' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const annSeat = await getSeatOrThrow(h.deps, room.id, ann.user.id);
    expect(annSeat.inviteCode).toMatch(/^[0-9a-z]{10}$/);
    await h
      .caller(cy)
      .rooms.joinCommunity({ code: room.code, alias: 'Cy', inviteCode: annSeat.inviteCode ?? '' });
    expect((await getSeatOrThrow(h.deps, room.id, cy.id)).invitedByUserId).toBe(ann.user.id);

    const dee = await h.makeUser();
    await expect(
      h
        .caller(dee)
        .rooms.joinCommunity({ code: room.code, alias: 'Dee', inviteCode: annSeat.inviteCode ?? '' }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/full/) });
    const [r] = await h.t.db.select().from(rooms).where(eq(rooms.id, room.id));
    expect(r?.memberCount).toBe(3);
  });

  it('shows a member only what was said after they joined, and takes the room from one who leaves', async () => {
    const shop = await h.makeMerchant({ name: 'Spring Class' });
    const room = await community(shop, 'Spring class 2027');
    const ann = await joinAs(room.code, 'Ann');
    await staff(shop).rooms.post({
      roomId: room.id,
      body: 'Before Ben: the early-bird code is SPRING',
      clientKey: key(),
    });
    const ben = await joinAs(room.code, 'Ben');
    expect(ben.view.messages.map((m) => m.body).join(' ')).not.toContain('SPRING');
    const annView = await h.caller(ann.user).rooms.get({ roomId: room.id });
    expect(annView.messages.map((m) => m.body).join(' ')).toContain('SPRING');
    // Names are unique among present members (staff act on members by alias).
    const other = await h.makeUser();
    await expect(
      h.caller(other).rooms.joinCommunity({ code: room.code, alias: 'ann' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    // Joining again while in changes nothing.
    await h.caller(ann.user).rooms.joinCommunity({ code: room.code, alias: 'Ann again' });
    expect((await getSeatOrThrow(h.deps, room.id, ann.user.id)).alias).toBe('Ann');

    await h.caller(ben.user).rooms.leaveCommunity({ roomId: room.id });
    await expect(h.caller(ben.user).rooms.get({ roomId: room.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(h.caller(ben.user).rooms.leaveCommunity({ roomId: room.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const [r] = await h.t.db.select().from(rooms).where(eq(rooms.id, room.id));
    expect(r?.memberCount).toBe(1);

    await staff(shop).rooms.post({ roomId: room.id, body: 'While Ben was away', clientKey: key() });
    const back = await h.caller(ben.user).rooms.joinCommunity({ code: room.code, alias: 'Ben' });
    expect(back.messages.map((m) => m.body).join(' ')).not.toContain('away');
  });

  it("archives a community: read-only, out of the inbox, purged on the shop's schedule, no newcomers", async () => {
    const shop = await h.makeMerchant();
    const room = await community(shop);
    const other = await h.makeMerchant();
    await expect(staff(other).rooms.archiveCommunity({ roomId: room.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await staff(shop).rooms.inbox()).map((r) => r.id)).toContain(room.id);
    await staff(shop).rooms.archiveCommunity({ roomId: room.id });
    await staff(shop).rooms.archiveCommunity({ roomId: room.id });
    const [r] = await h.t.db.select().from(rooms).where(eq(rooms.id, room.id));
    expect(r?.archivedAt).not.toBeNull();
    expect((r?.purgeAt?.getTime() ?? 0) - (r?.archivedAt?.getTime() ?? 0)).toBe(90 * 24 * 3600 * 1000);
    expect((await staff(shop).rooms.inbox()).map((x) => x.id)).not.toContain(room.id);
    const late = await h.makeUser();
    await expect(
      h.caller(late).rooms.joinCommunity({ code: room.code, alias: 'Late' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/archived/),
    });
  });

  it("announces a group opened from a community in it, and only from the deal's own shop", async () => {
    const shop = await h.makeMerchant();
    const room = await community(shop);
    const deal = await createOpenGroup(h.deps, {
      merchantId: shop.merchantId,
      tiers: [{ minMembers: 2, unitPrice: 900 }],
    });
    const buyer = await h.makeUser();
    const opened = await h.caller(buyer).groups.open({ dealId: deal.dealId, fromRoomCode: room.code });
    const [g] = await h.t.db.select().from(groups).where(eq(groups.id, opened.id));
    expect(g?.fromRoomId).toBe(room.id);
    const lines = await h.t.db
      .select()
      .from(roomMessages)
      .where(and(eq(roomMessages.roomId, room.id), sql`${roomMessages.data}->>'key' = 'groupOpened'`));
    expect(lines.map((m) => m.data['values'])).toEqual([{ title: 'Test deal', code: opened.code }]);

    const elsewhere = await community(await h.makeMerchant());
    await expect(
      h.caller(buyer).groups.open({ dealId: deal.dealId, fromRoomCode: elsewhere.code }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('the concierge inbox', () => {
  it('lists unanswered rooms first, then by newest activity, with unread and held counts', async () => {
    const shop = await h.makeMerchant({ name: 'Tea House' });
    const asked = await community(shop, 'Asked');
    const answered = await community(shop, 'Answered');
    await community(shop, 'Quiet');
    const ann = await joinAs(asked.code, 'Ann');
    const ben = await joinAs(answered.code, 'Ben');

    await h.caller(ann.user).rooms.post({ roomId: asked.id, body: 'Is the tea organic?', clientKey: key() });
    await h
      .caller(ann.user)
      .rooms.post({ roomId: asked.id, body: 'see https://spam.test', clientKey: key() });
    await h.caller(ben.user).rooms.post({ roomId: answered.id, body: 'When is pickup?', clientKey: key() });
    const reply = await staff(shop).rooms.post({
      roomId: answered.id,
      body: 'Friday at noon.',
      clientKey: key(),
    });

    // A group room of the shop's, and one of a group closed long ago (gone from the inbox).
    const deal = await createOpenGroup(h.deps, {
      merchantId: shop.merchantId,
      tiers: [{ minMembers: 2, unitPrice: 900 }],
    });
    const live = await openGroup(h.deps, { merchantId: shop.merchantId }, { dealId: deal.dealId });
    const old = await openGroup(h.deps, { merchantId: shop.merchantId }, { dealId: deal.dealId });
    const closedAt = new Date(h.deps.now().getTime() - 20 * 24 * 3600 * 1000);
    await h.t.db.update(groups).set({ status: 'won', closedAt }).where(eq(groups.id, old.id));
    const buyer = await h.makeUser();
    await joinWithCard(h, buyer, live.code, 'Cy');

    let inbox = await staff(shop).rooms.inbox();
    expect(inbox.map((r) => r.title)).toEqual(['Asked', 'Test deal', 'Answered', 'Quiet']);
    const byTitle = (t: string) => inbox.find((r) => r.title === t);
    expect(byTitle('Asked')).toMatchObject({
      kind: 'community',
      unanswered: true,
      unread: 1,
      held: 1,
      memberCount: 1,
    });
    expect(byTitle('Asked')?.lastMessage?.body).toBe('Is the tea organic?');
    expect(byTitle('Answered')).toMatchObject({ unanswered: false, unread: 1, held: 0 });
    expect(byTitle('Test deal')).toMatchObject({
      kind: 'group',
      code: live.code,
      groupStatus: 'open',
      unanswered: false,
    });
    expect(byTitle('Quiet')).toMatchObject({ unread: 0, lastMessage: null });
    expect(inbox.map((r) => r.code)).not.toContain(old.code);

    await staff(shop).rooms.markRead({ roomId: answered.id, messageId: reply.id });
    await staff(shop).rooms.post({ roomId: asked.id, body: 'Yes, certified.', clientKey: key() });
    inbox = await staff(shop).rooms.inbox();
    expect(inbox.map((r) => r.title)).toEqual(['Asked', 'Test deal', 'Answered', 'Quiet']);
    expect(inbox.every((r) => !r.unanswered)).toBe(true);
    expect(inbox.find((r) => r.title === 'Answered')?.unread).toBe(0);
    // No other shop's rooms, and no e-mail or user id anywhere in the rows.
    const text = JSON.stringify(inbox);
    for (const u of [ann.user, ben.user, buyer]) {
      expect(text).not.toContain(u.id);
      if (u.email) expect(text).not.toContain(u.email);
    }
  });
});
