// The worker process's own small HTTP listener (`npm run start:worker` has no web server): /metrics for
// Prometheus, under the same token rule as the web's (metrics-access.ts), and /health. Started by
// server/worker-main.ts when WORKER_METRICS_PORT is set. Edit when a worker-only process needs another endpoint.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Deps } from '@/server/deps';
import { getEnv } from '@/server/env';
import { metricsAccess } from './metrics-access';
import { metrics, watchDeps } from './metrics';

export type WorkerHttp = {
  /** The port it listens on (the one asked for, or the one the OS chose for 0). */
  port: number;
  /** /health answers 503 from now on: the worker is stopping. */
  draining(): void;
  /** Stops listening and closes its connections. */
  close(): Promise<void>;
};

/** Serves /metrics and /health for the worker running on `deps` on `port` (every interface). */
export async function startWorkerHttp(deps: Pick<Deps, 'db'>, port: number): Promise<WorkerHttp> {
  watchDeps(deps);
  let stopping = false;
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/health') {
      res
        .writeHead(stopping ? 503 : 200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
        .end(JSON.stringify({ ok: !stopping, role: 'worker' }));
      return;
    }
    if (path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found.\n');
      return;
    }
    const access = metricsAccess(req.headers.authorization, getEnv());
    if (!access.ok) {
      res.writeHead(access.status, { 'content-type': 'text/plain; charset=utf-8', ...access.headers });
      res.end(access.body);
      return;
    }
    const { registry } = metrics();
    registry.metrics().then(
      (text) =>
        res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' }).end(text),
      (err: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`Metrics failed: ${err instanceof Error ? err.message : String(err)}\n`);
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    draining() {
      stopping = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
