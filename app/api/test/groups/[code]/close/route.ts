// TEST MODE ONLY: makes a group's deadline pass now and closes it the way the deadline job would, so e2e
// tests see won / failed outcomes without waiting for a real window.
import { eq } from 'drizzle-orm';
import { groups } from '@/db/schema';
import { getDeps } from '@/server/deps';
import { closeGroup } from '@/server/groups/close-group';
import { findGroupByCode } from '@/server/groups/find-group-by-code';
import { refuseCrossSite } from '@/server/http/same-origin';
import { errorResponse, refuseUnlessTestMode } from '@/app/api/test/guard';

export const dynamic = 'force-dynamic';

/** POST → the close result; the settle jobs then capture or release each hold in the background. */
export async function POST(req: Request, ctx: { params: Promise<{ code: string }> }) {
  const refused = refuseUnlessTestMode() ?? refuseCrossSite(req);
  if (refused) return refused;
  const { code } = await ctx.params;
  const deps = getDeps();
  const found = await findGroupByCode(deps.db, code);
  if (!found) return errorResponse(new Error('No such group'), 404);
  try {
    const now = deps.now();
    await deps.db.update(groups).set({ deadline: now }).where(eq(groups.id, found.group.id));
    const result = await closeGroup(deps, found.group.id, 'deadline');
    return Response.json(result);
  } catch (err) {
    return errorResponse(err);
  }
}
