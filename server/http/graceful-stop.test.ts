// Graceful stop on real sockets: streams end at once (their browsers reconnect elsewhere), a request in
// flight still gets its answer, new connections are refused, the worker stops after the requests, and a
// request that never ends cannot hold the process past the deadline.
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { gracefulStop, isLiveStream, trackRequests } from './graceful-stop';

let server: Server | null = null;
afterEach(() => {
  server?.closeAllConnections();
  server?.close();
  server = null;
});

async function start(slowMs: number, onAnswered: () => void = () => {}) {
  const s = createServer();
  server = s;
  const tracker = trackRequests(s, isLiveStream);
  s.on('request', (req, res) => {
    if (isLiveStream(req)) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: hello\n\n');
      return; // never ends by itself
    }
    setTimeout(() => {
      res.end('done');
      onAnswered();
    }, slowMs);
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as AddressInfo).port;
  return { s, tracker, port };
}

/** GET `path`; resolves with the status, body and when the body ended. */
function fetchRaw(port: number, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string; endedAt: number }>((resolve, reject) => {
    // A connection of its own each time (no keep-alive reuse), as separate browsers would open.
    get({ host: '127.0.0.1', port, path, headers, agent: false }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, endedAt: Date.now() }));
    }).on('error', reject);
  });
}

describe('graceful stop', () => {
  it('ends streams at once, answers the request in flight, refuses new connections, then stops the work', async () => {
    // Recorded by the server as it answers, not by the client as it reads: the worker must stop after the
    // request was answered, whichever of the two processes' callbacks runs first afterwards.
    const order: string[] = [];
    const { s, tracker, port } = await start(300, () => order.push('request'));
    const stream = fetchRaw(port, '/api/trpc/live.group?input=x', { accept: 'text/event-stream' });
    const slow = fetchRaw(port, '/api/trpc/groups.join');
    await new Promise((r) => setTimeout(r, 50));
    expect(tracker.streams()).toBe(1);
    expect(tracker.inFlight()).toBe(1);

    const began = Date.now();
    const stopped = gracefulStop(s, tracker, {
      drainMs: 5_000,
      deadlineMs: 10_000,
      stopWork: async () => {
        order.push('work');
      },
    });
    const ended = await stream;
    expect(ended.body).toContain('data: hello');
    expect(ended.endedAt - began).toBeLessThan(200);
    await expect(fetchRaw(port, '/late')).rejects.toThrow(/ECONNREFUSED/);
    const answered = await slow;
    expect(answered).toMatchObject({ status: 200, body: 'done' });
    expect(await stopped).toEqual({ clean: true });
    expect(order).toEqual(['request', 'work']);
  });

  it('gives up on a request that never ends at the drain time, and returns by the deadline', async () => {
    const { s, tracker, port } = await start(60_000);
    void fetchRaw(port, '/stuck').catch(() => undefined);
    await new Promise((r) => setTimeout(r, 50));
    const began = Date.now();
    let worked = false;
    const r = await gracefulStop(s, tracker, {
      drainMs: 300,
      deadlineMs: 2_000,
      stopWork: async () => {
        worked = true;
      },
    });
    expect(r).toEqual({ clean: false });
    expect(worked).toBe(true);
    expect(Date.now() - began).toBeLessThan(1_500);
  });
});
