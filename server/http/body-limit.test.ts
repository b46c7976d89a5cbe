// Upload cut-off: a chunked body far larger than the limit is refused with 413 without being read in
// full, on the wire (the server entry's cap, in front of a handler that reads everything, as Next's
// proxy step does) and in the route handler itself.
import { request as httpRequest, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bodyLimitFor, limitRequestBody, UPLOAD_BODY_LIMIT } from './body-limit';
import { readBodyLimited } from './read-body-limited';

vi.mock('@/server/auth/auth', () => ({
  getAuth: () => ({
    api: { getSession: async () => ({ user: { id: 'u1', isAnonymous: false }, session: { id: 's1' } }) },
  }),
}));

const CHUNK = 64 * 1024;
const HUGE = 200 * 1024 * 1024;

/** An endless-looking body made on demand; `pulled()` says how much was asked for. */
function lazyBody(total: number): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= total) return controller.close();
      pulled += CHUNK;
      controller.enqueue(new Uint8Array(CHUNK).fill(97));
    },
  });
  return { stream, pulled: () => pulled };
}

describe('readBodyLimited', () => {
  it('returns a body within the limit whole', async () => {
    const r = await readBodyLimited(lazyBody(3 * CHUNK).stream, 4 * CHUNK);
    expect(r.ok && r.bytes.byteLength).toBe(3 * CHUNK);
  });

  it('stops pulling just past the limit', async () => {
    const body = lazyBody(HUGE);
    const r = await readBodyLimited(body.stream, UPLOAD_BODY_LIMIT);
    expect(r.ok).toBe(false);
    expect(body.pulled()).toBeLessThanOrEqual(UPLOAD_BODY_LIMIT + 2 * CHUNK);
  });
});

describe('the upload route', () => {
  it('refuses a chunked body far larger than the limit with 413 after reading about the limit', async () => {
    const { POST } = await import('@/app/api/merchant/upload/route');
    const body = lazyBody(HUGE);
    const res = await POST(
      new Request('http://localhost:3000/api/merchant/upload', {
        method: 'POST',
        headers: {
          host: 'localhost:3000',
          origin: 'http://localhost:3000',
          'content-type': 'multipart/form-data; boundary=XX',
        },
        body: body.stream,
        duplex: 'half',
      } as RequestInit),
    );
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toMatch(/2 MB/);
    expect(body.pulled()).toBeLessThanOrEqual(UPLOAD_BODY_LIMIT + 2 * CHUNK);
  });

  it('refuses an upload from another site before reading it', async () => {
    const { POST } = await import('@/app/api/merchant/upload/route');
    const body = lazyBody(HUGE);
    const res = await POST(
      new Request('http://localhost:3000/api/merchant/upload', {
        method: 'POST',
        headers: {
          host: 'localhost:3000',
          origin: 'https://evil.example',
          'content-type': 'multipart/form-data; boundary=XX',
        },
        body: body.stream,
        duplex: 'half',
      } as RequestInit),
    );
    expect(res.status).toBe(403);
    expect(body.pulled()).toBeLessThanOrEqual(CHUNK);
  });
});

describe('limitRequestBody on the wire', () => {
  let server: Server;
  let port = 0;
  let received = 0;

  beforeAll(async () => {
    // Like Next's proxy step: the app reads every byte it is given before answering.
    server = createServer((req, res) => {
      if (limitRequestBody(req, res)) return;
      req.on('data', (c: Buffer) => (received += c.length));
      req.on('end', () => {
        if (!res.headersSent) res.end('read it all');
      });
      req.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  function send(path: string, total: number, headers: Record<string, string> = {}) {
    return new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
      let sent = 0;
      let done = false;
      const req = httpRequest({ host: '127.0.0.1', port, path, method: 'POST', headers });
      const chunk = Buffer.alloc(CHUNK, 97);
      req.on('response', (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => {
          done = true;
          resolve({ status: res.statusCode ?? 0, body, sent });
        });
      });
      req.on('error', (e) => (done ? undefined : reject(e)));
      const pump = () => {
        while (!done && sent < total) {
          sent += CHUNK;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (!done) req.end();
      };
      pump();
    });
  }

  it('limits the upload path only', () => {
    expect(bodyLimitFor('/api/merchant/upload')).toBe(UPLOAD_BODY_LIMIT);
    expect(bodyLimitFor('/api/merchant/upload?x=1')).toBe(UPLOAD_BODY_LIMIT);
    expect(bodyLimitFor('/api/trpc/groups.join')).toBeNull();
  });

  it('cuts a chunked body off just past the limit with a 413, long before it ends', async () => {
    received = 0;
    const r = await send('/api/merchant/upload', HUGE);
    expect(r.status).toBe(413);
    expect(r.body).toMatch(/2 MB/);
    expect(received).toBeLessThanOrEqual(UPLOAD_BODY_LIMIT);
    expect(r.sent).toBeLessThan(HUGE / 4);
  });

  it('refuses a declared Content-Length over the limit before reading', async () => {
    received = 0;
    const r = await send('/api/merchant/upload', 4 * CHUNK, { 'content-length': String(HUGE) });
    expect(r.status).toBe(413);
    expect(received).toBe(0);
  });

  it('lets a body within the limit through, and leaves other paths alone', async () => {
    received = 0;
    expect((await send('/api/merchant/upload', UPLOAD_BODY_LIMIT - CHUNK)).status).toBe(200);
    expect(received).toBe(UPLOAD_BODY_LIMIT - CHUNK);
    received = 0;
    expect((await send('/api/trpc/x', 4 * UPLOAD_BODY_LIMIT)).status).toBe(200);
  });
});
