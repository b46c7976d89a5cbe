// A printable / shareable poster (PNG): product, price and a QR code of the group link. WeChat has no
// share intent, so a saved poster sent in a chat is its way in. ?i= puts the sharer's invite code in the QR.
import { ImageResponse } from 'next/og';
import { getDeps } from '@/server/deps';
import { previewFonts, productImageDataUrl } from '@/server/share/preview-assets';
import { qrPng } from '@/server/share/qr';
import { groupShareUrl } from '@/server/share/share-message';
import { sharerInvite } from '@/server/share/sharer-invite';
import { findGroup } from '@/app/g/[code]/load';
import { previewFacts } from '@/app/g/[code]/preview-card';

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
  const [image, qr, fonts] = await Promise.all([
    productImageDataUrl(s.deal.imageUrl),
    qrPng(link, 520),
    previewFonts(),
  ]);
  const f = previewFacts(s, new Date());
  return new ImageResponse(
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
        {image ? (
          // eslint-disable-next-line @next/next/no-img-element
          <img
            src={image}
            width={300}
            height={300}
            alt=""
            style={{ width: 300, height: 300, borderRadius: 28, objectFit: 'cover', marginRight: 36 }}
          />
        ) : null}
        <div style={{ display: 'flex', flexDirection: 'column', width: 560 }}>
          <div style={{ fontSize: 46, lineHeight: 1.15, display: 'flex' }}>{f.title}</div>
          <div style={{ fontSize: 88, marginTop: 16, display: 'flex' }}>{f.price}</div>
          <div style={{ fontSize: 32, color: '#57534e', display: 'flex' }}>
            <span style={{ textDecoration: 'line-through', marginRight: 16 }}>{f.listPrice}</span>
            {f.savePercent > 0 ? <span style={{ color: '#166534' }}>{`Save ${f.savePercent}%`}</span> : null}
          </div>
        </div>
      </div>
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img
        src={`data:image/png;base64,${qr.toString('base64')}`}
        width={520}
        height={520}
        alt=""
        style={{ marginTop: 40, borderRadius: 16 }}
      />
      <div style={{ fontSize: 40, marginTop: 24, display: 'flex' }}>Scan to join the group</div>
      <div
        style={{ fontSize: 30, color: '#57534e', marginTop: 8, display: 'flex' }}
      >{`${f.joined} · ${f.next}${f.timeLeft ? ` · ${f.timeLeft}` : ''}`}</div>
    </div>,
    {
      width: W,
      height: H,
      fonts,
      headers: {
        'content-disposition': `inline; filename="flock-${s.code}.png"`,
        'cache-control': 'private, max-age=60',
      },
    },
  );
}
