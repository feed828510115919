// A run's own directory, and the pruning of directories whose runs are over (never one whose owner still runs, nor
// the latest run of a scenario, which <state>/scenarios/<id> links to).
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { identify } from '../os/process-identity.js';
import { claimScenarioDir, flushRunner, holdComponent, prunedRuns, releaseComponent, thisRun } from './run-registry.js';

function runDir(state: string, id: string, owner: object): string {
  const dir = join(state, 'runs', id);
  mkdirSync(join(dir, 'some-scenario'), { recursive: true });
  writeFileSync(join(dir, 'owner.json'), JSON.stringify(owner));
  return dir;
}

describe('run registry', () => {
  it('prunes finished runs, keeping those whose owner runs and the latest of each scenario', async () => {
    const state = mkdtempSync(join(tmpdir(), 'mtls-registry-'));
    const sleeper = execa('sleep', ['30'], { reject: false });
    // Bounded poll until the child has become `sleep` (it is node's fork until it execs).
    for (const deadline = Date.now() + 10_000; !identify(sleeper.pid!)?.cmdline.startsWith('sleep'); ) {
      if (Date.now() > deadline) throw new Error('sleep 30 did not start within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const alive = identify(sleeper.pid!)!;
    const over = runDir(state, 'over', { pid: 999_999, startTime: '1', cmdline: 'gone' });
    const reused = runDir(state, 'reused', { ...alive, startTime: String(Number(alive.startTime) + 7) });
    const running = runDir(state, 'running', alive);
    const latest = runDir(state, 'latest', { pid: 999_998, startTime: '1', cmdline: 'gone' });
    mkdirSync(join(state, 'scenarios'), { recursive: true });
    symlinkSync('../runs/latest/some-scenario', join(state, 'scenarios', 'some-scenario'));
    // What an earlier run had set aside and not deleted before it ended.
    const leftOver = join(state, 'runs', '.removing-1-2-older');
    mkdirSync(join(leftOver, 'some-scenario'), { recursive: true });

    const mine = thisRun(state);
    // Gone from where runs are looked for at once; deleted in the background.
    expect(existsSync(over)).toBe(false);
    expect(existsSync(reused)).toBe(false); // its pid now belongs to another process
    expect(existsSync(running)).toBe(true);
    expect(existsSync(latest)).toBe(true);
    expect(existsSync(join(mine.dir, 'owner.json'))).toBe(true);
    await prunedRuns(state);
    expect(readdirSync(join(state, 'runs')).sort()).toEqual(['latest', mine.id, 'running'].sort());
    sleeper.kill();
    await sleeper;
  });

  it('gives each prepare of a scenario its own directory and links the latest', () => {
    const state = mkdtempSync(join(tmpdir(), 'mtls-registry-'));
    const first = claimScenarioDir(state, 'nlb-tcp-passthrough');
    const second = claimScenarioDir(state, 'nlb-tcp-passthrough');
    expect(first.dir).toBe(join(thisRun(state).dir, 'nlb-tcp-passthrough'));
    expect(second.dir).toBe(join(thisRun(state).dir, 'nlb-tcp-passthrough.2'));
    mkdirSync(second.dir, { recursive: true });
    expect(realpathSync(join(state, 'scenarios', 'nlb-tcp-passthrough'))).toBe(realpathSync(second.dir));
    expect(readlinkSync(join(state, 'scenarios', 'nlb-tcp-passthrough'))).toMatch(/^\.\.\/runs\//);
    first.release();
    expect(claimScenarioDir(state, 'nlb-tcp-passthrough').dir).toBe(first.dir);
  });

  it('leaves a real directory where the link would go, with what is in it', () => {
    const state = mkdtempSync(join(tmpdir(), 'mtls-registry-'));
    const folder = join(state, 'scenarios', 'alb-tls-termination');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'scenario.ts'), '// someone else’s file');
    const claimed = claimScenarioDir(state, 'alb-tls-termination');
    expect(claimed.dir).toBe(join(thisRun(state).dir, 'alb-tls-termination'));
    expect(readFileSync(join(folder, 'scenario.ts'), 'utf8')).toBe('// someone else’s file');
  });

  it('writes the runner record when the first component is held, rewrites it in bursts, removes it with the last', () => {
    const state = mkdtempSync(join(tmpdir(), 'mtls-registry-'));
    const file = join(thisRun(state).dir, 'runner.json');
    const listed = () => (JSON.parse(readFileSync(file, 'utf8')) as { components: string[] }).components;
    expect(existsSync(file)).toBe(false);
    holdComponent(state, 'web-1');
    expect(listed()).toEqual(['web-1']);
    holdComponent(state, 'alb-1');
    releaseComponent(state, 'web-1');
    flushRunner(state);
    expect(listed()).toEqual(['alb-1']);
    releaseComponent(state, 'alb-1');
    expect(existsSync(file)).toBe(false);
    flushRunner(state); // nothing due: the record stays gone
    expect(existsSync(file)).toBe(false);
  });
});
