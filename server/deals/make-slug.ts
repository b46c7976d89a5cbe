import { randomInt } from 'node:crypto';

// No 0/o, 1/l/i: the suffix is read aloud and typed from posters.
const SUFFIX_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A URL slug from a title plus a short random suffix, e.g. "Ramen Kit!" → "ramen-kit-x7k2mq". */
export function makeSlug(title: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 48)
    .replace(/^-+|-+$/g, '');
  let suffix = '';
  for (let i = 0; i < 6; i++) suffix += SUFFIX_ALPHABET[randomInt(SUFFIX_ALPHABET.length)] ?? '';
  // Titles with no Latin letters (e.g. Japanese) still get a readable prefix.
  return `${base || 'deal'}-${suffix}`;
}

/** True when `s` could be a slug makeSlug wrote: anything else names no deal and is not looked up. */
export function isSlugShaped(s: string): boolean {
  return /^[a-z0-9-]{1,200}$/.test(s);
}
