import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createElement as h } from 'react';
import { describe, expect, it } from 'vitest';
import { fontCodePoints } from './font-cmap';
import { drawableText, previewFonts, textRuns, type PreviewFont } from './preview-assets';

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
  it('reads every text of a tree, bold where its style says so', () => {
    const Badge = ({ label }: { label: string }) => h('b', { style: { fontWeight: 700 } }, label);
    const tree = h('div', null, 'a', h('div', null, ['b', 3]), h(Badge, { label: 'c' }));
    expect(textRuns(tree)).toEqual([
      { text: 'a', bold: false },
      { text: 'b', bold: false },
      { text: '3', bold: false },
      { text: 'c', bold: true },
    ]);
  });

  const faces = (fonts: PreviewFont[]) => fonts.map((f) => f.name.replace(/ \d+$/, ' <n>'));

  it('English text loads only the Latin face', () => {
    const fonts = previewFonts(h('div', null, 'Strawberries $12.00 – 3 more people'), 'en');
    expect(fonts.map((f) => [f.name, f.weight])).toEqual([['Noto Sans latin', 400]]);
    // A small file, not a whole CJK font.
    expect(fonts[0]?.data.byteLength).toBeLessThan(50_000);
  });

  it('a Chinese reader gets Noto Sans SC slices after the Latin face, bold ones for bold text', () => {
    const fonts = previewFonts(
      h('div', null, '还差 3 人成团', h('b', { style: { fontWeight: 700 } }, '拼')),
      'zh-CN',
    );
    expect([...new Set(faces(fonts))]).toEqual(['Noto Sans latin', 'Noto Sans SC <n>']);
    expect(fonts.some((f) => f.weight === 700)).toBe(true);
    // Every face has its own name: Satori keeps one face per name and weight.
    expect(new Set(fonts.map((f) => `${f.name} ${f.weight}`)).size).toBe(fonts.length);
  });

  it('a Japanese reader gets Noto Sans JP first, and SC only for what Japanese lacks', () => {
    expect([...new Set(faces(previewFonts(h('div', null, 'あと3人で成立 東京'), 'ja')))]).toEqual([
      'Noto Sans latin',
      'Noto Sans JP <n>',
    ]);
    // 团 has no Japanese glyph: a Chinese title on a Japanese page borrows the SC slice, after every JP one.
    const mixed = faces(previewFonts(h('div', null, 'あと3人 拼团'), 'ja'));
    expect(mixed.indexOf('Noto Sans SC <n>')).toBeGreaterThan(mixed.lastIndexOf('Noto Sans JP <n>'));
  });

  it('an English reader gets Japanese shapes for a Japanese title, Chinese for a Chinese one', () => {
    expect(faces(previewFonts(h('div', null, 'あまおう 苺'), 'en'))[1]).toBe('Noto Sans JP <n>');
    expect(faces(previewFonts(h('div', null, '草莓 拼团'), 'en'))[1]).toBe('Noto Sans SC <n>');
  });

  it('each loaded face really has the characters it was chosen for, and a file is read once', () => {
    const text = '拼团还差人已省成团们';
    const fonts = previewFonts(h('div', null, text), 'zh-CN');
    const covered = new Set(fonts.flatMap((f) => [...fontCodePoints(Buffer.from(f.data))]));
    for (const c of text) expect(covered.has(c.codePointAt(0) ?? 0), c).toBe(true);
    previewFonts(h('div', null, text), 'zh-CN').forEach((f, i) => expect(f.data).toBe(fonts[i]?.data));
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
