// Image upload for the merchant console: multipart form with one `file` field. Needs a signed-in
// (non-guest) account: a new merchant uploads their logo before their profile exists.
import { getAuth } from '@/server/auth/auth';
import { isDomainError } from '@/server/errors';
import { MAX_IMAGE_BYTES, storeImage } from '@/server/storage/store-image';
import { getStorage } from '@/server/storage/storage';

export const runtime = 'nodejs';

const json = (status: number, body: Record<string, unknown>) => Response.json(body, { status });

export async function POST(req: Request): Promise<Response> {
  const session = await getAuth().api.getSession({ headers: req.headers });
  const anonymous = Boolean((session?.user as { isAnonymous?: boolean | null } | undefined)?.isAnonymous);
  if (!session || anonymous)
    return json(401, { error: 'Please sign in to your merchant account to upload images.' });

  // Refuse an obviously oversized body before reading it (multipart adds a little overhead).
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > MAX_IMAGE_BYTES + 64 * 1024) {
    return json(413, {
      error: `That image is ${(declared / (1024 * 1024)).toFixed(1)} MB; the limit is 2 MB. Try a smaller or compressed photo.`,
    });
  }
  let file: FormDataEntryValue | null;
  try {
    file = (await req.formData()).get('file');
  } catch {
    return json(400, { error: 'Send the image as a form upload with a "file" field.' });
  }
  if (!(file instanceof File)) return json(400, { error: 'Choose an image file to upload.' });
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const stored = await storeImage(getStorage(), bytes);
    return json(201, { url: stored.url, size: stored.size, contentType: stored.contentType });
  } catch (err) {
    // storeImage's sentences are written for the merchant; pass them through.
    if (isDomainError(err)) return json(file.size > MAX_IMAGE_BYTES ? 413 : 415, { error: err.message });
    throw err;
  }
}
