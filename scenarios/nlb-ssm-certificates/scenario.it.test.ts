import { msg } from '../../sandbox/messages.js';
import { english } from '../../cli/testing/english.js';
import { validReport } from '../../sandbox/testing/report-schema.js';
// End to end with real LocalStack (host mode), cdklocal, nginx, HAProxy, openssl and curl: seed 001's NLB with
// certificates from SSM Parameter Store, including a rotation; and the same scenario with LocalStack off.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePki } from '../../certs/pki.js';
import type { RunEvent } from '../../sandbox/events.js';
import { offSession, openLocalStack, type LocalStackSession } from '../../sandbox/localstack/session.js';
import type { ScenarioReport } from '../../sandbox/report.js';
import { runScenario } from '../../sandbox/run.js';
import { freePort } from '../../sandbox/runtime/ports.js';
import { projectRoot } from '../../sandbox/runtime/state-dir.js';
import { probe } from '../../sandbox/testing/run-in-temp.js';
import scenario from './scenario.js';
import { freshState } from '../../sandbox/testing/suite.js';

describe('nlb-ssm-certificates with LocalStack', () => {
  const state = freshState('mtls-ssm');
  let session: LocalStackSession;
  let report: ScenarioReport;
  const events: RunEvent[] = [];
  let serverSerial: string;

  beforeAll(async () => {
    const port = await freePort();
    session = await openLocalStack({
      request: 'host',
      needed: true,
      stateDir: state,
      port,
      env: { AWS_ENDPOINT_URL: `http://127.0.0.1:${port}` },
    });
    const pki = await ensurePki(join(state, 'certs'));
    serverSerial = pki.server.serial;
    report = await runScenario(scenario, {
      stateDir: state,
      pki,
      lang: 'en',
      emit: (event) => events.push(event),
      localstack: session,
    });
  });
  afterAll(async () => {
    await session?.stop();
  });

  it('passes every probe, with LocalStack in host mode', () => {
    expect(report.probes.map((p) => [p.name, p.mismatches])).toEqual(report.probes.map((p) => [p.name, []]));
    expect(report.pass).toBe(true);
    expect(report.skipped).toBeNull();
    expect(report.localstack).toBe('host');
    expect(report.components.map((c) => c.kind).sort()).toEqual(['haproxy', 'localstack', 'nginx', 'nginx']);
  });

  it('deploys the stack with cdklocal and says, resource by resource, where each went', () => {
    expect(report.deployment?.command).toMatch(
      /^AWS_ENDPOINT_URL=http:\/\/127\.0\.0\.1:\d+ AWS_ENDPOINT_URL_S3=.* npx cdklocal deploy --app \S+cdk\.out\/nlb-ssm-certificates --require-approval never .*NlbSsmCertificates$/,
    );
    const where = Object.fromEntries(report.deployment!.resources.map((r) => [r.path, r.where]));
    expect(where).toEqual({
      SslServerCertificate: 'localstack',
      SslServerKey: 'localstack',
      SslClientCertificate: 'localstack',
      Nlb: 'sandbox',
      'Nlb/Tcp443': 'sandbox',
      WebTargets: 'sandbox',
    });
    expect(english(report.deployment!.resources.find((r) => r.path === 'Nlb')?.detail)).toMatch(
      /not in LocalStack's free edition.*HAProxy standing in for the NLB/,
    );
    const steps = events.filter((e) => e.type === 'step').map((e) => (e as { name: string }).name);
    expect(steps).toEqual(expect.arrayContaining(['deploy', 'resource', 'ssm-put', 'init', 'rotate', 'restart']));
    const deploy = events.find(
      (e) => e.type === 'step' && e.name === 'deploy' && /deployed with cdklocal/.test(english(e.detail)),
    );
    expect(english(deploy && 'detail' in deploy ? deploy.detail : null)).toMatch(
      /3 resource\(s\) created in LocalStack, 3 realized by the sandbox \(ELBv2 is not in LocalStack's free edition\)/,
    );
  });

  it('each nginx got its files from SSM through init.sh, before it started', () => {
    for (const target of ['web-1', 'web-2']) {
      // <state>/scenarios/<id> links to this run's own directory, which the rendered files name.
      const dir = realpathSync(join(state, 'scenarios', scenario.id, target));
      expect(readFileSync(join(dir, 'init.sh'), 'utf8')).toContain(
        `echo "\${SSL_SERVER_KEY}" > ${dir}/certs/server_key.key`,
      );
      expect(readFileSync(join(dir, 'certs', 'client_cert.pem'), 'utf8')).toBe(
        `${readFileSync(join(state, 'certs', 'privateCA.crt'), 'utf8')}\n`,
      );
      expect(readFileSync(join(dir, 'nginx.conf'), 'utf8')).toContain(`${dir}/certs/server_cert.cer`);
    }
    const init = events.filter((e) => e.type === 'step' && e.name === 'init');
    expect(init.length).toBe(4); // two at start, two at the restart
  });

  it('client authentication is nginx’s, through the NLB, as in nlb-tcp-passthrough', () => {
    expect(probe(report, 'no-certificate').response?.status).toBe(400);
    expect(probe(report, 'clientA-certificate').target?.details.ssl_client_verify).toBe('SUCCESS');
    expect(probe(report, 'untrusted-ca').target?.details.ssl_client_verify).toMatch(/^FAILED:/);
  });

  it('rotation: a put alone changes nothing; replaced tasks serve the new certificate', () => {
    expect(probe(report, 'server-certificate-from-ssm').handshake.serverCertificateSerial).toBe(serverSerial);
    expect(probe(report, 'put-without-restart').handshake.serverCertificateSerial).toBe(serverSerial);
    const rotated = probe(report, 'rotation-after-restart');
    expect(rotated.handshake.serverCertificateSerial).toMatch(/^[0-9A-F]{40}$/);
    expect(rotated.handshake.serverCertificateSerial).not.toBe(serverSerial);
    expect(rotated.expected).toMatchObject({
      handshake: { serverCertificateSerial: rotated.handshake.serverCertificateSerial },
    });
    expect(rotated.transcript.some((line) => line.startsWith('Serial Number:'))).toBe(true);
    expect(rotated.command).toContain("-w '%{stderr}%{certs}'");
  });

  it('the parameters now hold the rotated certificate', async () => {
    const parameter = await session.client!.getParameter('SSL_SERVER_CERTIFICATE');
    expect(parameter?.version).toBeGreaterThanOrEqual(3);
    expect(parameter?.value).toContain('BEGIN CERTIFICATE');
    expect(parameter?.value).toBe(
      readFileSync(join(state, 'scenarios', scenario.id, 'probe-put-without-restart', 'server-rotated.crt'), 'utf8'),
    );
  });
});

describe('nlb-ssm-certificates with LocalStack off', () => {
  it('is reported as skipped, with the reason, and does not fail the run', async () => {
    const state = freshState('mtls-ssm-off');
    const pki = await ensurePki(join(state, 'certs'));
    const report = await runScenario(scenario, {
      stateDir: state,
      pki,
      lang: 'en',
      emit: () => {},
      localstack: offSession(msg('localstack.off')),
    });
    expect(report).toMatchObject({ pass: true, probes: [], localstack: 'off' });
    expect(english(report.skipped)).toMatch(
      /^needs LocalStack .*LocalStack is off: --localstack off\. Run with --localstack auto or host/,
    );
    expect(existsSync(join(state, 'scenarios', scenario.id))).toBe(false);
  });

  it('`run --localstack off --json` exits 0 and says why', async () => {
    const state = freshState('mtls-ssm-cli');
    const result = await execa(
      process.execPath,
      [join(projectRoot(), 'bin', 'mtls-sandbox.js'), 'run', 'nlb-ssm-certificates', '--localstack', 'off', '--json'],
      { env: { MTLS_SANDBOX_STATE: state }, reject: false },
    );
    expect(result.exitCode).toBe(0);
    const json = validReport(JSON.parse(result.stdout) as ScenarioReport);
    expect(json).toMatchObject({ scenario: 'nlb-ssm-certificates', localstack: 'off', pass: true, probes: [] });
    expect(english(json.skipped)).toMatch(/LocalStack is off: --localstack off/);
  });
});
