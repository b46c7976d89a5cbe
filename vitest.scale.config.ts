// The multi-instance test (`npm run test:scale`): test/scale starts its own topology (tools/topology:
// PostgreSQL, PgBouncer, HAProxy, web instances, workers, the emulator), so no shared database here; the
// global setup makes the production build the web instances serve. Edit when scale tests need other setup.
import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['test/scale/**/*.scale.ts'],
    environment: 'node',
    testTimeout: 240_000,
    hookTimeout: 600_000,
    pool: 'forks',
    fileParallelism: false,
    globalSetup: ['./test/scale/build.ts'],
  },
});
