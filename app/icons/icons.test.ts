// The web app manifest and its icons, as a phone installing Flock reads them: standalone (which iOS needs for
// Web Push), every listed icon a real PNG of the stated size, maskable ones full-bleed with the mark inside
// the safe circle, and the Home Screen icon for iPhones.
import { PNG } from 'pngjs';
import { describe, expect, it, vi } from 'vitest';
import english from '@/messages/en/common.json';
import AppleIcon, { size as appleSize } from '../apple-icon';
import manifest from '../manifest';
import { GET } from './[name]/route';

vi.mock('next-intl/server', () => ({
  getLocale: async () => 'en',
  getTranslations: async () => (key: keyof typeof english.site) => english.site[key],
}));

async function png(res: Response) {
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('image/png');
  return PNG.sync.read(Buffer.from(await res.arrayBuffer()));
}

function pixel(img: PNG, x: number, y: number) {
  const i = (img.width * y + x) * 4;
  return [...img.data.subarray(i, i + 4)];
}

const BRAND = [0xc2, 0x41, 0x0c, 255];
const WHITE = [255, 255, 255, 255];

async function icon(src: string) {
  const name = src.replace('/icons/', '');
  return png(await GET(new Request(`http://flock.test${src}`), { params: Promise.resolve({ name }) }));
}

describe('web app manifest', () => {
  it('installs Flock standalone, opening on the buyer’s groups, in its own words', async () => {
    const m = await manifest();
    expect(m).toMatchObject({ name: 'Flock', display: 'standalone', start_url: '/me', lang: 'en' });
    expect(m.description).toBe(english.site.description);
  });

  it('lists 192 and 512 icons, plain and maskable, each served as a PNG of that size', async () => {
    const icons = (await manifest()).icons ?? [];
    expect(icons.map((i) => `${i.sizes} ${i.purpose}`).sort()).toEqual([
      '192x192 any',
      '192x192 maskable',
      '512x512 any',
      '512x512 maskable',
    ]);
    for (const i of icons) {
      const img = await icon(i.src);
      expect(`${img.width}x${img.height}`, i.src).toBe(i.sizes);
      const s = img.width;
      // The mark: white people on the brand orange.
      expect(pixel(img, Math.round(s * 0.34), Math.round(s * 0.4)), i.src).toEqual(WHITE);
      expect(pixel(img, Math.round(s * 0.5), Math.round(s * 0.12)), i.src).toEqual(BRAND);
      // Plain icons have rounded, transparent corners; maskable ones fill the square (the launcher crops).
      expect(pixel(img, 1, 1)[3], i.src).toBe(i.purpose === 'maskable' ? 255 : 0);
    }
  });

  it('answers 404 for an icon it does not list', async () => {
    const res = await GET(new Request('http://flock.test/icons/x.png'), {
      params: Promise.resolve({ name: 'x.png' }),
    });
    expect(res.status).toBe(404);
  });

  it('gives iPhones a full-bleed 180×180 Home Screen icon', async () => {
    const img = await png(AppleIcon());
    expect([img.width, img.height]).toEqual([appleSize.width, appleSize.height]);
    expect(pixel(img, 0, 0)).toEqual(BRAND);
  });
});
