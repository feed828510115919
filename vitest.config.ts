import { defineConfig } from 'vitest/config';

const exclude = ['node_modules/**', '.sandbox/**', 'dist/**'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        // Pure tests and small real tools (openssl, one server at a time): files run side by side.
        extends: true,
        test: { name: 'unit', include: ['**/*.test.ts'], exclude: [...exclude, '**/*.it.test.ts'] },
      },
      {
        // Integration tests start real nginx/HAProxy/LocalStack/Docker on loopback; one file at a time keeps a
        // 2-core machine from timing out handshakes. They run after the unit files (groupOrder).
        extends: true,
        test: {
          name: 'integration',
          include: ['**/*.it.test.ts'],
          exclude,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
