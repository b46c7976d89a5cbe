// Readiness for load balancers and orchestrators: 200 when this instance can serve (server/ops/readiness.ts),
// 503 with the failing checks otherwise. Liveness stays at /api/health.
import { getDeps } from '@/server/deps';
import { readiness } from '@/server/ops/readiness';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET() {
  const r = await readiness(getDeps());
  return Response.json(r, { status: r.ready ? 200 : 503, headers: { 'cache-control': 'no-store' } });
}
