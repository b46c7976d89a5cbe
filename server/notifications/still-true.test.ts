import { describe, expect, it } from 'vitest';
import { somethingToReach, staleReason, type NudgeGroup } from './still-true';

const now = new Date('2026-11-30T12:00:00Z');
const g = (o: Partial<NudgeGroup> = {}): NudgeGroup => ({
  status: 'open',
  tiers: [
    { minMembers: 3, unitPrice: 3200 },
    { minMembers: 5, unitPrice: 2800 },
    { minMembers: 8, unitPrice: 2300 },
  ],
  confirmedCount: 4,
  seatsTaken: 4,
  minMembers: 3,
  maxMembers: 10,
  deadline: new Date('2026-12-01T12:00:00Z'),
  ...o,
});
const member = { status: 'authorized', unitPriceAtJoin: 3200 };

describe('a nudge is sent only while it is still true', () => {
  it('"one more unlocks tier 1" holds at 4 of 5 and is dropped once the tier is reached or the count falls', () => {
    expect(staleReason('oneMore', '1', g(), member, now)).toBeNull();
    expect(staleReason('oneMore', '1', g({ confirmedCount: 5, seatsTaken: 5 }), member, now)).toBe(
      'bracket_changed',
    );
    expect(staleReason('oneMore', '1', g({ confirmedCount: 3, seatsTaken: 3 }), member, now)).toBe(
      'not_one_away',
    );
  });

  it('"price dropped" is dropped when a leave took the group back under that tier, or the member joined at that price', () => {
    expect(staleReason('priceDropped', '1', g({ confirmedCount: 5, seatsTaken: 5 }), member, now)).toBeNull();
    expect(staleReason('priceDropped', '1', g({ confirmedCount: 4 }), member, now)).toBe('price_back_up');
    expect(
      staleReason(
        'priceDropped',
        '1',
        g({ confirmedCount: 5, seatsTaken: 5 }),
        { ...member, unitPriceAtJoin: 2800 },
        now,
      ),
    ).toBe('no_saving_for_member');
  });

  it('"closing soon" needs a bracket still in reach or a minimum not yet met', () => {
    expect(staleReason('closingSoon3h', '', g({ confirmedCount: 1 }), member, now)).toBeNull();
    expect(somethingToReach(g({ confirmedCount: 8, seatsTaken: 8 }))).toBe(false);
    expect(staleReason('closingSoon24h', '', g({ confirmedCount: 8, seatsTaken: 8 }), member, now)).toBe(
      'nothing_to_reach',
    );
    // the next bracket needs more people than the group may hold
    expect(somethingToReach(g({ maxMembers: 7, confirmedCount: 5, seatsTaken: 5 }))).toBe(false);
    expect(somethingToReach(g({ seatsTaken: 10, confirmedCount: 4 }))).toBe(false);
  });

  it('any nudge is dropped once the group closed, its deadline passed or the reader left', () => {
    expect(staleReason('oneMore', '1', g({ status: 'won' }), member, now)).toBe('group_closed');
    expect(staleReason('oneMore', '1', g({ deadline: now }), member, now)).toBe('deadline_passed');
    expect(staleReason('oneMore', '1', g(), { ...member, status: 'left' }, now)).toBe('not_a_member');
  });
});
