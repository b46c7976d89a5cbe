// The apple-touch-icon (180×180) an iPhone shows for Flock on its Home Screen; Next links it from every page.
// Drawn by app/icons/brand-mark.tsx. Edit when the brand mark changes.
import { brandIcon } from './icons/brand-mark';

export const size = { width: 180, height: 180 };
export const contentType = 'image/png';

/** The Home Screen icon: full-bleed (iOS rounds the corners). */
export default function AppleIcon() {
  return brandIcon(180, 'full');
}
