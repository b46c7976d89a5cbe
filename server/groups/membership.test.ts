// Properties of the membership table: every move keeps the counters a group's rows imply, in every
// phase, and stock follows the live memberships.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  STOCK_STATUSES,
  MEMBER_STATUSES,
  MOVES,
  PHASE_GROUP_STATUSES,
  countersAfter,
  countersFromMembers,
  isAllowedMove,
  stockChange,
  type MemberStatus,
  type MoveName,
} from './membership';

type Row = { status: MemberStatus; settled: boolean; quantity: number };
const row = fc.record({
  status: fc.constantFrom(...MEMBER_STATUSES),
  settled: fc.boolean(),
  quantity: fc.integer({ min: 1, max: 5 }),
});
const names = Object.keys(MOVES) as MoveName[];
const stockOf = (rows: Row[]) =>
  rows
    .filter((r) => (STOCK_STATUSES as readonly string[]).includes(r.status))
    .reduce((s, r) => s + r.quantity, 0);

/** What a move does to a row (settlements mark the row settled, as apply-moves sets settled_at). */
function moveRow(r: Row, name: MoveName): Row {
  return { ...r, status: MOVES[name].to, settled: r.settled || MOVES[name].phase === 'settle' };
}

describe('the membership table', () => {
  it('never moves a member to the status it is in, and names each from → to it allows', () => {
    for (const m of Object.values(MOVES)) {
      expect(m.to).not.toBe(m.from);
      expect(isAllowedMove(m.from, m.to)).toBe(true);
    }
    expect(isAllowedMove('captured', 'reserved')).toBe(false);
    expect(isAllowedMove('left', 'authorized')).toBe(false);
    expect(isAllowedMove(null, 'authorized')).toBe(false);
  });

  it('open-phase moves keep the counters equal to what the rows of an open group say', () => {
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 12 }),
        fc.nat(),
        fc.constantFrom(...names),
        (rows, pick, name) => {
          const mv = MOVES[name];
          fc.pre(mv.phase === 'open');
          const before = countersFromMembers('open', rows);
          let after: Row[];
          if (mv.from === null) after = [...rows, { status: mv.to, settled: false, quantity: 1 }];
          else {
            const i = rows.findIndex((r, k) => r.status === mv.from && k >= pick % Math.max(rows.length, 1));
            fc.pre(i >= 0);
            after = rows.map((r, k) => (k === i ? moveRow(r, name) : r));
          }
          expect(countersFromMembers('open', after)).toEqual(countersAfter(before, [mv]));
        },
      ),
    );
  });

  it('closing freezes the counters: expiring every reservation leaves seats = confirmed = authorized', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 12 }), (rows) => {
        // An open group's rows: nothing captured, released or settled before close.
        const open = rows
          .filter((r) => r.status !== 'captured' && r.status !== 'released' && r.status !== 'payment_due')
          .map((r) => ({ ...r, settled: false }));
        const before = countersFromMembers('open', open);
        const expiring = open.filter((r) => r.status === 'reserved').map(() => MOVES.expireAtClose);
        const closed = open.map((r) => (r.status === 'reserved' ? moveRow(r, 'expireAtClose') : r));
        const after = countersAfter(before, expiring);
        expect(after).toEqual({ seatsTaken: before.confirmedCount, confirmedCount: before.confirmedCount });
        expect(countersFromMembers('closing', closed)).toEqual(after);
      }),
    );
  });

  it('settlements change no counter, and the rows of a closed group still say the same counters', () => {
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 12 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...names)), { maxLength: 20 }),
        (start, steps) => {
          // A group just closed: no reservations left, nothing settled yet, declined members unsettled.
          let rows: Row[] = start.map((r): Row => ({
            ...r,
            settled: false,
            status: r.status === 'reserved' ? 'expired' : r.status,
          }));
          const frozen = countersFromMembers('closing', rows);
          for (const [pick, name] of steps) {
            const mv = MOVES[name];
            if (mv.phase !== 'settle') continue;
            const i = rows.findIndex(
              (r, k) => r.status === mv.from && (name !== 'captureConfirmed' || r.settled) && k >= pick % 12,
            );
            if (i < 0) continue;
            rows = rows.map((r, k) => (k === i ? moveRow(r, name) : r));
            expect(countersAfter(frozen, [mv])).toEqual(frozen);
            expect(countersFromMembers('won', rows)).toEqual(frozen);
          }
        },
      ),
    );
  });

  it("a deal's stock taken is the quantity of its live memberships after any move", () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 12 }), fc.constantFrom(...names), (rows, name) => {
        const mv = MOVES[name];
        const i = rows.findIndex((r) => r.status === mv.from && (name !== 'captureConfirmed' || r.settled));
        fc.pre(mv.from === null || i >= 0);
        const after =
          mv.from === null
            ? [...rows, { status: mv.to, settled: false, quantity: 2 }]
            : rows.map((r, k) => (k === i ? moveRow(r, name) : r));
        const qty = mv.from === null ? 2 : (rows[i]?.quantity ?? 0);
        expect(stockOf(after)).toBe(stockOf(rows) + stockChange(mv, qty));
      }),
    );
  });

  it('each phase runs only in the group statuses it belongs to', () => {
    expect(PHASE_GROUP_STATUSES.open).toEqual(['open']);
    expect(PHASE_GROUP_STATUSES.settle).not.toContain('open');
  });
});
