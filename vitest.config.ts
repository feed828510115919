import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', '.sandbox/**', 'dist/**'],
    // Integration tests start real nginx/HAProxy on loopback; running files one at a time keeps
    // a 2-core machine from timing out handshakes and keeps port allocation simple.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
