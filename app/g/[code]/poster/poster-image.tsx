// The group's poster (1080×1350 PNG) as Satori draws it: product, price, the ladder and a QR code of the
// group link, in the language of the reader it is drawn for (`w`). Pure, so tests render it from a snapshot.
import type { GroupSnapshot } from '@/server/groups/get-group-snapshot';
import type { Words } from '@/server/share/group-words';
import { LadderRow, previewFacts, ProductImage } from '@/app/g/[code]/preview-card';

export const POSTER_WIDTH = 1080;
export const POSTER_HEIGHT = 1350;

/** The poster; `qrPng` is the QR code of the link it invites to, `image` the product photo as a data URL. */
export function PosterImage({
  w,
  s,
  image,
  qrPng,
  now,
}: {
  w: Words;
  s: GroupSnapshot;
  image: string | null;
  qrPng: Buffer;
  now: Date;
}) {
  const f = previewFacts(w, s, now);
  return (
    <div
      lang={f.locale}
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
      <div style={{ fontSize: 34, color: '#c2410c', letterSpacing: 3, display: 'flex' }}>{f.brand}</div>
      <div style={{ display: 'flex', alignItems: 'center', marginTop: 28 }}>
        <div style={{ display: 'flex', marginRight: 36 }}>
          <ProductImage image={image} title={f.title} size={280} radius={28} />
        </div>
        <div style={{ display: 'flex', flexDirection: 'column', width: 600 }}>
          <div lang={f.titleLang} style={{ fontSize: 46, lineHeight: 1.15, display: 'flex' }}>
            {f.title}
          </div>
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
        src={`data:image/png;base64,${qrPng.toString('base64')}`}
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
}
