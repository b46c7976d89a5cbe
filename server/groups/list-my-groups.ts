import { desc, eq } from 'drizzle-orm';
import { deals, groups, members } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { unitPriceAt } from '@/server/pricing';
import type { SessionUser } from '@/server/auth/session-user';
import { groupShareUrl } from '@/server/share/share-message';
import type { GroupStatus, MemberStatus } from '@/db/schema';

export type MyGroup = {
  memberId: string;
  memberStatus: MemberStatus;
  alias: string;
  quantity: number;
  unitPriceAtJoin: number;
  holdAmount: number;
  chargeAmount: number | null;
  refundedAmount: number;
  /** Saved against the list price: what was charged, or what the buyer would pay at today's price. */
  saving: number;
  inviteUrl: string;
  group: {
    code: string;
    url: string;
    status: GroupStatus;
    deadline: Date;
    unitPrice: number;
    finalUnitPrice: number | null;
    currency: string;
    listPrice: number;
  };
  deal: { title: string; slug: string; imageUrl: string | null };
};

/** The signed-in buyer's memberships, newest first, with hold, charge and saving. */
export async function listMyGroups(deps: Deps, user: SessionUser): Promise<MyGroup[]> {
  const rows = await deps.db
    .select({
      m: members,
      g: groups,
      deal: { title: deals.title, slug: deals.slug, imageUrl: deals.imageUrl },
    })
    .from(members)
    .innerJoin(groups, eq(groups.id, members.groupId))
    .innerJoin(deals, eq(deals.id, groups.dealId))
    .where(eq(members.userId, user.id))
    .orderBy(desc(members.reservedAt))
    .limit(200);
  return rows.map(({ m, g, deal }) => {
    const unitPrice = g.finalUnitPrice ?? unitPriceAt(g.tiers, g.confirmedCount);
    const paid =
      m.chargeAmount !== null
        ? m.chargeAmount - m.refundedAmount
        : Math.min(unitPrice, m.unitPriceAtJoin) * m.quantity;
    const counts = m.status === 'authorized' || m.status === 'captured' || m.status === 'reserved';
    const url = groupShareUrl(deps.appUrl, g.code);
    return {
      memberId: m.id,
      memberStatus: m.status,
      alias: m.alias,
      quantity: m.quantity,
      unitPriceAtJoin: m.unitPriceAtJoin,
      holdAmount: m.holdAmount,
      chargeAmount: m.chargeAmount,
      refundedAmount: m.refundedAmount,
      saving: counts ? Math.max(0, g.listPrice * m.quantity - paid) : 0,
      inviteUrl: groupShareUrl(deps.appUrl, g.code, { inviteCode: m.inviteCode }),
      group: {
        code: g.code,
        url,
        status: g.status,
        deadline: g.deadline,
        unitPrice,
        finalUnitPrice: g.finalUnitPrice,
        currency: g.currency,
        listPrice: g.listPrice,
      },
      deal,
    };
  });
}
