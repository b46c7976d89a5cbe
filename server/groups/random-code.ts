import { randomBytes } from 'node:crypto';

// Crockford's base32: digits and lowercase letters without i, l, o and u, so a code read aloud or
// copied by hand from a poster has no look-alikes. 5 bits per character: 10 characters = 50 bits.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** A URL-safe random code from a cryptographic source (group codes, personal invite codes). */
export function randomCode(length = 10): string {
  let out = '';
  for (const byte of randomBytes(length)) out += ALPHABET.charAt(byte & 31);
  return out;
}

/** True when `s` could be a code we generated (any case): anything else names no group and is not looked up. */
export function isCodeShaped(s: string): boolean {
  return /^[A-Za-z0-9]{4,32}$/.test(s);
}
