import { DomainError } from '@/server/errors';
import { detectImageType } from './detect-image-type';
import type { FileStorage } from './storage';

/** Largest image a merchant may upload (product photos and logos). */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

/** Checks that `bytes` is a PNG, JPEG, WebP or GIF of at most 2 MB, stores it, and returns its /uploads URL. */
export async function storeImage(
  storage: FileStorage,
  bytes: Uint8Array,
): Promise<{ url: string; contentType: string; size: number }> {
  if (bytes.length === 0) throw new DomainError('INVALID_INPUT', 'upload.empty');
  if (bytes.length > MAX_IMAGE_BYTES) {
    // Tenths of a megabyte, rounded, built as a string (no float formatting).
    const tenths = Math.round((bytes.length * 10) / (1024 * 1024));
    const mb = `${Math.floor(tenths / 10)}.${tenths % 10}`;
    throw new DomainError('INVALID_INPUT', 'upload.tooBig', { mb });
  }
  const type = detectImageType(bytes);
  if (!type) throw new DomainError('INVALID_INPUT', 'upload.notImage');
  const name = await storage.put(bytes, type.ext);
  return { url: `/uploads/${name}`, contentType: type.contentType, size: bytes.length };
}
