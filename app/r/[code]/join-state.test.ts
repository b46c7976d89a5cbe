import { describe, expect, it } from 'vitest';
import { joinState } from './join-state';

const c = (memberCount: number, archived = false) => ({
  memberCount,
  qrCutoff: 100,
  maxMembers: 500,
  archived,
});

describe('who the community page lets join', () => {
  it('admits anyone with the plain link until 100 are in', () => {
    expect(joinState(c(0), false)).toBe('open');
    expect(joinState(c(99), false)).toBe('open');
    expect(joinState(c(100), false)).toBe('inviteOnly');
  });

  it('admits with a member’s invite link after that, up to 500', () => {
    expect(joinState(c(100), true)).toBe('open');
    expect(joinState(c(499), true)).toBe('open');
    expect(joinState(c(500), true)).toBe('full');
  });

  it('admits nobody to an archived community', () => {
    expect(joinState(c(3, true), true)).toBe('archived');
  });
});
