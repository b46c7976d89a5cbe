// Draws the group's poster in one language; the poster routes beside it choose which. WeChat has no share
// intent, so a saved poster sent in a chat is its way in: the QR code carries the sharer's invite code
// (?i=, when it is theirs to give) and the poster's language as a hint for whoever scans it.
import { ImageResponse } from 'next/og';
import type { Locale } from '@/i18n/locales';
import { getDeps } from '@/server/deps';
import { previewFonts, productImageDataUrl } from '@/server/share/preview-assets';
import { qrPng } from '@/server/share/qr';
import { groupShareUrl } from '@/server/share/share-message';
import { sharerInvite } from '@/server/share/sharer-invite';
import { wordsFor } from '@/server/share/words-for';
import { findGroup } from '@/app/g/[code]/load';
import { groupImageNotFound } from '@/app/g/[code]/preview-card';
import { POSTER_HEIGHT, POSTER_WIDTH, PosterImage } from './poster-image';

/** The poster of group `code` in `locale`, inviting with the invite code in `req`'s ?i= when it is the viewer's. */
export async function posterResponse(req: Request, code: string, locale: Locale): Promise<Response> {
  const w = wordsFor(locale);
  const s = await findGroup(code, locale);
  if (!s) return groupImageNotFound(w);
  const deps = getDeps();
  const invite = await sharerInvite(deps, s.code, new URL(req.url).searchParams.get('i'));
  const link = groupShareUrl(deps.appUrl, s.code, { inviteCode: invite, channel: 'poster', hint: locale });
  const [image, qr] = await Promise.all([productImageDataUrl(s.deal.imageUrl), qrPng(link, 520)]);
  const poster = <PosterImage w={w} s={s} image={image} qrPng={qr} now={new Date()} />;
  return new ImageResponse(poster, {
    width: POSTER_WIDTH,
    height: POSTER_HEIGHT,
    fonts: previewFonts(poster, locale),
    headers: {
      'content-disposition': `inline; filename="flock-${s.code}.png"`,
      'cache-control': 'private, max-age=60',
      'content-language': locale,
    },
  });
}
