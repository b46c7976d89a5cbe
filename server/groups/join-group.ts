import { DEFAULT_LOCALE, type Locale } from '@/i18n/locales';
import type { Deps } from '@/server/deps';
import { DomainError } from '@/server/errors';
import { storedDeclineKey } from './decline-refusal';
import type { SessionUser } from '@/server/auth/session-user';
import { reserveSeat, type Member } from './group-ledger';
import type { GroupProgress } from './group-progress';
import { resolveGroupId } from './resolve-group-id';
import { placeHold, type NextAction } from './place-hold';
import { assertShopAcceptsWallet, payNowForMember } from './pay-now';
import { saveCardForMember } from './save-card';
import { groupShareUrl } from '@/server/share/share-message';
import { rememberTimeZone } from '@/server/notifications/remember-time-zone';
import { eq } from 'drizzle-orm';
import { deals, groups, type MemberRow } from '@/db/schema';
import { fieldRefusals } from '@/server/errors';
import { checkOrderChoice, orderChoiceSchema, type OrderChoice } from '@/server/orders/order-choice';

export type JoinInput = {
  code: string;
  alias: string;
  quantity: number;
  /** Chosen by the client once per join attempt; retries with it return the same membership. */
  idempotencyKey: string;
  /** A member's personal invite code (rule 6); unknown or tampered codes are ignored. */
  inviteCode?: string;
  /** The share channel the buyer came from (whatsapp, qr, ...), for conversion analytics. */
  channel?: string;
  /** Demo test card to confirm server-side (pm_card_visa ...); omit to confirm with Stripe.js. */
  paymentMethod?: string;
  /** How the order reaches the buyer, their contact e-mail, and the address or pickup point it needs. */
  fulfilment: OrderChoice;
  /** The browser's IANA time zone: the buyer's quiet hours follow it until they choose one in /me. */
  timeZone?: string;
  /** A wallet that cannot be held (the shop must accept it): paid now at the current price; default a card. */
  payWith?: 'card' | 'wechat_pay';
};

export type MemberView = Pick<
  MemberRow,
  'id' | 'alias' | 'quantity' | 'status' | 'unitPriceAtJoin' | 'shippingAmount' | 'holdAmount' | 'inviteCode'
> & { inviteUrl: string };

export type JoinResult = {
  member: MemberView;
  /** What the client must do before the hold counts: 3-D Secure, enter a card with Stripe.js, or scan a wallet's QR code. */
  nextAction: NextAction;
  clientSecret: string | null;
  group: GroupProgress;
  /** The wallet's QR code to show while nextAction is 'scan_qr' (pay-now.ts). */
  walletQr?: { data: string; imageDataUrl: string | null } | null;
};

/** The buyer's view of their own membership, with their personal invite link. */
export function memberView(appUrl: string, code: string, m: Member): MemberView {
  return {
    id: m.id,
    alias: m.alias,
    quantity: m.quantity,
    status: m.status,
    unitPriceAtJoin: m.unitPriceAtJoin,
    shippingAmount: m.shippingAmount,
    holdAmount: m.holdAmount,
    inviteCode: m.inviteCode,
    inviteUrl: groupShareUrl(appUrl, code, { inviteCode: m.inviteCode }),
  };
}

/** Joins a group: reserve a seat, place the card hold outside any transaction, then confirm it (DESIGN rules 4-6). */
export async function joinGroup(
  deps: Deps,
  user: SessionUser,
  input: JoinInput,
  /** The language of the page the buyer joins from: Flock writes to the member in it. */
  locale: Locale = DEFAULT_LOCALE,
): Promise<JoinResult> {
  const alias = input.alias.trim();
  if (alias.length < 1 || alias.length > 40) {
    throw new DomainError('INVALID_INPUT', 'group.aliasLength', undefined, {
      alias: { key: 'group.aliasLengthField' },
    });
  }
  if (!Number.isSafeInteger(input.quantity) || input.quantity < 1) {
    throw new DomainError('INVALID_INPUT', 'group.quantityWhole', undefined, {
      quantity: { key: 'group.quantityAtLeastField' },
    });
  }
  const groupId = await resolveGroupId(deps.db, input.code);
  if (!groupId) throw new DomainError('NOT_FOUND', 'group.notFound');

  // The order: checked against the deal's options and the country's address rules before any seat or hold.
  const [deal] = await deps.db
    .select({ fulfilment: deals.fulfilment })
    .from(groups)
    .innerJoin(deals, eq(deals.id, groups.dealId))
    .where(eq(groups.id, groupId));
  if (!deal) throw new DomainError('NOT_FOUND', 'group.notFound');
  const parsed = orderChoiceSchema.safeParse(input.fulfilment);
  if (!parsed.success) {
    const fields = Object.fromEntries(
      Object.entries(fieldRefusals(parsed.error.issues)).map(([path, r]) => [`fulfilment.${path}`, r]),
    );
    throw new DomainError('INVALID_INPUT', 'request.fieldsNeedAttention', undefined, fields);
  }
  const choice = await checkOrderChoice(parsed.data, deal.fulfilment, input.quantity);
  if (!choice.ok) {
    const fields = Object.fromEntries(
      Object.entries(choice.fields).map(([path, r]) => [`fulfilment.${path}`, r]),
    );
    throw new DomainError(
      choice.refusal.key === 'order.noOptions' ? 'CONFLICT' : 'INVALID_INPUT',
      choice.refusal.key,
      choice.refusal.values,
      fields,
    );
  }

  // A wallet paid now: only when the group's shop accepts it, refused before any seat is taken.
  if (input.payWith === 'wechat_pay') await assertShopAcceptsWallet(deps, groupId, input.payWith);

  if (input.timeZone) await rememberTimeZone(deps.db, user.id, input.timeZone);

  // Everything that can change (status, deadline, capacity, rule 6, per-buyer limit, stock) is decided
  // under the group row's lock in the ledger.
  const outcome = await reserveSeat(deps, groupId, {
    userId: user.id,
    alias,
    quantity: input.quantity,
    idempotencyKey: input.idempotencyKey,
    inviteCode: input.inviteCode ?? null,
    channel: input.channel ?? null,
    locale,
    order: choice.order,
    shippingAmount: choice.shippingAmount,
    pickupCapacity: choice.pickupPoint?.capacity ?? null,
    payNow: input.payWith === 'wechat_pay',
  });
  if (outcome.kind === 'refused') throw outcome.error;
  const { member, hold } = outcome;
  let progress = outcome.progress;

  let nextAction: NextAction = null;
  let clientSecret: string | null = null;
  let walletQr: JoinResult['walletQr'] = null;
  let current = member;
  if (member.userId !== user.id) throw new DomainError('CONFLICT', 'group.requestUsed');
  if (member.status === 'reserved') {
    // A new reservation, or a retry resuming one whose hold never came back: (re)try the same hold.
    // How the member pays was fixed at reserve (payment_kind): a hold, a saved card, or a wallet paid now.
    const held =
      member.paymentKind === 'saved_card'
        ? await saveCardForMember(deps, member, hold, input.paymentMethod)
        : member.paymentKind === 'paid_now'
          ? await payNowForMember(deps, member, hold)
          : await placeHold(deps, member, hold, input.paymentMethod);
    current = held.member;
    nextAction = held.nextAction;
    clientSecret = held.clientSecret;
    walletQr = held.walletQr ?? null;
    progress = held.progress ?? progress;
  } else if (member.status === 'failed') {
    throw new DomainError('PAYMENT_DECLINED', storedDeclineKey(member.failureReason));
  } else if (member.status !== 'authorized' && member.status !== 'captured') {
    throw new DomainError('CONFLICT', 'group.attemptEnded');
  }
  return {
    member: memberView(deps.appUrl, hold.code, current),
    nextAction,
    clientSecret,
    group: progress,
    walletQr,
  };
}
