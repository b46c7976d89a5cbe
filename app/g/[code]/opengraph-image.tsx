// The group's link preview (1200×630 PNG): product, current price, progress and time left. Its URL
// carries a version (tier and count) so chat apps that cache previews forever fetch the new price.
import { ImageResponse } from 'next/og';
import { productImageDataUrl } from '@/server/share/preview-assets';
import { loadGroup, previewVersion } from './load';
import { PreviewCard } from './preview-card';

export const size = { width: 1200, height: 630 };
export const contentType = 'image/png';
export const dynamic = 'force-dynamic';

/** One image per state of the group: the id in the URL changes when the price or the count does. */
export async function generateImageMetadata({ params }: { params: { code: string } }) {
  const s = await loadGroup(params.code);
  return [{ id: previewVersion(s), size, contentType, alt: `${s.deal.title}: group price preview` }];
}

export default async function Image({ params }: { params: Promise<{ code: string }>; id: Promise<string> }) {
  const { code } = await params;
  const s = await loadGroup(code);
  const image = await productImageDataUrl(s.deal.imageUrl);
  return new ImageResponse(<PreviewCard s={s} image={image} now={new Date()} />, {
    ...size,
    headers: { 'cache-control': 'public, max-age=60' },
  });
}
