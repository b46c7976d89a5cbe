// The link preview image and the poster drawn in each language, pixels checked: CJK text is drawn as glyphs
// (not the font's empty box), in the reader's glyph shapes, with nothing fetched from the network. The
// renders of one demo group (the seed's Amaou strawberries, whose title the merchant wrote in English,
// Chinese and Japanese) are kept under test-results/previews/ to look at (CI keeps them as artifacts).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ImageResponse } from 'next/og';
import { PNG } from 'pngjs';
import { createElement as h, type ReactElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PosterImage, POSTER_HEIGHT, POSTER_WIDTH } from '@/app/g/[code]/poster/poster-image';
import { PreviewCard } from '@/app/g/[code]/preview-card';
import { LOCALES, type Locale } from '@/i18n/locales';
import { dealContentFor } from '@/server/deals/deal-content';
import type { GroupSnapshot } from '@/server/groups/get-group-snapshot';
import { currentTierIndex, ladder, nextTier, savings, unitPriceAt } from '@/server/pricing';
import { previewFonts, productImageDataUrl, type PreviewFont } from './preview-assets';
import { qrPng } from './qr';
import { groupShareUrl } from './share-message';
import { wordsFor } from './words-for';
import { NO_FULFILMENT } from '@/db/schema/fulfilment-options';

const OUT = path.join(process.cwd(), 'test-results', 'previews');
const NOW = new Date('2026-11-30T12:00:00Z');

// The seed's strawberry deal (db/seed.ts), in a group with 5 confirmed members: ¥880 now, 3 more for ¥780.
const DEAL = {
  title: 'あまおう Amaou strawberries, 2 trays',
  description: '',
  contentLocale: 'en' as const,
  translations: {
    'zh-CN': { title: '福冈甘王草莓 2 盒', description: '' },
    ja: { title: '福岡県産あまおう 2パック', description: '' },
  },
};
const TIERS = [
  { minMembers: 3, unitPrice: 980 },
  { minMembers: 5, unitPrice: 880 },
  { minMembers: 8, unitPrice: 780 },
];
const LIST_PRICE = 1280;

/** The demo group's snapshot as a reader of `locale` gets it. */
function demoSnapshot(locale: Locale, confirmed = 5): GroupSnapshot {
  const content = dealContentFor(DEAL, locale);
  const next = nextTier(TIERS, confirmed);
  const unitPrice = unitPriceAt(TIERS, confirmed);
  return {
    code: 'demo2026ab',
    url: 'https://flock.example/g/demo2026ab',
    status: 'open',
    openedAt: new Date(NOW.getTime() - 3_600_000),
    openerAlias: 'Aiko',
    deadline: new Date(NOW.getTime() + 23 * 3_600_000 + 20 * 60_000),
    closedAt: null,
    closeReason: null,
    endedEarly: false,
    paymentMode: 'hold',
    viewerIsOpener: false,
    openerReward: null,
    commission: { bps: 0, holdDays: 14 },
    deal: {
      id: '00000000-0000-4000-8000-000000000001',
      slug: 'amaou-strawberries',
      imageUrl: '/demo/strawberries.svg',
      currency: 'JPY',
      listPrice: LIST_PRICE,
      perBuyerMax: 2,
      fulfilment: NO_FULFILMENT,
      ...content,
    },
    shop: {
      name: 'Demo shop',
      logoUrl: null,
      about: '',
      contactEmail: null,
      shippingPolicy: '',
      returnsPolicy: '',
    },
    unitPrice,
    finalUnitPrice: null,
    tierIndex: currentTierIndex(TIERS, confirmed),
    tipped: confirmed >= 3,
    minMembers: 3,
    next: next
      ? {
          unitPrice: next.tier.unitPrice,
          minMembers: next.tier.minMembers,
          membersNeeded: next.membersNeeded,
        }
      : null,
    ladder: ladder(TIERS, confirmed),
    savingsPercent: savings(LIST_PRICE, unitPrice).percent,
    confirmedCount: confirmed,
    reservedCount: 0,
    capacity: {
      maxMembers: 20,
      qrCutoff: 15,
      seatsTaken: confirmed,
      seatsLeft: 20 - confirmed,
      inviteOnly: false,
      full: false,
    },
    members: [],
    moreMembers: 0,
    viewer: null,
    lastEventId: 1,
  };
}

async function png(
  element: ReactElement,
  width: number,
  height: number,
  fonts: PreviewFont[],
): Promise<Buffer> {
  return Buffer.from(await new ImageResponse(element, { width, height, fonts }).arrayBuffer());
}

/** Share of pixels that differ clearly between two renders of the same size. */
function difference(a: Buffer, b: Buffer): number {
  const [x, y] = [PNG.sync.read(a), PNG.sync.read(b)];
  expect([x.width, x.height]).toEqual([y.width, y.height]);
  let differing = 0;
  for (let i = 0; i < x.data.length; i += 4) {
    const d = Math.max(
      Math.abs((x.data[i] ?? 0) - (y.data[i] ?? 0)),
      Math.abs((x.data[i + 1] ?? 0) - (y.data[i + 1] ?? 0)),
      Math.abs((x.data[i + 2] ?? 0) - (y.data[i + 2] ?? 0)),
    );
    if (d > 64) differing++;
  }
  return differing / (x.width * x.height);
}

/** One character, large, black on white. */
function glyph(char: string, lang: string): ReactElement {
  return h(
    'div',
    {
      lang,
      style: {
        display: 'flex',
        width: '100%',
        height: '100%',
        alignItems: 'center',
        justifyContent: 'center',
        background: '#ffffff',
        color: '#000000',
        fontSize: 96,
      },
    },
    char,
  );
}

/** Addresses next/og tried to fetch (it loads its own WebAssembly from data: URLs, which pass). */
let network: string[] = [];
beforeEach(() => {
  // next/og downloads a font from Google Fonts for a character no given font has. Nothing here may need it;
  // where a test wants the missing-glyph box, the download fails as it would offline.
  network = [];
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.startsWith('data:')) return realFetch(input, init);
    network.push(url);
    return Promise.reject(new Error('offline: no font downloads'));
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('the demo group drawn for each language', () => {
  it.each(LOCALES)('%s: link preview and poster, every character from the bundled fonts', async (locale) => {
    mkdirSync(OUT, { recursive: true });
    const w = wordsFor(locale);
    const s = demoSnapshot(locale);
    const image = await productImageDataUrl(s.deal.imageUrl);
    const card = h(PreviewCard, { w, s, image, now: NOW });
    const og = await png(card, 1200, 630, previewFonts(card, locale));
    writeFileSync(path.join(OUT, `og-${locale}.png`), og);
    expect(og.length).toBeLessThan(300 * 1024);
    expect([PNG.sync.read(og).width, PNG.sync.read(og).height]).toEqual([1200, 630]);

    const link = groupShareUrl('https://flock.example', s.code, { channel: 'poster', hint: locale });
    const poster = h(PosterImage, { w, s, image, qrPng: await qrPng(link, 520), now: NOW });
    const posterPng = await png(poster, POSTER_WIDTH, POSTER_HEIGHT, previewFonts(poster, locale));
    writeFileSync(path.join(OUT, `poster-${locale}.png`), posterPng);

    // A character missing from every font would have sent next/og to the network.
    expect(network).toEqual([]);
  });

  it('the three languages draw three different images (the words are not English everywhere)', async () => {
    const renders = await Promise.all(
      LOCALES.map(async (locale) => {
        const card = h(PreviewCard, { w: wordsFor(locale), s: demoSnapshot(locale), image: null, now: NOW });
        return png(card, 1200, 630, previewFonts(card, locale));
      }),
    );
    const [en, zh, ja] = renders as [Buffer, Buffer, Buffer];
    expect(difference(en, zh)).toBeGreaterThan(0.01);
    expect(difference(en, ja)).toBeGreaterThan(0.01);
    expect(difference(zh, ja)).toBeGreaterThan(0.01);
  });
});

describe('CJK text is drawn, never as boxes', () => {
  // Characters of the catalogs and titles, Chinese and Japanese: 团 还 拼 have no glyph in the Japanese font.
  const CHARS = ['团', '还', '拼', '草', '莓', '岡', '県', 'あ', 'ス'];

  it('each character differs from the missing-glyph box, and from the others', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const latinOnly = previewFonts(h('div', null, 'A'), 'en');
    const boxes = await Promise.all(CHARS.map((c) => png(glyph(c, 'zh-CN'), 128, 128, latinOnly)));
    // (next/og did try to download a font for them, and could not.)
    expect(network.length).toBeGreaterThan(0);
    network = [];
    // The reference really is the box: without a font every character renders the same.
    for (const box of boxes.slice(1)) expect(difference(box, boxes[0] ?? box)).toBe(0);

    const drawn = await Promise.all(
      CHARS.map((c) => {
        const el = glyph(c, 'zh-CN');
        return png(el, 128, 128, previewFonts(el, 'zh-CN'));
      }),
    );
    mkdirSync(OUT, { recursive: true });
    writeFileSync(path.join(OUT, 'glyph-missing-box.png'), boxes[0] ?? Buffer.alloc(0));
    drawn.forEach((image, i) => writeFileSync(path.join(OUT, `glyph-${CHARS[i]}.png`), image));
    for (const [i, image] of drawn.entries()) {
      expect(difference(image, boxes[0] ?? image), CHARS[i]).toBeGreaterThan(0.05);
      for (const other of drawn.slice(i + 1)) expect(difference(image, other)).toBeGreaterThan(0.03);
    }
  });

  it('a Chinese reader gets Chinese glyph shapes and a Japanese reader Japanese ones', async () => {
    mkdirSync(OUT, { recursive: true });
    // 骨 and 直 are drawn differently in Simplified Chinese and Japanese type.
    for (const c of ['骨', '直']) {
      const zh = glyph(c, 'zh-CN');
      const ja = glyph(c, 'ja');
      const zhPng = await png(zh, 128, 128, previewFonts(zh, 'zh-CN'));
      const jaPng = await png(ja, 128, 128, previewFonts(ja, 'ja'));
      writeFileSync(path.join(OUT, `shape-${c}-zh-CN.png`), zhPng);
      writeFileSync(path.join(OUT, `shape-${c}-ja.png`), jaPng);
      expect(difference(zhPng, jaPng), c).toBeGreaterThan(0.01);
    }
    expect(network).toEqual([]);
  });
});
