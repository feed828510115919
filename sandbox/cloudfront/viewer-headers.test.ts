import { describe, expect, it } from 'vitest';
import { CompiledConnectionFunction } from './connection-function.js';
import { logStyleDn, toCloudFrontEntry } from './connection-log.js';
import { cloudFrontSerial, originRequestHeaders, rfc9440Item } from './viewer-headers.js';

describe('CloudFront header formats', () => {
  it('writes the serial as DER bytes: lowercase, colon-separated, a sign byte kept', () => {
    expect(cloudFrontSerial({ serialHex: '4A3F5C92D1E87B6C', serialNegative: false })).toBe('4a:3f:5c:92:d1:e8:7b:6c');
    expect(cloudFrontSerial({ serialHex: 'B143ED93D2D8F39D', serialNegative: false })).toBe(
      '00:b1:43:ed:93:d2:d8:f3:9d',
    );
  });

  it('wraps a DER certificate as an RFC 9440 byte sequence', () => {
    expect(rfc9440Item(Buffer.from('abc'))).toBe(':YWJj:');
  });

  it('turns an RFC 2253 DN into the connection log style, escaped commas kept', () => {
    expect(logStyleDn('CN=client,OU=a\\,b,O=Example,C=JP')).toBe('C=JP, O=Example, OU=a\\,b, CN=client');
  });

  it('forwards only what the policy lists, and never a viewer copy of a certificate header', () => {
    const out = originRequestHeaders(
      { 'x-app': '1', 'cloudfront-viewer-cert-subject': 'CN=admin', 'client-cert': ':Zm9v:', 'user-agent': 'curl' },
      { 'CloudFront-Viewer-Cert-Present': '0', 'CloudFront-Viewer-Cert-Sha256': 'ab' },
      {
        logicalId: 'P',
        path: 'P',
        headerBehavior: 'whitelist',
        headers: ['X-App', 'CloudFront-Viewer-Cert-Subject', 'Client-Cert', 'CloudFront-Viewer-Cert-Present'],
      },
      'origin.example.test',
    );
    expect(out.headers).toEqual({ host: 'origin.example.test', 'x-app': '1', 'CloudFront-Viewer-Cert-Present': '0' });
    expect(out.dropped).toEqual(['cloudfront-viewer-cert-subject', 'client-cert']);
    expect(out.notForwarded).toEqual(['user-agent', "cloudfront-viewer-cert-sha256 (CloudFront's)"]);
  });

  it('maps the shared front entry to CloudFront connection log fields and codes', () => {
    const entry = toCloudFrontEntry(
      {
        timestamp: '2026-12-01T00:00:00.123456Z',
        client_ip: '127.0.0.1',
        client_port: 5000,
        listener_port: 443,
        tls_protocol: 'TLSv1.3',
        tls_cipher: 'TLS_AES_128_GCM_SHA256',
        tls_handshake_latency: '0.004',
        leaf_client_cert_subject: '-',
        leaf_client_cert_validity: '-',
        leaf_client_cert_serial_number: '-',
        tls_verify_status: 'Failed:ClientCertNotFound',
        conn_trace_id: 'TID_x',
        tls_keyexchange: 'x25519',
        elb: 'E1',
        ip_address: '127.0.0.1',
        listener: 'Dist',
        notes: 'inferred reason code ClientCertNotFound: AWS documents none for a missing certificate; other',
      },
      'E1',
    );
    expect(entry).toMatchObject({
      eventTimestamp: Date.parse('2026-12-01T00:00:00.123Z'),
      connectionStatus: 'Failed:ClientCertMissing',
      tlsHandshakeDuration: 4,
      distributionId: 'E1',
      notes: 'other',
    });
    expect(String(entry.connectionId)).toMatch(/^[A-Za-z0-9_-]{54}==$/);
  });
});

describe('connection functions', () => {
  const event = {
    connectionId: 'c',
    clientIp: '127.0.0.1',
    endpoint: 'd.cloudfront.net',
    distributionId: 'E1',
    clientCertificate: null,
  };

  it('allow(), deny() and neither (denied by default)', () => {
    expect(
      new CompiledConnectionFunction('f', 'function connectionHandler(c) { c.allow(); }').run(event).decision,
    ).toBe('allow');
    const denied = new CompiledConnectionFunction(
      'f',
      'function connectionHandler(c) { c.logCustomData("no cert"); c.deny(); }',
    ).run(event);
    expect(denied).toMatchObject({ decision: 'deny', implicit: false, customData: 'no cert' });
    expect(new CompiledConnectionFunction('f', 'function connectionHandler(c) {}').run(event)).toMatchObject({
      decision: 'deny',
      implicit: true,
    });
  });

  it('an exception or an endless loop is an error; the host is out of reach', () => {
    const thrown = new CompiledConnectionFunction('f', 'function connectionHandler(c) { throw new Error("boom"); }');
    expect(thrown.run(event)).toMatchObject({ decision: 'error', error: 'boom' });
    const loop = new CompiledConnectionFunction('f', 'function connectionHandler(c) { for (;;) {} }');
    expect(loop.run(event).decision).toBe('error');
    const isolated = new CompiledConnectionFunction(
      'f',
      'function connectionHandler(c) { if (typeof process === "undefined" && typeof require === "undefined") c.allow(); }',
    );
    expect(isolated.run(event).decision).toBe('allow');
    const codegen = new CompiledConnectionFunction('f', 'function connectionHandler(c) { eval("1"); c.allow(); }');
    expect(codegen.run(event).decision).toBe('error');
  });
});

describe('connection functions with a KeyValueStore', () => {
  const event = (serialNumber: string) => ({
    connectionId: 'c',
    clientIp: '127.0.0.1',
    endpoint: 'd.cloudfront.net',
    distributionId: 'E1',
    clientCertificate: {
      certificates: {
        leaf: {
          serialNumber,
          issuer: 'C=JP, CN=ca',
          subject: 'C=JP, CN=x',
          validity: { notBefore: 'a', notAfter: 'b' },
          sha256Fingerprint: 'f',
        },
      },
    },
  });
  const code = `import cf from 'cloudfront';
const kvs = cf.kvs();
async function connectionHandler(connection) {
  const serial = connection.clientCertificate.certificates.leaf.serialNumber.replaceAll(':', '');
  if (await kvs.exists(serial)) {
    connection.logCustomData('REVOKED:' + (await kvs.get(serial)));
    connection.deny();
    return;
  }
  connection.allow();
}`;

  it('awaits exists() and get() on the associated store', () => {
    const fn = new CompiledConnectionFunction('f', code, { '0a1b': 'revoked' });
    expect(fn.run(event('0a:1b'))).toMatchObject({ decision: 'deny', customData: 'REVOKED:revoked' });
    expect(fn.run(event('0a:1c')).decision).toBe('allow');
    // Keys are compared as written: an uppercase serial is another key.
    expect(fn.run(event('0A:1B')).decision).toBe('allow');
  });

  it('a rejected get() and a missing association are errors', () => {
    const missing = new CompiledConnectionFunction(
      'f',
      `import cf from 'cloudfront';
async function connectionHandler(c) { await cf.kvs().get('nope'); c.allow(); }`,
      {},
    );
    expect(missing.run(event('00'))).toMatchObject({ decision: 'error', error: 'Key nope not found' });
    const unassociated = new CompiledConnectionFunction('f', code, null);
    expect(unassociated.run(event('00')).decision).toBe('error');
  });
});
