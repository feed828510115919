// The lab in a real terminal (tmux): `mtls-sandbox up alb-rule-on-mtls-header` opens the UI in the lab; a console
// probe forges X-Amzn-Mtls-Clientcert-Subject; the real AWS CLI, from outside, switches the listener to passthrough;
// the event shows; r re-runs with before and after side by side; a challenge is completed with CLI changes; q leaves —
// and the process that held the topology is gone, by its pid, and its ports refuse. Syncs by polling the pane.
import { execa } from 'execa';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshState } from '../../sandbox/testing/suite.js';
import { tmuxPane } from '../testing/tmux-pane.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/mtls-sandbox.js');
const VENV = process.env.MTLS_SANDBOX_LOCALSTACK_VENV ?? join(ROOT, '.sandbox/localstack-venv');
const AWS = join(VENV, 'bin/aws');
const { session: SESSION, tmux, pane, keys, waitForPane } = tmuxPane('lab-e2e');
const state = freshState('mtls-lab-e2e');

const has =
  (...texts: string[]) =>
  (text: string) =>
    texts.every((t) => text.includes(t));

function saveCapture(name: string, text: string): void {
  const file = join(state, `${name}.txt`);
  writeFileSync(file, text);
  console.log(`tmux capture ${name}: ${file}\n${text}`);
}

/** Whether a process with this pid exists (signal 0 checks without signalling). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const refuses = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', () => resolve(true));
  });

let env: Record<string, string> = {};
const aws = async (...args: string[]) => {
  const result = await execa(AWS, ['elbv2', ...args, '--output', 'json'], {
    env: { ...env, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' },
    reject: false,
  });
  expect(result.exitCode, `aws elbv2 ${args.join(' ')}: ${result.stderr}`).toBe(0);
  return JSON.parse(result.stdout || '{}') as Record<string, Record<string, string>[]>;
};

describe('the lab, end to end', () => {
  beforeAll(async () => {
    expect(existsSync(AWS), `the AWS CLI is not at ${AWS}: run scripts/setup.sh`).toBe(true);
    const clean = [
      'env',
      '-i',
      `PATH=${process.env.PATH}`,
      `HOME=${process.env.HOME ?? '/tmp'}`,
      'TERM=xterm-256color',
      'LANG=C.UTF-8',
      `MTLS_SANDBOX_STATE=${state}`,
      'NO_COLOR=1',
    ];
    const command = `${clean.join(' ')} node ${BIN} up alb-rule-on-mtls-header --localstack off; echo "EXITED:$?"; sleep 120`;
    const started = await tmux('new-session', '-d', '-x', '120', '-y', '45', '-s', SESSION, '-c', ROOT, command);
    expect(started.exitCode, started.stderr).toBe(0);
  });

  afterAll(async () => {
    await tmux('kill-session', '-t', SESSION);
    await tmux('kill-server');
    await execa('node', [BIN, 'down'], { env: { MTLS_SANDBOX_STATE: state }, reject: false });
    for (const name of ['certs', 'scenarios', 'synth-cache', 'cdk.out', 'run', 's3'])
      rmSync(join(state, name), { recursive: true, force: true });
  });

  it('opens up in the lab, probes, sees a CLI change, re-runs, completes a challenge, and leaves nothing', async () => {
    const up = await waitForPane(
      (text) => /● up · \d+ components · ELBv2 API http:\/\/127\.0\.0\.1:\d+/.test(text) && text.includes('ARNs'),
      'the lab, up',
      240_000,
    );
    const endpoint = /ELBv2 API (http:\/\/127\.0\.0\.1:(\d+))/.exec(up)![1]!;
    const apiPort = Number(/ELBv2 API http:\/\/127\.0\.0\.1:(\d+)/.exec(up)![1]);
    expect(up).toContain(`export AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2=${endpoint} AWS_ACCESS_KEY_ID=test`);
    const listenerPort = Number(
      /▶ ?\S* *127\.0\.0\.1:(\d+)|listener HTTPS:443 → 127\.0\.0\.1:(\d+)/.exec(up)?.slice(1).find(Boolean) ?? 0,
    );
    saveCapture('lab-overview', up);
    // The process holding the topology: the pane's shell runs it as its child.
    const shell = Number((await tmux('display', '-p', '-t', SESSION, '#{pane_pid}')).stdout.trim());
    const children = (await execa('ps', ['-o', 'pid=,args=', '--ppid', String(shell)], { reject: false })).stdout;
    const pid = Number(/^\s*(\d+)\s+node .*mtls-sandbox\.js up/m.exec(children)?.[1]);
    expect(pid, children).toBeGreaterThan(0);
    env = {
      AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2: endpoint,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_DEFAULT_REGION: 'us-east-1',
    };

    // The console: clientB, with the ALB's subject header forged (preset 1), then a client without a certificate.
    await keys('Tab');
    await waitForPane(has('› listener', '‹ Alb HTTPS:443 (ALB) ›', 'mutual TLS: verify'), 'the console');
    await keys('Down');
    for (let i = 0; i < 40 && !(await pane()).includes('‹ clientB ›'); i += 1) {
      const before = await pane();
      await keys('Right');
      await waitForPane((text) => text !== before, 'the certificate to change', 5_000);
    }
    await waitForPane(
      has('‹ clientB ›', 'CN=clientB,OU=example.org.unit', 'issued by CN=privateCA'),
      'clientB chosen, with subject and issuer',
    );
    await keys('1');
    await waitForPane(has('headers      X-Amzn-Mtls-Clientcert-Subject: CN=clientA'), 'the forged header');
    await keys('Enter');
    const sent = await waitForPane((text) => /console-1 sent: /.test(text), 'the console probe', 60_000);
    expect(sent).toContain('Result: console-1');
    expect(sent).toContain("-H 'X-Amzn-Mtls-Clientcert-Subject: CN=clientA'");
    saveCapture('lab-console', sent);
    // The rule matched the header clientB wrote: the ALB's own fixed response, "Success!!".
    expect(sent).toContain('ANSWERED by the load balancer — fixed response "Success!!"');
    expect(sent).toContain('rule 100 matched (X-Amzn-Mtls-Clientcert-Subject = *CN=clientA*)');
    for (let i = 0; i < 3 && !(await pane()).includes('‹ none ›'); i += 1) {
      const before = await pane();
      await keys('Left');
      await waitForPane((text) => text !== before, 'the certificate to change', 5_000);
    }
    await waitForPane(has('‹ none ›'), 'no certificate');
    await keys('1'); // the preset off again
    await waitForPane(has('headers      none of its own'), 'no header');
    await keys('Enter');
    await waitForPane((text) => /console-2 sent: RESET/.test(text), 'the client without a certificate reset', 60_000);

    // From outside, with the real AWS CLI: the listener to passthrough.
    const balancer = (await aws('describe-load-balancers')).LoadBalancers![0]!.LoadBalancerArn!;
    const listeners = (await aws('describe-listeners', '--load-balancer-arn', balancer)).Listeners!;
    const listener = listeners.find((entry) => String(entry.Port) === '443')!.ListenerArn!;
    await aws('modify-listener', '--listener-arn', listener, '--mutual-authentication', 'Mode=passthrough');
    const event = await waitForPane(
      has('↻ listener Alb HTTPS:443: mutual authentication verify → passthrough, by ModifyListener'),
      'the event',
    );
    saveCapture('lab-event', event);

    // r: the two probes again, against the listener as it is now; before and after side by side.
    await keys('r');
    const rerun = await waitForPane(
      (text) => text.includes('re-ran 2 probe(s)') && /console-2 +✕ RESET.*→/.test(text),
      'the re-run',
      60_000,
    );
    expect(rerun).toMatch(/console-2 +✕ RESET.* → .*changed/);
    expect(rerun).toMatch(/before +│ after/);
    saveCapture('lab-before-after', rerun);

    // The challenge: not yet; then the CLI moves the hint names; then done.
    await keys('Tab');
    await waitForPane(has('no-header-decides', 'h shows a hint'), 'the challenges');
    await keys('h', 'Enter');
    const notYet = await waitForPane(has('Not yet: 0 of 3 parts hold.'), 'the challenge, not yet', 60_000);
    saveCapture('lab-challenge-not-yet', notYet);
    const rules = (await aws('describe-rules', '--listener-arn', listener)).Rules!;
    await aws('delete-rule', '--rule-arn', rules.find((rule) => rule.Priority === '100')!.RuleArn!);
    const group = (await aws('describe-target-groups')).TargetGroups!.find((g) => /Echo/.test(g.TargetGroupName!))!;
    await aws(
      'modify-listener',
      '--listener-arn',
      listener,
      '--default-actions',
      `Type=forward,TargetGroupArn=${group.TargetGroupArn}`,
    );
    const store = (await aws('describe-trust-stores')).TrustStores![0]!.TrustStoreArn!;
    await aws(
      'modify-listener',
      '--listener-arn',
      listener,
      '--mutual-authentication',
      `Mode=verify,TrustStoreArn=${store}`,
    );
    await waitForPane(has('passthrough → verify, by ModifyListener'), 'the last change');
    await keys('Enter');
    const done = await waitForPane(has('Done: every part of the goal holds.'), 'the challenge, done', 60_000);
    expect(done).toContain('challenge no-header-decides: done — every part holds');
    saveCapture('lab-challenge-done', done);

    // q: stop everything and leave; the process that held the topology is gone, its ports refuse.
    await keys('q');
    await waitForPane(has('EXITED:0'), 'the UI to exit with status 0', 60_000);
    expect(alive(pid)).toBe(false);
    expect(await refuses(apiPort)).toBe(true);
    if (listenerPort > 0) expect(await refuses(listenerPort)).toBe(true);
  }, 600_000);

  it('up in the UI is stopped from outside by mtls-sandbox down, leaving nothing', async () => {
    await tmux('kill-session', '-t', SESSION);
    const command = `env -i PATH=${process.env.PATH} HOME=${process.env.HOME ?? '/tmp'} TERM=xterm-256color LANG=C.UTF-8 MTLS_SANDBOX_STATE=${state} NO_COLOR=1 node ${BIN} up alb-rule-on-mtls-header --localstack off; echo "EXITED:$?"; sleep 60`;
    expect(
      (await tmux('new-session', '-d', '-x', '120', '-y', '45', '-s', SESSION, '-c', ROOT, command)).exitCode,
    ).toBe(0);
    const up = await waitForPane(
      (text) => /● up · \d+ components · ELBv2 API/.test(text),
      'the lab, up again',
      240_000,
    );
    const apiPort = Number(/ELBv2 API http:\/\/127\.0\.0\.1:(\d+)/.exec(up)![1]);
    const shell = Number((await tmux('display', '-p', '-t', SESSION, '#{pane_pid}')).stdout.trim());
    const children = (await execa('ps', ['-o', 'pid=,args=', '--ppid', String(shell)], { reject: false })).stdout;
    const pid = Number(/^\s*(\d+)\s+node .*mtls-sandbox\.js up/m.exec(children)?.[1]);
    expect(pid, children).toBeGreaterThan(0);
    const down = await execa('node', [BIN, 'down'], { env: { MTLS_SANDBOX_STATE: state }, reject: false });
    expect(down.exitCode, down.stderr).toBe(0);
    expect(down.stdout).toMatch(new RegExp(`stopped run \\S+ \\(pid ${pid},`));
    // SIGTERM: the UI stops what it started and exits (143), the terminal given back.
    await waitForPane(has('EXITED:143'), 'the UI to exit', 60_000);
    expect(alive(pid)).toBe(false);
    expect(await refuses(apiPort)).toBe(true);
  }, 400_000);
});
