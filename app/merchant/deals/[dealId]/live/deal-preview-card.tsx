// A card of the shopper's deal page drawn from the deal itself: photo, title, shop, the price ladder and
// the group rule, in the words the deal page uses (server/share/group-words.ts), in the merchant's language.
import { getLocale, getTranslations } from 'next-intl/server';
import { money } from '@/app/merchant/_lib/format';
import { dealWindowSentence, ladderLine } from '@/server/share/group-words';
import { wordsFor } from '@/server/share/words-for';

type PreviewDeal = {
  title: string;
  description: string;
  imageUrl: string | null;
  currency: string;
  listPrice: number;
  tiers: readonly { minMembers: number; unitPrice: number }[];
  windowSeconds: number;
};

/** The preview card of a deal as shoppers will see it. */
export async function DealPreviewCard({ deal, shopName }: { deal: PreviewDeal; shopName: string }) {
  const first = deal.tiers[0];
  const locale = await getLocale();
  const w = wordsFor(locale);
  const t = await getTranslations('merchant.live');
  return (
    <article
      className="overflow-hidden rounded-2xl bg-white shadow-sm ring-1 ring-stone-200"
      aria-label={t('previewOf', { title: deal.title })}
      data-testid="deal-preview"
    >
      {deal.imageUrl ? <img src={deal.imageUrl} alt="" className="aspect-[4/3] w-full object-cover" /> : null}
      <div className="space-y-2 p-4">
        <p className="text-xs font-semibold tracking-wide text-stone-500 uppercase">{shopName}</p>
        <h3 className="text-lg font-bold">{deal.title}</h3>
        {deal.description ? <p className="text-sm text-stone-700">{deal.description}</p> : null}
        {first ? (
          <p className="text-2xl font-bold text-brand-700">
            {money(first.unitPrice, deal.currency, locale)}{' '}
            <span className="text-sm font-normal text-stone-500 line-through">
              {money(deal.listPrice, deal.currency, locale)}
            </span>
          </p>
        ) : null}
        <p className="text-sm font-medium text-stone-800">{ladderLine(w, deal.tiers, deal.currency)}</p>
        {first ? (
          <p className="text-sm text-stone-600">
            {dealWindowSentence(w, deal.windowSeconds, first.minMembers)}
          </p>
        ) : null}
        <p
          aria-hidden="true"
          className="rounded-lg bg-brand-600 px-4 py-2 text-center text-sm font-semibold text-white"
        >
          {t('startGroup')}
        </p>
      </div>
    </article>
  );
}
