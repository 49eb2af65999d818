import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['test/unit/**/*.test.ts', 'test/dom/**/*.test.ts', 'src/**/*.test.ts'],
    benchmark: { include: ['test/bench/**/*.bench.ts'] },
  },
});
