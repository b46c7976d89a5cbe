// Stopping a web instance without dropping anyone (SIGTERM: a deploy, a scale-down): stop accepting
// connections, end the live-update streams at once so their browsers reconnect (through the load balancer,
// to another instance, resuming from their last event id), let the requests in flight finish, then stop the
// in-process job worker (running jobs finish) and exit, all within a deadline. Edit when shutdown gains a step.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

export type Tracker = {
  /** Requests being answered, live-update streams not counted. */
  inFlight(): number;
  /** Open live-update streams. */
  streams(): number;
  /** Ends every open live-update stream (the client reconnects on its own). */
  endStreams(): void;
};

/** Counts `server`'s requests as they come and go; `isStream` names the long-lived ones (SSE). */
export function trackRequests(server: Server, isStream: (req: IncomingMessage) => boolean): Tracker {
  let inFlight = 0;
  const open = new Set<ServerResponse>();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (isStream(req)) {
      open.add(res);
      res.once('close', () => open.delete(res));
      return;
    }
    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
    });
  });
  return {
    inFlight: () => inFlight,
    streams: () => open.size,
    endStreams() {
      for (const res of open) res.end();
    },
  };
}

/** A live-update subscription (tRPC over SSE) rather than a request that ends by itself. */
export function isLiveStream(req: IncomingMessage): boolean {
  return (
    (req.headers.accept ?? '').includes('text/event-stream') || /^\/api\/trpc\/live\./.test(req.url ?? '')
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Stops `server` gracefully: no new connections, streams ended, in-flight requests given until `drainMs`,
 * then `stopWork` (the job worker) and every connection closed. Resolves by `deadlineMs` whatever happens,
 * with whether everything finished in time.
 */
export async function gracefulStop(
  server: Server,
  tracker: Tracker,
  opts: { drainMs: number; deadlineMs: number; stopWork?: () => Promise<void> },
): Promise<{ clean: boolean }> {
  const started = Date.now();
  const work = (async () => {
    server.close();
    server.closeIdleConnections();
    tracker.endStreams();
    // Keep-alive sockets turn idle as their last answer goes out (the ended streams' too): close them as they do.
    while (tracker.inFlight() > 0 && Date.now() - started < opts.drainMs) {
      await sleep(25);
      server.closeIdleConnections();
    }
    const drained = tracker.inFlight() === 0;
    await opts.stopWork?.();
    server.closeAllConnections();
    return { clean: drained };
  })();
  const deadline = sleep(opts.deadlineMs).then(() => ({ clean: false }));
  return Promise.race([work, deadline]);
}
