import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fontCodePoints } from './font-cmap';

const node = (...p: string[]) => readFileSync(path.join(process.cwd(), 'node_modules', ...p));
const has = (set: Set<number>, text: string) => Array.from(text).map((c) => set.has(c.codePointAt(0) ?? 0));

describe('the characters a font file has glyphs for', () => {
  it('reads a WOFF: the Latin slice has Latin letters, not CJK', () => {
    const latin = fontCodePoints(
      node('@fontsource', 'noto-sans-jp', 'files', 'noto-sans-jp-latin-400-normal.woff'),
    );
    expect(has(latin, 'Aaé€¥ ')).toEqual([true, true, true, true, true, true]);
    expect(has(latin, '团あ')).toEqual([false, false]);
  });

  it('reads a plain TrueType file (the font next/og ships)', () => {
    const geist = fontCodePoints(node('next', 'dist', 'compiled', '@vercel', 'og', 'Geist-Regular.ttf'));
    expect(has(geist, 'Ag1')).toEqual([true, true, true]);
    expect(has(geist, '团')).toEqual([false]);
  });

  it('tells the characters only the Chinese font has across the CJK slices', () => {
    const all = (pkg: string) => {
      const ranges = JSON.parse(node('@fontsource', pkg, 'unicode.json').toString('utf8')) as Record<
        string,
        string
      >;
      const covered = new Set<number>();
      for (const subset of Object.keys(ranges).filter((k) => /^\[\d+\]$/.test(k)))
        for (const c of fontCodePoints(
          node('@fontsource', pkg, 'files', `${pkg}-${subset.slice(1, -1)}-400-normal.woff`),
        ))
          covered.add(c);
      return covered;
    };
    const sc = all('noto-sans-sc');
    const jp = all('noto-sans-jp');
    // 团 (group) and 还 (still) are Simplified Chinese only; 県 (prefecture) and 人 are in both.
    expect(has(sc, '团还県人')).toEqual([true, true, true, true]);
    expect(has(jp, '团还県人')).toEqual([false, false, true, true]);
  });
});
