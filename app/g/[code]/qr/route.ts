// The group's QR code as a PNG (scanners, print). ?i= adds the sharer's invite code when it is theirs to give;
// the link carries the requester's language as a hint for whoever scans it (no words are drawn).
import { getLocale } from 'next-intl/server';
import { DEFAULT_LOCALE, isLocale } from '@/i18n/locales';
import { getDeps } from '@/server/deps';
import { qrPng } from '@/server/share/qr';
import { groupShareUrl } from '@/server/share/share-message';
import { sharerInvite } from '@/server/share/sharer-invite';
import { wordsFor } from '@/server/share/words-for';
import { findGroup } from '@/app/g/[code]/load';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, ctx: { params: Promise<{ code: string }> }) {
  const { code } = await ctx.params;
  const requested = await getLocale();
  const locale = isLocale(requested) ? requested : DEFAULT_LOCALE;
  const s = await findGroup(code);
  if (!s)
    return new Response(wordsFor(locale).group('preview.notFound'), {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  const deps = getDeps();
  const invite = await sharerInvite(deps, s.code, new URL(req.url).searchParams.get('i'));
  const hint = locale;
  const png = await qrPng(groupShareUrl(deps.appUrl, s.code, { inviteCode: invite, channel: 'qr', hint }));
  return new Response(new Uint8Array(png), {
    headers: { 'content-type': 'image/png', 'cache-control': 'private, max-age=300' },
  });
}
