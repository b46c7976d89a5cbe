// Assets for the server-drawn images (Open Graph preview, poster): the product image as a data URL, the
// fonts (Noto Sans JP from npm: Latin and Japanese, so titles like "あまおう" reach LINE and WeChat previews)
// and text those fonts can draw. Works offline: nothing is fetched from the network.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { getStorage } from '@/server/storage/storage';

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

type PreviewFont = { name: string; data: ArrayBuffer; weight: 400 | 700; style: 'normal' };

const FONT_FILES = ['japanese', 'latin', 'latin-ext'].flatMap((subset) =>
  ([400, 700] as const).map((weight) => ({ subset, weight })),
);
let fonts: Promise<PreviewFont[]> | undefined;

/** The fonts for next/og's ImageResponse (read once per process from @fontsource/noto-sans-jp). */
export function previewFonts(): Promise<PreviewFont[]> {
  fonts ??= Promise.all(
    FONT_FILES.map(async ({ subset, weight }) => {
      const file = path.join(
        process.cwd(),
        'node_modules',
        '@fontsource',
        'noto-sans-jp',
        'files',
        `noto-sans-jp-${subset}-${weight}-normal.woff`,
      );
      const bytes = await readFile(file);
      return {
        name: 'Noto Sans JP',
        data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
        weight,
        style: 'normal' as const,
      };
    }),
  );
  return fonts;
}

// What the fonts above cover: Latin scripts, common symbols, Japanese (kana, kanji, CJK punctuation, full
// width forms). Anything else would make the renderer try to download a font (impossible offline) and
// draw empty boxes, so those characters are left out.
const DRAWABLE =
  /[\u0020-\u024F\u2013\u2014\u2018-\u201E\u2022\u2026\u20AC\u00A5\u00A3\u3000-\u30FF\u4E00-\u9FFF\uFF01-\uFF9F]/u;

/** `text` without the characters the image font cannot draw, spaces tidied; `fallback` if nothing is left. */
export function drawableText(text: string, fallback: string): string {
  const kept = Array.from(text)
    .map((c) => (DRAWABLE.test(c) ? c : ' '))
    .join('')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,·:-]+|[\s,·:-]+$/g, '')
    .trim();
  return kept || fallback;
}
