// The catalog parts shoppers' pages hand to the browser: picked exactly, and enough for every client
// component outside the merchant console (which has its own provider with whole catalogs).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { englishErrors, type ErrorKey } from '@/server/errors';
import { storedDeclineKey } from '@/server/groups/decline-refusal';
import { CLIENT_MESSAGES } from './client-messages';
import { MESSAGES, pickMessages } from './messages';
import { LOCALES } from './locales';

/** Every key path of a catalog tree ('payment.declined', ...). */
function keyPaths(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keyPaths(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

/** The app's client components outside the merchant console, with their source. */
function shopperClientFiles(): Array<{ file: string; src: string }> {
  const out: Array<{ file: string; src: string }> = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (p !== path.join('app', 'merchant')) walk(p);
      } else if (/\.tsx?$/.test(e.name)) {
        const src = fs.readFileSync(p, 'utf8');
        if (src.startsWith("'use client'")) out.push({ file: p, src });
      }
    }
  };
  walk('app');
  return out;
}

describe('pickMessages', () => {
  it('hands over a part of a namespace alone, as the catalog has it, in every language', () => {
    for (const locale of LOCALES) {
      const picked = pickMessages(locale, ['common', 'errors.payment']);
      expect(Object.keys(picked)).toEqual(['common', 'errors']);
      expect(picked.errors).toEqual({ payment: MESSAGES[locale].errors.payment });
      expect(picked.common).toBe(MESSAGES[locale].common);
    }
  });

  it('gives the whole namespace when it is picked whole besides a part of it, and leaves the catalog alone', () => {
    const before = JSON.stringify(MESSAGES.en.errors);
    const picked = pickMessages('en', ['errors.payment', 'errors']);
    expect(picked.errors).toBe(MESSAGES.en.errors);
    expect(JSON.stringify(MESSAGES.en.errors)).toBe(before);
  });

  it('refuses a part the catalog does not have', () => {
    expect(() => pickMessages('en', ['errors.noSuchPart'])).toThrow('no catalog part errors.noSuchPart');
  });
});

describe("shoppers' pages", () => {
  it('send the errors catalog only for payment reasons, which is all their client components read of it', () => {
    const readers = shopperClientFiles().filter((f) => /useTranslations\('errors/.test(f.src));
    for (const { file, src } of readers) {
      const namespaces = [...src.matchAll(/useTranslations\('(errors[^']*)'\)/g)].map((m) => m[1] ?? '');
      for (const ns of namespaces) {
        if (ns === 'errors') {
          // A whole-namespace reader words only stored decline reasons (status-banner.tsx).
          expect(src, file).toContain('storedDeclineKey(');
        } else {
          expect(ns.startsWith('errors.payment'), `${file} reads ${ns}`).toBe(true);
        }
      }
    }
    expect(readers.map((r) => r.file)).toContain(path.join('app', 'g', '[code]', 'status-banner.tsx'));
    // Whatever reason a member failed with, its key is a payment one: the part the layout sends.
    const reasons = keyPaths(MESSAGES.en.errors).flatMap((k) => {
      try {
        return [englishErrors.t(k as ErrorKey), `${k} (not a stored reason)`];
      } catch {
        return [`${k} (not a stored reason)`]; // a sentence that needs values is never a stored reason
      }
    });
    for (const reason of [null, ...reasons]) expect(storedDeclineKey(reason)).toMatch(/^payment\./);
    expect(CLIENT_MESSAGES).toContain('errors.payment');
    expect(CLIENT_MESSAGES).not.toContain('errors');
  });
});
