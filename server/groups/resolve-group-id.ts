import { eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { groups } from '@/db/schema';
import { isCodeShaped } from './random-code';

// A group's code never changes, so code → id can be remembered; everything that does change is read
// under the ledger's lock. Bounded: cleared when it grows past CACHE_MAX.
const CACHE_MAX = 10_000;
const caches = new WeakMap<Db, Map<string, string>>();

/** The id of the group behind a link code (codes are generated lowercase), or null. */
export async function resolveGroupId(db: Db, code: string): Promise<string | null> {
  if (!isCodeShaped(code)) return null;
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const hit = cache.get(code);
  if (hit) return hit;
  const variants = [...new Set([code, code.toLowerCase()])];
  const [g] = await db
    .select({ id: groups.id })
    .from(groups)
    .where(variants.length === 1 ? eq(groups.code, code) : inArray(groups.code, variants))
    .limit(1);
  if (!g) return null;
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(code, g.id);
  return g.id;
}
