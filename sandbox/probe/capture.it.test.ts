// --pcap end to end: the real bin runs alb-mtls-verify-headers with captures on, and tshark — with the key log the
// run wrote — shows the CertificateRequest, the client's Certificate, and on the emulator → target leg the
// X-Amzn-Mtls-Clientcert-* request headers.
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { ScenarioReport } from '../report.js';
import { freshState } from '../testing/suite.js';

const BIN = new URL('../../bin/mtls-sandbox.js', import.meta.url).pathname;
const state = freshState('mtls-pcap');
const env = { MTLS_SANDBOX_STATE: state, NO_COLOR: '1', LANG: 'en_US.UTF-8' };

/** tshark as the record says to run it, with a display filter and the fields to print. */
async function tshark(command: string, filter: string, fields: string[]): Promise<string> {
  const [tool, ...args] = command.split(' ');
  const result = await execa(tool!, [...args, '-Y', filter, '-T', 'fields', ...fields.flatMap((f) => ['-e', f])], {
    reject: false,
  });
  expect(result.exitCode, `${result.stderr} (tshark comes with scripts/setup.sh --for-tests)`).toBe(0);
  return result.stdout;
}

describe('run --pcap', () => {
  afterAll(async () => {
    await execa('node', [BIN, 'down'], { env, reject: false });
  });

  it('captures each probe with its TLS secrets; tshark decrypts the handshake and both legs', async () => {
    const result = await execa('node', [BIN, 'run', 'alb-mtls-verify-headers', '--pcap', '--json'], {
      env,
      reject: false,
    });
    expect(result.exitCode, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as ScenarioReport;
    for (const probe of report.probes) {
      expect(probe.capture, probe.name).not.toBeNull();
      expect(existsSync(probe.capture!.file)).toBe(true);
      expect(probe.capture!.file).toMatch(/\.pcapng$/);
      expect(probe.capture!.packets, probe.name).toBeGreaterThan(0);
    }
    const verified = report.probes.find((probe) => probe.name === 'clientA-verified')!.capture!;
    // The handshake: the ALB's CertificateRequest (type 13) and the client's Certificate (type 11) with clientA.
    const types = await tshark(verified.tshark, 'tls.handshake.type', ['tls.handshake.type']);
    expect(types).toMatch(/\b13\b/);
    expect(types).toMatch(/\b11\b/);
    const subjects = await tshark(verified.tshark, 'tls.handshake.type == 11', [
      'x509sat.uTF8String',
      'x509sat.printableString',
    ]);
    expect(subjects).toContain('clientA');
    // Decrypted with the key log: the client's request on its HTTP/2 stream to the emulator…
    const h2 = await tshark(verified.tshark, 'http2.header.name == ":path"', ['http2.header.value']);
    expect(h2).toContain('GET');
    // …and on the emulator → target leg, the headers the ALB added.
    const forwarded = await tshark(verified.tshark, 'http.request', ['http.request.line']);
    for (const header of ['Subject', 'Issuer', 'Serial-Number', 'Validity', 'Leaf'])
      expect(forwarded).toContain(`X-Amzn-Mtls-Clientcert-${header}:`);
    // Without a certificate: the empty Certificate, then the reset — no HTTP at all.
    const refused = report.probes.find((probe) => probe.name === 'no-certificate')!.capture!;
    expect(await tshark(refused.tshark, 'tcp.flags.reset == 1', ['tcp.flags.reset'])).toMatch(/1|True/);
    expect((await tshark(refused.tshark, 'http.request or http2', ['frame.number'])).trim()).toBe('');
  }, 180_000);
});
