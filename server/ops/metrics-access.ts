// Who may read /metrics (the web's app/metrics route and the worker's own listener): with METRICS_TOKEN
// set, only `Authorization: Bearer <token>`; in production it is closed until a token is set. Edit only to
// change access.
import { timingSafeEqual } from 'node:crypto';
import type { Env } from '@/server/env';

export type MetricsAccess =
  { ok: true } | { ok: false; status: 401 | 403; body: string; headers: Record<string, string> };

/** Whether a request with `authorization` may read the metrics under `env`, and what to answer if not. */
export function metricsAccess(
  authorization: string | null | undefined,
  env: Pick<Env, 'METRICS_TOKEN' | 'NODE_ENV'>,
): MetricsAccess {
  const token = env.METRICS_TOKEN;
  if (!token && env.NODE_ENV === 'production')
    return {
      ok: false,
      status: 403,
      body: 'Metrics are closed: set METRICS_TOKEN to read them.\n',
      headers: {},
    };
  if (!token) return { ok: true };
  const given = Buffer.from(authorization?.replace(/^Bearer\s+/i, '') ?? '');
  const want = Buffer.from(token);
  if (given.length === want.length && timingSafeEqual(given, want)) return { ok: true };
  return {
    ok: false,
    status: 401,
    body: 'Give the metrics token as Authorization: Bearer <token>.\n',
    headers: { 'www-authenticate': 'Bearer' },
  };
}
