import { randomUUID } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deals, events, groups, members } from '@/db/schema';
import { emulatorControl } from '@/tools/stripe-emulator/index';
import { createHarness, type Harness } from '@/test/harness';
import { expireReservation } from '@/server/groups/expire-reservation';
import { makeGroup, readGroup, VOUCHER_CHOICE } from './test-factory';
import { refusal } from './test-helpers';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => h.close());

const key = () => randomUUID();
const join = async (
  code: string,
  o: {
    alias?: string;
    quantity?: number;
    paymentMethod?: string | null;
    inviteCode?: string;
    idempotencyKey?: string;
  } = {},
) => {
  const u = await h.makeUser({ anonymous: true });
  const res = await h.caller(u).groups.join({
    code,
    alias: o.alias ?? `Buyer ${u.id.slice(0, 4)}`,
    quantity: o.quantity ?? 1,
    fulfilment: VOUCHER_CHOICE,
    idempotencyKey: o.idempotencyKey ?? key(),
    inviteCode: o.inviteCode,
    paymentMethod: o.paymentMethod === null ? undefined : (o.paymentMethod ?? 'pm_card_visa'),
  });
  return { u, res };
};
const pi = async (id: string | null) =>
  (await emulatorControl(h.emulatorUrl).listPaymentIntents()).find((p) => p.id === id);
const memberRow = async (id: string) => (await h.deps.db.select().from(members).where(eq(members.id, id)))[0];

describe('joining a group', () => {
  it('three buyers join and the price drops twice; each hold is the price they were shown', async () => {
    const { code } = await makeGroup(h.deps);
    const snap0 = await h.caller(null).groups.snapshot({ code });
    expect(snap0.unitPrice).toBe(1500);
    expect(snap0.next).toEqual({ unitPrice: 1500, minMembers: 1, membersNeeded: 1 });

    const a = await join(code, { alias: 'Ana' });
    expect(a.res.member).toMatchObject({ status: 'authorized', unitPriceAtJoin: 1500, holdAmount: 1500 });
    expect(a.res.group).toMatchObject({ confirmedCount: 1, unitPrice: 1500 });
    const b = await join(code, { alias: 'Ben', quantity: 2 });
    expect(b.res.member).toMatchObject({ status: 'authorized', unitPriceAtJoin: 1500, holdAmount: 3000 });
    expect(b.res.group).toMatchObject({ confirmedCount: 2, unitPrice: 1200 });
    const c = await join(code, { alias: 'Cai' });
    expect(c.res.member).toMatchObject({ unitPriceAtJoin: 1200, holdAmount: 1200 });
    expect(c.res.group).toMatchObject({ confirmedCount: 3, unitPrice: 1000, next: null });

    const snap = await h.caller(c.u).groups.snapshot({ code });
    expect(snap.unitPrice).toBe(1000);
    expect(snap.savingsPercent).toBe(50);
    expect(snap.ladder.map((s) => s.reached)).toEqual([true, true, true]);
    expect(snap.members.map((m) => [m.alias, m.status])).toEqual([
      ['Ana', 'authorized'],
      ['Ben', 'authorized'],
      ['Cai', 'authorized'],
    ]);
    expect(snap.viewer).toMatchObject({
      alias: 'Cai',
      holdAmount: 1200,
      inviteUrl: `http://flock.test/g/${code}?i=${c.res.member.inviteCode}`,
    });
    expect(snap.lastEventId).toBeGreaterThan(0);

    // The holds on the processor are manual-capture PaymentIntents for exactly the amounts shown.
    const bRow = await memberRow(b.res.member.id);
    const hold = await pi(bRow?.paymentIntentId ?? null);
    expect(hold).toMatchObject({
      amount: 3000,
      capture_method: 'manual',
      status: 'requires_capture',
      currency: 'usd',
    });
    expect(hold?.metadata).toMatchObject({ member_id: b.res.member.id, group_id: bRow?.groupId });
  });

  it('a second join by the same buyer returns their membership and places no second hold', async () => {
    const { code, groupId } = await makeGroup(h.deps);
    const u = await h.makeUser({ anonymous: true });
    const first = await h.caller(u).groups.join({
      code,
      alias: 'Dee',
      quantity: 1,
      fulfilment: VOUCHER_CHOICE,
      idempotencyKey: key(),
      paymentMethod: 'pm_card_visa',
    });
    const again = await h.caller(u).groups.join({
      code,
      alias: 'Dee again',
      quantity: 2,
      fulfilment: VOUCHER_CHOICE,
      idempotencyKey: key(),
      paymentMethod: 'pm_card_visa',
    });
    expect(again.member.id).toBe(first.member.id);
    expect(again.member.quantity).toBe(1);
    expect((await readGroup(h.deps, groupId)).seatsTaken).toBe(1);
    const holds = (await emulatorControl(h.emulatorUrl).listPaymentIntents()).filter(
      (p) => p.metadata.group_id === groupId,
    );
    expect(holds).toHaveLength(1);
  });

  it('leaving releases the hold and raises the price for later joiners only', async () => {
    const { code, groupId } = await makeGroup(h.deps);
    const a = await join(code, { alias: 'Ana' });
    await join(code, { alias: 'Ben' });
    const c = await join(code, { alias: 'Cai' });
    expect(c.res.group.unitPrice).toBe(1000);

    const left = await h.caller(c.u).groups.leave({ memberId: c.res.member.id });
    expect(left.group).toMatchObject({ confirmedCount: 2, unitPrice: 1200, seatsTaken: 2 });
    const cRow = await memberRow(c.res.member.id);
    expect(cRow?.status).toBe('left');
    expect((await pi(cRow?.paymentIntentId ?? null))?.status).toBe('canceled');
    // Earlier members keep what they were shown; the next joiner is shown the higher price.
    expect((await memberRow(a.res.member.id))?.unitPriceAtJoin).toBe(1500);
    const d = await join(code, { alias: 'Dan' });
    expect(d.res.member.unitPriceAtJoin).toBe(1200);
    expect(d.res.group.unitPrice).toBe(1000);
    const g = await readGroup(h.deps, groupId);
    expect([g.seatsTaken, g.confirmedCount]).toEqual([3, 3]);
    // Someone else cannot take a member out.
    const stranger = await h.makeUser();
    expect((await refusal(h.caller(stranger).groups.leave({ memberId: a.res.member.id }))).code).toBe(
      'NOT_FOUND',
    );
  });

  it('a reservation whose hold never completes expires after 15 minutes and frees its seat', async () => {
    const { code, groupId } = await makeGroup(h.deps);
    // No test card: the hold waits for the buyer to enter a card with Stripe.js.
    const { res } = await join(code, { paymentMethod: null });
    expect(res.nextAction).toBe('confirm_payment');
    expect(res.clientSecret).toMatch(/^pi_/);
    expect(res.member.status).toBe('reserved');
    expect(res.group).toMatchObject({ confirmedCount: 0, reservedCount: 1 });

    expect(await expireReservation(h.deps, res.member.id)).toBe('skipped'); // not yet due
    h.advance(16 * 60 * 1000);
    expect(await expireReservation(h.deps, res.member.id)).toBe('expired');
    const row = await memberRow(res.member.id);
    expect(row?.status).toBe('expired');
    expect((await pi(row?.paymentIntentId ?? null))?.status).toBe('canceled');
    const g = await readGroup(h.deps, groupId);
    expect([g.seatsTaken, g.confirmedCount]).toEqual([0, 0]);
    const [ev] = await h.deps.db
      .select()
      .from(events)
      .where(and(eq(events.memberId, res.member.id), eq(events.type, 'member.expired')));
    expect(ev).toBeDefined();
  });

  it('a 3-D Secure hold counts once the buyer authenticates and the server verifies it', async () => {
    const { code } = await makeGroup(h.deps);
    const { u, res } = await join(code, { paymentMethod: 'pm_card_authenticationRequired' });
    expect(res.nextAction).toBe('authenticate');
    expect(res.group.confirmedCount).toBe(0);
    const row = await memberRow(res.member.id);
    await emulatorControl(h.emulatorUrl).authenticate(row?.paymentIntentId ?? '', 'succeed');
    const done = await h.caller(u).groups.confirmHold({ memberId: res.member.id });
    expect(done.member.status).toBe('authorized');
    expect(done.group.confirmedCount).toBe(1);
  });

  it('a declined card holds no seat and says so plainly', async () => {
    const { code, groupId } = await makeGroup(h.deps);
    const r = await refusal(join(code, { paymentMethod: 'pm_card_chargeDeclined' }));
    expect(r).toEqual({ code: 'PAYMENT_DECLINED', message: 'Your card was declined. Try another card.' });
    const g = await readGroup(h.deps, groupId);
    expect([g.seatsTaken, g.confirmedCount]).toEqual([0, 0]);
    const snap = await h.caller(null).groups.snapshot({ code });
    expect(snap.members).toEqual([]);
    const [row] = await h.deps.db.select().from(members).where(eq(members.groupId, groupId));
    expect(row?.status).toBe('failed');
  });

  it('when the processor cannot be reached, the seat waits and a retry with the same key resumes it', async () => {
    const { code, groupId } = await makeGroup(h.deps);
    const ctl = emulatorControl(h.emulatorUrl);
    await ctl.injectFault({
      path: '/v1/payment_intents',
      method: 'POST',
      status: 500,
      times: 10,
      shouldRetry: false,
    });
    const u = await h.makeUser({ anonymous: true });
    const input = {
      code,
      alias: 'Eve',
      quantity: 1,
      fulfilment: VOUCHER_CHOICE,
      idempotencyKey: key(),
      paymentMethod: 'pm_card_visa',
    };
    const r = await refusal(h.caller(u).groups.join(input));
    await ctl.clearFaults();
    expect(r).toEqual({
      code: 'PAYMENT_UNAVAILABLE',
      message: 'We could not reach the payment processor; please try again.',
    });
    expect((await readGroup(h.deps, groupId)).seatsTaken).toBe(1);
    const retried = await h.caller(u).groups.join(input);
    expect(retried.member.status).toBe('authorized');
    const rows = await h.deps.db.select().from(members).where(eq(members.groupId, groupId));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id).toBe(retried.member.id);
  });

  it('after a small QR cutoff the plain link is refused and a member invite admits', async () => {
    const { code, groupId } = await makeGroup(h.deps, { qrCutoff: 3, maxMembers: 5 });
    const first = await join(code);
    await join(code);
    await join(code);
    const plain = await refusal(join(code));
    expect(plain).toEqual({
      code: 'INVITE_ONLY',
      message: 'This group is now invite-only; ask a member for their personal link.',
    });
    const tampered = await refusal(join(code, { inviteCode: first.res.member.inviteCode + 'x' }));
    expect(tampered.code).toBe('INVITE_ONLY');
    const invited = await join(code, { inviteCode: first.res.member.inviteCode });
    expect(invited.res.member.status).toBe('authorized');
    expect(invited.res.group.inviteOnly).toBe(true);
    const [row] = await h.deps.db.select().from(members).where(eq(members.id, invited.res.member.id));
    expect(row?.invitedByMemberId).toBe(first.res.member.id);
    const snap = await h.caller(null).groups.snapshot({ code });
    expect(snap.capacity).toMatchObject({ inviteOnly: true, seatsTaken: 4, maxMembers: 5, qrCutoff: 3 });
    const g = await readGroup(h.deps, groupId);
    expect(g.seatsTaken).toBe(4);
  });

  it('a snapshot never shows another member’s email, user id or payment ids', async () => {
    const { code } = await makeGroup(h.deps);
    const a = await join(code, { alias: 'Ana' });
    const b = await join(code, { alias: 'Ben' });
    const bRow = await memberRow(b.res.member.id);
    for (const viewer of [a.u, null]) {
      const json = JSON.stringify(await h.caller(viewer).groups.snapshot({ code }));
      expect(json).toContain('Ben');
      for (const secret of [
        b.u.email,
        b.u.id,
        bRow?.paymentIntentId ?? 'pi_',
        b.res.member.inviteCode,
        b.res.member.id,
      ]) {
        expect(json).not.toContain(secret);
      }
    }
    const fill = JSON.stringify(
      await h
        .caller(null)
        .groups.aboutToFill({ slug: (await h.caller(null).groups.snapshot({ code })).deal.slug }),
    );
    expect(fill).toContain('Ana');
    expect(fill).not.toContain(b.u.email);
    expect(fill).not.toContain(b.u.id);
  });

  it('refuses closed, expired and paused groups, and an unknown code, without writing anything', async () => {
    const won = await makeGroup(h.deps);
    await h.deps.db.update(groups).set({ status: 'won' }).where(eq(groups.id, won.groupId));
    expect(await refusal(join(won.code))).toEqual({
      code: 'GROUP_CLOSED',
      message: 'This group has closed, so it is not taking new members.',
    });

    const paused = await makeGroup(h.deps);
    await h.deps.db.update(deals).set({ status: 'paused' }).where(eq(deals.id, paused.dealId));
    expect((await refusal(join(paused.code))).code).toBe('GROUP_CLOSED');

    const late = await makeGroup(h.deps, { windowSeconds: 3600 });
    h.advance(3601 * 1000);
    expect((await refusal(join(late.code))).message).toBe(
      "This group's time is up, so it is not taking new members.",
    );

    expect((await refusal(h.caller(null).groups.snapshot({ code: 'nope!' }))).code).toBe('NOT_FOUND');
    expect((await refusal(h.caller(null).groups.snapshot({ code: 'abcdefgh23' }))).code).toBe('NOT_FOUND');
    for (const g of [won, paused, late]) {
      const [n] = await h.deps.db.select({ n: count() }).from(members).where(eq(members.groupId, g.groupId));
      expect(n?.n).toBe(0);
      expect((await readGroup(h.deps, g.groupId)).seatsTaken).toBe(0);
    }
  });

  it('refuses a quantity over the per-buyer limit and bad input with a plain sentence', async () => {
    const { code, groupId } = await makeGroup(h.deps, { perBuyerMax: 2 });
    const before = await h.deps.db.select({ n: count() }).from(events).where(eq(events.groupId, groupId));
    expect(await refusal(join(code, { quantity: 3 }))).toEqual({
      code: 'INVALID_INPUT',
      message: 'You can buy at most 2 per person in this group.',
    });
    expect((await refusal(join(code, { quantity: 0 }))).code).toBe('BAD_REQUEST');
    expect((await refusal(join(code, { alias: '   ' }))).code).toBe('BAD_REQUEST');
    const after = await h.deps.db.select({ n: count() }).from(events).where(eq(events.groupId, groupId));
    expect(after[0]?.n).toBe(before[0]?.n);
    expect((await readGroup(h.deps, groupId)).seatsTaken).toBe(0);
    expect(await h.deps.db.select().from(members).where(eq(members.groupId, groupId))).toEqual([]);
  });

  it('stock across groups runs out atomically and comes back when a member leaves', async () => {
    const { code, dealId } = await makeGroup(h.deps, { stock: 3 });
    const a = await join(code, { quantity: 2 });
    expect((await refusal(join(code, { quantity: 2 }))).code).toBe('OUT_OF_STOCK');
    await join(code, { quantity: 1 });
    expect(
      (await h.deps.db.select({ t: deals.stockTaken }).from(deals).where(eq(deals.id, dealId)))[0]?.t,
    ).toBe(3);
    await h.caller(a.u).groups.leave({ memberId: a.res.member.id });
    expect(
      (await h.deps.db.select({ t: deals.stockTaken }).from(deals).where(eq(deals.id, dealId)))[0]?.t,
    ).toBe(1);
  });

  it('lists my groups with hold and saving', async () => {
    const { code } = await makeGroup(h.deps);
    const { u } = await join(code, { alias: 'Mo' });
    const mine = await h.caller(u).groups.mine();
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      alias: 'Mo',
      memberStatus: 'authorized',
      holdAmount: 1500,
      saving: 500,
      group: { code, status: 'open' },
    });
  });
});
