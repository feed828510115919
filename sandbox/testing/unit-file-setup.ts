// Runs before each unit test file (vitest.config.ts setupFiles). Unit files share their worker's process and loaded
// modules (isolate: false; a fresh process per file was a third of the unit run's CPU), so a file must leave the
// process as it found it: the environment, the working directory, real timers, no exit code. One that does not fails
// here, saying what it left changed, instead of changing what the files after it see.
import { afterAll, expect, vi } from 'vitest';

const env = { ...process.env };
const cwd = process.cwd();
const exitCode = process.exitCode;

afterAll(() => {
  expect(vi.isFakeTimers(), 'the file left fake timers on').toBe(false);
  expect(process.cwd(), 'the file left the working directory changed').toBe(cwd);
  expect(process.exitCode, 'the file left process.exitCode set').toBe(exitCode);
  const names = new Set([...Object.keys(env), ...Object.keys(process.env)]);
  const changed = [...names].filter((name) => process.env[name] !== env[name]);
  expect(changed, 'the file left these environment variables changed').toEqual([]);
});
