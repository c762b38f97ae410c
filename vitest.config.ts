import { defineConfig } from 'vitest/config';

// Four tiers, one after another (sequence.groupOrder): on two cores, 1,000 timed kills of the
// stress tier must not share the CPU with Chromium or with 10,000-run property tests, and a
// failure in a lower tier is read before the slower ones finish.
export default defineConfig({
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          // Many real host processes at once: alone, after the unit tier.
          name: 'stress',
          include: ['test/stress/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 300_000,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          // Each file starts its own Chromium; on two cores, one at a time is faster overall.
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 90_000,
          sequence: { groupOrder: 2 },
        },
      },
      {
        test: {
          // Chromium headed on an X desktop of its own, with the person's windows watched: last,
          // and alone, since what is measured is what the person would see.
          name: 'headed',
          include: ['test/headed/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          sequence: { groupOrder: 3 },
        },
      },
    ],
  },
});
