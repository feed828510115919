// Test material for the lab views: a fake lab session on the demo ALB (tui-fixtures.ts) that answers probes from
// canned transcripts by the listener's mutual TLS mode, switches that mode with an elbv2-change event as the real
// API does, and checks a demo challenge. Self-contained, so UI tests do not move when real scenarios change.
import type { LabSession } from '../../sandbox/door.js';
import type { Emit } from '../../sandbox/events.js';
import { challengeResult, partProbe } from '../../sandbox/lab/challenge.js';
import { consoleProbe, IDENTITY_PRESETS } from '../../sandbox/lab/console.js';
import { msg } from '../../sandbox/messages.js';
import type { ListenerReport, ProbeReport } from '../../sandbox/report.js';
import type { ProbeSpec, ScenarioDefinition } from '../../sandbox/scenario.js';
import { topologyReportOf } from '../../sandbox/topology-report.js';
import { ALB, CERT_TRANSCRIPT, COMPONENTS, probeReport, RESET_TRANSCRIPT, TOPOLOGIES } from './tui-data.js';

const ARN = 'arn:aws:elasticloadbalancing:us-east-1:000000000000:listener/app/Alb/f54ed4e34aeb9e06/b5e07d5c87932f90';
export const LAB_ENDPOINT = 'http://127.0.0.1:41999';

/**
 * The demo ALB with a challenge: let a client without a certificate in (switch to passthrough). A function: this
 * module and tui-fixtures.ts import each other.
 */
export const labAlb = (): ScenarioDefinition => ({
  ...ALB,
  challenges: [
    {
      id: 'let-everyone-in',
      by: 'elbv2-api',
      goal: { en: 'Let a client without a certificate in.', ja: '証明書のないクライアントを通す。' },
      hint: { en: 'Passthrough asks but checks nothing.', ja: 'パススルーは要求するが何も検証しない。' },
      check: [
        {
          name: 'no-certificate-allowed',
          goal: { en: 'No certificate: HTTP 200.', ja: '証明書なし: HTTP 200。' },
          via: { loadBalancer: 'Alb', port: 443 },
          client: { certificate: null, method: 'GET' },
          expect: { status: 200 },
        },
      ],
    },
  ],
});

export interface FakeLab {
  session: LabSession;
  stops: number;
  /** Ends the session as `mtls-sandbox down` would (a component stopped). */
  end(component: string): void;
}

export function fakeLab(scenario: ScenarioDefinition, emit: Emit): FakeLab {
  let mode: 'off' | 'passthrough' | 'verify' = 'verify';
  let endSession: (exit: { component: string }) => void = () => {};
  const ended = new Promise<{ component: string }>((resolve) => {
    endSession = resolve;
  });
  const live = () => {
    const report = topologyReportOf(scenario, TOPOLOGIES['demo-alb']!, COMPONENTS);
    const listener = report.balancers[0]!.listeners[0]!;
    const changed: ListenerReport = {
      ...listener,
      mutualTls: mode,
      clientVerifiedBy:
        mode === 'verify' ? 'alb-trust-store' : mode === 'passthrough' ? 'target-after-alb-passthrough' : 'nobody',
    };
    return { balancers: [{ ...report.balancers[0]!, listeners: [changed] }] };
  };
  const answer = (spec: ProbeSpec): ProbeReport => {
    const refused = mode === 'verify' && !spec.client.certificate;
    const report = probeReport(spec, refused ? RESET_TRANSCRIPT : CERT_TRANSCRIPT, {
      target: !refused,
      pass: true,
    });
    // Judged as the engine would on status alone: the expectation says which.
    const status = report.response?.status ?? null;
    const differs = spec.expect.status !== undefined && spec.expect.status !== status;
    return {
      ...report,
      pass: !differs,
      verdict: spec.unjudged
        ? { code: 'unjudged', level: 'assumed', basis: 'assumed', expectation: null, copied: null }
        : {
            code: differs ? 'differs' : 'matches',
            level: spec.evidence.level,
            basis: spec.evidence.level,
            expectation: null,
            copied: null,
          },
    };
  };
  const fake: FakeLab = {
    stops: 0,
    end: (component) => endSession({ component }),
    session: {
      scenario: scenario.id,
      topology: live(),
      components: COMPONENTS,
      probes: [],
      handshakes: [],
      pkiDir: '/tmp/state/certs',
      elbv2Api: {
        endpoint: LAB_ENDPOINT,
        env: {
          AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2: LAB_ENDPOINT,
          AWS_ACCESS_KEY_ID: 'test',
          AWS_SECRET_ACCESS_KEY: 'test',
          AWS_REGION: 'us-east-1',
          AWS_DEFAULT_REGION: 'us-east-1',
        },
        loadBalancers: [
          {
            path: 'Alb',
            arn: ARN.replace('listener/', 'loadbalancer/').replace(/\/[^/]+$/, ''),
            listeners: [{ label: 'Alb HTTPS:443', arn: ARN }],
          },
        ],
        targetGroups: [],
        trustStores: [],
        awsCli: '/work/.sandbox/localstack-venv/bin/aws',
        objectsDir: null,
      },
      ended,
      stop: async () => {
        fake.stops += 1;
      },
      listeners: [{ loadBalancer: 'Alb', port: 443, protocol: 'HTTPS', kind: 'ALB', label: 'Alb HTTPS:443', arn: ARN }],
      certificates: [
        { name: 'clientA', subject: 'CN=clientA,O=example.org', issuer: 'CN=privateCA,O=example.org' },
        { name: 'clientB', subject: 'CN=clientB,O=example.org', issuer: 'CN=privateCA,O=example.org' },
      ],
      presets: IDENTITY_PRESETS,
      liveTopology: live,
      probe: async (spec) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        return answer(spec);
      },
      scenarioProbe: async (spec) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        return answer(spec);
      },
      consoleProbe: (request, number) => {
        // The model's word by the mode the listener has now: verify refuses a client without a certificate.
        const prediction =
          request.certificate === null
            ? mode === 'verify'
              ? { expect: { status: null }, evidence: { level: 'observed' as const, citations: [] } }
              : { expect: { status: 200 }, evidence: { level: 'assumed' as const, citations: [] } }
            : null;
        const spec = consoleProbe(request, number, prediction);
        return {
          spec,
          command: `curl -v --cacert /tmp/state/certs/sandboxServerCA.crt${Object.entries(request.headers)
            .map(([name, value]) => ` -H '${name}: ${value}'`)
            .join('')} https://127.0.0.1:40443${request.path}`,
          prediction,
        };
      },
      checkChallenge: async (id) => {
        const challenge = scenario.challenges!.find((candidate) => candidate.id === id)!;
        const reports = challenge.check.map((part) => {
          const report = answer(partProbe(challenge, part));
          const holds = report.response?.status === 200;
          return {
            ...report,
            mismatches: holds
              ? []
              : [msg('mismatch.status', { expected: 200, actual: null, error: 'reset', exit: 35 })],
          };
        });
        return challengeResult(challenge, reports);
      },
      setMutualMode: async (_listener, next) => {
        emit({
          type: 'elbv2-change',
          scenario: scenario.id,
          change: msg('elbv2.mutual-mode', {
            listener: 'Alb HTTPS:443',
            from: mode,
            to: next,
            action: 'ModifyListener',
          }),
        });
        mode = next;
        emit({ type: 'topology', scenario: scenario.id, topology: live() });
      },
      saveProbe: (spec) => ({
        file: '/home/me/lab/my-alb/lab-probes.ts',
        name: `lab-20261207-${spec.name}`,
        wired: true,
      }),
    },
  };
  return fake;
}

/** The events a lab start emits, as the engine emits them. */
export function startEvents(scenario: ScenarioDefinition, emit: Emit): void {
  emit({ type: 'scenario-start', scenario: scenario.id, title: scenario.title.en });
  for (const component of COMPONENTS) {
    emit({ type: 'component-starting', scenario: scenario.id, name: component.name, role: component.role });
    emit({ type: 'component-ready', scenario: scenario.id, component });
  }
  emit({
    type: 'topology',
    scenario: scenario.id,
    topology: topologyReportOf(scenario, TOPOLOGIES['demo-alb']!, COMPONENTS),
  });
}
