// Prometheus scrape endpoint (server/ops/metrics.ts). With METRICS_TOKEN set, only `Authorization: Bearer
// <token>` reads it; in production it is closed until a token is set (server/ops/metrics-access.ts). Edit
// only to change what the web instance serves here.
import { getDeps } from '@/server/deps';
import { getEnv } from '@/server/env';
import { metricsAccess } from '@/server/ops/metrics-access';
import { metrics, watchDeps } from '@/server/ops/metrics';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(req: Request) {
  const access = metricsAccess(req.headers.get('authorization'), getEnv());
  if (!access.ok) return new Response(access.body, { status: access.status, headers: access.headers });
  watchDeps(getDeps());
  const { registry } = metrics();
  return new Response(await registry.metrics(), {
    headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' },
  });
}
