// Assets for the server-drawn images (Open Graph preview, poster): the product image as a data URL, the
// fonts, and text those fonts can draw. Works offline: nothing is fetched from the network.
//
// Fonts come from npm (@fontsource/noto-sans-sc and @fontsource/noto-sans-jp) as the slices Google Fonts
// cuts them into: Latin, Latin Extended, and about a hundred CJK slices per family, each a small WOFF.
// Satori (next/og) draws each character with the first loaded font that has it, trying fonts without a
// `lang` first, then those whose `lang` matches the element's, then the rest; one face per font name. So
// every slice gets its own name, the Latin slices carry no `lang`, Noto Sans SC's slices carry zh-CN and
// Noto Sans JP's ja-JP: a Chinese reader gets Chinese glyph shapes and a Japanese reader Japanese ones for
// the same character. previewFonts() loads only the slices one image's characters need. A character no
// slice has (checked against the font's own cmap, not just the range its CSS declares) is left out of the
// text, never drawn as a box.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isValidElement, type ReactNode } from 'react';
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

/** A face for next/og's ImageResponse (`lang` as Satori spells it). */
export type PreviewFont = {
  name: string;
  data: ArrayBuffer;
  weight: 400 | 700;
  style: 'normal';
  lang?: 'zh-CN' | 'ja-JP';
};

type Family = {
  id: 'latin' | 'sc' | 'jp';
  name: string;
  pkg: 'noto-sans-sc' | 'noto-sans-jp';
  lang?: 'zh-CN' | 'ja-JP';
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
  lang: 'zh-CN',
  takes: (k) => NUMBERED.test(k),
};
const JP: Family = {
  id: 'jp',
  name: 'Noto Sans JP',
  pkg: 'noto-sans-jp',
  lang: 'ja-JP',
  takes: (k) => NUMBERED.test(k),
};
/** Insertion order = Satori's order for text without `lang`: Latin, then Chinese shapes, then Japanese. */
const FAMILIES = [LATIN, SC, JP] as const;

/** The families tried for a character of text in `lang` (an element's `lang`, as Satori reads it). */
function familiesFor(lang: string | undefined): readonly Family[] {
  return lang?.toLowerCase().startsWith('ja') ? [LATIN, JP, SC] : FAMILIES;
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

/** A piece of text an image draws, with the `lang` and boldness it inherits. */
export type TextRun = { text: string; lang: string | undefined; bold: boolean };

type ElementProps = { children?: ReactNode; lang?: string; style?: { fontWeight?: number | string } };

/** Every text of a Satori element tree, as Satori will see it (function components are called). */
export function textRuns(node: ReactNode, lang?: string, bold = false): TextRun[] {
  if (node === null || node === undefined || typeof node === 'boolean') return [];
  if (typeof node === 'string' || typeof node === 'number' || typeof node === 'bigint')
    return [{ text: String(node), lang, bold }];
  if (Array.isArray(node)) return node.flatMap((child: ReactNode) => textRuns(child, lang, bold));
  if (!isValidElement<ElementProps>(node)) return [];
  const props = node.props;
  if (typeof node.type === 'function')
    return textRuns((node.type as (p: ElementProps) => ReactNode)(props), lang, bold);
  const weight = props.style?.fontWeight;
  const isBold = weight === undefined ? bold : weight === 'bold' || Number(weight) >= 600;
  return textRuns(props.children, props.lang ?? lang, isBold);
}

/**
 * The fonts for next/og's ImageResponse that draw `tree`: the Latin slices, then each CJK slice a character
 * needs, in the family its element's `lang` prefers (Chinese shapes unless the text is Japanese). Pass the
 * same tree you render; put `lang` on elements (the reader's locale on the root, the title's own language
 * on the title).
 */
export function previewFonts(tree: ReactNode): PreviewFont[] {
  const wanted = new Map<string, { family: Family; subset: string; weight: 400 | 700 }>();
  const want = (family: Family, subset: string, weight: 400 | 700) =>
    wanted.set(`${family.id} ${subset} ${weight}`, { family, subset, weight });
  // The basic Latin face always: Satori measures empty lines with the first font.
  want(LATIN, 'latin', 400);
  for (const run of textRuns(tree)) {
    const families = familiesFor(run.lang);
    for (const char of new Set(run.text)) {
      const codePoint = char.codePointAt(0);
      const slice = codePoint === undefined || /\s/.test(char) ? null : sliceFor(codePoint, families);
      if (slice) want(slice.family, slice.subset, run.bold ? 700 : 400);
    }
  }
  return [...wanted.values()]
    .sort((a, b) => FAMILIES.indexOf(a.family) - FAMILIES.indexOf(b.family))
    .map(({ family, subset, weight }) => ({
      name: `${family.name} ${subset.replace(/[[\]]/g, '')}`,
      data: readFont(fontFile(family, subset, weight)),
      weight,
      style: 'normal' as const,
      ...(family.lang ? { lang: family.lang } : {}),
    }));
}
