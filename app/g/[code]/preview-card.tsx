// The group's preview card, drawn by next/og (Satori): shared by the Open Graph image and the poster, in
// the language of the reader it is drawn for (`w`): every word from the catalogs, money with Intl in that
// locale, the deal's title in that language when the merchant wrote one (the snapshot picked it).
// Satori supports a subset of CSS: every element with more than one child needs display: flex.
import { formatMoney } from '@/server/pricing/currency';
import type { GroupSnapshot } from '@/server/groups/get-group-snapshot';
import { drawableText } from '@/server/share/preview-assets';
import {
  endsInSentence,
  groupMoment,
  groupShortLine,
  ladderSteps,
  savingsBadge,
  scanCallToAction,
  type GroupFacts,
  type Words,
} from '@/server/share/group-words';

const BRAND = '#c2410c';

/**
 * Money in the reader's locale as the image fonts can draw it: "$12.00", "JP¥780" / "￥780", or the ISO code
 * before the number when a symbol is not drawable ("THB 1,290.00").
 */
export function drawableMoney(w: Words, minor: number, currency: string): string {
  const text = formatMoney(minor, currency, w.locale);
  return drawableText(text, '') === text ? text : `${currency} ${text.replace(/[^\d.,]/g, '')}`;
}

/** The language a deal title is written in, as far as its glyphs go: Japanese if it has kana. */
function titleLang(s: GroupSnapshot, title: string): string {
  if (s.deal.titleLocale !== 'en') return s.deal.titleLocale;
  return /[\p{sc=Hira}\p{sc=Kana}]/u.test(title) ? 'ja' : /\p{sc=Han}/u.test(title) ? 'zh-CN' : 'en';
}

/** The group's facts for the words module (server/share/group-words.ts), from its snapshot. */
export function snapshotFacts(s: GroupSnapshot): GroupFacts {
  return {
    currency: s.deal.currency,
    listPrice: s.deal.listPrice,
    tiers: s.ladder,
    confirmedCount: s.confirmedCount,
    status: s.status,
    closeReason: s.closeReason,
    finalUnitPrice: s.finalUnitPrice,
    maxMembers: s.capacity.maxMembers,
    seatsTaken: s.capacity.seatsTaken,
    paymentMode: s.paymentMode,
  };
}

/** The facts a preview shows, worded for a glance in a chat (every sentence from group-words), in `w`'s language. */
export function previewFacts(w: Words, s: GroupSnapshot, now: Date) {
  const f = snapshotFacts(s);
  const m = groupMoment(f);
  const drawable = (text: string) => drawableText(text, '');
  const title = drawableText(s.deal.title, w.group('preview.untitled'));
  const target = s.next?.minMembers ?? s.ladder[s.ladder.length - 1]?.minMembers ?? s.confirmedCount;
  const left = new Date(s.deadline).getTime() - now.getTime();
  // A big price only where someone pays it: open, or closed and going ahead.
  const price =
    m.kind === 'gathering' || m.kind === 'bracket' || m.kind === 'won' || m.kind === 'full'
      ? m.price
      : m.kind === 'closing' && m.price !== null
        ? m.price
        : null;
  return {
    locale: w.locale,
    brand: w.group('preview.brand'),
    title,
    titleLang: titleLang(s, title),
    price: price === null ? null : drawableMoney(w, price, s.deal.currency),
    listPrice: drawableMoney(w, s.deal.listPrice, s.deal.currency),
    save: savingsBadge(w, f),
    steps: ladderSteps(w, f).map((step) => ({ text: drawable(step.short), state: step.state })),
    progress: target > 0 ? Math.min(1, s.confirmedCount / target) : 1,
    line: drawable(groupShortLine(w, f)),
    open: s.status === 'open',
    scan: scanCallToAction(w, f),
    timeLeft: s.status === 'open' ? endsInSentence(w, left) : null,
  };
}

export type PreviewFacts = ReturnType<typeof previewFacts>;

/** The ladder as a row of steps: "$26.00 → $23.00 at 6 → $19.90 at 10", the current one lit. */
export function LadderRow({ f, size }: { f: PreviewFacts; size: number }) {
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', fontSize: size }}>
      {f.steps.map((step, i) => (
        <div key={step.text} style={{ display: 'flex', alignItems: 'center' }}>
          {i > 0 ? (
            // A drawn chevron: the image fonts have no arrow glyph.
            <div
              style={{
                display: 'flex',
                width: size * 0.4,
                height: size * 0.4,
                margin: `0 ${Math.round(size * 0.5)}px 0 ${Math.round(size * 0.3)}px`,
                borderTop: '3px solid #a8a29e',
                borderRight: '3px solid #a8a29e',
                transform: 'rotate(45deg)',
              }}
            />
          ) : null}
          <div
            style={{
              display: 'flex',
              padding: '4px 14px',
              borderRadius: 999,
              background: step.state === 'current' ? BRAND : step.state === 'reached' ? '#fed7aa' : '#ffffff',
              color: step.state === 'current' ? '#ffffff' : '#1c1917',
              border: `2px solid ${step.state === 'ahead' ? '#e7e5e4' : BRAND}`,
            }}
          >
            {step.text}
          </div>
        </div>
      ))}
    </div>
  );
}

/** A stand-in for a deal without a photo: the brand's colour with the product's first letter. */
export function ImagePlaceholder({ title, size }: { title: string; size: number }) {
  return (
    <div
      style={{
        width: size,
        height: size,
        borderRadius: 32,
        background: 'linear-gradient(135deg, #fdba74, #c2410c)',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        color: '#fff7ed',
        fontSize: Math.round(size * 0.45),
        fontWeight: 700,
      }}
    >
      {Array.from(title)[0]?.toUpperCase() ?? 'F'}
    </div>
  );
}

/** The product's photo (a data URL) at `size`, or the stand-in when the deal has none. */
export function ProductImage({
  image,
  title,
  size,
  radius,
}: {
  image: string | null;
  title: string;
  size: number;
  radius: number;
}) {
  if (!image) return <ImagePlaceholder title={title} size={size} />;
  return (
    // eslint-disable-next-line @next/next/no-img-element
    <img
      src={image}
      width={size}
      height={size}
      alt=""
      style={{ width: size, height: size, borderRadius: radius, objectFit: 'cover' }}
    />
  );
}

/** The plain-text answer of an image route for a group that does not exist, in the reader's language. */
export function groupImageNotFound(w: Words): Response {
  return new Response(w.group('preview.notFound'), {
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });
}

/** The card: product image, title, price (large), list price struck, the ladder, progress and time left. */
export function PreviewCard({
  w,
  s,
  image,
  now,
}: {
  w: Words;
  s: GroupSnapshot;
  image: string | null;
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
        background: '#fff7ed',
        padding: 48,
        fontFamily: 'sans-serif',
        color: '#1c1917',
      }}
    >
      <div style={{ display: 'flex', marginRight: 48 }}>
        <ProductImage image={image} title={f.title} size={400} radius={32} />
      </div>
      <div style={{ display: 'flex', flexDirection: 'column', flex: 1, justifyContent: 'space-between' }}>
        <div style={{ display: 'flex', flexDirection: 'column' }}>
          <div style={{ fontSize: 26, color: BRAND, letterSpacing: 2, display: 'flex' }}>{f.brand}</div>
          <div
            lang={f.titleLang}
            style={{
              fontSize: 42,
              lineHeight: 1.15,
              marginTop: 10,
              display: 'flex',
              maxHeight: 98,
              overflow: 'hidden',
            }}
          >
            {f.title}
          </div>
        </div>
        <div style={{ display: 'flex', alignItems: 'flex-end' }}>
          {f.price ? (
            <div style={{ fontSize: 84, lineHeight: 1, color: '#1c1917', display: 'flex' }}>{f.price}</div>
          ) : null}
          <div
            style={{
              display: 'flex',
              flexDirection: 'column',
              marginLeft: f.price ? 20 : 0,
              marginBottom: 4,
            }}
          >
            <div style={{ fontSize: 28, color: '#57534e', textDecoration: 'line-through', display: 'flex' }}>
              {f.listPrice}
            </div>
            {f.save ? <div style={{ fontSize: 28, color: '#166534', display: 'flex' }}>{f.save}</div> : null}
          </div>
        </div>
        <LadderRow f={f} size={26} />
        <div style={{ display: 'flex', flexDirection: 'column' }}>
          {f.open ? (
            <div
              style={{ display: 'flex', width: '100%', height: 18, background: '#e7e5e4', borderRadius: 9 }}
            >
              <div
                style={{
                  display: 'flex',
                  width: `${Math.round(f.progress * 100)}%`,
                  height: 18,
                  background: BRAND,
                  borderRadius: 9,
                }}
              />
            </div>
          ) : null}
          <div style={{ display: 'flex', fontSize: 30, marginTop: 12, lineHeight: 1.2 }}>{f.line}</div>
          {f.timeLeft ? (
            <div style={{ display: 'flex', fontSize: 26, marginTop: 6, color: '#57534e' }}>{f.timeLeft}</div>
          ) : null}
        </div>
      </div>
    </div>
  );
}
