// A buyer changes their order while the group is open: the shipping address, the pickup point or the phone.
// The method stays (switching between shipping, pickup and voucher means leaving and joining again), so the
// shipping amount fixed at join never changes and the card hold needs no adjustment (server/orders/README.md).
// After the close the order is the merchant's to fulfil: the refusal names the shop's contact e-mail.
// Edit when a buyer may change another part of their order.
import { and, eq, inArray } from 'drizzle-orm';
import { deals, groups, members, merchants, orders, user } from '@/db/schema';
import type { ShippingAddress } from '@/db/schema/fulfilment-options';
import type { SessionUser } from '@/server/auth/session-user';
import type { Deps } from '@/server/deps';
import { DomainError, type Refusal } from '@/server/errors';
import { recordEvent } from '@/server/events/record-event';
import { lockMemberWithGroup } from '@/server/groups/move-member';
import { checkAddress, type shippingAddressSchema } from './order-choice';
import { lockPickupPlaces, orderEvent } from './order-rows';
import { shopContact, type BuyerOrder } from './get-buyer-order';
import type { z } from 'zod';

export type UpdateOrderInput = {
  memberId: string;
  address?: z.output<typeof shippingAddressSchema>;
  pickupPointId?: string;
  /** A new phone number; '' removes it. */
  phone?: string;
};

function invalid(refusal: Refusal, fields: Record<string, Refusal>): DomainError {
  return new DomainError('INVALID_INPUT', refusal.key, refusal.values, fields);
}

/** Changes the caller's own order while its group is open; returns what changed. */
export async function updateBuyerOrder(
  deps: Deps,
  me: SessionUser,
  input: UpdateOrderInput,
): Promise<Pick<BuyerOrder['order'], 'id' | 'address' | 'pickupPointId' | 'phone'>> {
  if (input.address === undefined && input.pickupPointId === undefined && input.phone === undefined) {
    throw new DomainError('INVALID_INPUT', 'order.nothingToChange');
  }
  const [row] = await deps.db
    .select({
      o: orders,
      userId: members.userId,
      dealId: groups.dealId,
      fulfilment: deals.fulfilment,
      shop: merchants,
      ownerEmail: user.email,
    })
    .from(orders)
    .innerJoin(members, eq(members.id, orders.memberId))
    .innerJoin(groups, eq(groups.id, members.groupId))
    .innerJoin(deals, eq(deals.id, groups.dealId))
    .innerJoin(merchants, eq(merchants.id, deals.merchantId))
    .innerJoin(user, eq(user.id, merchants.userId))
    .where(eq(orders.memberId, input.memberId));
  if (!row || row.userId !== me.id) throw new DomainError('NOT_FOUND', 'order.notFound');
  const { o, fulfilment } = row;
  const email = shopContact(row.shop, row.ownerEmail);

  // Checked before any lock: the address against the deal's countries and its country's rules.
  let address: ShippingAddress | undefined;
  if (input.address !== undefined) {
    if (o.method !== 'shipping' || !fulfilment.shipping) {
      throw invalid({ key: 'order.notShipping' }, { address: { key: 'order.notShipping' } });
    }
    const checked = await checkAddress(input.address, fulfilment.shipping.countries);
    if (!checked.ok) throw invalid(checked.refusal, checked.fields);
    address = checked.address;
  }
  let point = null;
  if (input.pickupPointId !== undefined) {
    if (o.method !== 'pickup') {
      throw invalid({ key: 'order.notPickup' }, { pickupPointId: { key: 'order.notPickup' } });
    }
    point = fulfilment.pickup?.points.find((p) => p.id === input.pickupPointId) ?? null;
    if (!point) {
      throw invalid(
        { key: 'order.pickupPointUnknown' },
        { pickupPointId: { key: 'order.pickupPointUnknown' } },
      );
    }
  }

  return deps.db.transaction(async (tx) => {
    // Lock order: group → member → pickup point, as the join's.
    const locked = await lockMemberWithGroup(tx, input.memberId);
    if (!locked) throw new DomainError('NOT_FOUND', 'order.notFound');
    if (locked.group.status !== 'open') {
      throw new DomainError('CONFLICT', 'order.changeAfterClose', { email });
    }
    if (!['reserved', 'authorized'].includes(locked.member.status)) {
      throw new DomainError('CONFLICT', 'order.orderEnded');
    }
    if (point && point.id !== o.pickupPointId && point.capacity !== null) {
      const taken = (await lockPickupPlaces(tx, locked.group.dealId, [point.id])).get(point.id) ?? 0;
      if (taken >= point.capacity) {
        throw invalid({ key: 'order.pickupPointFull' }, { pickupPointId: { key: 'order.pickupPointFull' } });
      }
    }
    const phone = input.phone === undefined ? undefined : input.phone.trim() || null;
    const [updated] = await tx
      .update(orders)
      .set({
        ...(address ? { address } : {}),
        ...(point ? { pickupPointId: point.id } : {}),
        ...(phone !== undefined ? { phone } : {}),
        updatedAt: deps.now(),
      })
      .where(and(eq(orders.id, o.id), inArray(orders.status, ['pending'])))
      .returning();
    if (!updated) throw new DomainError('CONFLICT', 'order.orderEnded');
    const changed = [address && 'address', point && 'pickupPoint', phone !== undefined && 'phone'].filter(
      (x): x is string => typeof x === 'string',
    );
    const evt = orderEvent({ id: locked.group.id, dealId: locked.group.dealId }, updated, 'order.updated');
    await recordEvent(tx, { ...evt, payload: { ...evt.payload, changed } });
    return {
      id: updated.id,
      address: updated.address,
      pickupPointId: updated.pickupPointId,
      phone: updated.phone,
    };
  });
}
