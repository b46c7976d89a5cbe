// Reads a request body up to a byte limit and stops there: the rest is never read, whatever
// Content-Length claims (chunked bodies have none). Edit when a route needs a streaming parser instead.
export type LimitedBody = { ok: true; bytes: Uint8Array<ArrayBuffer> } | { ok: false; received: number };

/** The whole body when it has at most `limit` bytes; otherwise stops reading (cancels the stream) once past it. */
export async function readBodyLimited(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<LimitedBody> {
  if (!body) return { ok: true, bytes: new Uint8Array(0) };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limit) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, received };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(received);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return { ok: true, bytes };
}
