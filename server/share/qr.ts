// QR codes for group links: SVG for the page, PNG for the poster and for scanners in tests.
import { LRUCache } from 'lru-cache';
import QRCode from 'qrcode';

// Medium correction survives a creased print-out or a compressed chat photo without growing the code much.
const OPTIONS = { errorCorrectionLevel: 'M', margin: 2 } as const;

// Drawing a code tries every mask pattern: a few milliseconds of CPU, which a group page opened by a whole
// chat paid on each request for the same link. The codes of the links in use are kept (a few KB each: at most some MB).
const svgCache = new LRUCache<string, string>({ max: 1000 });

/** An SVG QR code for `text`, with a title for screen readers and no fixed size (CSS sizes it). */
export async function qrSvg(text: string, title: string): Promise<string> {
  const key = `${text}\n${title}`;
  const hit = svgCache.get(key);
  if (hit !== undefined) return hit;
  const svg = await drawSvg(text, title);
  svgCache.set(key, svg);
  return svg;
}

async function drawSvg(text: string, title: string): Promise<string> {
  const svg = await QRCode.toString(text, {
    ...OPTIONS,
    type: 'svg',
    color: { dark: '#1c1917', light: '#ffffff' },
  });
  const safeTitle = title.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return svg.replace('<svg ', `<svg role="img" aria-label="${safeTitle}" `);
}

/** A PNG QR code for `text`, `width` pixels wide. */
export function qrPng(text: string, width = 480): Promise<Buffer> {
  return QRCode.toBuffer(text, { ...OPTIONS, type: 'png', width });
}
