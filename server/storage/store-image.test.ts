import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_IMAGE_BYTES, storeImage } from './store-image';
import { createDiskStorage, type FileStorage } from './storage';

let dir: string;
let storage: FileStorage;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'flock-uploads-'));
  storage = createDiskStorage(dir);
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 13]);

describe('storeImage', () => {
  it.each([
    ['png', PNG, 'image/png'],
    ['jpg', bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF'), 'image/jpeg'],
    ['webp', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), 'image/webp'],
    ['gif', bytes('GIF89a', [1, 0, 1, 0]), 'image/gif'],
  ])('stores a real %s and reads it back with its type', async (ext, data, type) => {
    const stored = await storeImage(storage, data);
    expect(stored.url).toMatch(new RegExp(`^/uploads/[0-9a-f]{32}\\.${ext}$`));
    const back = await storage.get(stored.url.replace('/uploads/', ''));
    expect(back?.contentType).toBe(type);
    expect(Buffer.from(back?.bytes ?? []).equals(Buffer.from(data))).toBe(true);
  });

  it('refuses a file that only pretends to be an image, and stores nothing', async () => {
    const before = await readdir(dir);
    await expect(storeImage(storage, bytes('<svg onload="alert(1)">'))).rejects.toThrow(
      /not an image we can use.*PNG, JPEG, WebP or GIF/,
    );
    await expect(storeImage(storage, bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '))).rejects.toThrow(
      /not an image/,
    );
    await expect(storeImage(storage, new Uint8Array())).rejects.toThrow(/empty/);
    expect(await readdir(dir)).toEqual(before);
  });

  it('refuses an image over 2 MB with its size in the reason, and accepts exactly 2 MB', async () => {
    const big = new Uint8Array(MAX_IMAGE_BYTES + 1);
    big.set(PNG);
    await expect(storeImage(storage, big)).rejects.toThrow('That image is 2.0 MB; the limit is 2 MB');
    const edge = new Uint8Array(MAX_IMAGE_BYTES);
    edge.set(PNG);
    await expect(storeImage(storage, edge)).resolves.toMatchObject({ size: MAX_IMAGE_BYTES });
  });

  it('never reads outside its folder', async () => {
    expect(await storage.get('../../etc/passwd')).toBeNull();
    expect(await storage.get('0123456789abcdef0123456789abcdef.svg')).toBeNull();
    expect(await storage.get('0123456789abcdef0123456789abcdef.png')).toBeNull();
  });
});
