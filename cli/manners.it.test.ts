// The command line's manners (clig.dev), through the real bin: a closed pipe ends quietly, a typo gets a suggestion
// after the usage, and a run ends with its total line — skipped scenarios saying so.
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { freshState } from '../sandbox/testing/suite.js';

const BIN = new URL('../bin/mtls-sandbox.js', import.meta.url).pathname;
const env = { MTLS_SANDBOX_STATE: freshState('mtls-manners'), NO_COLOR: '1', LANG: 'en_US.UTF-8' };

describe('CLI manners', () => {
  it('`list | head -1` prints one line and no stack trace', async () => {
    const result = await execa('bash', ['-o', 'pipefail', '-c', `node ${BIN} list | head -1`], { env, reject: false });
    expect(result.stdout.split('\n')).toHaveLength(1);
    expect(result.stdout).toMatch(/\S/);
    expect(result.stderr).not.toMatch(/EPIPE|Error|at /);
  });

  it('`rnu` prints the usage, then the error with the suggestion, and exits 2', async () => {
    const result = await execa('node', [BIN, 'rnu'], { env, reject: false });
    expect(result.exitCode).toBe(2);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^mtls-sandbox — /);
    expect(lines.at(-1)).toBe('error: Unknown command "rnu". Did you mean "run"?');
  });

  it('suggests the scenario id meant, and prints the version and per-command help', async () => {
    const typo = await execa('node', [BIN, 'run', 'nlb-tcp-pasthrough'], { env, reject: false });
    expect(typo.exitCode).toBe(2);
    expect(typo.stderr).toContain('Did you mean "nlb-tcp-passthrough"?');
    const version = await execa('node', [BIN, '--version'], { env, reject: false });
    expect(version.stdout).toMatch(/^mtls-sandbox \d+\.\d+\.\d+$/);
    const help = await execa('node', [BIN, 'report', '--help'], { env, reject: false });
    expect(help.stdout).toMatch(/^Usage: mtls-sandbox report/);
    expect(help.stdout).toContain('--format md|html|pdf');
  });

  it('ends a run with the total line, and a skipped scenario says "skipped"', async () => {
    const result = await execa('node', [BIN, 'run', 'nlb-ssm-certificates', '--localstack', 'off'], {
      env,
      reject: false,
    });
    expect(result.exitCode, result.stderr).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    // The honest headline: nothing ran, and why the scenario did not.
    expect(lines.at(-1)).toMatch(
      /^Total, 1 scenario: – no probes ran; 1 scenario skipped \(nlb-ssm-certificates: LocalStack is needed and off: --localstack off\) · [\d.]+ s$/,
    );
    expect(result.stdout).toMatch(/– nlb-ssm-certificates +skipped: /);
    expect(result.stdout).not.toMatch(/0\/0/);
  }, 60_000);
});
