// The group's link preview at an address without a language (/g/<code>/og/<version>): older pages linked
// it so, and it still answers, in the language the request carries (saved choice, Accept-Language). Pages
// now link /g/<code>/og/<version>/<locale> (./[locale]/route.tsx). Any version serves the current state.
import { getLocale } from 'next-intl/server';
import { DEFAULT_LOCALE, isLocale } from '@/i18n/locales';
import { previewImageResponse } from '@/app/g/[code]/og/preview-image';

export const dynamic = 'force-dynamic';

export async function GET(_req: Request, ctx: { params: Promise<{ code: string; version: string }> }) {
  const { code } = await ctx.params;
  const locale = await getLocale();
  return previewImageResponse(code, isLocale(locale) ? locale : DEFAULT_LOCALE, true);
}
