import { defineConfig } from 'vitest/config';

// Conformance against independent oracles in ../shared (tshark field dumps, suricata-verify, ET Open).
export default defineConfig({
  test: {
    include: ['test/conformance/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
