// Who sells: the shop's name, logo, a few words, how to reach it, and its shipping and returns policies,
// on every deal and group page, so a shopper knows whom they trust with a card hold. Server-rendered
// (no client code); the policies fold away with <details>. The shop's own texts are data, shown as the
// merchant wrote them; the card's words are the reader's (group.shop catalog).
import { useTranslations } from 'next-intl';
import type { ShopProfile } from '@/db/schema/shop-profile';

/** The shop's public profile as a card. */
export function ShopCard({
  shop,
  savesCard = false,
}: {
  shop: ShopProfile;
  /** A long window (payment_mode save_card): the card is saved and charged at close, not held. */
  savesCard?: boolean;
}) {
  const t = useTranslations('group.shop');
  const policies = [
    { title: t('shipping'), text: shop.shippingPolicy },
    { title: t('returns'), text: shop.returnsPolicy },
  ].filter((p) => p.text.trim() !== '');
  return (
    <section
      aria-labelledby="shop-heading"
      className="rounded-2xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
      data-testid="shop-card"
    >
      <div className="flex items-center gap-3">
        {shop.logoUrl ? (
          // eslint-disable-next-line @next/next/no-img-element
          <img
            src={shop.logoUrl}
            alt=""
            width={48}
            height={48}
            className="size-12 rounded-full object-cover"
          />
        ) : (
          <span
            aria-hidden="true"
            className="flex size-12 items-center justify-center rounded-full bg-stone-200 text-lg font-bold text-stone-700"
          >
            {shop.name.slice(0, 1).toUpperCase()}
          </span>
        )}
        <div className="min-w-0">
          <p className="text-sm text-stone-600">{t('soldBy')}</p>
          <h2 id="shop-heading" className="truncate text-lg font-semibold">
            {shop.name}
          </h2>
        </div>
      </div>
      {shop.about && <p className="mt-3 whitespace-pre-line text-stone-800">{shop.about}</p>}
      {shop.contactEmail && (
        <p className="mt-2 text-sm">
          {t('questions')}{' '}
          <a href={`mailto:${shop.contactEmail}`} className="font-medium text-brand-700 underline">
            {shop.contactEmail}
          </a>
        </p>
      )}
      {policies.map((p) => (
        <details key={p.title} className="mt-3 border-t border-stone-200 pt-3">
          <summary className="cursor-pointer font-medium">{p.title}</summary>
          <p className="mt-2 text-sm whitespace-pre-line text-stone-700">{p.text}</p>
        </details>
      ))}
      <details className="mt-3 border-t border-stone-200 pt-3">
        <summary className="cursor-pointer font-medium">
          {savesCard ? t('savedCardQuestion') : t('holdQuestion')}
        </summary>
        <p className="mt-2 text-sm text-stone-700">{savesCard ? t('savedCardAnswer') : t('holdAnswer')}</p>
      </details>
    </section>
  );
}
