// Serves images merchants uploaded (deal photos, logos) from the storage interface.
import { getStorage } from '@/server/storage/storage';

export const runtime = 'nodejs';

export async function GET(
  _req: Request,
  { params }: { params: Promise<{ path: string[] }> },
): Promise<Response> {
  const { path } = await params;
  // Stored names are flat; any nested or odd path is simply not found.
  const name = path.length === 1 ? path[0] : undefined;
  const file = name ? await getStorage().get(name) : null;
  if (!file)
    return new Response('Not found', {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  return new Response(Buffer.from(file.bytes), {
    headers: {
      'content-type': file.contentType,
      'content-length': String(file.bytes.length),
      // Names are random and never reused, so a stored file never changes.
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    },
  });
}
