import { describe, expect, it } from 'vitest';
import { parseCurlTranscript } from '../probe/transcript.js';
import type { ListenerReport } from '../report.js';
import { sequenceOf } from './sequence.js';

const HANDSHAKE = [
  '* Connected to 127.0.0.1 (127.0.0.1) port 40443 (#0)',
  '* TLSv1.3 (OUT), TLS handshake, Client hello (1):',
  '* TLSv1.3 (IN), TLS handshake, Server hello (2):',
  '* TLSv1.2 (IN), TLS handshake, Request CERT (13):',
  '* TLSv1.2 (OUT), TLS handshake, Certificate (11):',
];

const listener = (over: Partial<ListenerReport>): ListenerReport => ({
  port: 443,
  protocol: 'HTTPS',
  tlsEndsAt: 'load-balancer',
  clientVerifiedBy: 'alb-trust-store',
  mutualTls: 'verify',
  address: '127.0.0.1:40443',
  ...over,
});

describe('sequenceOf', () => {
  it('puts a verify-mode reset between the client and the load balancer, after its verdict', () => {
    const parsed = parseCurlTranscript(
      [...HANDSHAKE, '* Recv failure: Connection reset by peer', 'curl: (35) Recv failure: Connection reset by peer'],
      null,
    );
    const sequence = sequenceOf({
      steps: parsed.steps,
      listener: listener({}),
      response: null,
      target: null,
      connectionLog: [{ tls_verify_status: 'Failed:ClientCertMissing' }],
      loadBalancerRequest: null,
    });
    expect(sequence.loadBalancer).toBe('terminates');
    const shown = sequence.events.map((e) =>
      e.step === null ? `${e.from}: ${e.label?.code}` : `${e.from}→${e.to} ${parsed.steps[e.step]!.kind}`,
    );
    expect(shown).toEqual([
      'client→load-balancer client-hello',
      'load-balancer→client server-hello',
      'load-balancer→client certificate-request',
      'client→load-balancer client-certificate',
      'load-balancer: seq.verify',
      'load-balancer→client connection-error',
      'client→client curl-failed',
    ]);
    expect(sequence.events.find((e) => e.label?.code === 'seq.verify')!.label!.params).toEqual({
      mode: 'verify',
      status: 'Failed:ClientCertMissing',
    });
  });

  it('through a TCP listener the client talks TLS to the target, the load balancer relays', () => {
    const parsed = parseCurlTranscript([...HANDSHAKE, '> GET / HTTP/1.1', '< HTTP/1.1 400 Bad Request'], null);
    const sequence = sequenceOf({
      steps: parsed.steps,
      listener: listener({ protocol: 'TCP', tlsEndsAt: 'target', clientVerifiedBy: 'nginx', mutualTls: null }),
      response: { status: 400, httpVersion: '1.1', reason: 'Bad Request', headers: {}, body: '' },
      target: {
        name: 'web-1',
        remoteAddress: '127.0.0.1',
        receivedHeaders: {},
        details: { ssl_client_verify: 'NONE' },
      },
      connectionLog: [],
      loadBalancerRequest: null,
    });
    expect(sequence.loadBalancer).toBe('passthrough');
    expect(sequence.events[0]!.label?.code).toBe('seq.relay');
    const arrows = sequence.events.filter((e) => e.step !== null && e.from !== e.to);
    expect(new Set(arrows.flatMap((e) => [e.from, e.to]))).toEqual(new Set(['client', 'target']));
    // nginx's verdict sits on the target, decisive because it refused.
    const verdict = sequence.events.find((e) => e.label?.code === 'seq.target-verify')!;
    expect(verdict).toMatchObject({ from: 'target', to: 'target', decisive: true });
  });

  it('shows the rule that matched and the leg to the target with the mutual TLS headers', () => {
    const parsed = parseCurlTranscript([...HANDSHAKE, '> GET /echo HTTP/1.1', '< HTTP/1.1 200 OK'], null);
    const sequence = sequenceOf({
      steps: parsed.steps,
      listener: listener({}),
      response: { status: 200, httpVersion: '1.1', reason: 'OK', headers: {}, body: '{}' },
      target: {
        name: 'echo-1',
        remoteAddress: '127.0.0.1',
        receivedHeaders: {
          'x-amzn-mtls-clientcert-subject': 'CN=clientA',
          'x-amzn-mtls-clientcert-issuer': 'CN=privateCA',
          'x-amzn-mtls-clientcert-leaf': '-----BEGIN',
        },
        details: { method: 'GET', url: '/echo' },
      },
      connectionLog: [{ tls_verify_status: 'Success' }],
      loadBalancerRequest: {
        listener: 'Alb HTTPS:443',
        status: 200,
        matchedRulePriority: 200,
        actions: 'forward',
        target: '127.0.0.1:4000',
        rule: {
          logicalId: 'R',
          path: 'Alb/Https/EchoRuleRule',
          priority: 200,
          matched: true,
          conditions: [{ field: 'path-pattern', headerName: null, values: ['/echo*'], matched: true }],
        },
        rulesChecked: [],
      },
    });
    const labels = sequence.events.flatMap((e) => (e.label ? [e.label] : []));
    expect(labels.map((label) => label.code)).toEqual(['seq.verify', 'seq.rule', 'seq.forward', 'seq.target-answer']);
    expect(labels[1]!.params).toEqual({ priority: 200, conditions: 'path-pattern = /echo*', action: 'forward' });
    expect(labels[2]!.params).toEqual({ method: 'GET', path: '/echo', headers: 'X-Amzn-Mtls-Clientcert-*' });
    // The forward comes before the client's HTTP response.
    const order = sequence.events.map((e) => e.label?.code ?? parsed.steps[e.step!]!.kind);
    expect(order.indexOf('seq.forward')).toBeLessThan(order.indexOf('http-response'));
  });
});
