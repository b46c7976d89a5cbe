// Every state a member can be in, and every move between them: the one table. Pure; applied in the
// database by apply-moves.ts, the only code that changes a member's status or a group's counters.
// Edit when a member gains a state or a move (then the model test in membership.model.test.ts covers it).
//
//   (join) ─► reserved ─► authorized ─► captured ◄─┬──────────┐
//               │ │ │          │ │ │                │          │
//               │ │ │          │ │ └──► payment_due ┘ ─► failed │  (charge refused at close: the member
//               │ │ │          │ │                     (window      may fix it until due_until; RECOVERY.md)
//               │ │ │          │ │                      ended)    │
//               │ │ │          │ └────► released                │  (settle: after close, counters frozen)
//               │ │ │          └──────► failed ─────────────────┘  (release refused, or a hold lost while
//               │ │ │                                                 open; Stripe may say it went through)
//               │ │ │          └──────► left | failed (while open: the buyer left, the bank canceled the hold)
//               │ │ └─► expired (no hold in time, too late to count, or still unpaid at close)
//               │ └───► failed (card declined)
//               └─────► left
//
// Counters: while a group is open, seats_taken = members reserved or authorized and confirmed_count =
// members authorized. Close freezes them (the count that set the final price): unpaid reservations expire
// (their seats go) and every later move is a settlement that changes no counter. Stock: a deal's
// stock_taken is the quantity of members reserved, authorized, payment_due or captured in all its groups.
import { LIVE_STATUSES, MEMBER_STATUSES, type GroupStatus, type MemberStatus } from '@/db/schema/statuses';

export { LIVE_STATUSES, MEMBER_STATUSES, type GroupStatus, type MemberStatus };

/** True when a member with this status is still in the group. */
export function isLive(status: MemberStatus): boolean {
  return (LIVE_STATUSES as readonly MemberStatus[]).includes(status);
}

/** Statuses whose units are taken from the deal's stock: the live ones, and a won member who still owes the payment. */
export const STOCK_STATUSES = [...LIVE_STATUSES, 'payment_due'] as const satisfies readonly MemberStatus[];

/** Statuses that hold a seat while the group is open. */
export const SEAT_STATUSES = ['reserved', 'authorized'] as const satisfies readonly MemberStatus[];

/** When a move may happen: while the group is open, as it closes, or while it settles after. */
export type Phase = 'open' | 'close' | 'settle';

export type Move = {
  /** null: the move creates the member (a join). */
  from: MemberStatus | null;
  to: MemberStatus;
  phase: Phase;
  /** Change to the group's seats_taken and confirmed_count. */
  seats: -1 | 0 | 1;
  confirmed: -1 | 0 | 1;
  /** The member's quantity is taken from the deal's stock, given back, or left as is. */
  stock: 'take' | 'return' | 'keep';
  /** The event row the move writes. */
  event: string;
};

/** The table. A name says what happened; the same from → to may appear under two names. */
export const MOVES = {
  reserve: {
    from: null,
    to: 'reserved',
    phase: 'open',
    seats: 1,
    confirmed: 0,
    stock: 'take',
    event: 'member.reserved',
  },
  authorize: {
    from: 'reserved',
    to: 'authorized',
    phase: 'open',
    seats: 0,
    confirmed: 1,
    stock: 'keep',
    event: 'member.authorized',
  },
  decline: {
    from: 'reserved',
    to: 'failed',
    phase: 'open',
    seats: -1,
    confirmed: 0,
    stock: 'return',
    event: 'member.declined',
  },
  expire: {
    from: 'reserved',
    to: 'expired',
    phase: 'open',
    seats: -1,
    confirmed: 0,
    stock: 'return',
    event: 'member.expired',
  },
  leaveReserved: {
    from: 'reserved',
    to: 'left',
    phase: 'open',
    seats: -1,
    confirmed: 0,
    stock: 'return',
    event: 'member.left',
  },
  leaveAuthorized: {
    from: 'authorized',
    to: 'left',
    phase: 'open',
    seats: -1,
    confirmed: -1,
    stock: 'return',
    event: 'member.left',
  },
  holdLost: {
    from: 'authorized',
    to: 'failed',
    phase: 'open',
    seats: -1,
    confirmed: -1,
    stock: 'return',
    event: 'member.failed',
  },
  expireAtClose: {
    from: 'reserved',
    to: 'expired',
    phase: 'close',
    seats: -1,
    confirmed: 0,
    stock: 'return',
    event: 'member.expired',
  },
  capture: {
    from: 'authorized',
    to: 'captured',
    phase: 'settle',
    seats: 0,
    confirmed: 0,
    stock: 'keep',
    event: 'member.captured',
  },
  release: {
    from: 'authorized',
    to: 'released',
    phase: 'settle',
    seats: 0,
    confirmed: 0,
    stock: 'return',
    event: 'member.released',
  },
  captureFailed: {
    from: 'authorized',
    to: 'failed',
    phase: 'settle',
    seats: 0,
    confirmed: 0,
    stock: 'return',
    event: 'member.failed',
  },
  /** The charge at close was refused (card, hold lost, authentication needed): the member may fix it. */
  chargeDue: {
    from: 'authorized',
    to: 'payment_due',
    phase: 'settle',
    seats: 0,
    confirmed: 0,
    stock: 'keep',
    event: 'member.payment_due',
  },
  /** The member fixed the payment (or the automatic retry went through): charged the group's price. */
  duePaid: {
    from: 'payment_due',
    to: 'captured',
    phase: 'settle',
    seats: 0,
    confirmed: 0,
    stock: 'keep',
    event: 'member.captured',
  },
  /** The fix window ended unpaid: the member is failed, their units go back to stock. */
  dueLapsed: {
    from: 'payment_due',
    to: 'failed',
    phase: 'settle',
    seats: 0,
    confirmed: 0,
    stock: 'return',
    event: 'member.failed',
  },
  captureConfirmed: {
    from: 'failed',
    to: 'captured',
    phase: 'settle',
    seats: 0,
    confirmed: 0,
    stock: 'take',
    event: 'member.captured',
  },
} as const satisfies Record<string, Move>;

export type MoveName = keyof typeof MOVES;

/** The group statuses in which a move of each phase may happen. */
export const PHASE_GROUP_STATUSES: Record<Phase, readonly GroupStatus[]> = {
  open: ['open'],
  close: ['open'],
  settle: ['closing', 'won', 'failed', 'canceled'],
};

/** True when the table has a move from `from` to `to` (any phase). */
export function isAllowedMove(from: MemberStatus | null, to: MemberStatus): boolean {
  return Object.values(MOVES).some((m) => m.from === from && m.to === to);
}

/** The signed change a move makes to the deal's stock for a member of `quantity` units. */
export function stockChange(move: Move, quantity: number): number {
  return move.stock === 'take' ? quantity : move.stock === 'return' ? -quantity : 0;
}

export type Counters = { seatsTaken: number; confirmedCount: number };

/** The group's counters after `moves` (each a table entry applied once). */
export function countersAfter(start: Counters, moves: readonly Move[]): Counters {
  return moves.reduce(
    (c, m) => ({ seatsTaken: c.seatsTaken + m.seats, confirmedCount: c.confirmedCount + m.confirmed }),
    start,
  );
}

/**
 * The counters a group's member rows imply. Open: seats are the reserved and authorized, confirmed the
 * authorized. Closed (closing or final): both are frozen at the authorized count at close, which is every
 * member who is still authorized, owes a payment (payment_due), was captured or released, or failed at settlement (`settled`).
 */
export function countersFromMembers(
  groupStatus: GroupStatus,
  rows: readonly { status: MemberStatus; settled: boolean }[],
): Counters {
  if (groupStatus === 'open') {
    return {
      seatsTaken: rows.filter((r) => r.status === 'reserved' || r.status === 'authorized').length,
      confirmedCount: rows.filter((r) => r.status === 'authorized').length,
    };
  }
  const atClose = rows.filter(
    (r) =>
      r.status === 'authorized' ||
      r.status === 'payment_due' ||
      r.status === 'captured' ||
      r.status === 'released' ||
      (r.status === 'failed' && r.settled),
  ).length;
  return { seatsTaken: atClose, confirmedCount: atClose };
}
