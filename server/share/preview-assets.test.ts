import { describe, expect, it } from 'vitest';
import { drawableText, previewFonts } from './preview-assets';

describe('text for the preview images', () => {
  it.each([
    ['あまおう Amaou strawberries', 'あまおう Amaou strawberries'],
    ['東京バナナ 8個入り', '東京バナナ 8個入り'],
    ['Crème brûlée kit – 2 × 4', 'Crème brûlée kit – 2 × 4'],
    ['김치 Kimchi', 'Kimchi'],
    ['ทุเรียน', 'Group deal'],
  ])('%s → %s', (input, expected) => {
    expect(drawableText(input, 'Group deal')).toBe(expected);
  });

  it('loads Latin and Japanese faces in both weights, once', async () => {
    const fonts = await previewFonts();
    expect(fonts.map((f) => f.weight).sort()).toEqual([400, 400, 400, 700, 700, 700]);
    // The Japanese faces carry kana and kanji: far larger than the Latin ones.
    expect(Math.max(...fonts.map((f) => f.data.byteLength))).toBeGreaterThan(1_000_000);
    expect(await previewFonts()).toBe(fonts);
  });
});
