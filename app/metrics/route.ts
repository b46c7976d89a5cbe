// Prometheus scrape endpoint (server/ops/metrics.ts). With METRICS_TOKEN set, only `Authorization: Bearer
// <token>` reads it; in production it is closed until a token is set. Edit only to change access.
import { timingSafeEqual } from 'node:crypto';
import { getDeps } from '@/server/deps';
import { getEnv } from '@/server/env';
import { metrics, watchDeps } from '@/server/ops/metrics';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

function allowed(header: string | null, token: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, '') ?? '');
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

export async function GET(req: Request) {
  const env = getEnv();
  const token = env.METRICS_TOKEN;
  if (!token && env.NODE_ENV === 'production')
    return new Response('Metrics are closed: set METRICS_TOKEN to read them.\n', { status: 403 });
  if (token && !allowed(req.headers.get('authorization'), token))
    return new Response('Give the metrics token as Authorization: Bearer <token>.\n', {
      status: 401,
      headers: { 'www-authenticate': 'Bearer' },
    });
  watchDeps(getDeps());
  const { registry } = metrics();
  return new Response(await registry.metrics(), {
    headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' },
  });
}
