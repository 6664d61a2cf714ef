import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The browser tests (test/web/*.spec.ts) run under Playwright, after vitest (npm test).
    exclude: ['test/web/**', 'node_modules/**'],
    globalSetup: ['test/global-setup.ts'],
    // Fails a test whose answers differ from the OpenAPI document (test/api/support/openapi-check.ts).
    setupFiles: ['test/support/openapi-after-each.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
