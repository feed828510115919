// The NLB TLS listener scenarios end to end with real curl, nginx, HAProxy and the NLB TLS emulator: every probe's
// expectation holds, the report has the published shape, and openssl s_client — through `up`, whose ready-to-paste
// commands are run as printed — sees what curl saw.
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientCertName, Pki } from '../certs/types.js';
import { ensurePki } from '../certs/pki.js';
import { openSandbox, type Sandbox, type UpSession } from '../sandbox/door.js';
import { runOpensslClient } from '../sandbox/probe/openssl-client.js';
import { probe, runInTemp } from '../sandbox/testing/run-in-temp.js';
import { fileState } from '../sandbox/testing/suite.js';
import filters from './nlb-mtls-identity-filters/scenario.js';
import termination from './nlb-tls-termination/scenario.js';
import thenAndNow from './then-and-now/scenario.js';

/** The file's state dir, where run-in-temp runs too (a copy of the suite's PKI and templates). */
const STATE = fileState();

const passesEveryProbe = (report: Awaited<ReturnType<typeof runInTemp>>['report']) =>
  expect(report.probes.map((p) => [p.name, p.mismatches])).toEqual(report.probes.map((p) => [p.name, []]));

describe('NLB TLS scenarios', () => {
  it('nlb-tls-termination: TLS ends at the NLB, nginx behind it sees no certificate; the TCP listener passes it', async () => {
    const { report } = await runInTemp(termination);
    passesEveryProbe(report);
    const [tls, tcp] = [443, 8443].map((port) => report.topology.balancers[0]!.listeners.find((l) => l.port === port));
    expect(tls).toMatchObject({
      protocol: 'TLS',
      tlsEndsAt: 'load-balancer',
      clientVerifiedBy: 'nobody',
      mutualTls: 'off',
      targetProtocol: 'TLS',
    });
    expect(tcp).toMatchObject({ protocol: 'TCP', tlsEndsAt: 'target', clientVerifiedBy: 'nginx' });
    expect(report.components.map((c) => [c.name, c.kind])).toEqual(
      expect.arrayContaining([
        ['nlb-nlb', 'nlb'],
        ['haproxy-nlb', 'haproxy'],
      ]),
    );
    expect(probe(report, 'clientA-through-tls-listener').target?.details.ssl_client_verify).toBe('NONE');
    expect(probe(report, 'clientA-through-tls-listener').handshake.tlsVersion).toBe('TLSv1.3');
    expect(probe(report, 'clientA-through-tcp-listener').target?.details.ssl_client_verify).toBe('SUCCESS');
  });

  it('nlb-mtls-identity-filters: every field, case, prefix and order as documented; refusals never reach the target', async () => {
    const { report } = await runInTemp(filters);
    passesEveryProbe(report);
    const listener = report.topology.balancers[0]!.listeners.find((l) => l.port === 443)!;
    expect(listener).toMatchObject({ clientVerifiedBy: 'nlb-trust-store', mutualTls: 'verify', targetProtocol: 'TCP' });
    expect(listener.identityFilters).toHaveLength(4);
    for (const p of report.probes.filter((one) => one.expected.target === null)) {
      expect(p.target, p.name).toBeNull();
      expect(p.outcome.code, p.name).toBe('tls-alert');
      expect(p.connectionLog.at(-1), p.name).toMatchObject({ log: 'sandbox-nlb-connection-log', target: '-' });
    }
    expect(probe(report, 'san-uri-prefix-matches').connectionLog.at(-1)).toMatchObject({
      tls_verify_status: 'Success',
      target: expect.stringMatching(/^app-1 127\.0\.0\.1:\d+$/),
    });
    expect(report.evidence.assumed).toBe(report.probes.filter((p) => p.evidence.level === 'assumed').length);
    expect(report.emulationNotes.some((note) => note.code === 'note.nlb-tls')).toBe(true);
  });

  it('then-and-now: the same clients against TCP passthrough, ALB verify and NLB verify', async () => {
    const { report } = await runInTemp(thenAndNow);
    passesEveryProbe(report);
    expect(report.topology.balancers.map((b) => [b.path, b.kind, b.listeners[0]!.clientVerifiedBy])).toEqual([
      ['Nlb2021', 'NLB', 'nginx'],
      ['Alb2023', 'ALB', 'alb-trust-store'],
      ['Nlb2026', 'NLB', 'nlb-trust-store'],
    ]);
    expect(probe(report, '2021-clientA').target?.details.ssl_client_s_dn).toContain('CN=clientA');
    expect(probe(report, '2023-clientA').target?.receivedHeaders['x-amzn-mtls-clientcert-subject']).toContain(
      'CN=clientA',
    );
    const learned = probe(report, '2026-what-the-target-learns').target!;
    expect(learned.details.ssl_client_verify).toBe('NONE');
    expect(Object.keys(learned.receivedHeaders).filter((h) => h.startsWith('x-amzn'))).toEqual([]);
    expect(probe(report, '2026-clientB-refused-by-the-filters').outcome).toMatchObject({
      code: 'tls-alert',
      fact: 'access denied',
    });
    expect(probe(report, '2023-sqli-blocked-by-waf').outcome.code).toBe('blocked-by-waf');
  });
});

describe('with openssl s_client, through `up`', () => {
  let pki: Pki;
  let sandbox: Sandbox;
  beforeAll(async () => {
    pki = await ensurePki(join(STATE, 'certs'));
    sandbox = openSandbox({ stateDir: STATE, lang: 'en', localstack: 'off' });
  }, 120_000);
  afterAll(async () => {
    await sandbox?.stop();
  });

  const addressOf = (session: UpSession, path: string, port: number) => {
    const listener = session.topology.balancers
      .find((balancer) => balancer.path === path)!
      .listeners.find((candidate) => candidate.port === port)!;
    const [host, local] = listener.address!.split(':');
    return { host: host!, port: Number(local) };
  };
  const sClient = (address: { host: string; port: number }, cert: ClientCertName | null) =>
    runOpensslClient({
      ...address,
      ...(cert ? { cert: pki.clients[cert].cert, key: pki.clients[cert].key } : {}),
      extraArgs: ['-ign_eof'],
    }).then((r) => r.transcript.join('\n'));
  const shell = (command: string) => execa('sh', ['-c', command], { reject: false, all: true, timeout: 20_000 });

  it('nlb-mtls-identity-filters: the NLB’s alerts by number, and the printed commands work as pasted', async () => {
    const session = await sandbox.up(filters, () => {});
    try {
      const filtered = addressOf(session, 'Nlb', 443);
      expect(await sClient(filtered, 'spiffeStaging')).toMatch(/SSL alert number 49|alert access denied/);
      expect(await sClient(filtered, 'revokedBilling')).toMatch(/SSL alert number 44|alert certificate revoked/);
      expect(await sClient(filtered, 'impostorBilling')).toMatch(/SSL alert number 48|alert unknown ca/);
      expect(await sClient(filtered, null)).toMatch(/SSL alert number 116|alert certificate required/);
      expect(await sClient(addressOf(session, 'Nlb', 8443), null)).toMatch(/SSL alert number 40|handshake failure/);
      // The ready-to-paste handshake of the 443 listener uses a certificate its probes expect in, and gets the echo.
      const handshake = session.handshakes.find((h) => h.listener === 'Nlb TLS:443')!;
      expect(handshake.nlbTls).toBe(true);
      expect(handshake.command).toContain(pki.clients.spiffeBilling.cert);
      const pasted = await shell(handshake.command);
      expect(pasted.all).toContain('HTTP/1.1 200 OK');
      expect(pasted.all).toContain('Protocol  : TLSv1.3');
      // A probe's curl command as printed: the look-alike through the prefix listener gets in.
      const lookalike = session.probes.find((p) => p.name === 'san-dns-prefix-admits-the-look-alike')!;
      const curl = await shell(lookalike.command);
      expect(curl.exitCode, curl.all).toBe(0);
      expect(curl.all).toMatch(/< HTTP\/1\.1 200/);
    } finally {
      await session.stop();
    }
  }, 120_000);

  it('then-and-now: nginx completes the handshake, the ALB resets, the NLB alerts — for the same clients', async () => {
    const session = await sandbox.up(thenAndNow, () => {});
    try {
      const [then, alb, now] = [
        addressOf(session, 'Nlb2021', 443),
        addressOf(session, 'Alb2023', 443),
        addressOf(session, 'Nlb2026', 443),
      ];
      // No certificate: nginx's handshake completes (it answers 400 in HTTP); the ALB resets; the NLB alerts.
      expect(await sClient(then, null)).toMatch(/Verify return code/);
      expect(await sClient(alb, null)).toMatch(/errno|reset|write:errno|unexpected eof/i);
      expect(await sClient(now, null)).toMatch(/SSL alert number 116|alert certificate required/);
      // clientB: nginx and the ALB let it in; the NLB's filters do not.
      expect(await sClient(then, 'clientB')).not.toMatch(/SSL alert number/);
      expect(await sClient(now, 'clientB')).toMatch(/SSL alert number 49|alert access denied/);
      expect(session.handshakes.map((h) => [h.listener, h.nlbTls])).toEqual([
        ['Nlb2021 TCP:443', false],
        ['Alb2023 HTTPS:443', false],
        ['Nlb2026 TLS:443', true],
      ]);
    } finally {
      await session.stop();
    }
  }, 120_000);
});
