// The group's poster (PNG) in the language its address names (/g/<code>/poster/<locale>?i=<invite>): the
// group page links it in the viewer's language. A language Flock does not speak falls back to the
// request's. ?i= puts the sharer's invite code in the QR.
import { getLocale } from 'next-intl/server';
import { closestLocale, DEFAULT_LOCALE, isLocale } from '@/i18n/locales';
import { posterResponse } from '../poster-response';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, ctx: { params: Promise<{ code: string; locale: string }> }) {
  const { code, locale: tag } = await ctx.params;
  const requested = await getLocale();
  const locale = closestLocale(decodeURIComponent(tag)) ?? (isLocale(requested) ? requested : DEFAULT_LOCALE);
  return posterResponse(req, code, locale);
}
