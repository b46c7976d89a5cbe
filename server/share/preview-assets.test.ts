import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createElement as h } from 'react';
import { describe, expect, it } from 'vitest';
import { fontCodePoints } from './font-cmap';
import { drawableText, previewFonts, textRuns } from './preview-assets';

const FONTSOURCE = path.join(process.cwd(), 'node_modules', '@fontsource');

describe('text for the preview images', () => {
  it.each([
    ['あまおう Amaou strawberries', 'あまおう Amaou strawberries'],
    ['東京バナナ 8個入り', '東京バナナ 8個入り'],
    ['Crème brûlée kit – 2 × 4', 'Crème brûlée kit – 2 × 4'],
    // Simplified Chinese, including characters the Japanese font lacks (团, 还, 们) and rare ones (丌, 毖).
    ['拼团草莓 还差3人，我们一起买', '拼团草莓 还差3人，我们一起买'],
    ['丌毖谰', '丌毖谰'],
    ['￥980 · JP¥980 · €5', '￥980 · JP¥980 · €5'],
    // Scripts the fonts cover only in part are left out whole, and so are emoji.
    ['김치 Kimchi', 'Kimchi'],
    ['ทุเรียน', 'Group deal'],
    ['🍓 Strawberries', 'Strawberries'],
  ])('%s → %s', (input, expected) => {
    expect(drawableText(input, 'Group deal')).toBe(expected);
  });
});

describe('fonts for the preview images', () => {
  it('reads every text of a tree with the lang and weight it inherits', () => {
    const Badge = ({ label }: { label: string }) => h('b', { style: { fontWeight: 700 } }, label);
    const tree = h(
      'div',
      { lang: 'zh-CN' },
      'a',
      h('div', { lang: 'ja' }, ['b', 3]),
      h(Badge, { label: 'c' }),
    );
    expect(textRuns(tree)).toEqual([
      { text: 'a', lang: 'zh-CN', bold: false },
      { text: 'b', lang: 'ja', bold: false },
      { text: '3', lang: 'ja', bold: false },
      { text: 'c', lang: 'zh-CN', bold: true },
    ]);
  });

  it('English text loads only the Latin face', () => {
    const fonts = previewFonts(h('div', null, 'Strawberries $12.00 – 3 more people'));
    expect(fonts.map((f) => [f.name, f.weight, f.lang])).toEqual([['Noto Sans latin', 400, undefined]]);
    // A small file, not a whole CJK font.
    expect(fonts[0]?.data.byteLength).toBeLessThan(50_000);
  });

  it('Chinese text loads Noto Sans SC slices marked zh-CN, after the Latin faces', () => {
    const fonts = previewFonts(
      h('div', { lang: 'zh-CN' }, '还差 3 人成团', h('b', { style: { fontWeight: 700 } }, '拼')),
    );
    expect(fonts[0]?.name).toBe('Noto Sans latin');
    expect(fonts[0]).not.toHaveProperty('lang');
    const cjk = fonts.slice(1);
    expect(cjk.length).toBeGreaterThan(0);
    expect(cjk.every((f) => f.name.startsWith('Noto Sans SC ') && f.lang === 'zh-CN')).toBe(true);
    expect(cjk.some((f) => f.weight === 700)).toBe(true);
    // Every face has its own name: Satori keeps one face per name and weight.
    expect(new Set(fonts.map((f) => `${f.name} ${f.weight}`)).size).toBe(fonts.length);
  });

  it('Japanese text loads Noto Sans JP slices marked ja-JP, so kanji take Japanese shapes', () => {
    const fonts = previewFonts(h('div', { lang: 'ja' }, 'あと3人で成立 東京'));
    expect(fonts.slice(1).every((f) => f.name.startsWith('Noto Sans JP ') && f.lang === 'ja-JP')).toBe(true);
    // A Chinese title inside a Japanese page still gets the Chinese slices for what Japanese lacks.
    const mixed = previewFonts(h('div', { lang: 'ja' }, 'あと3人', h('div', { lang: 'zh-CN' }, '拼团')));
    expect(mixed.some((f) => f.lang === 'zh-CN')).toBe(true);
    expect(mixed.some((f) => f.lang === 'ja-JP')).toBe(true);
  });

  it('each loaded face really has the characters it was chosen for, and a file is read once', () => {
    const text = '拼团还差人已省成团们';
    const fonts = previewFonts(h('div', { lang: 'zh-CN' }, text));
    const covered = new Set(fonts.flatMap((f) => [...fontCodePoints(Buffer.from(f.data))]));
    for (const c of text) expect(covered.has(c.codePointAt(0) ?? 0), c).toBe(true);
    const again = previewFonts(h('div', { lang: 'zh-CN' }, text));
    expect(again.map((f) => f.data)).toEqual(fonts.map((f) => f.data));
    again.forEach((f, i) => expect(f.data).toBe(fonts[i]?.data));
  });

  it('the bold slices hold the same characters as the regular ones', () => {
    for (const pkg of ['noto-sans-sc', 'noto-sans-jp']) {
      const ranges = JSON.parse(readFileSync(path.join(FONTSOURCE, pkg, 'unicode.json'), 'utf8')) as Record<
        string,
        string
      >;
      for (const subset of Object.keys(ranges).filter((k) => /^\[\d+\]$/.test(k))) {
        const file = (w: number) =>
          path.join(FONTSOURCE, pkg, 'files', `${pkg}-${subset.slice(1, -1)}-${w}-normal.woff`);
        const regular = fontCodePoints(readFileSync(file(400)));
        const bold = fontCodePoints(readFileSync(file(700)));
        expect(
          [...regular].filter((c) => !bold.has(c)),
          `${pkg} ${subset}`,
        ).toEqual([]);
      }
    }
  });
});
