// The group's QR code as a PNG (scanners, print). ?i= adds the sharer's invite code when it is theirs to give.
import { getDeps } from '@/server/deps';
import { qrPng } from '@/server/share/qr';
import { groupShareUrl } from '@/server/share/share-message';
import { sharerInvite } from '@/server/share/sharer-invite';
import { findGroup } from '@/app/g/[code]/load';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, ctx: { params: Promise<{ code: string }> }) {
  const { code } = await ctx.params;
  const s = await findGroup(code);
  if (!s) return new Response('Not found', { status: 404 });
  const deps = getDeps();
  const invite = await sharerInvite(deps, s.code, new URL(req.url).searchParams.get('i'));
  const png = await qrPng(groupShareUrl(deps.appUrl, s.code, { inviteCode: invite, channel: 'qr' }));
  return new Response(new Uint8Array(png), {
    headers: { 'content-type': 'image/png', 'cache-control': 'private, max-age=300' },
  });
}
