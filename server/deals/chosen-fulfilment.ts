import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { groups, LIVE_STATUSES, members, orders, type FulfilmentMethod } from '@/db/schema';
import type { ChosenFulfilment } from './fulfilment-input';

/** What the live members of a deal's open (or closing) groups chose: methods and pickup point ids. */
export async function chosenFulfilment(tx: Tx, dealId: string): Promise<ChosenFulfilment> {
  const rows = await tx
    .selectDistinct({ method: orders.method, pointId: orders.pickupPointId })
    .from(orders)
    .innerJoin(members, eq(members.id, orders.memberId))
    .innerJoin(groups, eq(groups.id, members.groupId))
    .where(
      and(
        eq(groups.dealId, dealId),
        inArray(groups.status, ['open', 'closing']),
        inArray(members.status, [...LIVE_STATUSES]),
      ),
    );
  const methods = new Set<FulfilmentMethod>();
  const pointIds = new Set<string>();
  for (const r of rows) {
    methods.add(r.method);
    if (r.pointId) pointIds.add(r.pointId);
  }
  return { methods, pointIds };
}
