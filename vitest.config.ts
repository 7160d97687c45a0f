import { defineConfig } from 'vitest/config';

// Two projects: everything on Node, and a smoke suite against real workerd (`wrangler dev`),
// so code that only works on Node fails CI.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'node', include: ['test/**/*.test.ts'], exclude: ['test/workerd/**'], testTimeout: 20_000 } },
      { test: { name: 'workerd', include: ['test/workerd/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000 } },
    ],
  },
});
