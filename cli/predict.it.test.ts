// `run --predict` with real processes: answers piped in, one a line, in English and in Japanese; each ends with the
// score sheet, writes the answers, and `report --predictions FILE` prints the sheet. Nothing is left running.
import { execa } from 'execa';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freshState } from '../sandbox/testing/suite.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/mtls-sandbox.js');
const state = freshState('mtls-predict');

afterAll(() => rmSync(state, { recursive: true, force: true }));

/** nginx and HAProxy started for our state dir carry its path in their command lines. */
async function ourServers(): Promise<string[]> {
  const { stdout } = await execa('ps', ['-eo', 'args'], { reject: false });
  return stdout.split('\n').filter((line) => line.includes(state) && /nginx|haproxy/.test(line));
}

async function predict(lang: 'en' | 'ja', answers: string) {
  return execa('node', [BIN, 'run', 'nlb-tcp-passthrough', '--predict', '--localstack', 'off', '--lang', lang], {
    cwd: ROOT,
    env: { MTLS_SANDBOX_STATE: state, NO_COLOR: '1' },
    input: answers,
    reject: false,
  });
}

const sheets = () => readdirSync(join(state, 'predictions')).map((name) => join(state, 'predictions', name));

describe('run --predict', () => {
  it('in English: asks before each probe, answers with why and how we know, ends with the score sheet', async () => {
    // nlb-tcp-passthrough: no certificate, HEAD and GET (nginx refuses both), clientA (allowed), untrusted (nginx
    // refuses), PKCS#12.
    const result = await predict('en', '2b\n2b\n1a\n2b\n3a\n');
    expect(result.exitCode, result.stderr).toBe(0);
    const out = result.stdout;
    expect(out).toContain('── Probe 1 of 5 · no-certificate ──');
    expect(out).toContain('  calls Nlb TCP:443 (NLB)');
    expect(out).toContain('    TLS ends at: the target');
    expect(out).toContain('  without a client certificate');
    expect(out).toContain('  3  reset in the handshake');
    expect(out).toContain('  b  the target');
    expect(out).toMatch(
      /── What happened ──\nREFUSED by web-\d — 400 Bad Request\n {2}you said: refused by the target; the target decides {2}✓ right \/ ✓ right/,
    );
    expect(out).toContain('  you said: allowed; the load balancer decides  ✓ right / ✗ wrong');
    expect(out).toMatch(/How we know\n {2}documented · nginx: Module ngx_http_ssl_module/);
    const sheet = out.slice(out.indexOf('══ Score sheet'));
    expect(sheet).toContain('What happens: 4/5 right · who decides: 3/5 right · both: 3/5');
    expect(sheet).toContain('The probes that surprised you');
    expect(sheet).toContain(
      '  ✗ clientA-certificate: you said: allowed; the load balancer decides — the answer: allowed; the target decides',
    );
    expect(sheet).toContain('  ✗ pkcs12-bundle: you said: reset in the handshake; the load balancer decides');
    expect(sheet).toMatch(
      /Your answers are in .*predictions\/nlb-tcp-passthrough-.*\.json; mtls-sandbox report --predictions/,
    );
    expect(await ourServers()).toEqual([]);

    const file = sheets()[0]!;
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { answers: { outcomeRight: boolean }[] };
    expect(saved.answers.map((answer) => answer.outcomeRight)).toEqual([true, true, true, true, false]);
    const report = await execa('node', [BIN, 'report', '--predictions', file], { cwd: ROOT, reject: false });
    expect(report.exitCode, report.stderr).toBe(0);
    expect(report.stdout).toContain('# Predict, then see: nlb-tcp-passthrough');
    expect(report.stdout).toContain('**What happens: 4/5 right · who decides: 3/5 right · both: 3/5**');
    expect(report.stdout).toMatch(
      /\| pkcs12-bundle \| reset in the handshake \/ the load balancer \| allowed \/ the target — ALLOWED — 200 from web-\d \| ✗ ✗ \|/,
    );
  }, 240_000);

  it('in Japanese, with an answer it cannot read and answers that run out, to the score sheet', async () => {
    const before = sheets().length;
    const result = await predict('ja', '2b\nわからない\n');
    expect(result.exitCode, result.stderr).toBe(0);
    const out = result.stdout;
    expect(out).toContain('── プローブ 1/5 · no-certificate ──');
    expect(out).toContain('何が起きる?');
    expect(out).toContain('誰が決める?');
    expect(out).toContain('  数字 1–5 と文字 a か b を入力してください。例 1b。');
    expect(out).toContain('  あなたの予想: ターゲットが拒否。決めるのはターゲット  ✓ 正解 / ✓ 正解');
    expect(out).toContain('  回答なし  ✗ 不正解 / ✗ 不正解');
    const sheet = out.slice(out.indexOf('══ 採点表'));
    expect(sheet).toContain('何が起きるか: 5 問中 1 問正解 · 誰が決めるか: 5 問中 1 問正解 · 両方: 5 問中 1 問');
    expect(sheet).toContain('予想と違ったプローブ');
    expect(sheet).toMatch(/回答は .*\.json にあります。mtls-sandbox report --predictions/);
    expect(sheets().length).toBe(before + 1);
    expect(await ourServers()).toEqual([]);
  }, 240_000);
});
