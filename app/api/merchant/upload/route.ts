// Image upload for the merchant console: multipart form with one `file` field. Needs a signed-in
// (non-guest) account: a new merchant uploads their logo before their profile exists. The body is read
// as it arrives and reading stops past the limit, so an endless (chunked) upload costs at most ~2 MB; the
// server entry enforces the same limit on the wire first (server/http/body-limit.ts).
import { getAuth } from '@/server/auth/auth';
import { isDomainError, type ErrorKey } from '@/server/errors';
import { UPLOAD_BODY_LIMIT } from '@/server/http/body-limit';
import { readBodyLimited } from '@/server/http/read-body-limited';
import { refuseCrossSite } from '@/server/http/same-origin';
import { MAX_IMAGE_BYTES, storeImage } from '@/server/storage/store-image';
import { getStorage } from '@/server/storage/storage';
import { localizeError, requestLocale, sayIn } from '@/server/localize-error';

export const runtime = 'nodejs';

const json = (status: number, body: Record<string, unknown>, headers?: HeadersInit) =>
  Response.json(body, { status, headers });

/** POST's refusals, in the uploader's language (the proxy's locale stamp). */
export async function POST(req: Request): Promise<Response> {
  const locale = requestLocale(req.headers);
  const refuse = (status: number, key: ErrorKey, headers?: HeadersInit) =>
    json(status, { error: sayIn(locale, { key }) }, headers);
  return upload(req, refuse, (err) => localizeError(err, locale).message);
}

type Refuse = (status: number, key: ErrorKey, headers?: HeadersInit) => Response;

/** POST multipart/form-data with `file` → 201 { url, size, contentType }, or 4xx with a sentence. */
async function upload(
  req: Request,
  refuse: Refuse,
  say: (err: Parameters<typeof localizeError>[0]) => string,
): Promise<Response> {
  // The connection is closed after a 413 so the client stops sending the rest of the body.
  const tooLarge = () => refuse(413, 'upload.tooLarge', { connection: 'close' });
  const refused = refuseCrossSite(req);
  if (refused) return refused;
  const session = await getAuth().api.getSession({ headers: req.headers });
  const anonymous = Boolean((session?.user as { isAnonymous?: boolean | null } | undefined)?.isAnonymous);
  if (!session || anonymous) return refuse(401, 'upload.signIn');

  const contentType = req.headers.get('content-type') ?? '';
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) return refuse(400, 'upload.notForm');
  // An honest oversized Content-Length is refused before reading; a dishonest one is caught while reading.
  if (Number(req.headers.get('content-length') ?? '0') > UPLOAD_BODY_LIMIT) return tooLarge();
  let body;
  try {
    body = await readBodyLimited(req.body, UPLOAD_BODY_LIMIT);
  } catch {
    return refuse(400, 'upload.interrupted');
  }
  if (!body.ok) return tooLarge();

  let file: FormDataEntryValue | null;
  try {
    const form = await new Response(body.bytes, { headers: { 'content-type': contentType } }).formData();
    file = form.get('file');
  } catch {
    return refuse(400, 'upload.notForm');
  }
  if (!(file instanceof File)) return refuse(400, 'upload.noFile');
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const stored = await storeImage(getStorage(), bytes);
    return json(201, { url: stored.url, size: stored.size, contentType: stored.contentType });
  } catch (err) {
    // storeImage's sentences are written for the merchant; pass them through.
    if (isDomainError(err)) return json(file.size > MAX_IMAGE_BYTES ? 413 : 415, { error: say(err) });
    return refuse(500, 'upload.saveFailed');
  }
}
