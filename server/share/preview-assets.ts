// Assets for the server-drawn images (Open Graph preview, poster): the product image as a data URL, the
// fonts, and text those fonts can draw. Works offline: nothing is fetched from the network.
//
// Fonts come from npm (@fontsource/noto-sans-sc and @fontsource/noto-sans-jp) as the slices Google Fonts
// cuts them into: Latin, Latin Extended, and about a hundred CJK slices per family, each a small WOFF.
// previewFonts() loads only the slices one image's characters need. Satori (next/og) draws each character
// with the first font in the list that has it and keeps one face per font name, so every slice has its own
// name and the list is ordered by the reader's language: Latin, then Noto Sans SC before Noto Sans JP for a
// Chinese reader (Chinese glyph shapes) and JP before SC for a Japanese one; each family fills what the
// other lacks (团 has no Japanese glyph). Satori's per-font `lang` is not used: it hides the other
// language's fonts from its glyph check, and next/og then tries to download a font from the network.
// A character no slice has (checked against the font's own cmap, not just the range its CSS declares) is
// left out of the text, never drawn as a box.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isValidElement, type ReactNode } from 'react';
import type { Locale } from '@/i18n/locales';
import { getStorage } from '@/server/storage/storage';
import { fontCodePoints } from './font-cmap';

const PUBLIC_FILE = /^\/[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_.-]+)*\.(svg|png|jpe?g|webp|gif)$/;
const TYPES: Record<string, string> = {
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
};

/** The deal's image as a data URL when it is a file we serve (public/ or an upload); null for remote or missing images. */
export async function productImageDataUrl(imageUrl: string | null): Promise<string | null> {
  if (!imageUrl || imageUrl.includes('..')) return null;
  try {
    if (imageUrl.startsWith('/uploads/')) {
      const file = await getStorage().get(imageUrl.slice('/uploads/'.length));
      return file ? `data:${file.contentType};base64,${Buffer.from(file.bytes).toString('base64')}` : null;
    }
    const m = PUBLIC_FILE.exec(imageUrl);
    if (!m?.[1]) return null;
    const bytes = await readFile(path.join(process.cwd(), 'public', imageUrl));
    return `data:${TYPES[m[1]] ?? 'application/octet-stream'};base64,${bytes.toString('base64')}`;
  } catch {
    return null;
  }
}

/** A face for next/og's ImageResponse. */
export type PreviewFont = { name: string; data: ArrayBuffer; weight: 400 | 700; style: 'normal' };

type Family = {
  id: 'latin' | 'sc' | 'jp';
  name: string;
  pkg: 'noto-sans-sc' | 'noto-sans-jp';
  /** Which of the package's subsets (keys of its unicode.json) belong to this family. */
  takes: (subset: string) => boolean;
};

const NUMBERED = /^\[\d+\]$/;
const LATIN: Family = {
  id: 'latin',
  name: 'Noto Sans',
  pkg: 'noto-sans-jp',
  takes: (k) => k === 'latin' || k === 'latin-ext',
};
const SC: Family = {
  id: 'sc',
  name: 'Noto Sans SC',
  pkg: 'noto-sans-sc',
  takes: (k) => NUMBERED.test(k),
};
const JP: Family = {
  id: 'jp',
  name: 'Noto Sans JP',
  pkg: 'noto-sans-jp',
  takes: (k) => NUMBERED.test(k),
};
const FAMILIES = [LATIN, SC, JP] as const;

/** The order fonts are tried in: Latin, then the reader's CJK family, then the other. */
function familyOrder(shapes: 'zh' | 'ja'): readonly Family[] {
  return shapes === 'ja' ? [LATIN, JP, SC] : FAMILIES;
}

type Slice = { family: Family; subset: string };

function fontFile(family: Family, subset: string, weight: 400 | 700): string {
  const key = subset.replace(/[[\]]/g, '');
  return path.join(
    process.cwd(),
    'node_modules',
    '@fontsource',
    family.pkg,
    'files',
    `${family.pkg}-${key}-${weight}-normal.woff`,
  );
}

// Read lazily and kept for the process: the files are small (a few to ~100 KB) and only the slices some
// image needed are ever read. Synchronous on purpose: drawableText() runs inside synchronous wording code,
// and each file is read once.
const fileBytes = new Map<string, ArrayBuffer>();
function readFont(file: string): ArrayBuffer {
  let data = fileBytes.get(file);
  if (!data) {
    const bytes = readFileSync(file);
    // One ArrayBuffer per file for the process: Satori caches its parsed font by this identity.
    data = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    fileBytes.set(file, data);
  }
  return data;
}

/** Code point → the slices whose CSS range declares it, per family (from the packages' unicode.json). */
let declared: Map<Family['id'], Map<number, string[]>> | undefined;
function declaredSlices(family: Family, codePoint: number): string[] {
  declared ??= new Map(
    FAMILIES.map((f) => {
      const file = path.join(process.cwd(), 'node_modules', '@fontsource', f.pkg, 'unicode.json');
      const ranges = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
      const byCodePoint = new Map<number, string[]>();
      for (const [subset, list] of Object.entries(ranges)) {
        if (!f.takes(subset)) continue;
        for (const range of list.split(',')) {
          const [from, to] = range.trim().replace(/^U\+/i, '').split('-');
          const start = parseInt(from ?? '', 16);
          const end = to === undefined ? start : parseInt(to, 16);
          for (let c = start; c <= end; c++) byCodePoint.set(c, [...(byCodePoint.get(c) ?? []), subset]);
        }
      }
      return [f.id, byCodePoint] as const;
    }),
  );
  return declared.get(family.id)?.get(codePoint) ?? [];
}

// A slice's CSS range is wider than what the file holds (flags, some Cyrillic, ...): its cmap decides.
const sliceGlyphs = new Map<string, Set<number>>();
function sliceHas(family: Family, subset: string, codePoint: number): boolean {
  const file = fontFile(family, subset, 400);
  let glyphs = sliceGlyphs.get(file);
  if (!glyphs) {
    glyphs = fontCodePoints(Buffer.from(readFont(file)));
    sliceGlyphs.set(file, glyphs);
  }
  return glyphs.has(codePoint);
}

/** The slice of the first family (in `families` order) that has a glyph for `codePoint`, or null. */
function sliceFor(codePoint: number, families: readonly Family[]): Slice | null {
  for (const family of families) {
    const subset = declaredSlices(family, codePoint).find((s) => sliceHas(family, s, codePoint));
    if (subset) return { family, subset };
  }
  return null;
}

// Scripts drawn whole. Another script the CJK fonts cover only in part (Hangul, Thai) would lose letters
// mid-word, so it is left out entirely; so are emoji (no colour font here).
const SCRIPT = /^[\p{sc=Zyyy}\p{sc=Zinh}\p{sc=Latn}\p{sc=Hani}\p{sc=Hira}\p{sc=Kana}]$/u;
const NOT_DRAWN = /^[\p{Extended_Pictographic}\p{Regional_Indicator}\p{Cc}\p{Cf}]$/u;

/** Can the preview fonts draw this character (one code point)? */
export function canDraw(char: string): boolean {
  const codePoint = char.codePointAt(0);
  if (codePoint === undefined || !SCRIPT.test(char) || NOT_DRAWN.test(char)) return false;
  return sliceFor(codePoint, FAMILIES) !== null;
}

/** `text` without the characters the image fonts cannot draw, spaces tidied; `fallback` if nothing is left. */
export function drawableText(text: string, fallback: string): string {
  const kept = Array.from(text)
    .map((c) => (c === ' ' || canDraw(c) ? c : ' '))
    .join('')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,·:-]+|[\s,·:-]+$/g, '')
    .trim();
  return kept || fallback;
}

/** A piece of text an image draws, and whether it is bold. */
export type TextRun = { text: string; bold: boolean };

type ElementProps = { children?: ReactNode; style?: { fontWeight?: number | string } };

/** Every text of a Satori element tree, as Satori will see it (function components are called). */
export function textRuns(node: ReactNode, bold = false): TextRun[] {
  if (node === null || node === undefined || typeof node === 'boolean') return [];
  if (typeof node === 'string' || typeof node === 'number' || typeof node === 'bigint')
    return [{ text: String(node), bold }];
  if (Array.isArray(node)) return node.flatMap((child: ReactNode) => textRuns(child, bold));
  if (!isValidElement<ElementProps>(node)) return [];
  const props = node.props;
  if (typeof node.type === 'function')
    return textRuns((node.type as (p: ElementProps) => ReactNode)(props), bold);
  const weight = props.style?.fontWeight;
  return textRuns(props.children, weight === undefined ? bold : weight === 'bold' || Number(weight) >= 600);
}

const KANA = /[\p{sc=Hira}\p{sc=Kana}]/u;

/**
 * The fonts for next/og's ImageResponse that draw `tree` (pass the tree you render) for a reader in
 * `locale`: the Latin slices, then each CJK slice a character needs, Chinese glyph shapes first for zh-CN,
 * Japanese for ja, and for an English reader Japanese when the image has kana (a Japanese title), else
 * Chinese.
 */
export function previewFonts(tree: ReactNode, locale: Locale): PreviewFont[] {
  const runs = textRuns(tree);
  const japanese = locale === 'ja' || (locale !== 'zh-CN' && runs.some((r) => KANA.test(r.text)));
  const order = familyOrder(japanese ? 'ja' : 'zh');
  const wanted = new Map<string, { family: Family; subset: string; weight: 400 | 700 }>();
  const want = (family: Family, subset: string, weight: 400 | 700) =>
    wanted.set(`${family.id} ${subset} ${weight}`, { family, subset, weight });
  // The basic Latin face always, first: Satori measures empty lines with the first font.
  want(LATIN, 'latin', 400);
  for (const run of runs) {
    for (const char of new Set(run.text)) {
      const codePoint = char.codePointAt(0);
      const slice = codePoint === undefined || /\s/.test(char) ? null : sliceFor(codePoint, order);
      if (slice) want(slice.family, slice.subset, run.bold ? 700 : 400);
    }
  }
  return [...wanted.values()]
    .sort((a, b) => order.indexOf(a.family) - order.indexOf(b.family))
    .map(({ family, subset, weight }) => ({
      name: `${family.name} ${subset.replace(/[[\]]/g, '')}`,
      data: readFont(fontFile(family, subset, weight)),
      weight,
      style: 'normal' as const,
    }));
}
