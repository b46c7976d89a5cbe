'use client';
// A product card in a room: one of the shop's deals with its image, list price and price ladder, and the
// way to buy it together: open a group (from a community, the new group is announced back in it) or join
// one about to fill. Shared by the member room and the staff inbox.
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { formatMoney } from '@/server/pricing/currency';
import type { DealCardView } from '@/server/rooms/types';
import { joinGroupHref, openGroupHref } from './card-links';

/** The card of `card`; `communityCode` when the room is a community. */
export function ProductCard({ card, communityCode }: { card: DealCardView; communityCode: string | null }) {
  const t = useTranslations('rooms.card');
  const locale = useLocale();
  const $ = (n: number) => formatMoney(n, card.currency, locale);
  const first = card.tiers[0];
  return (
    <div
      className="mt-1 max-w-sm overflow-hidden rounded-xl bg-white ring-1 ring-stone-200"
      aria-label={t('label', { title: card.title })}
      role="group"
      data-testid="room-card"
    >
      {card.imageUrl && (
        // eslint-disable-next-line @next/next/no-img-element
        <img
          src={card.imageUrl}
          alt=""
          width={600}
          height={400}
          loading="lazy"
          className="aspect-[3/2] w-full bg-stone-200 object-cover"
        />
      )}
      <div className="space-y-2 p-3">
        <p className="font-semibold text-stone-950">{card.title}</p>
        {/* What a new group costs once it goes ahead (the first bracket, DESIGN rule 3). */}
        {first && (
          <p className="text-lg font-bold text-stone-950">{t('price', { price: $(first.unitPrice) })}</p>
        )}
        <p className="text-sm text-stone-600 line-through">{t('listPrice', { price: $(card.listPrice) })}</p>
        {card.tiers.length > 0 && (
          <div>
            <p className="text-xs font-medium tracking-wide text-stone-500 uppercase">{t('ladder')}</p>
            <ul className="mt-1 space-y-0.5 text-sm">
              {card.tiers.map((tier) => (
                <li key={tier.minMembers} className="flex justify-between gap-3">
                  <span>{t('tier', { count: tier.minMembers, price: $(tier.unitPrice) })}</span>
                </li>
              ))}
            </ul>
          </div>
        )}
        {card.open ? (
          <div className="flex flex-col gap-2 pt-1 sm:flex-row sm:flex-wrap">
            {card.aboutToFill && (
              <Link
                href={joinGroupHref(card.aboutToFill.code)}
                className="rounded-lg bg-brand-600 px-3 py-2 text-center text-sm font-semibold text-white hover:bg-brand-700"
              >
                {t('join')}
                {card.aboutToFill.membersNeeded > 0 && (
                  <span className="block text-xs font-normal">
                    {t('joinNeed', { count: card.aboutToFill.membersNeeded })}
                  </span>
                )}
              </Link>
            )}
            <Link
              href={openGroupHref(card.slug, communityCode)}
              className={
                card.aboutToFill
                  ? 'rounded-lg px-3 py-2 text-center text-sm font-semibold ring-1 ring-stone-300 hover:bg-stone-100'
                  : 'rounded-lg bg-brand-600 px-3 py-2 text-center text-sm font-semibold text-white hover:bg-brand-700'
              }
            >
              {t('open')}
            </Link>
          </div>
        ) : (
          <p className="text-sm text-stone-600">{t('closed')}</p>
        )}
      </div>
    </div>
  );
}
