import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Server-only dependencies are loaded by Node at run time, never bundled (and never sent
  // to the browser): native bindings, WebAssembly and Prisma's generated client need that.
  serverExternalPackages: ['@electric-sql/pglite', 'pglite-prisma-adapter', '@prisma/client'],
  typedRoutes: false,
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
