import { and, asc, desc, eq, inArray, max, sql } from 'drizzle-orm';
import { events, members } from '@/db/schema';
import type { OpenerReward } from '@/db/schema/deals';
import type { GroupStatus, MemberMoney, MemberRow, MemberStatus } from '@/db/schema';
import type { PaymentMode } from '@/db/schema/statuses';
import type { Deps } from '@/server/deps';
import { DomainError } from '@/server/errors';
import { currentTierIndex, ladder, nextTier, savings, unitPriceAt, type LadderStep } from '@/server/pricing';
import type { SessionUser } from '@/server/auth/session-user';
import { dealContentFor, type DealContentSource } from '@/server/deals/deal-content';
import { publicFulfilment } from '@/server/deals/fulfilment-input';
import type { FulfilmentOptions } from '@/db/schema/fulfilment-options';
import type { Locale } from '@/i18n/locales';
import { findGroupByCode } from './find-group-by-code';
import { groupShareUrl } from '@/server/share/share-message';
import { composeSnapshot } from '@/server/live/shared-snapshots';
import type { ShopProfile } from '@/db/schema/shop-profile';
import { nextStep } from './group-progress';

export type { ShopProfile };

/** How many members a snapshot lists by alias (the counts are always exact). */
export const SNAPSHOT_MEMBER_LIMIT = 100;

export type SnapshotMember = {
  alias: string;
  quantity: number;
  /** 'authorized' = their hold is in place and they count toward the price. */
  status: 'reserved' | 'authorized';
  joinedAt: Date;
};

export type ViewerMembership = MemberMoney &
  Pick<MemberRow, 'id' | 'status' | 'inviteCode' | 'expiresAt' | 'failureReason' | 'rewardAmount'> & {
    inviteUrl: string;
  };

export type GroupSnapshot = {
  code: string;
  url: string;
  status: GroupStatus;
  openedAt: Date;
  /** The alias of the shopper who opened the group, when they are in its list (null: the merchant opened it). */
  openerAlias: string | null;
  deadline: Date;
  closedAt: Date | null;
  /** Why it closed (deadline, full, merchant, canceled), once it did. */
  closeReason: string | null;
  /** The merchant ended it before its deadline ("End now"). */
  endedEarly: boolean;
  /** How a joiner pays: a card hold, or (a window longer than a hold lasts) a card saved and charged at close. */
  paymentMode: PaymentMode;
  /** The deal, its title and description in the reader's language when the merchant wrote one. */
  deal: SnapshotDeal & { title: string; description: string; titleLocale: Locale; descriptionLocale: Locale };
  /** Who sells: the shop's public profile. */
  shop: ShopProfile;
  /** Unit price in force now (rule 3), or the final price once closed. */
  unitPrice: number;
  finalUnitPrice: number | null;
  /** Index of the bracket in force, -1 below the minimum. */
  tierIndex: number;
  tipped: boolean;
  minMembers: number;
  next: { unitPrice: number; minMembers: number; membersNeeded: number } | null;
  ladder: LadderStep[];
  savingsPercent: number;
  confirmedCount: number;
  reservedCount: number;
  capacity: {
    maxMembers: number;
    qrCutoff: number;
    seatsTaken: number;
    seatsLeft: number;
    inviteOnly: boolean;
    full: boolean;
  };
  /** Earliest members first, at most SNAPSHOT_MEMBER_LIMIT; aliases only (DESIGN rule 7). */
  members: SnapshotMember[];
  moreMembers: number;
  viewer: ViewerMembership | null;
  /** The viewer is the shopper who opened the group (the one its opener reward is for); never who else is. */
  viewerIsOpener: boolean;
  /** What the group's opener gets if it wins with enough members (frozen at open), or null. */
  openerReward: OpenerReward | null;
  /** What a member earns on a friend their invite link brought and who is charged (frozen at open); bps 0 = none. */
  commission: { bps: number; holdDays: number };
  /** Highest event id of this group, to resume the live stream after this snapshot. */
  lastEventId: number;
};

/** What a snapshot shows of its deal besides the words a merchant may translate. */
type SnapshotDeal = {
  id: string;
  slug: string;
  imageUrl: string | null;
  currency: string;
  listPrice: number;
  perBuyerMax: number;
  /** How the goods reach buyers: the merchant's public offer (fulfilment-input.ts publicFulfilment). */
  fulfilment: FulfilmentOptions;
};

const LISTED: MemberStatus[] = ['reserved', 'authorized', 'captured', 'released'];

/**
 * The part of a snapshot that is the same for every visitor: everything but `viewer`, with the deal's words
 * in every language it has (one cached read serves readers of every language; each gets theirs after it).
 */
export type PublicGroupSnapshot = Omit<GroupSnapshot, 'viewer' | 'viewerIsOpener' | 'deal'> & {
  deal: SnapshotDeal & DealContentSource;
};

/** A public snapshot with the ids its cache is invalidated by (the group's and its deal's events). */
export type PublicSnapshotRead = {
  groupId: string;
  dealId: string;
  /** The shopper who opened the group (whose opener reward it is), null when the shop opened it: server-side only. */
  openerUserId: string | null;
  snapshot: PublicGroupSnapshot;
};

/**
 * Where the public part comes from: by default read now; the group page passes a cache
 * (server/live/snapshot-cache.ts) that reuses one read per group until its next event.
 */
export type PublicSnapshotSource = (
  code: string,
  read: () => Promise<PublicSnapshotRead | null>,
) => Promise<PublicSnapshotRead | null>;

const readNow: PublicSnapshotSource = (_code, read) => read();

/**
 * Everything the group page needs, for any viewer (null = signed out) reading in `locale`; throws NOT_FOUND
 * for unknown codes.
 */
export async function getGroupSnapshotOrThrow(
  deps: Deps,
  code: string,
  viewer: SessionUser | null,
  locale: Locale,
  source: PublicSnapshotSource = readNow,
  /** The viewer's membership as already read, when the caller knows nothing has changed it since. */
  known?: { viewer: ViewerMembership | null },
): Promise<GroupSnapshot> {
  const pub = await source(code, () => readPublicSnapshot(deps, code));
  if (!pub) throw new DomainError('NOT_FOUND', 'group.notFound');
  // Read after the public part: the membership is never older than the counts beside it; anything newer
  // than lastEventId is replayed by the live stream.
  const mine = known
    ? known.viewer
    : viewer
      ? await readViewerMembership(deps, pub.groupId, pub.snapshot.code, viewer.id)
      : null;
  const opener = viewer !== null && pub.openerUserId !== null && pub.openerUserId === viewer.id;
  // One public part per read and language, shared by every viewer's snapshot: the wire sends it once.
  return composeSnapshot(readerPart(pub.snapshot, locale), { viewer: mine, viewerIsOpener: opener });
}

type ReaderPart = Omit<GroupSnapshot, 'viewer' | 'viewerIsOpener'>;
const readerParts = new WeakMap<PublicGroupSnapshot, Map<Locale, ReaderPart>>();

/** snapshotForReader, once per public read and language. */
function readerPart(pub: PublicGroupSnapshot, locale: Locale): ReaderPart {
  let byLocale = readerParts.get(pub);
  if (!byLocale) readerParts.set(pub, (byLocale = new Map()));
  let part = byLocale.get(locale);
  if (!part) byLocale.set(locale, (part = snapshotForReader(pub, locale)));
  return part;
}

/** The public snapshot as a reader in `locale` sees it: the deal's words in their language, or its own. */
export function snapshotForReader(
  pub: PublicGroupSnapshot,
  locale: Locale,
): Omit<GroupSnapshot, 'viewer' | 'viewerIsOpener'> {
  const { title, description, contentLocale, translations, ...deal } = pub.deal;
  const words = dealContentFor({ title, description, contentLocale, translations }, locale);
  return { ...pub, deal: { ...deal, ...words } };
}

/** The public part of group `code`'s snapshot (the same for every visitor), or null for an unknown code. */
export async function readPublicSnapshot(deps: Deps, code: string): Promise<PublicSnapshotRead | null> {
  const found = await findGroupByCode(deps.db, code);
  if (!found) return null;
  const { group: g, deal, shop } = found;

  // Read the event high-water mark first: anything that happens after it is replayed by the live stream.
  const [ev] = await deps.db
    .select({ id: max(events.id) })
    .from(events)
    .where(eq(events.groupId, g.id));
  const listed = await deps.db
    .select({
      alias: members.alias,
      quantity: members.quantity,
      status: members.status,
      joinedAt: members.reservedAt,
      userId: members.userId,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(members)
    .where(and(eq(members.groupId, g.id), inArray(members.status, LISTED)))
    .orderBy(asc(members.reservedAt), asc(members.id))
    .limit(SNAPSHOT_MEMBER_LIMIT);

  const n = g.confirmedCount;
  const unitPrice = g.finalUnitPrice ?? unitPriceAt(g.tiers, n);
  const next = g.status === 'open' ? nextTier(g.tiers, n) : null;
  const url = groupShareUrl(deps.appUrl, g.code);
  const snapshot: PublicGroupSnapshot = {
    code: g.code,
    url,
    status: g.status,
    openedAt: g.openedAt,
    deadline: g.deadline,
    closedAt: g.closedAt,
    closeReason: g.closeReason,
    endedEarly: g.closeReason === 'merchant' && g.closingAt !== null && g.closingAt < g.deadline,
    paymentMode: g.paymentMode,
    deal: {
      id: deal.id,
      slug: deal.slug,
      title: deal.title,
      description: deal.description,
      contentLocale: deal.contentLocale,
      translations: deal.translations,
      imageUrl: deal.imageUrl,
      currency: g.currency,
      listPrice: g.listPrice,
      perBuyerMax: g.perBuyerMax,
      fulfilment: publicFulfilment(deal.fulfilment),
    },
    shop,
    unitPrice,
    finalUnitPrice: g.finalUnitPrice,
    tierIndex: currentTierIndex(g.tiers, n),
    tipped: n >= g.minMembers,
    minMembers: g.minMembers,
    next: nextStep(next),
    ladder: ladder(g.tiers, n),
    savingsPercent: savings(g.listPrice, unitPrice).percent,
    confirmedCount: n,
    reservedCount: g.seatsTaken - n,
    capacity: {
      maxMembers: g.maxMembers,
      qrCutoff: g.qrCutoff,
      seatsTaken: g.seatsTaken,
      seatsLeft: Math.max(0, g.maxMembers - g.seatsTaken),
      inviteOnly: g.seatsTaken >= g.qrCutoff,
      full: g.seatsTaken >= g.maxMembers,
    },
    members: listed.map((r) => ({
      alias: r.alias,
      quantity: r.quantity,
      status: r.status === 'reserved' ? 'reserved' : 'authorized',
      joinedAt: r.joinedAt,
    })),
    moreMembers: Math.max(0, (listed[0]?.total ?? 0) - listed.length),
    openerAlias: g.openedByUserId ? (listed.find((r) => r.userId === g.openedByUserId)?.alias ?? null) : null,
    openerReward: g.openerReward,
    commission: { bps: g.commissionBps, holdDays: g.commissionHoldDays },
    lastEventId: ev?.id ?? 0,
  };
  // As the charge plan rewards (charge-plan.ts isRewardedOpener): a shopper's group, not the shop's.
  const openerUserId = g.openedByMerchant === 0 ? g.openedByUserId : null;
  return { groupId: g.id, dealId: deal.id, openerUserId, snapshot };
}

/** The viewer's own membership of group `groupId` (live first, then their latest attempt), or null. */
export async function readViewerMembership(
  deps: Deps,
  groupId: string,
  code: string,
  userId: string,
): Promise<ViewerMembership | null> {
  const [m] = await deps.db
    .select()
    .from(members)
    .where(and(eq(members.groupId, groupId), eq(members.userId, userId)))
    // Live membership first, then the most recent attempt.
    .orderBy(
      sql`case when ${members.status} in ('reserved','authorized','captured') then 0 else 1 end`,
      desc(members.reservedAt),
    )
    .limit(1);
  if (!m) return null;
  return {
    id: m.id,
    status: m.status,
    alias: m.alias,
    quantity: m.quantity,
    unitPriceAtJoin: m.unitPriceAtJoin,
    shippingAmount: m.shippingAmount,
    holdAmount: m.holdAmount,
    chargeAmount: m.chargeAmount,
    refundedAmount: m.refundedAmount,
    paymentKind: m.paymentKind,
    inviteCode: m.inviteCode,
    inviteUrl: groupShareUrl(deps.appUrl, code, { inviteCode: m.inviteCode }),
    expiresAt: m.expiresAt,
    failureReason: m.failureReason,
    rewardAmount: m.rewardAmount,
  };
}
