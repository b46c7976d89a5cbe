// Draws the group's link preview (1200×630 PNG) in one language; the og routes beside it choose which.
// A route handler rather than the opengraph-image file convention: that one fixes the URL at build time.
import { ImageResponse } from 'next/og';
import type { Locale } from '@/i18n/locales';
import { previewFonts, productImageDataUrl } from '@/server/share/preview-assets';
import { wordsFor } from '@/server/share/words-for';
import { findGroup } from '@/app/g/[code]/load';
import { groupImageNotFound, PreviewCard } from '@/app/g/[code]/preview-card';

/**
 * The preview of group `code` for a reader of `locale`: product, current price, progress and time left.
 * `varies`: the language came from the request (cookie, Accept-Language), not the address, so a shared
 * cache must keep one copy per language signal.
 */
export async function previewImageResponse(code: string, locale: Locale, varies: boolean): Promise<Response> {
  const w = wordsFor(locale);
  const s = await findGroup(code, locale);
  if (!s) return groupImageNotFound(w);
  const image = await productImageDataUrl(s.deal.imageUrl);
  const card = <PreviewCard w={w} s={s} image={image} now={new Date()} />;
  return new ImageResponse(card, {
    width: 1200,
    height: 630,
    fonts: previewFonts(card, locale),
    headers: {
      // Short: the URL already changes with the price; this only covers the countdown text.
      'cache-control': 'public, max-age=300',
      'content-language': locale,
      ...(varies ? { vary: 'Cookie, Accept-Language' } : {}),
    },
  });
}
