// The client's address with and without trusted proxies: the peer wins unless it is a trusted proxy;
// forged left-hand X-Forwarded-For entries never choose the bucket.
import { describe, expect, it } from 'vitest';
import { clientAddress, normalizeAddress, parseTrustedProxies } from './client-address';

const none = parseTrustedProxies([]);
const nginx = parseTrustedProxies(['10.0.0.0/8']);
const loopback = parseTrustedProxies(['127.0.0.1', '::1']);
const chain = parseTrustedProxies(['10.0.0.0/8', '192.0.2.7', '2001:db8:ff::/48']);

describe('normalizeAddress', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['::FFFF:7f00:1', '127.0.0.1'],
    ['0:0:0:0:0:ffff:192.0.2.1', '192.0.2.1'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['::1', '::1'],
    [' 203.0.113.9 ', '203.0.113.9'],
    ['203.0.113.9:51234', '203.0.113.9'],
    ['[2001:db8::1]:443', '2001:db8::1'],
    ['fe80::1%eth0', 'fe80::1'],
    ['', null],
    ['unknown', null],
    ['127.1', null],
    ['2130706433', null],
    ['999.1.1.1', null],
    ['1.2.3.4.5', null],
    ['1.2.3.4; drop table', null],
    ['::ffff:1.2.3', null],
  ])('%j → %j', (raw, expected) => {
    expect(normalizeAddress(raw)).toBe(expected);
  });
});

describe('clientAddress', () => {
  it.each<[string, string | undefined, string | undefined, typeof none, string | null]>([
    // No trusted proxies: the header is ignored, whatever it says.
    ['direct, no header', '203.0.113.9', undefined, none, '203.0.113.9'],
    ['direct, forged single value', '203.0.113.9', '198.51.100.1', none, '203.0.113.9'],
    ['direct, forged chain', '203.0.113.9', '1.1.1.1, 2.2.2.2', none, '203.0.113.9'],
    ['direct IPv4-mapped peer', '::ffff:127.0.0.1', '10.55.0.2', none, '127.0.0.1'],
    ['direct IPv6 peer', '2001:DB8::5', undefined, none, '2001:db8::5'],
    [
      'untrusted peer in a trusted-looking range is still the client',
      '11.0.0.1',
      '1.2.3.4',
      nginx,
      '11.0.0.1',
    ],
    // Behind nginx on 10.0.0.0/8: the right-most untrusted entry is the client.
    ['nginx appends the client', '10.1.2.3', '203.0.113.9', nginx, '203.0.113.9'],
    [
      'forged left-hand entries are ignored',
      '10.1.2.3',
      '6.6.6.6, 7.7.7.7, 203.0.113.9',
      nginx,
      '203.0.113.9',
    ],
    ['mapped peer matches an IPv4 range', '::ffff:10.1.2.3', '203.0.113.9', nginx, '203.0.113.9'],
    ['mapped client entry is normalised', '10.1.2.3', '::ffff:203.0.113.9', nginx, '203.0.113.9'],
    ['IPv6 client through an IPv4 proxy', '10.1.2.3', '2001:DB8::abcd', nginx, '2001:db8::abcd'],
    ['no header from a trusted proxy: the proxy', '10.1.2.3', undefined, nginx, '10.1.2.3'],
    ['empty header from a trusted proxy: the proxy', '10.1.2.3', '', nginx, '10.1.2.3'],
    ['garbage from a trusted proxy: the proxy', '10.1.2.3', 'evil', nginx, '10.1.2.3'],
    ['garbage left of the client is never reached', '10.1.2.3', 'evil, 203.0.113.9', nginx, '203.0.113.9'],
    [
      'garbage right of trusted hops: the last trusted hop',
      '10.1.2.3',
      '203.0.113.9, evil, 10.9.9.9',
      nginx,
      '10.9.9.9',
    ],
    ['only trusted hops: the left-most one', '10.1.2.3', '10.0.0.5, 10.0.0.6', nginx, '10.0.0.5'],
    // Several proxies (CDN → load balancer → app), IPv4 and IPv6.
    ['two trusted hops', '10.0.0.2', '203.0.113.9, 192.0.2.7', chain, '203.0.113.9'],
    [
      'forged chain before two trusted hops',
      '10.0.0.2',
      '1.1.1.1, 203.0.113.9, 192.0.2.7',
      chain,
      '203.0.113.9',
    ],
    ['IPv6 trusted hop', '2001:db8:ff::1', '2001:db8:1::9', chain, '2001:db8:1::9'],
    // The e2e server trusts loopback so each simulated phone keeps its own address.
    ['loopback proxy (e2e)', '::ffff:127.0.0.1', '10.55.0.2', loopback, '10.55.0.2'],
    ['IPv6 loopback proxy (e2e)', '::1', '10.55.0.3', loopback, '10.55.0.3'],
    ['unknown peer', undefined, '1.2.3.4', nginx, null],
  ])('%s', (_name, peer, xff, trusted, expected) => {
    expect(clientAddress(peer, xff, trusted)).toBe(expected);
  });

  it('reads repeated X-Forwarded-For headers as one list, left to right', () => {
    expect(clientAddress('10.0.0.1', ['6.6.6.6', '203.0.113.9'], nginx)).toBe('203.0.113.9');
  });

  it('a forged header from an untrusted peer never changes the answer', () => {
    const forged = ['1.1.1.1', '1.1.1.1, 2.2.2.2', 'garbage', '::ffff:8.8.8.8', ''];
    for (const xff of forged) expect(clientAddress('198.51.100.20', xff, nginx)).toBe('198.51.100.20');
  });
});

describe('parseTrustedProxies', () => {
  it('reads addresses and ranges, IPv4-mapped ranges as IPv4', () => {
    const t = parseTrustedProxies(['::ffff:10.0.0.0/104']);
    expect(clientAddress('10.200.0.1', '203.0.113.9', t)).toBe('203.0.113.9');
  });

  it('refuses an entry that is not an address or range', () => {
    expect(() => parseTrustedProxies(['10.0.0.0/33'])).toThrow(/TRUSTED_PROXIES/);
    expect(() => parseTrustedProxies(['proxy.local'])).toThrow(/TRUSTED_PROXIES/);
  });
});
