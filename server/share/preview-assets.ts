// Assets for the server-drawn images (Open Graph preview, poster): the product image as a data URL and
// text the bundled font can draw. Works offline: nothing is fetched from the network.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { getStorage } from '../storage/storage';

const PUBLIC_FILE = /^\/[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_.-]+)*\.(svg|png|jpe?g|webp|gif)$/;
const TYPES: Record<string, string> = { svg: 'image/svg+xml', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp', gif: 'image/gif' };

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

// The bundled font covers Latin scripts and common symbols; anything else would make the renderer try to
// download a font (impossible offline) and draw empty boxes, so those characters are left out.
const DRAWABLE = /[\u0020-\u024F\u2013\u2014\u2018-\u201E\u2022\u2026\u20AC\u00A5\u00A3]/u;

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
