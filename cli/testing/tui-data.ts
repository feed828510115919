import type { Topology } from '../../sandbox/model/topology.js';
import { list, msg } from '../../sandbox/messages.js';
import type { ComponentReport, ProbeReport } from '../../sandbox/report.js';
import type { ProbeSpec, ScenarioDefinition } from '../../sandbox/scenario.js';
import { DOCUMENTED, probeRecord } from './probe-record.js';

const probe = (
  name: string,
  certificate: 'clientA' | null,
  en: string,
  ja: string,
  loadBalancer: string,
): ProbeSpec => ({
  name,
  description: { en, ja },
  via: { loadBalancer, port: 443 },
  client: { certificate, method: 'GET' },
  expect: {},
  evidence: DOCUMENTED,
});

export const NLB: ScenarioDefinition = {
  id: 'demo-nlb',
  title: { en: 'Demo NLB passthrough: nginx checks the client', ja: 'デモ NLB パススルー: nginx がクライアントを検証' },
  summary: { en: 'A TCP listener passes TLS through to nginx.', ja: 'TCP リスナーは TLS をそのまま nginx に渡す。' },
  story: {
    id: 'client-auth-behind-clb-nlb',
    order: 10,
    title: {
      en: 'Client auth in nginx behind a CLB/NLB TCP listener',
      ja: 'CLB/NLB の TCP リスナー配下で nginx がクライアント認証',
    },
  },
  seeds: ['000'],
  tags: ['nlb'],
  stackModule: new URL('file:///nonexistent/stack.ts'),
  targets: { WebTargets: [{ kind: 'nginx', name: 'web-1', profile: 'client-auth' }] },
  probes: [
    probe('no-certificate', null, 'No certificate: nginx answers 400.', '証明書なし: nginx が 400 を返す。', 'Nlb'),
    probe('clientA-certificate', 'clientA', 'clientA: nginx answers 200.', 'clientA: nginx が 200 を返す。', 'Nlb'),
  ],
  explain: {
    en: 'What to notice:\n- Request CERT comes from nginx.',
    ja: '注目点:\n- Request CERT は nginx から来る。',
  },
};

export const ALB: ScenarioDefinition = {
  ...NLB,
  id: 'demo-alb',
  title: { en: 'Demo ALB verify mode', ja: 'デモ ALB 検証モード' },
  summary: {
    en: 'The ALB verifies the client against a trust store.',
    ja: 'ALB がトラストストアでクライアントを検証する。',
  },
  story: {
    id: 'alb-mtls',
    order: 40,
    title: { en: 'ALB mutual TLS with trust stores', ja: 'トラストストアを使う ALB の相互 TLS' },
  },
  probes: [
    probe('no-certificate', null, 'No certificate: the ALB resets.', '証明書なし: ALB がリセット。', 'Alb'),
    probe('clientA-verified', 'clientA', 'clientA: verified.', 'clientA: 検証成功。', 'Alb'),
  ],
  explain: { en: 'The ALB ends TLS.', ja: 'ALB が TLS を終端する。' },
};

export const SCENARIOS = [NLB, ALB];

function topology(kind: 'network' | 'application', path: string, protocol: 'TCP' | 'HTTPS'): Topology {
  const group = {
    logicalId: 'TG',
    path: 'WebTargets',
    protocol,
    port: 443,
    targetType: 'ip' as const,
    targets: [],
    healthCheck: {
      protocol: 'TCP' as const,
      port: 'traffic-port' as const,
      path: null,
      intervalSeconds: 30,
      timeoutSeconds: 10,
      healthyThreshold: 3,
      unhealthyThreshold: 3,
      matcher: null,
    },
    stickiness: { enabled: false, type: null, durationSeconds: null, cookieName: null },
    proxyProtocolV2: false,
    preserveClientIp: null,
    attributes: {},
  };
  return {
    stackName: path,
    loadBalancers: [
      {
        logicalId: path,
        path,
        kind,
        name: path,
        scheme: 'internet-facing',
        listeners: [
          {
            logicalId: `${path}Listener`,
            path: `${path}/Listener`,
            port: 443,
            protocol,
            instancePort: null,
            instanceProtocol: null,
            defaultActions: [
              { type: 'forward', targetGroups: [{ targetGroupId: 'TG', weight: 1 }], groupStickiness: null },
            ],
            rules: [],
            certificates: [],
            sslPolicy: null,
            mutualAuthentication:
              protocol === 'HTTPS'
                ? {
                    mode: 'verify',
                    trustStoreId: 'TS',
                    ignoreClientCertificateExpiry: false,
                    advertiseTrustStoreCaNames: false,
                  }
                : null,
          },
        ],
        classicHealthCheck: null,
        classicInstances: [],
        classicProxyProtocolPorts: [],
        attributes: {},
      },
    ],
    targetGroups: [group],
    trustStores: [],
    parameters: [],
    notRealized: [],
  };
}

export const TOPOLOGIES: Record<string, Topology> = {
  'demo-nlb': topology('network', 'Nlb', 'TCP'),
  'demo-alb': topology('application', 'Alb', 'HTTPS'),
};

const HANDSHAKE_START = [
  '*   Trying 127.0.0.1:40181...',
  '* Connected to 127.0.0.1 (127.0.0.1) port 40181 (#0)',
  '* TLSv1.3 (OUT), TLS handshake, Client hello (1):',
  '* TLSv1.3 (IN), TLS handshake, Server hello (2):',
  '* TLSv1.2 (IN), TLS handshake, Certificate (11):',
  '* TLSv1.2 (IN), TLS handshake, Server key exchange (12):',
  '* TLSv1.2 (IN), TLS handshake, Request CERT (13):',
  '* TLSv1.2 (IN), TLS handshake, Server finished (14):',
  '* TLSv1.2 (OUT), TLS handshake, Certificate (11):',
  '* TLSv1.2 (OUT), TLS handshake, Client key exchange (16):',
];
const HANDSHAKE_END = [
  '* TLSv1.2 (OUT), TLS change cipher, Change cipher spec (1):',
  '* TLSv1.2 (OUT), TLS handshake, Finished (20):',
  '* TLSv1.2 (IN), TLS handshake, Finished (20):',
  '* SSL connection using TLSv1.2 / ECDHE-RSA-AES256-GCM-SHA384',
  '* ALPN: server accepted http/1.1',
];

export const NO_CERT_TRANSCRIPT = [
  ...HANDSHAKE_START,
  ...HANDSHAKE_END,
  '> GET / HTTP/1.1',
  '> Host: 127.0.0.1:40181',
  '>',
  '< HTTP/1.1 400 Bad Request',
  '< Server: nginx/1.22.1',
  '<',
  '<html><head><title>400 No required SSL certificate was sent</title></head></html>',
];
export const CERT_TRANSCRIPT = [
  ...HANDSHAKE_START,
  '* TLSv1.2 (OUT), TLS handshake, CERT verify (15):',
  ...HANDSHAKE_END,
  '> GET / HTTP/1.1',
  '> Host: 127.0.0.1:40181',
  '>',
  '< HTTP/1.1 200 OK',
  '< Server: nginx/1.22.1',
  '<',
  'Hello from web-1',
];
export const RESET_TRANSCRIPT = [
  ...HANDSHAKE_START,
  ...HANDSHAKE_END.slice(0, 2),
  '* Recv failure: Connection reset by peer',
  'curl: (35) Recv failure: Connection reset by peer',
];

export function probeReport(
  spec: ProbeSpec,
  transcript: string[],
  options: { pass?: boolean; target?: boolean; connectionLog?: Record<string, string>[] } = {},
): ProbeReport {
  const pass = options.pass ?? true;
  const status = /^< HTTP\/\S+ (\d+)/.exec(transcript.find((line) => line.startsWith('< HTTP')) ?? '')?.[1];
  return probeRecord({
    name: spec.name,
    description: spec.description.en,
    command: `curl -v --no-progress-meter -k${spec.client.certificate ? ' --key certs/clientA.key --cert certs/clientA.crt' : ''} --max-time 10 https://127.0.0.1:40181/`,
    certificate: spec.client.certificate ?? null,
    transcript,
    target:
      options.target === false
        ? null
        : {
            name: 'web-1',
            remoteAddress: '127.0.0.1',
            receivedHeaders: { host: '127.0.0.1:40181', 'x-amzn-mtls-clientcert-subject': 'CN=clientA' },
            details: {
              ssl_client_verify: spec.client.certificate ? 'SUCCESS' : 'NONE',
              status: status ?? '-',
            },
          },
    connectionLog: options.connectionLog ?? [],
    // The lines of nginx's configuration that decide it, as a real run names them.
    config: [
      {
        source: 'nginx',
        file: '.sandbox/scenarios/demo-nlb/web-1/nginx.conf',
        what: msg('config.nginx', { target: 'web-1' }),
        lines: [
          { number: 14, text: '    server {', decisive: false },
          { number: 19, text: '        ssl_client_certificate certs/privateCA.crt;', decisive: true },
          { number: 20, text: '        ssl_verify_client on;', decisive: true },
        ],
      },
    ],
    evidence: spec.evidence,
    via: spec.via,
    // The demo NLB passes TLS through to nginx; the demo ALB verifies (the fixture's default listener).
    ...(spec.via.loadBalancer === 'Nlb'
      ? {
          listener: {
            port: 443,
            protocol: 'TCP',
            tlsEndsAt: 'target' as const,
            clientVerifiedBy: 'nginx' as const,
            mutualTls: null,
            address: '127.0.0.1:40181',
          },
          verifiedBy: 'nginx' as const,
        }
      : {}),
    mismatches: pass ? [] : [msg('mismatch.status', { expected: 200, actual: 400, error: null, exit: null })],
  });
}

export const COMPONENTS: ComponentReport[] = [
  {
    name: 'web-1',
    kind: 'nginx',
    address: '127.0.0.1:42583',
    version: 'nginx/1.22.1',
    role: msg('role.target', { target: '10.0.0.10:443', group: 'WebTargets' }),
  },
  {
    name: 'haproxy-nlb',
    kind: 'haproxy',
    address: ':443 → 127.0.0.1:40181',
    version: 'HAProxy version 2.6.12',
    role: list('role.passthrough', { kind: 'NLB', path: 'Nlb' }, [
      msg('role.passthrough-listener', {
        kind: 'NLB',
        path: 'Nlb',
        protocol: 'TCP',
        port: 443,
        instances: null,
        group: 'WebTargets',
      }),
    ]),
  },
];
