import { defineConfig } from 'vitest/config';
import SlowestFirst from './sandbox/testing/slowest-first.js';

const exclude = ['node_modules/**', '.sandbox/**', 'dist/**'];

export default defineConfig({
  test: {
    // The default output, and each project's wall time kept for `npm run bench` (.sandbox/test-times.json).
    reporters: ['default', './sandbox/testing/test-times-reporter.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The slowest files start first, also on a fresh clone (sandbox/testing/slowest-first.ts).
    sequence: { sequencer: SlowestFirst },
    projects: [
      {
        // Pure tests and small real tools (openssl, one server at a time): files run side by side.
        extends: true,
        // The sandbox PKI some of them need is made once per run (sandbox/testing/unit-setup.ts).
        test: {
          name: 'unit',
          include: ['**/*.test.ts'],
          exclude: [...exclude, '**/*.it.test.ts'],
          globalSetup: ['sandbox/testing/unit-setup.ts'],
          // Files share a worker's process and loaded modules: starting a process and loading the same modules again
          // for each of the 120-odd files was a third of the run's CPU. unit-file-setup.ts fails a file that leaves
          // the process changed for the next one.
          isolate: false,
          setupFiles: ['sandbox/testing/unit-file-setup.ts'],
          env: {
            // The UI under test is the React build it ships with (cli/tui/index.ts and the bin set production):
            // about a fifth less CPU per rendered frame than the development build.
            NODE_ENV: 'production',
          },
          maxWorkers: 2,
        },
        // JSX as the product compiles it (tsconfig "react-jsx"): the production build of React has no jsxDEV.
        oxc: { jsx: { runtime: 'automatic', development: false } },
      },
      {
        // Integration tests start real nginx/HAProxy/LocalStack/Docker on loopback. Files run side by side: each has
        // its own state dir and LocalStack port (sandbox/testing/file-setup.ts), the PKI and the templates are made
        // once per run and copied, the Docker engine is started once (sandbox/testing/suite-setup.ts). Most of a
        // file's time is waiting on processes, so more files than cores run at once. After the unit files
        // (groupOrder).
        extends: true,
        test: {
          name: 'integration',
          include: ['**/*.it.test.ts'],
          // A guard against a hang, not a speed check (that is `npm run bench`): on a busy machine a PKI replay or a
          // corrupted-state remake takes 40–60 s, so the guard sits well above that.
          testTimeout: 180_000,
          exclude,
          globalSetup: ['sandbox/testing/suite-setup.ts'],
          setupFiles: ['sandbox/testing/file-setup.ts'],
          maxWorkers: 4,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
