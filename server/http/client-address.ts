// The client's address: who sent a request, for rate limits and session records. The TCP peer is the
// client unless it is a trusted proxy (TRUSTED_PROXIES); then X-Forwarded-For is walked from the right,
// skipping trusted hops, and the first address that is not trusted is the client. Everything left of it
// was written by the client and is never believed. Edit when a new kind of proxy header must be read.
import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;
type Range = [Address, number];

/** Parsed trusted proxy ranges (a single address is a full-length range). */
export type TrustedProxies = readonly Range[];

/** The request header our server entry sets from the socket; the only address header the app reads. */
export const CLIENT_ADDRESS_HEADER = 'x-flock-client-ip';

/** An IPv4-mapped IPv6 address as plain IPv4; everything else unchanged. */
function unmap(a: Address): Address {
  return a.kind() === 'ipv6' && (a as ipaddr.IPv6).isIPv4MappedAddress()
    ? (a as ipaddr.IPv6).toIPv4Address()
    : a;
}

/**
 * Parses one address strictly: dotted-quad IPv4 or IPv6 (zone ids dropped), optionally in brackets or
 * with a port as some proxies write it ("1.2.3.4:567", "[::1]:80"). Anything else is null.
 */
function parseAddress(raw: string): Address | null {
  let s = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(s);
  if (bracketed?.[1]) s = bracketed[1];
  else if (/^[\d.]+:\d{1,5}$/.test(s)) s = s.slice(0, s.lastIndexOf(':'));
  s = s.replace(/%[\w.-]+$/, '');
  if (s.includes(':')) return ipaddr.IPv6.isValid(s) ? unmap(ipaddr.IPv6.parse(s)) : null;
  return ipaddr.IPv4.isValidFourPartDecimal(s) ? ipaddr.IPv4.parse(s) : null;
}

/** The one normal form of an address ("::ffff:127.0.0.1" → "127.0.0.1", IPv6 compressed, lower case), or null for garbage. */
export function normalizeAddress(raw: string): string | null {
  return parseAddress(raw)?.toString() ?? null;
}

/** Parses TRUSTED_PROXIES entries (IPs or CIDR ranges); throws on an entry that is neither. */
export function parseTrustedProxies(entries: readonly string[]): TrustedProxies {
  return entries.map((entry): Range => {
    const e = entry.trim();
    if (!e.includes('/')) {
      const a = parseAddress(e);
      if (!a) throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range.`);
      return [a, a.kind() === 'ipv4' ? 32 : 128];
    }
    if (!ipaddr.isValidCIDR(e))
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range.`);
    const [a, bits] = ipaddr.parseCIDR(e);
    // "::ffff:10.0.0.0/104" is the IPv4 range 10.0.0.0/8: compare in one normal form.
    if (a.kind() === 'ipv6' && (a as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96)
      return [(a as ipaddr.IPv6).toIPv4Address(), bits - 96];
    return [a, bits];
  });
}

function isTrusted(a: Address, trusted: TrustedProxies): boolean {
  return trusted.some(([range, bits]) => range.kind() === a.kind() && a.match(range, bits));
}

/** The entries of one or more X-Forwarded-For header values, left to right. */
function forwardedEntries(xff: string | readonly string[] | null | undefined): string[] {
  const values = typeof xff === 'string' ? [xff] : (xff ?? []);
  return values.flatMap((v) => v.split(',')).map((s) => s.trim());
}

/**
 * The client's address in normal form. `peer` is the TCP peer; when it is not a trusted proxy it is the
 * answer and `xff` is ignored. When it is, `xff` is walked right to left past trusted hops; the first
 * untrusted address is the client. A malformed entry stops the walk (nothing left of it can be
 * believed), and so does running out of entries: the answer is then the last trusted hop reached, so a
 * forged header can only ever put a request in its proxy's bucket, never in a bucket of its choosing.
 * Null only when the peer itself is unknown or unparsable.
 */
export function clientAddress(
  peer: string | null | undefined,
  xff: string | readonly string[] | null | undefined,
  trusted: TrustedProxies,
): string | null {
  const p = peer ? parseAddress(peer) : null;
  if (!p) return null;
  let client: Address = p;
  if (!isTrusted(p, trusted)) return client.toString();
  const entries = forwardedEntries(xff);
  for (let i = entries.length - 1; i >= 0; i--) {
    const hop = parseAddress(entries[i] ?? '');
    if (!hop) break;
    client = hop;
    if (!isTrusted(hop, trusted)) break;
  }
  return client.toString();
}
