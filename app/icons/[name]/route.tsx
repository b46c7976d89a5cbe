// The web app manifest's icons (/icons/icon-192.png …), PNGs drawn by app/icons/brand-mark.tsx. Edit when the
// manifest needs another size or shape.
import { brandIcon, MANIFEST_ICONS } from '../brand-mark';

export const dynamicParams = false;

export function generateStaticParams(): { name: string }[] {
  return Object.keys(MANIFEST_ICONS).map((name) => ({ name }));
}

export async function GET(_req: Request, ctx: { params: Promise<{ name: string }> }) {
  const { name } = await ctx.params;
  const icon = Object.hasOwn(MANIFEST_ICONS, name) ? MANIFEST_ICONS[name] : undefined;
  if (!icon) return new Response(null, { status: 404 });
  return brandIcon(icon.size, icon.shape);
}
