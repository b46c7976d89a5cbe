// The file storage interface and its default: local disk under ${FLOCK_DATA_DIR}/uploads.
// Edit when another backend (S3, R2) is added; callers only see FileStorage.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { getEnv } from '@/server/env';

export type StoredFile = { bytes: Uint8Array; contentType: string };

export interface FileStorage {
  /** Stores bytes under a new unguessable name ending in `ext`; returns the name. */
  put(bytes: Uint8Array, ext: string): Promise<string>;
  /** Reads a stored file, or null when the name is unknown or not one we could have written. */
  get(name: string): Promise<StoredFile | null>;
}

/** File names we write: 32 hex chars and a short extension. Anything else is refused before touching disk. */
export const STORED_NAME = /^[0-9a-f]{32}\.(png|jpg|webp|gif)$/;

const CONTENT_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
};

/** Storage on the local disk in `dir` (created on first write). */
export function createDiskStorage(dir: string): FileStorage {
  return {
    async put(bytes, ext) {
      const name = `${randomBytes(16).toString('hex')}.${ext}`;
      if (!STORED_NAME.test(name)) throw new Error(`Unsupported extension "${ext}"`);
      await mkdir(/*turbopackIgnore: true*/ dir, { recursive: true });
      // wx: never overwrite an existing file, even on a (practically impossible) name clash.
      await writeFile(path.join(/*turbopackIgnore: true*/ dir, name), bytes, { flag: 'wx' });
      return name;
    },
    async get(name) {
      const match = STORED_NAME.exec(name);
      const contentType = match?.[1] ? CONTENT_TYPES[match[1]] : undefined;
      if (!contentType) return null;
      try {
        return { bytes: await readFile(path.join(/*turbopackIgnore: true*/ dir, name)), contentType };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
  };
}

let shared: FileStorage | undefined;

/** The process-wide storage: ${FLOCK_DATA_DIR}/uploads on local disk. */
export function getStorage(): FileStorage {
  shared ??= createDiskStorage(path.resolve(/*turbopackIgnore: true*/ getEnv().FLOCK_DATA_DIR, 'uploads'));
  return shared;
}
