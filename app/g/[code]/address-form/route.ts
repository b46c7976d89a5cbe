// The shipping address form of a group's deal: the countries it ships to (in the reader's language) and the
// fields of the chosen one (?country=JP), from Google's address data. Public: the rules are the post's, the
// countries are on the deal page. Unknown groups and deals that do not ship answer 404.
import { getLocale } from 'next-intl/server';
import { DEFAULT_LOCALE, isLocale } from '@/i18n/locales';
import { findGroup } from '@/app/g/[code]/load';
import { addressLayout, countryChoices } from './layout';
import type { AddressFormAnswer } from './types';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, ctx: { params: Promise<{ code: string }> }) {
  const { code } = await ctx.params;
  const requested = await getLocale();
  const locale = isLocale(requested) ? requested : DEFAULT_LOCALE;
  const s = await findGroup(code);
  const shipsTo = s?.deal.fulfilment.shipping?.countries ?? [];
  if (shipsTo.length === 0) return Response.json({ error: 'not found' }, { status: 404 });
  const countries = countryChoices(shipsTo, locale);
  const asked = new URL(req.url).searchParams.get('country')?.toUpperCase() ?? '';
  const country = countries.find((c) => c.code === asked)?.code;
  const answer: AddressFormAnswer = {
    countries,
    layout: country ? await addressLayout(country, locale) : null,
  };
  return Response.json(answer, {
    headers: { 'cache-control': 'private, max-age=300', vary: 'Cookie, Accept-Language' },
  });
}
