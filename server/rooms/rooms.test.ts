// The room as its readers get it, through the rooms router against real PostgreSQL: history from the join
// for members and all of it for staff, aliases only in every payload, posting refusals said in the
// reader's language, idempotent posts, read cursors, cards, images and the shop's settings.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { deals, events, roomMembers, roomMessages, rooms, roomStaffReads } from '@/db/schema';
import jaErrors from '@/messages/ja/errors.json';
import { fieldMessages } from '@/server/errors';
import { makeDeal, VOUCHER_CHOICE } from '@/server/groups/test-factory';
import { errorWordsIn } from '@/server/localize-error';
import { createCaller } from '@/server/trpc/root';
import { createHarness, type Harness } from '@/test/harness';
import { joinWithCard, roomWithStaff, seatCaller, seatMember } from './test-factory';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => h.close());

const key = () => `key-${randomUUID()}`;

function bodies(view: { messages: { body: string }[] }): string[] {
  return view.messages.map((m) => m.body).filter((b) => b !== '');
}

describe('who reads what', () => {
  it('shows a member only what was said after they joined, and staff everything', async () => {
    const { r, staff } = await roomWithStaff(h);
    const ann = await seatCaller(h, r, 'Ann');
    await ann.c.rooms.post({ roomId: r.roomId, body: 'Is the blue one in stock?', clientKey: key() });
    const before = await staff.rooms.post({ roomId: r.roomId, body: 'Yes, ten left.', clientKey: key() });
    await staff.rooms.pin({ roomId: r.roomId, messageId: before.id });

    const ben = await seatCaller(h, r, 'Ben');
    await ann.c.rooms.post({ roomId: r.roomId, body: 'Thanks!', clientKey: key() });

    const asBen = await ben.c.rooms.get({ roomId: r.roomId });
    expect(bodies(asBen)).toEqual(['Thanks!']);
    expect(asBen.pinned).toBeNull();
    expect(asBen.hasOlder).toBe(false);
    expect(asBen.viewer).toMatchObject({ kind: 'member', alias: 'Ben' });
    const older = await ben.c.rooms.history({ roomId: r.roomId, beforeId: asBen.messages[0]?.id ?? 1 });
    expect(older.messages).toEqual([]);

    const asAnn = await ann.c.rooms.get({ groupCode: r.code });
    expect(bodies(asAnn)).toEqual(['Is the blue one in stock?', 'Yes, ten left.', 'Thanks!']);
    expect(asAnn.pinned?.body).toBe('Yes, ten left.');

    const asStaff = await staff.rooms.get({ roomId: r.roomId });
    expect(bodies(asStaff)).toEqual(['Is the blue one in stock?', 'Yes, ten left.', 'Thanks!']);
    expect(asStaff.viewer).toEqual({ kind: 'staff' });
    expect(asStaff.messages.find((m) => m.body === 'Yes, ten left.')).toMatchObject({
      authorKind: 'staff',
      authorName: 'Test Shop',
    });
    expect(asStaff.title).toBe('Ceramic mug');
    expect(asStaff.code).toBe(r.code);
  });

  it('pages older messages 50 at a time, only those the reader may see', async () => {
    const { r, staff } = await roomWithStaff(h);
    for (let i = 1; i <= 55; i++)
      await staff.rooms.post({ roomId: r.roomId, body: `note ${i}`, clientKey: key() });
    const ann = await seatCaller(h, r, 'Ann');
    await staff.rooms.post({ roomId: r.roomId, body: 'after Ann', clientKey: key() });
    const first = await staff.rooms.get({ roomId: r.roomId });
    expect(first.messages).toHaveLength(50);
    expect(first.hasOlder).toBe(true);
    expect(first.messages.at(-1)?.body).toBe('after Ann');
    const second = await staff.rooms.history({ roomId: r.roomId, beforeId: first.messages[0]?.id ?? 0 });
    expect(bodies(second)).toEqual(['note 1', 'note 2', 'note 3', 'note 4', 'note 5', 'note 6']);
    expect(second.hasOlder).toBe(false);
    const asAnn = await ann.c.rooms.get({ roomId: r.roomId });
    expect(bodies(asAnn)).toEqual(['after Ann']);
    expect(asAnn.hasOlder).toBe(false);
  });

  it('answers NOT_FOUND to strangers, other shops and the signed-out, by id or by code', async () => {
    const { r } = await roomWithStaff(h);
    const stranger = h.caller(await h.makeUser());
    const otherShop = await h.makeMerchant({ name: 'Other Shop' });
    await expect(stranger.rooms.get({ roomId: r.roomId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(stranger.rooms.get({ groupCode: r.code })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      h.caller(otherShop.user, otherShop.merchantId).rooms.get({ roomId: r.roomId }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      stranger.rooms.post({ roomId: r.roomId, body: 'hello', clientKey: key() }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(stranger.rooms.get({ roomId: randomUUID() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(h.caller(null).rooms.get({ roomId: r.roomId })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });
});

describe('privacy', () => {
  it('sends aliases only: no e-mail, user id, account name or phone in any room payload', async () => {
    const { r, staff } = await roomWithStaff(h);
    // A real join, with its order's contact details, beside a seated member.
    const buyer = await h.makeUser({ email: 'mei.secret@example.test', name: 'Mei Account' });
    const joined = await joinWithCard(h, buyer, r.code, 'Mei', {
      ...VOUCHER_CHOICE,
      contactEmail: 'mei.contact@example.test',
    });
    await seatMember(h.deps, r.roomId, buyer.id, 'Mei', joined.member.id);
    const other = await seatCaller(h, r, 'Jun', { email: 'jun.secret@example.test', name: 'Jun Account' });
    const mei = h.caller(buyer);
    const posted = await mei.rooms.post({
      roomId: r.roomId,
      body: 'Call me on +81 90 0000 0000? no, I will keep it here',
      clientKey: key(),
    });
    await other.c.rooms.post({ roomId: r.roomId, body: 'Hi Mei', clientKey: key() });
    await staff.rooms.post({ roomId: r.roomId, body: 'Welcome both', clientKey: key() });

    const payloads = [
      posted,
      await mei.rooms.get({ roomId: r.roomId }),
      await other.c.rooms.get({ roomId: r.roomId }),
      await staff.rooms.get({ roomId: r.roomId }),
      await other.c.rooms.history({ roomId: r.roomId, beforeId: Number.MAX_SAFE_INTEGER }),
    ].map((p) => JSON.stringify(p));
    const secrets = [
      buyer.id,
      buyer.email,
      'Mei Account',
      'mei.contact@example.test',
      other.u.id,
      other.u.email,
      'Jun Account',
    ];
    for (const p of payloads) {
      expect(p).toContain('Mei');
      for (const s of secrets) expect(p).not.toContain(s);
      expect(p).not.toMatch(/"(email|userId|authorUserId|phone)"/);
    }
  });
});

describe('posting', () => {
  it('keeps markup as literal text and trims the message', async () => {
    const { r } = await roomWithStaff(h);
    const ann = await seatCaller(h, r, 'Ann');
    const m = await ann.c.rooms.post({
      roomId: r.roomId,
      body: '  <b>bold</b> <script>x</script>\n',
      clientKey: key(),
    });
    expect(m.body).toBe('<b>bold</b> <script>x</script>');
    expect(m).toMatchObject({ status: 'visible', mine: true, authorName: 'Ann', authorKind: 'member' });
  });

  it('refuses empty, too long and control-character messages with words in the reader’s language', async () => {
    const { r } = await roomWithStaff(h);
    const u = await h.makeUser();
    await seatMember(h.deps, r.roomId, u.id, 'Aki');
    const ja = createCaller({
      deps: h.deps,
      user: u,
      merchantId: null,
      headers: new Headers({ 'x-flock-locale': 'ja' }),
    });
    const refusal = async (body: string) => {
      const err: unknown = await ja.rooms.post({ roomId: r.roomId, body, clientKey: key() }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toMatchObject({ code: 'BAD_REQUEST', message: jaErrors.request.fieldsNeedAttention });
      const cause = (err as { cause?: unknown }).cause;
      if (!(cause instanceof z.ZodError)) throw new Error('expected the input schema to refuse');
      return fieldMessages(cause.issues, errorWordsIn('ja')).body;
    };
    expect(await refusal('   \n ')).toBe(jaErrors.room.bodyRequired);
    expect(await refusal('あ'.repeat(2001))).toBe('メッセージは 2000 文字以内にしてください。');
    expect(await refusal('hi\u0007there')).toContain('メッセージ');
    expect(await refusal('hi\u202Ethere')).toContain('メッセージ');
    // Exactly 2,000 characters, with newlines and a tab, is fine.
    const ok = await ja.rooms.post({ roomId: r.roomId, body: `a\n\tb${'c'.repeat(1996)}`, clientKey: key() });
    expect(ok.body).toHaveLength(2000);
    expect(await h.t.db.select().from(roomMessages).where(eq(roomMessages.roomId, r.roomId))).toHaveLength(1);
  });

  it('refuses posting once the room has closed, and in an archived room', async () => {
    const { r, staff } = await roomWithStaff(h);
    const ann = await seatCaller(h, r, 'Ann');
    await h.t.db
      .update(rooms)
      .set({ closesAt: new Date(h.deps.now().getTime() - 1000) })
      .where(eq(rooms.id, r.roomId));
    await expect(
      ann.c.rooms.post({ roomId: r.roomId, body: 'late', clientKey: key() }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/closed/),
    });
    await expect(
      staff.rooms.post({ roomId: r.roomId, body: 'late', clientKey: key() }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect((await ann.c.rooms.get({ roomId: r.roomId })).closed).toBe(true);
    await h.t.db
      .update(rooms)
      .set({ closesAt: null, archivedAt: h.deps.now() })
      .where(eq(rooms.id, r.roomId));
    await expect(
      ann.c.rooms.post({ roomId: r.roomId, body: 'late', clientKey: key() }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('makes a post idempotent per author and room by its clientKey', async () => {
    const { r } = await roomWithStaff(h);
    const ann = await seatCaller(h, r, 'Ann');
    const ben = await seatCaller(h, r, 'Ben');
    const k = key();
    const first = await ann.c.rooms.post({ roomId: r.roomId, body: 'once', clientKey: k });
    const retry = await ann.c.rooms.post({ roomId: r.roomId, body: 'once', clientKey: k });
    const [a, b] = await Promise.all([
      ben.c.rooms.post({ roomId: r.roomId, body: 'race', clientKey: k }),
      ben.c.rooms.post({ roomId: r.roomId, body: 'race', clientKey: k }),
    ]);
    expect(retry.id).toBe(first.id);
    expect(a.id).toBe(b.id);
    expect(a.id).not.toBe(first.id);
    const rows = await h.t.db.select().from(roomMessages).where(eq(roomMessages.roomId, r.roomId));
    expect(rows.map((m) => m.body).sort()).toEqual(['once', 'race']);
    const posted = await h.t.db.select().from(events).where(eq(events.type, 'room.message_posted'));
    expect(posted.filter((e) => e.payload['roomId'] === r.roomId)).toHaveLength(2);
  });
});

describe('read cursors', () => {
  it('moves a member’s and the shop’s read marks forward only', async () => {
    const { r, staff } = await roomWithStaff(h);
    const ann = await seatCaller(h, r, 'Ann');
    const m1 = await staff.rooms.post({ roomId: r.roomId, body: 'one', clientKey: key() });
    const m2 = await staff.rooms.post({ roomId: r.roomId, body: 'two', clientKey: key() });
    await ann.c.rooms.markRead({ roomId: r.roomId, messageId: m2.id });
    await ann.c.rooms.markRead({ roomId: r.roomId, messageId: m1.id });
    const [seatRow] = await h.t.db.select().from(roomMembers).where(eq(roomMembers.userId, ann.u.id));
    expect(seatRow?.lastReadMessageId).toBe(m2.id);
    await staff.rooms.markRead({ roomId: r.roomId, messageId: m2.id + 1000 });
    await staff.rooms.markRead({ roomId: r.roomId, messageId: m1.id });
    const [read] = await h.t.db.select().from(roomStaffReads).where(eq(roomStaffReads.roomId, r.roomId));
    expect(read?.lastReadMessageId).toBe(m2.id);
  });
});

describe('cards and images', () => {
  it('posts a card of the shop’s own live deal, in the reader’s language, and refuses others', async () => {
    const { r, staff } = await roomWithStaff(h);
    const ann = await seatCaller(h, r, 'Ann');
    const [other] = await h.t.db
      .insert(deals)
      .values({
        merchantId: r.merchantId,
        slug: `teapot-${randomUUID().slice(0, 8)}`,
        title: 'Teapot',
        translations: { ja: { title: '急須', description: '' } },
        currency: 'JPY',
        listPrice: 5000,
        tiers: [
          { minMembers: 2, unitPrice: 4000 },
          { minMembers: 5, unitPrice: 3000 },
        ],
        windowSeconds: 86_400,
        status: 'active',
      })
      .returning({ id: deals.id });
    if (!other) throw new Error('deal insert failed');
    const card = await staff.rooms.postCard({ roomId: r.roomId, dealId: other.id });
    expect(card.card).toMatchObject({
      dealId: other.id,
      title: 'Teapot',
      open: true,
      listPrice: 5000,
      tiers: [
        { minMembers: 2, unitPrice: 4000 },
        { minMembers: 5, unitPrice: 3000 },
      ],
      aboutToFill: null,
    });
    const jaAnn = createCaller({
      deps: h.deps,
      user: ann.u,
      merchantId: null,
      headers: new Headers({ 'x-flock-locale': 'ja' }),
    });
    const seen = await jaAnn.rooms.get({ roomId: r.roomId });
    expect(seen.messages.find((m) => m.kind === 'card')?.card?.title).toBe('急須');

    const foreign = await makeDeal(h.deps);
    await expect(staff.rooms.postCard({ roomId: r.roomId, dealId: foreign.dealId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await h.t.db.update(deals).set({ status: 'paused' }).where(eq(deals.id, other.id));
    await expect(staff.rooms.postCard({ roomId: r.roomId, dealId: other.id })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    // Members cannot post cards.
    await expect(ann.c.rooms.postCard({ roomId: r.roomId, dealId: r.dealId })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('offers the group of the card’s deal that is about to fill', async () => {
    const { r, staff } = await roomWithStaff(h);
    const buyer = await h.makeUser();
    await joinWithCard(h, buyer, r.code, 'Mei');
    const card = await staff.rooms.postCard({ roomId: r.roomId, dealId: r.dealId });
    expect(card.card?.aboutToFill).toEqual({ code: r.code, membersNeeded: 1 });
  });

  it('posts only images uploaded to this app', async () => {
    const { r, staff } = await roomWithStaff(h);
    const url = `/uploads/${'a1'.repeat(16)}.png`;
    const img = await staff.rooms.postImage({ roomId: r.roomId, url, width: 800, height: 600 });
    expect(img).toMatchObject({
      kind: 'image',
      image: { url, width: 800, height: 600 },
      authorKind: 'staff',
    });
    for (const bad of [
      'https://evil.test/x.png',
      '/uploads/../secret.png',
      `/uploads/${'a1'.repeat(16)}.svg`,
    ])
      await expect(
        staff.rooms.postImage({ roomId: r.roomId, url: bad, width: 1, height: 1 }),
      ).rejects.toMatchObject({
        code: 'BAD_REQUEST',
      });
  });
});

describe('room settings', () => {
  it('reads the defaults, saves a change, and refuses deleting before closing', async () => {
    const shop = await h.makeMerchant();
    const staff = h.caller(shop.user, shop.merchantId);
    expect(await staff.rooms.settings()).toEqual({
      keywords: [],
      closeAfterDays: 14,
      deleteAfterDays: 90,
      savedReplies: [],
      holdMemberLinks: true,
    });
    const saved = await staff.rooms.updateSettings({
      keywords: ['refund', 'Refund', 'cash'],
      savedReplies: [{ title: 'Shipping', body: 'We ship on Mondays.' }],
      closeAfterDays: 7,
    });
    expect(saved.keywords).toEqual(['refund', 'cash']);
    expect(saved.savedReplies[0]).toMatchObject({ title: 'Shipping', body: 'We ship on Mondays.' });
    expect(saved.savedReplies[0]?.id).toMatch(/.{8,}/);
    expect(await staff.rooms.settings()).toEqual(saved);
    await expect(staff.rooms.updateSettings({ deleteAfterDays: 5 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/at least 7 days/),
    });
    await expect(staff.rooms.updateSettings({ keywords: ['x'.repeat(51)] })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(staff.rooms.updateSettings({ closeAfterDays: 0 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect((await staff.rooms.settings()).deleteAfterDays).toBe(90);
  });
});
