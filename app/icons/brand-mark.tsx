// Flock's app icons as PNGs, drawn from the brand mark of app/icon.svg (two people on the brand orange) by
// next/og, with nothing fetched: the home-screen icons of the web app manifest (app/manifest.ts) and the
// apple-touch-icon (app/apple-icon.tsx). Edit when the brand mark changes (keep app/icon.svg the same).
import { ImageResponse } from 'next/og';

/** The brand orange (Tailwind's brand-600, the theme colour). */
export const BRAND_COLOR = '#c2410c';

const GLYPH =
  '<circle cx="22" cy="26" r="8" fill="#fff"/><circle cx="42" cy="26" r="8" fill="#fff"/>' +
  '<path d="M8 52c2-10 8-14 14-14s12 4 14 14M28 52c2-10 8-14 14-14s12 4 14 14" fill="#fff"/>';

/**
 * `rounded`: the mark as app/icon.svg draws it, corners transparent (manifest "any" icons).
 * `full`: full-bleed square, the glyph a little smaller (iOS rounds the corners itself).
 * `maskable`: full-bleed, the glyph inside the central safe circle (Android crops to any shape).
 */
export type IconShape = 'rounded' | 'full' | 'maskable';

function markSvg(shape: IconShape): string {
  // The glyph spans x 8–56, y 18–52; scaled about its centre (32, 35) to fit each shape's safe area.
  const scale = shape === 'maskable' ? 0.72 : shape === 'full' ? 0.86 : 1;
  const background =
    shape === 'rounded'
      ? `<rect width="64" height="64" rx="14" fill="${BRAND_COLOR}"/>`
      : `<rect width="64" height="64" fill="${BRAND_COLOR}"/>`;
  const glyph = `<g transform="translate(32 32) scale(${scale}) translate(-32 -35)">${GLYPH}</g>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">${background}${glyph}</svg>`;
}

/** Every icon the manifest lists (/icons/<name>): file name → size and shape. */
export const MANIFEST_ICONS: Readonly<Record<string, { size: number; shape: IconShape }>> = {
  'icon-192.png': { size: 192, shape: 'rounded' },
  'icon-512.png': { size: 512, shape: 'rounded' },
  'maskable-192.png': { size: 192, shape: 'maskable' },
  'maskable-512.png': { size: 512, shape: 'maskable' },
};

/** A `size`×`size` PNG of the brand mark in `shape`. */
export function brandIcon(size: number, shape: IconShape): ImageResponse {
  const src = `data:image/svg+xml;base64,${Buffer.from(markSvg(shape)).toString('base64')}`;
  return new ImageResponse(
    <div style={{ display: 'flex', width: '100%', height: '100%' }}>
      {/* eslint-disable-next-line @next/next/no-img-element -- next/og draws <img>, not next/image */}
      <img src={src} width={size} height={size} alt="" />
    </div>,
    {
      width: size,
      height: size,
      headers: { 'cache-control': 'public, max-age=86400' },
    },
  );
}
