import { desc, eq } from 'drizzle-orm';
import { deals, groups, members } from '@/db/schema';
import type { Deps } from '@/server/deps';
import { unitPriceAt, type Tier } from '@/server/pricing';
import { viewerOutcome } from '@/server/share/group-words';
import type { SessionUser } from '@/server/auth/session-user';
import { groupShareUrl } from '@/server/share/share-message';
import type { GroupStatus, MemberMoney, MemberStatus } from '@/db/schema';
import type { PaymentMode } from '@/db/schema/statuses';
import type { Locale } from '@/i18n/locales';
import { dealTitleFor } from '@/server/deals/deal-content';

export type MyGroup = MemberMoney & {
  memberId: string;
  memberStatus: MemberStatus;
  /** Saved against the list price on the charge, or at today's price while open and going ahead; a refund is never a saving. */
  saving: number;
  /** The opener's reward taken off their charge (0 for anyone else, or before the charge). */
  rewardAmount: number;
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
    tiers: Tier[];
    confirmedCount: number;
    closeReason: string | null;
    maxMembers: number;
    seatsTaken: number;
    /** save_card: a long window's cards are saved and charged at close (nothing held). */
    paymentMode: PaymentMode;
  };
  /** The title in the reader's language when the merchant wrote one (titleLocale says which). */
  deal: { title: string; titleLocale: Locale; slug: string; imageUrl: string | null };
};

/** The signed-in buyer's memberships, newest first, with hold, charge, refund and saving (group-words decides). */
export async function listMyGroups(deps: Deps, user: SessionUser, locale: Locale): Promise<MyGroup[]> {
  const rows = await deps.db
    .select({
      m: members,
      g: groups,
      deal: {
        title: deals.title,
        contentLocale: deals.contentLocale,
        translations: deals.translations,
        slug: deals.slug,
        imageUrl: deals.imageUrl,
      },
    })
    .from(members)
    .innerJoin(groups, eq(groups.id, members.groupId))
    .innerJoin(deals, eq(deals.id, groups.dealId))
    .where(eq(members.userId, user.id))
    .orderBy(desc(members.reservedAt))
    .limit(200);
  return rows.map(({ m, g, deal }) => {
    const unitPrice = g.finalUnitPrice ?? unitPriceAt(g.tiers, g.confirmedCount);
    const outcome = viewerOutcome(
      { ...g, tiers: g.tiers },
      {
        status: m.status,
        quantity: m.quantity,
        unitPriceAtJoin: m.unitPriceAtJoin,
        shippingAmount: m.shippingAmount,
        holdAmount: m.holdAmount,
        chargeAmount: m.chargeAmount,
        refundedAmount: m.refundedAmount,
        paymentKind: m.paymentKind,
      },
    );
    const url = groupShareUrl(deps.appUrl, g.code);
    return {
      memberId: m.id,
      memberStatus: m.status,
      alias: m.alias,
      quantity: m.quantity,
      unitPriceAtJoin: m.unitPriceAtJoin,
      shippingAmount: m.shippingAmount,
      holdAmount: m.holdAmount,
      chargeAmount: m.chargeAmount,
      refundedAmount: m.refundedAmount,
      paymentKind: m.paymentKind,
      saving:
        outcome.kind === 'charged'
          ? outcome.savedVsList
          : outcome.kind === 'holding' && outcome.payNow !== null
            ? Math.max(0, g.listPrice * m.quantity - (outcome.payNow - outcome.shipping))
            : 0,
      rewardAmount: m.rewardAmount,
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
        tiers: g.tiers,
        confirmedCount: g.confirmedCount,
        closeReason: g.closeReason,
        maxMembers: g.maxMembers,
        seatsTaken: g.seatsTaken,
        paymentMode: g.paymentMode,
      },
      deal: {
        ...dealTitleFor(deal, locale),
        slug: deal.slug,
        imageUrl: deal.imageUrl,
      },
    };
  });
}
