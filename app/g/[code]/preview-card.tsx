// The group's preview card, drawn by next/og (Satori): shared by the Open Graph image and the poster.
// Satori supports a subset of CSS: every element with more than one child needs display: flex.
import { formatMoney } from '@/server/pricing/currency';
import type { GroupSnapshot } from '@/server/groups/get-group-snapshot';
import { drawableText } from '@/server/share/preview-assets';
import { formatTimeLeft } from '@/server/share/time-left';

/** Money as the image font can draw it: "$12.00", "¥780", or "KRW 15,900" when the symbol is not drawable. */
export function drawableMoney(minor: number, currency: string): string {
  const text = formatMoney(minor, currency);
  const drawn = drawableText(text, '');
  return drawn === text
    ? text
    : `${currency} ${drawableText(formatMoney(minor, currency).replace(/[^\d.,]/g, ''), '')}`;
}

/** The facts a preview shows, worded for a glance in a chat. */
export function previewFacts(s: GroupSnapshot, now: Date) {
  const money = (n: number) => drawableMoney(n, s.deal.currency);
  const target = s.next?.minMembers ?? s.ladder[s.ladder.length - 1]?.minMembers ?? s.confirmedCount;
  const left = new Date(s.deadline).getTime() - now.getTime();
  return {
    title: drawableText(s.deal.title, 'Group deal'),
    price: money(s.unitPrice),
    listPrice: money(s.deal.listPrice),
    savePercent: s.savingsPercent,
    progress: target > 0 ? Math.min(1, s.confirmedCount / target) : 1,
    joined: `${s.confirmedCount} joined`,
    next:
      s.status !== 'open'
        ? s.status === 'won'
          ? 'Group won'
          : 'Group closed'
        : s.next
          ? `${s.next.membersNeeded} more ${s.next.membersNeeded === 1 ? 'unlocks' : 'unlock'} ${money(s.next.unitPrice)}`
          : 'Best price unlocked',
    timeLeft: s.status === 'open' ? (left > 0 ? `Ends in ${formatTimeLeft(left)}` : 'Closing now') : '',
  };
}

const BRAND = '#c2410c';

/** The card: product image, title, price (large), list price struck, progress and time left. */
export function PreviewCard({ s, image, now }: { s: GroupSnapshot; image: string | null; now: Date }) {
  const f = previewFacts(s, now);
  return (
    <div
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
      {image ? (
        // eslint-disable-next-line @next/next/no-img-element
        <img
          src={image}
          width={420}
          height={420}
          alt=""
          style={{ width: 420, height: 420, borderRadius: 32, objectFit: 'cover', marginRight: 48 }}
        />
      ) : (
        <div
          style={{
            width: 420,
            height: 420,
            borderRadius: 32,
            background: '#fed7aa',
            marginRight: 48,
            display: 'flex',
          }}
        />
      )}
      <div style={{ display: 'flex', flexDirection: 'column', flex: 1, justifyContent: 'space-between' }}>
        <div style={{ display: 'flex', flexDirection: 'column' }}>
          <div style={{ fontSize: 28, color: BRAND, letterSpacing: 2, display: 'flex' }}>FLOCK GROUP BUY</div>
          <div
            style={{
              fontSize: 44,
              lineHeight: 1.15,
              marginTop: 12,
              display: 'flex',
              maxHeight: 104,
              overflow: 'hidden',
            }}
          >
            {f.title}
          </div>
        </div>
        <div style={{ display: 'flex', alignItems: 'flex-end' }}>
          <div style={{ fontSize: 96, lineHeight: 1, color: '#1c1917', display: 'flex' }}>{f.price}</div>
          <div style={{ display: 'flex', flexDirection: 'column', marginLeft: 20, marginBottom: 6 }}>
            <div style={{ fontSize: 30, color: '#57534e', textDecoration: 'line-through', display: 'flex' }}>
              {f.listPrice}
            </div>
            {f.savePercent > 0 ? (
              <div
                style={{ fontSize: 30, color: '#166534', display: 'flex' }}
              >{`Save ${f.savePercent}%`}</div>
            ) : null}
          </div>
        </div>
        <div style={{ display: 'flex', flexDirection: 'column' }}>
          <div
            style={{ display: 'flex', width: '100%', height: 22, background: '#e7e5e4', borderRadius: 11 }}
          >
            <div
              style={{
                display: 'flex',
                width: `${Math.round(f.progress * 100)}%`,
                height: 22,
                background: BRAND,
                borderRadius: 11,
              }}
            />
          </div>
          <div style={{ display: 'flex', fontSize: 32, marginTop: 14 }}>{`${f.joined} · ${f.next}`}</div>
          {f.timeLeft ? (
            <div style={{ display: 'flex', fontSize: 28, marginTop: 6, color: '#57534e' }}>{f.timeLeft}</div>
          ) : null}
        </div>
      </div>
    </div>
  );
}
