// The web app manifest (/manifest.webmanifest; Next links it from every page): Flock installs as a standalone
// app, which is what lets an iPhone (iOS 16.4+) with Flock on its Home Screen receive Web Push. Words in the
// reader's language (common.site). Edit when the app's name, colours or icons change.
import type { MetadataRoute } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { BRAND_COLOR, MANIFEST_ICONS } from './icons/brand-mark';

/** The manifest: standalone, opening on the buyer's groups, in the brand colours, with PNG icons. */
export default async function manifest(): Promise<MetadataRoute.Manifest> {
  const [locale, t] = await Promise.all([getLocale(), getTranslations('common.site')]);
  return {
    id: '/',
    name: t('name'),
    short_name: t('name'),
    description: t('description'),
    lang: locale,
    start_url: '/me',
    scope: '/',
    display: 'standalone',
    theme_color: BRAND_COLOR,
    // The pages' own background (stone-50 behind white cards).
    background_color: '#fafaf9',
    icons: Object.entries(MANIFEST_ICONS).map(([name, icon]) => ({
      src: `/icons/${name}`,
      sizes: `${icon.size}x${icon.size}`,
      type: 'image/png',
      purpose: icon.shape === 'maskable' ? 'maskable' : 'any',
    })),
  };
}
