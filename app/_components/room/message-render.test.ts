// Renders a message as a reader's browser gets it (server-side HTML of the same components), to check what
// a person would see: links that are safe, markup that stays text, the held marker, the staff badge.
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import type { Locale } from '@/i18n/locales';
import type { RoomMessageView } from '@/server/rooms/types';
import { RoomMessage } from './message';
import { fixtureMessage } from './message-fixture';
import { renderIn } from './render-in';

function view(extra: Partial<RoomMessageView>): RoomMessageView {
  return fixtureMessage({ id: 7, ...extra });
}

function html(m: RoomMessageView, locale: Locale = 'en', communityCode: string | null = null): string {
  const child = createElement(RoomMessage, {
    m,
    shopName: 'Leaf & Co',
    communityCode,
    onReport: async () => null,
  });
  return renderIn(child, locale, ['rooms']);
}

describe('a message as the reader sees it', () => {
  it('links http(s) URLs to a new tab with no credit and no access to the page', () => {
    const out = html(view({ body: 'Specs: https://shop.example/p?a=1&b=2.' }));
    expect(out).toContain(
      '<a href="https://shop.example/p?a=1&amp;b=2" target="_blank" rel="nofollow ugc noopener noreferrer"',
    );
    expect(out).toContain('>https://shop.example/p?a=1&amp;b=2</a><span>.</span>');
  });

  it('keeps markup and javascript: inert text', () => {
    const out = html(view({ body: '<img src=x onerror=alert(1)> javascript:alert(1)' }));
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt; javascript:alert(1)');
    expect(out).not.toContain('<img');
    expect(out).not.toMatch(/href="javascript/i);
  });

  it('tells the author their held message waits for the shop, in their language', () => {
    expect(html(view({ mine: true, status: 'held', body: 'https://x.example' }))).toContain(
      'Waiting for the shop to approve it',
    );
    expect(html(view({ mine: true, status: 'held', body: 'x' }), 'ja')).toContain('ショップの承認待ちです');
  });

  it('badges staff with the shop’s name and offers no report of them; members’ messages can be reported', () => {
    const staff = html(view({ authorKind: 'staff', authorName: 'Leaf & Co', body: 'Hello' }));
    expect(staff).toContain('Leaf &amp; Co');
    expect(staff).toContain('>Staff<');
    expect(staff).not.toContain('>Report<');
    expect(html(view({ body: 'hi' }))).toContain('>Report<');
    expect(html(view({ body: 'hi', mine: true }))).not.toContain('>Report<');
  });

  it('renders a system line in the reader’s language', () => {
    const m = view({
      kind: 'system',
      authorKind: 'system',
      system: { key: 'joined', values: { names: 'Ben, Chen', others: 2 } },
    });
    expect(html(m)).toContain('Ben, Chen and 2 others joined');
    expect(html(m, 'zh-CN')).toContain('Ben、Chen 等另外 2 人加入了');
  });

  it('sends a card’s "Open a group" to the deal page from the community', () => {
    const m = view({
      kind: 'card',
      authorKind: 'staff',
      card: {
        dealId: 'd1',
        slug: 'spring-tea',
        title: 'Spring tea',
        imageUrl: null,
        currency: 'USD',
        listPrice: 2000,
        tiers: [
          { minMembers: 2, unitPrice: 1500 },
          { minMembers: 5, unitPrice: 1200 },
        ],
        open: true,
        aboutToFill: { code: 'AbCd1234', membersNeeded: 1 },
      },
    });
    const out = html(m, 'en', 'Comm1234XY');
    expect(out).toContain('href="/d/spring-tea?from=Comm1234XY"');
    expect(out).toContain('href="/g/AbCd1234"');
    expect(out).toContain('$15.00 each');
    expect(out).toContain('1 more person needed');
  });
});
