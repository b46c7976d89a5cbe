// The group's link preview in the language its address names (/g/<code>/og/<version>/<locale>): the
// group page's metadata links it in the page's language, because chat apps fetch previews with no cookie
// and no useful Accept-Language. The version changes with the tier and the count, so apps that cache
// previews forever fetch the new price; any version serves the current state (an old URL never 404s).
// A language Flock does not speak falls back to the request's, as the address without one does.
import { getLocale } from 'next-intl/server';
import { closestLocale, DEFAULT_LOCALE, isLocale } from '@/i18n/locales';
import { previewImageResponse } from '@/app/g/[code]/og/preview-image';

export const dynamic = 'force-dynamic';

export async function GET(
  _req: Request,
  ctx: { params: Promise<{ code: string; version: string; locale: string }> },
) {
  const { code, locale: tag } = await ctx.params;
  const named = closestLocale(decodeURIComponent(tag));
  if (named) return previewImageResponse(code, named, false);
  const requested = await getLocale();
  return previewImageResponse(code, isLocale(requested) ? requested : DEFAULT_LOCALE, true);
}
