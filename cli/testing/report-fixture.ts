// Test data for the renderers: a hand-built report with a passing and a failing probe, target headers, a
// connection log, and a transcript that tries to inject markup.
import { countEvidence } from '../../sandbox/evidence.js';
import { tallyOf } from '../../sandbox/tally.js';
import { list, msg } from '../../sandbox/messages.js';
import {
  SCHEMA_VERSION,
  type BalancerReport,
  type ProbeReport,
  type ScenarioReport,
  type TopologyReport,
} from '../../sandbox/report.js';
import { probeRecord } from './probe-record.js';
import type { Lang } from '../../sandbox/text.js';
import type { ReportDocument } from '../report/document.js';

export const INJECTION = '<script>alert("x")</script>';

const handshake200 = [
  '*   Trying 127.0.0.1:40443...',
  '* Connected to 127.0.0.1 (127.0.0.1) port 40443 (#0)',
  '* TLSv1.3 (OUT), TLS handshake, Client hello (1):',
  '* TLSv1.3 (IN), TLS handshake, Server hello (2):',
  '* TLSv1.2 (IN), TLS handshake, Certificate (11):',
  '* TLSv1.2 (IN), TLS handshake, Request CERT (13):',
  '* TLSv1.2 (IN), TLS handshake, Server finished (14):',
  '* TLSv1.2 (OUT), TLS handshake, Certificate (11):',
  '* TLSv1.2 (OUT), TLS handshake, Client key exchange (16):',
  '* TLSv1.2 (OUT), TLS handshake, CERT verify (15):',
  '* TLSv1.2 (OUT), TLS handshake, Finished (20):',
  '* TLSv1.2 (IN), TLS handshake, Finished (20):',
  '* SSL connection using TLSv1.2 / ECDHE-RSA-AES256-GCM-SHA384',
  '> GET / HTTP/1.1',
  '> Host: 127.0.0.1:40443',
  '> ',
  '< HTTP/1.1 200 OK',
  '< Content-Type: text/plain',
  '< ',
  `hello ${INJECTION}`,
];

const resetTranscript = [
  '*   Trying 127.0.0.1:40443...',
  '* Connected to 127.0.0.1 (127.0.0.1) port 40443 (#0)',
  '* TLSv1.3 (OUT), TLS handshake, Client hello (1):',
  '* TLSv1.3 (IN), TLS handshake, Server hello (2):',
  '* TLSv1.2 (IN), TLS handshake, Request CERT (13):',
  '* TLSv1.2 (OUT), TLS handshake, Certificate (11):',
  '* Recv failure: Connection reset by peer',
  `* note from a hostile server: ${INJECTION}`,
  'curl: (35) Recv failure: Connection reset by peer',
];

const passing: ProbeReport = {
  ...probeRecord({
    name: 'clientA-certificate',
    description: 'clientA presents a certificate the trust store accepts.',
    command:
      'curl -v --no-progress-meter -k --key .sandbox/certs/clientA.key --cert .sandbox/certs/clientA.crt https://127.0.0.1:40443/',
    certificate: 'clientA',
    transcript: handshake200,
    body: 'hello',
    target: {
      name: 'app-1',
      remoteAddress: '127.0.0.1:51234',
      receivedHeaders: {
        'x-amzn-mtls-clientcert-subject': 'CN=clientA,O=example.org',
        'x-evil': INJECTION,
        'x-pipe': 'a|b',
      },
      details: { status: '200', ssl_client_verify: '-' },
    },
    connectionLog: [{ tls_verify_status: 'Success', client_ip: '127.0.0.1', listener_port: 443 }],
  }),
  expected: { status: 200 },
  durationMs: 35,
};

const failing: ProbeReport = {
  ...probeRecord({
    name: 'no-certificate',
    description: 'No client certificate: the ALB should close the connection.',
    command: 'curl -v --no-progress-meter -k https://127.0.0.1:40443/',
    sourceAddress: '127.0.0.2',
    transcript: resetTranscript,
    connectionLog: [{ tls_verify_status: 'Failed:ClientCertNotFound', client_ip: '127.0.0.2' }],
    mismatches: [msg('mismatch.status', { expected: 403, actual: null, error: INJECTION, exit: null })],
  }),
  expected: { status: 403 },
};

export function sampleReport(): ScenarioReport {
  return {
    schemaVersion: SCHEMA_VERSION,
    scenario: 'alb-mtls-verify',
    title: 'ALB verify mode',
    runtime: 'host',
    localstack: 'off',
    durationMs: 1234,
    components: [
      {
        name: 'app-1',
        kind: 'echo',
        address: '127.0.0.1:41001',
        version: 'echo target',
        role: msg('role.target', { target: '10.0.0.10:80', group: 'AppTargets' }),
      },
      {
        name: 'alb',
        kind: 'alb',
        address: ':443 → 127.0.0.1:40443',
        version: 'alb emulator',
        role: list('role.alb', { path: 'Alb' }, [
          msg('role.alb-listener', {
            protocol: 'HTTPS',
            port: 443,
            mode: 'verify',
            ignoreExpiry: false,
            advertise: false,
            rules: 0,
            certificates: null,
            webAcl: null,
          }),
        ]),
      },
    ],
    notRealized: [{ logicalId: 'Vpc8378EB38', type: 'AWS::EC2::VPC', reason: msg('nr.networking') }],
    emulationNotes: [
      msg('note.alb-client-mtls-headers', {
        balancer: 'Alb',
        protocol: 'HTTPS',
        port: 443,
        mode: 'verify',
        inferred: true,
      }),
    ],
    steps: [{ name: 'synth', durationMs: 3, detail: msg('step.synth-fresh') }],
    probes: [passing, failing],
    evidence: countEvidence([passing, failing].map((probe) => probe.evidence.level)),
    tally: tallyOf([passing, failing]),
    result: 'fail',
    skipped: null,
    pass: false,
    topology: { balancers: [balancer('ALB', ['app-1'])] },
    deployment: null,
    objectsSource: null,
  };
}

export function balancer(kind: BalancerReport['kind'], targets: string[]): BalancerReport {
  const passthrough = kind !== 'ALB';
  return {
    path: kind === 'ALB' ? 'Alb' : kind === 'NLB' ? 'Nlb' : 'Clb',
    kind,
    listeners: [
      {
        port: 443,
        protocol: passthrough ? 'TCP' : 'HTTPS',
        tlsEndsAt: passthrough ? 'target' : 'load-balancer',
        clientVerifiedBy: passthrough ? 'nginx' : 'alb-trust-store',
        mutualTls: passthrough ? null : 'verify',
        address: '127.0.0.1:40443',
      },
    ],
    targets: targets.map((name, index) => ({
      name,
      kind: passthrough ? 'nginx' : 'echo',
      profile: passthrough ? 'client-auth' : null,
      address: `127.0.0.1:4100${index}`,
    })),
  };
}

/** An NLB TLS listener in verify mode with identity filters, over a TLS target group. */
export function nlbTlsBalancer(targets: string[]): BalancerReport {
  return {
    path: 'Nlb',
    kind: 'NLB',
    listeners: [
      {
        port: 443,
        protocol: 'TLS',
        tlsEndsAt: 'load-balancer',
        clientVerifiedBy: 'nlb-trust-store',
        mutualTls: 'verify',
        address: '127.0.0.1:40443',
        targetProtocol: 'TLS',
        identityFilters: [{ field: 'san-uri', matchType: 'prefix', value: 'spiffe://example.org/ns/prod/' }],
      },
    ],
    targets: targets.map((name, index) => ({ name, kind: 'nginx', profile: 'tls', address: `127.0.0.1:4100${index}` })),
  };
}

export const sampleDiagram = (...balancers: BalancerReport[]): TopologyReport => ({ balancers });

export function sampleDocument(lang: Lang = 'en'): ReportDocument {
  const nlb: ScenarioReport = {
    ...sampleReport(),
    scenario: 'nlb-demo',
    title: 'NLB demo',
    pass: true,
    result: 'pass',
    probes: [{ ...passing, name: 'nlb-ok' }],
    tally: tallyOf([passing]),
    evidence: countEvidence([passing.evidence.level]),
    durationMs: 300,
    topology: sampleDiagram(balancer('NLB', ['web-1', 'web-2'])),
  };
  return {
    lang,
    generatedAt: '2026-01-02T03:04:05.000Z',
    docsBase: '../',
    sections: [
      {
        report: sampleReport(),
        summary: 'The ALB checks the client certificate against its trust store.',
        explanation: 'What to notice:\n- the ALB asks for the certificate\n- a missing one ends the connection',
      },
      {
        report: nlb,
        summary: 'nginx checks the client.',
        explanation: '',
      },
    ],
  };
}
