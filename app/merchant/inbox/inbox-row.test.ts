// Renders an inbox row as the merchant's browser gets it (server-side HTML of the same component), in each
// language: what a person would notice — the waiting mark, unread and held counts, the last message on one
// line, and a quiet room saying it has no messages.
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { renderIn } from '@/app/_components/room/render-in';
import { LOCALES, type Locale } from '@/i18n/locales';
import type { InboxRoomView } from '@/server/rooms/types';
import { RoomRow } from './inbox';
import { fixtureRow } from './inbox-fixture';

const busy = fixtureRow({
  title: 'Tonkotsu ramen kit',
  memberCount: 12,
  unanswered: true,
  unread: 3,
  held: 2,
  lastMessage: { authorName: 'Ben', body: 'Is pickup\non Saturday?', at: '2026-11-30T10:00:00.000Z' },
});

function html(r: InboxRoomView, locale: Locale = 'en'): string {
  const child = createElement(RoomRow, { r, selected: false, onOpen: () => undefined });
  return renderIn(child, locale, ['merchant']);
}

describe('an inbox row', () => {
  it('says a question waits, with unread and held counts and the last message on one line', () => {
    const h = html(busy);
    expect(h).toContain('Tonkotsu ramen kit');
    expect(h).toContain('Waiting for a reply');
    expect(h).toContain('3 unread');
    expect(h).toContain('2 to review');
    expect(h).toContain('12 members');
    expect(h).toContain('Ben: Is pickup on Saturday?');
    expect(h).toContain('href="/merchant/inbox?room=6f1c1e43-3a0e-4a43-9d55-7d1d0f6f1a01"');
  });

  it('shows a quiet community without marks or counts', () => {
    const h = html({
      ...busy,
      kind: 'community',
      groupStatus: null,
      unanswered: false,
      unread: 0,
      held: 0,
      lastMessage: null,
    });
    expect(h).toContain('Community');
    expect(h).toContain('No messages yet');
    expect(h).not.toContain('Waiting for a reply');
    expect(h).not.toContain('unread');
    expect(h).not.toContain('to review');
  });

  it('speaks every language without showing a catalog key', () => {
    for (const locale of LOCALES) {
      const h = html(busy, locale);
      expect(h).not.toMatch(/merchant\.inbox|inbox\.\w+/);
      expect(h).toContain('Ben');
    }
    expect(html(busy, 'zh-CN')).toContain('3 条未读');
    expect(html(busy, 'ja')).toContain('返信待ち');
  });
});
