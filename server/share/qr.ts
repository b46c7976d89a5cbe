// QR codes for group links: SVG for the page, PNG for the poster and for scanners in tests.
import QRCode from 'qrcode';

// Medium correction survives a creased print-out or a compressed chat photo without growing the code much.
const OPTIONS = { errorCorrectionLevel: 'M', margin: 2 } as const;

/** An SVG QR code for `text`, with a title for screen readers and no fixed size (CSS sizes it). */
export async function qrSvg(text: string, title: string): Promise<string> {
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
