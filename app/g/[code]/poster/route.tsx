// The group's poster (PNG) in the language the request carries (saved choice, Accept-Language): the
// address older pages linked. The group page now links ./[locale]/route.tsx, in the viewer's language, so
// a poster link saved or passed on keeps that language. ?i= puts the sharer's invite code in the QR.
import { getLocale } from 'next-intl/server';
import { DEFAULT_LOCALE, isLocale } from '@/i18n/locales';
import { posterResponse } from './poster-response';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, ctx: { params: Promise<{ code: string }> }) {
  const { code } = await ctx.params;
  const locale = await getLocale();
  return posterResponse(req, code, isLocale(locale) ? locale : DEFAULT_LOCALE);
}
