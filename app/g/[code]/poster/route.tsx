// A printable / shareable poster (PNG): product, price, the ladder and a QR code of the group link. WeChat has no
// share intent, so a saved poster sent in a chat is its way in. ?i= puts the sharer's invite code in the QR.
import { ImageResponse } from 'next/og';
import { getDeps } from '@/server/deps';
import { previewFonts, productImageDataUrl } from '@/server/share/preview-assets';
import { qrPng } from '@/server/share/qr';
import { groupShareUrl } from '@/server/share/share-message';
import { sharerInvite } from '@/server/share/sharer-invite';
import { findGroup } from '@/app/g/[code]/load';
import { ImagePlaceholder, LadderRow, previewFacts } from '@/app/g/[code]/preview-card';

export const dynamic = 'force-dynamic';

const W = 1080;
const H = 1350;

export async function GET(req: Request, ctx: { params: Promise<{ code: string }> }) {
  const { code } = await ctx.params;
  const s = await findGroup(code);
  if (!s) return new Response('Not found', { status: 404 });
  const deps = getDeps();
  const invite = await sharerInvite(deps, s.code, new URL(req.url).searchParams.get('i'));
  const link = groupShareUrl(deps.appUrl, s.code, { inviteCode: invite, channel: 'poster' });
  const [image, qr] = await Promise.all([productImageDataUrl(s.deal.imageUrl), qrPng(link, 520)]);
  const f = previewFacts(s, new Date());
  const poster = (
    <div
      style={{
        width: '100%',
        height: '100%',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        background: '#fff7ed',
        padding: 56,
        color: '#1c1917',
      }}
    >
      <div style={{ fontSize: 34, color: '#c2410c', letterSpacing: 3, display: 'flex' }}>FLOCK GROUP BUY</div>
      <div style={{ display: 'flex', alignItems: 'center', marginTop: 28 }}>
        <div style={{ display: 'flex', marginRight: 36 }}>
          {image ? (
            // eslint-disable-next-line @next/next/no-img-element
            <img
              src={image}
              width={280}
              height={280}
              alt=""
              style={{ width: 280, height: 280, borderRadius: 28, objectFit: 'cover' }}
            />
          ) : (
            <ImagePlaceholder title={f.title} size={280} />
          )}
        </div>
        <div style={{ display: 'flex', flexDirection: 'column', width: 600 }}>
          <div style={{ fontSize: 46, lineHeight: 1.15, display: 'flex' }}>{f.title}</div>
          {f.price ? <div style={{ fontSize: 88, marginTop: 12, display: 'flex' }}>{f.price}</div> : null}
          <div style={{ fontSize: 32, color: '#57534e', display: 'flex' }}>
            <span style={{ textDecoration: 'line-through', marginRight: 16 }}>{f.listPrice}</span>
            {f.save ? <span style={{ color: '#166534' }}>{f.save}</span> : null}
          </div>
        </div>
      </div>
      <div style={{ display: 'flex', marginTop: 28 }}>
        <LadderRow f={f} size={32} />
      </div>
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img
        src={`data:image/png;base64,${qr.toString('base64')}`}
        width={480}
        height={480}
        alt=""
        style={{ marginTop: 28, borderRadius: 16 }}
      />
      <div style={{ fontSize: 40, marginTop: 20, display: 'flex' }}>{f.scan}</div>
      <div style={{ fontSize: 30, color: '#44403c', marginTop: 8, display: 'flex' }}>{f.line}</div>
      {f.timeLeft ? (
        <div style={{ fontSize: 28, color: '#57534e', marginTop: 4, display: 'flex' }}>{f.timeLeft}</div>
      ) : null}
    </div>
  );
  return new ImageResponse(poster, {
    width: W,
    height: H,
    fonts: previewFonts(poster),
    headers: {
      'content-disposition': `inline; filename="flock-${s.code}.png"`,
      'cache-control': 'private, max-age=60',
    },
  });
}
