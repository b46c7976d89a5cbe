// The console's room pages rendered as the server sends them (the same client components, no browser), in
// every language: each page's words come from the catalogs (no key shows through), the inbox lists its
// rooms with the first one waiting, and the settings and communities forms show what is saved.
import { createElement, type ReactElement } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { renderIn } from '@/app/_components/room/render-in';
import { TRPCReactProvider } from '@/app/_trpc/client';
import { LOCALES, type Locale } from '@/i18n/locales';
import type { InboxRoomView } from '@/server/rooms/types';
import { CommunityList, CreateCommunityForm } from '../communities/communities';
import { RoomSettingsForm } from '../rooms/settings/room-settings-form';
import { Inbox } from './inbox';
import { fixtureRow } from './inbox-fixture';

vi.mock('next/navigation', () => ({ useRouter: () => ({ refresh: () => undefined }) }));

const rooms: InboxRoomView[] = [
  fixtureRow({
    memberCount: 4,
    lastMessage: { authorName: 'Ramen Co', body: 'Thanks!', at: '2026-11-30T11:00:00.000Z' },
  }),
  fixtureRow({
    id: '6f1c1e43-3a0e-4a43-9d55-7d1d0f6f1a02',
    kind: 'community',
    title: 'Spring class 2027',
    code: 'springcls1',
    groupStatus: null,
    memberCount: 30,
    unanswered: true,
    unread: 1,
    held: 1,
    lastMessage: { authorName: 'Chen', body: 'When is the next class?', at: '2026-11-30T10:00:00.000Z' },
  }),
];

function html(el: ReactElement, locale: Locale = 'en'): string {
  return renderIn(createElement(TRPCReactProvider, { children: el }), locale, ['merchant', 'rooms', 'group']);
}

const noKeys = /merchant\.|rooms\.|group\.copy/;

describe('the console room pages', () => {
  it('lists the rooms, the one waiting for a reply first, with the totals', () => {
    const h = html(createElement(Inbox, { shopName: 'Ramen Co', initial: rooms, initialRoomId: null }));
    expect(h.indexOf('Spring class 2027')).toBeLessThan(h.indexOf('Ramen kit'));
    expect(h).toContain('1 room waits for a reply · 1 to review');
    expect(h).toContain('Choose a room to read and reply.');
  });

  it('says so when the shop has no live room yet', () => {
    const h = html(createElement(Inbox, { shopName: 'Ramen Co', initial: [], initialRoomId: null }));
    expect(h).toContain('No live rooms yet');
  });

  it('shows the saved settings in the form', () => {
    const h = html(
      createElement(RoomSettingsForm, {
        initial: {
          keywords: ['cheap', 'crypto'],
          closeAfterDays: 14,
          deleteAfterDays: 90,
          savedReplies: [{ id: 'r1', title: 'Pickup', body: 'Pickup is on Saturday.' }],
          holdMemberLinks: true,
        },
      }),
    );
    expect(h).toContain('cheap\ncrypto');
    expect(h).toContain('value="14"');
    expect(h).toContain('value="90"');
    expect(h).toContain('value="Pickup"');
    expect(h).toContain('Pickup is on Saturday.');
    expect(h).toMatch(/type="checkbox"[^>]*checked/);
  });

  it('lists communities with their link and QR code', () => {
    const h = html(
      createElement(CommunityList, {
        rows: [
          {
            id: 'c1',
            title: 'Spring class 2027',
            code: 'springcls1',
            memberCount: 30,
            url: 'https://flock.test/r/springcls1',
            qrSvg: '<svg role="img" aria-label="QR"></svg>',
          },
        ],
      }),
    );
    expect(h).toContain('value="https://flock.test/r/springcls1"');
    expect(h).toContain('30 members');
    expect(h).toContain('href="/merchant/inbox?room=c1"');
    expect(h).toContain('<svg role="img"');
  });

  it('speaks every language on every page without showing a catalog key', () => {
    for (const locale of LOCALES) {
      const pages = [
        createElement(Inbox, { shopName: 'Ramen Co', initial: rooms, initialRoomId: null }),
        createElement(CreateCommunityForm),
        createElement(CommunityList, { rows: [] }),
        createElement(RoomSettingsForm, {
          initial: {
            keywords: [],
            closeAfterDays: 14,
            deleteAfterDays: 90,
            savedReplies: [],
            holdMemberLinks: false,
          },
        }),
      ];
      for (const page of pages) expect(html(page, locale)).not.toMatch(noKeys);
    }
  });
});
