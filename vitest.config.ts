import { defineConfig } from 'vitest/config';

// Unit, golden, property and fuzz-regression tests. Conformance suites against ../shared run from
// vitest.conformance.config.ts (`npm run conformance`), which CI runs after `npm test`.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/conformance/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
