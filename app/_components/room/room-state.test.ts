import { describe, expect, it } from 'vitest';
import type { RoomMessageView, RoomView } from '@/server/rooms/types';
import { fixtureMessage } from './message-fixture';
import {
  applyDelta,
  fromRoom,
  isMuted,
  slowModeWait,
  withOlder,
  withOwn,
  type RoomState,
} from './room-state';

function msg(id: number, body = `m${id}`, extra: Partial<RoomMessageView> = {}): RoomMessageView {
  return fixtureMessage({ id, body, ...extra });
}

function room(messages: RoomMessageView[]): RoomView {
  return {
    id: 'r1',
    kind: 'group',
    title: 'Tea',
    description: '',
    shopName: 'Leaf & Co',
    code: 'AbCd1234',
    viewer: { kind: 'member', alias: 'Ben', mutedUntil: null, inviteUrl: null },
    memberCount: 3,
    slowModeSeconds: 0,
    closed: false,
    pinned: null,
    messages,
    hasOlder: true,
  };
}

const ids = (s: RoomState) => s.messages.map((m) => m.id);

describe('room state', () => {
  it('shows each message once, in order, whether it came by the stream, the load or the post answer', () => {
    let s = fromRoom(room([msg(1), msg(2)]));
    s = applyDelta(s, { messages: [msg(3), msg(2)], deletedIds: [] });
    s = withOwn(s, msg(4, 'mine', { mine: true }));
    s = applyDelta(s, { messages: [msg(4, 'mine', { mine: true })], deletedIds: [] });
    expect(ids(s)).toEqual([1, 2, 3, 4]);
  });

  it('keeps live messages that arrived before the first load answered', () => {
    const early = applyDelta(fromRoom(room([])), { messages: [msg(9)], deletedIds: [5] });
    const s = fromRoom(room([msg(5), msg(8)]), early);
    expect(ids(s)).toEqual([8, 9]);
  });

  it('takes a held message’s approval as a change of the same message', () => {
    let s = fromRoom(room([msg(1, 'see https://x', { status: 'held', heldReason: 'link', mine: true })]));
    s = applyDelta(s, { messages: [msg(1, 'see https://x', { mine: true })], deletedIds: [] });
    expect(s.messages).toHaveLength(1);
    expect(s.messages[0]?.status).toBe('visible');
  });

  it('removes deleted messages for good, and their pin', () => {
    let s = fromRoom({ ...room([msg(1), msg(2)]), pinned: msg(2) });
    s = applyDelta(s, { messages: [], deletedIds: [2] });
    s = withOlder(s, [msg(2)], false);
    expect(ids(s)).toEqual([1]);
    expect(s.pinned).toBeNull();
    expect(s.hasOlder).toBe(false);
  });

  it('changes the pin only when the delta names it', () => {
    let s = fromRoom({ ...room([msg(1)]), pinned: msg(1) });
    s = applyDelta(s, { messages: [msg(2)], deletedIds: [] });
    expect(s.pinned?.id).toBe(1);
    s = applyDelta(s, { messages: [], deletedIds: [], pinned: null });
    expect(s.pinned).toBeNull();
  });

  it('follows the reader’s standing: muted, removed, closed', () => {
    const s = applyDelta(fromRoom(room([])), {
      messages: [],
      deletedIds: [],
      state: { closed: true, removed: true, mutedUntil: '2026-12-01T00:00:00.000Z' },
    });
    expect([s.closed, s.removed, s.mutedUntil]).toEqual([true, true, '2026-12-01T00:00:00.000Z']);
    const now = Date.parse('2026-11-30T12:00:00.000Z');
    expect(isMuted(s.mutedUntil, now)).toBe(true);
    expect(isMuted(s.mutedUntil, Date.parse('2026-12-02T00:00:00.000Z'))).toBe(false);
  });

  it('counts the slow-mode wait down to zero', () => {
    expect(slowModeWait(30, 1_000, 1_000)).toBe(30);
    expect(slowModeWait(30, 1_000, 20_500)).toBe(11);
    expect(slowModeWait(30, 1_000, 31_000)).toBe(0);
    expect(slowModeWait(0, 1_000, 1_000)).toBe(0);
    expect(slowModeWait(30, null, 1_000)).toBe(0);
  });
});

describe('reloading a room', () => {
  it('keeps older pages already shown and whether more exist before them', () => {
    let s = fromRoom(room([msg(60), msg(61)]));
    s = withOlder(s, [msg(10), msg(11)], false);
    const reloaded = fromRoom(room([msg(61), msg(62)]), s);
    expect(ids(reloaded)).toEqual([10, 11, 60, 61, 62]);
    expect(reloaded.hasOlder).toBe(false);
  });
});
