// The group's link preview (1200×630 PNG): product, current price, progress and time left. Pages link
// it as /g/<code>/og/<version>, where the version changes with the tier and the count, so chat apps that
// cache previews forever fetch the new price. Any version serves the current state (an old URL never 404s).
// A route handler rather than the opengraph-image file convention: that one fixes the URL at build time.
import { ImageResponse } from 'next/og';
import { previewFonts, productImageDataUrl } from '@/server/share/preview-assets';
import { findGroup } from '@/app/g/[code]/load';
import { PreviewCard } from '@/app/g/[code]/preview-card';

export const dynamic = 'force-dynamic';

export async function GET(_req: Request, ctx: { params: Promise<{ code: string; version: string }> }) {
  const { code } = await ctx.params;
  const s = await findGroup(code);
  if (!s) return new Response('Not found', { status: 404 });
  const image = await productImageDataUrl(s.deal.imageUrl);
  const card = <PreviewCard s={s} image={image} now={new Date()} />;
  return new ImageResponse(card, {
    width: 1200,
    height: 630,
    fonts: previewFonts(card),
    // Short: the URL already changes with the price; this only covers the countdown text.
    headers: { 'cache-control': 'public, max-age=300' },
  });
}
