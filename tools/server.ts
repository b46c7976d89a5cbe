// The app's HTTP entry: Next.js behind a small node:http server, so every request carries the client's
// address computed from the socket (server/http/client-address.ts) before Next sees it. App Router code
// cannot see the TCP peer, and Next's own X-Forwarded-For keeps whatever the client sent. It also caps
// request bodies on the wire (server/http/body-limit.ts), which a route cannot do. tools/dev.ts
// starts it (`tsx tools/server.ts dev|start`) with the environment ready. Edit when every request needs
// something only the socket knows.
import { createServer } from 'node:http';
import next from 'next';
import { getEnv } from '@/server/env';
import { parseTrustedProxies } from '@/server/http/client-address';
import { limitRequestBody } from '@/server/http/body-limit';
import { gracefulStop, isLiveStream, trackRequests } from '@/server/http/graceful-stop';
import { stampClientAddress } from '@/server/http/stamp-client-address';
import { inProcessWorker } from '@/server/jobs/in-process';
import { log, loggablePath, requestIdFor } from '@/server/ops/log';
import { watchStreams } from '@/server/ops/metrics';

async function main() {
  const dev = process.argv[2] !== 'start';
  const env = getEnv();
  const trusted = parseTrustedProxies(env.TRUSTED_PROXIES);
  const server = createServer();
  const app = next({ dev, port: env.PORT, hostname: 'localhost', httpServer: server });
  const handle = app.getRequestHandler();
  await app.prepare();

  const tracker = trackRequests(server, isLiveStream);
  watchStreams(() => tracker.streams());
  server.on('request', (req, res) => {
    stampClientAddress(req, trusted);
    // One id per request, on the response and on the log line; the join's own line carries it too.
    const reqId = requestIdFor(req.headers['x-request-id']);
    req.headers['x-request-id'] = reqId;
    res.setHeader('x-request-id', reqId);
    const began = performance.now();
    if (!req.url?.startsWith('/_next/'))
      res.once('finish', () =>
        log().info(
          {
            reqId,
            method: req.method,
            path: loggablePath(req.url),
            status: res.statusCode,
            ms: Math.round(performance.now() - began),
          },
          'request',
        ),
      );
    if (limitRequestBody(req, res)) return;
    handle(req, res).catch((err: unknown) => {
      console.error('[flock] request failed:', err instanceof Error ? err.message : err);
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader('content-type', 'text/plain; charset=utf-8');
      }
      res.end('Something went wrong on our side. Please try again.');
    });
  });
  // Listening on every interface (IPv6 and IPv4) keeps localhost, 127.0.0.1 and LAN addresses working.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(env.PORT, () => resolve());
  });
  console.log(
    `[flock] listening on port ${env.PORT}${trusted.length ? ` (trusted proxies: ${env.TRUSTED_PROXIES.join(', ')})` : ''}`,
  );

  // SIGTERM (a deploy, a scale-down): stop accepting, end live streams so browsers reconnect elsewhere,
  // let requests finish, stop the in-process worker (its running jobs finish), exit within 30 s.
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    console.log('[flock] stopping: no new connections; finishing requests and jobs');
    void gracefulStop(server, tracker, {
      drainMs: 20_000,
      deadlineMs: 28_000,
      stopWork: () => inProcessWorker()?.stop() ?? Promise.resolve(),
    })
      .then(({ clean }) => {
        if (!clean) console.error('[flock] stopped with requests or jobs still running (30 s deadline)');
        return app.close();
      })
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error('[flock] could not start the server:', err instanceof Error ? err.message : err);
  process.exit(1);
});
