import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        bindings: { TEST_MIGRATIONS: await readD1Migrations('migrations'), COUNT_D1_QUERIES: '1' },
      },
    }),
  ],
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    setupFiles: ['./test/helpers/apply-migrations.ts'],
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    // Integration tests drive many real requests (PBKDF2 logins, D1 batches); a busy 2-core CI machine needs room.
    testTimeout: 30_000,
  },
}));
