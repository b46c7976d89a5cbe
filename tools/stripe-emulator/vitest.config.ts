// Runs only the emulator's tests, without the root config's database setup: `npx vitest run --config tools/stripe-emulator/vitest.config.ts`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tools/stripe-emulator/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    pool: 'forks',
  },
});
