// Request body limits enforced on the wire by the server entry (tools/server.ts), before Next.js: Next's
// proxy step copies a request body in full before a route handler runs, so a route alone cannot stop
// reading. Past a path's limit the request gets a 413 and its connection is closed, whatever
// Content-Length claims (chunked bodies have none). Edit when a route gains a body limit.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestLocale, sayIn } from '@/server/localize-error';
import { MAX_IMAGE_BYTES } from '@/server/storage/store-image';

/** The image limit plus room for the multipart framing (boundaries, part headers, a file name). */
export const UPLOAD_BODY_LIMIT = MAX_IMAGE_BYTES + 64 * 1024;

/** Byte limits by exact path; other paths are not limited here. */
const LIMITS: ReadonlyMap<string, number> = new Map([['/api/merchant/upload', UPLOAD_BODY_LIMIT]]);

/** The body limit for a request URL ("/api/merchant/upload?x" → its limit), or null. */
export function bodyLimitFor(url: string | undefined): number | null {
  const path = (url ?? '').split('?')[0] ?? '';
  return LIMITS.get(path) ?? null;
}

function refuse(req: IncomingMessage, res: ServerResponse): void {
  if (res.headersSent) {
    req.socket.destroy();
    return;
  }
  // Said in the uploader's language: this runs before the proxy, so from their saved choice and browser.
  const headers = new Headers();
  for (const name of ['cookie', 'accept-language']) {
    const value = req.headers[name];
    if (typeof value === 'string') headers.set(name, value);
  }
  const body = JSON.stringify({ error: sayIn(requestLocale(headers), { key: 'upload.bodyTooLarge' }) });
  res.writeHead(413, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    connection: 'close',
  });
  res.end(body, () => req.socket.destroy());
}

/**
 * Caps the body of `req` at its path's limit: a declared Content-Length over it is refused at once;
 * otherwise bytes are counted as the HTTP parser hands them over and, past the limit, the rest is
 * dropped, the client gets a 413 and the connection closes. Returns true when the request was refused
 * before anything was read (do not hand it on).
 */
export function limitRequestBody(req: IncomingMessage, res: ServerResponse): boolean {
  const limit = bodyLimitFor(req.url);
  if (limit === null) return false;
  if (Number(req.headers['content-length'] ?? '0') > limit) {
    refuse(req, res);
    return true;
  }
  let received = 0;
  let over = false;
  const push = req.push.bind(req);
  req.push = (chunk: unknown, encoding?: BufferEncoding): boolean => {
    if (over) return false;
    if (chunk !== null && (chunk instanceof Uint8Array || typeof chunk === 'string')) {
      received += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
      if (received > limit) {
        over = true;
        refuse(req, res);
        return false;
      }
    }
    return push(chunk, encoding);
  };
  return false;
}
