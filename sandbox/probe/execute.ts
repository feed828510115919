// One probe, whatever its kind: skipped (this machine cannot show it), one request, or a distribution of many
// requests. Observe → judge → one ProbeReport, built in one place.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Pki } from '../../certs/types.js';
import { distributionClients, judgeDistribution, lbCookieName, NO_TARGET, perTarget } from '../distribution.js';
import type { Emit } from '../events.js';
import { judge, type Observed, verdictOf } from '../judge.js';
import { type Message, msg } from '../messages.js';
import { outcomeOf } from '../outcome.js';
import { resolvePlaceholders } from '../placeholders.js';
import type { CertificateFacts } from '../scenario.js';
import type {
  CaptureReport,
  DistributionClient,
  LoadBalancerRequest,
  ProbeReport,
  TargetObservation,
  TopologyReport,
  VerifierCode,
} from '../report.js';
import type { ConfigSources } from '../explain/config-sources.js';
import { sequenceOf } from '../explain/sequence.js';
import { startCapture, type RunningCapture } from './capture.js';
import type { Expectation, ProbeContext, ProbeSpec, ScenarioDefinition } from '../scenario.js';
import { pick, type Lang } from '../text.js';
import { verifierOnPath } from '../topology-report.js';
import type { CurlRequest } from './curl-command.js';
import { prepareCurl } from './curl-runner.js';
import { type ExpectedRecords, observe, observeOne, type Observation, type ObservedLogs } from './observe.js';
import { eachAtMost, REQUEST_ID, sideBySide } from './side-by-side.js';
import { logOffsets, RequestIdTail } from '../runtime/target-log.js';
import { curlRequestFor, isDistribution, type Endpoint } from './request.js';
import { sourceAddressesProblem } from './source-address.js';

/** What a probe needs from its run. */
export interface ProbeEnvironment {
  scenario: ScenarioDefinition;
  pki: Pki;
  lang: Lang;
  emit: Emit;
  /** Where this scenario's run keeps its files. */
  dir: string;
  logs: ObservedLogs;
  /** The listener's local address (or what a Route 53 name resolves to now). */
  endpoint(via: ProbeSpec['via']): Endpoint;
  /** Why probes through this listener cannot show AWS's behaviour here (they are skipped), or null. */
  limitation(via: ProbeSpec['via']): Message | null;
  /** The backends behind the probed listener, counted even when they answer nothing. */
  targetNames(via: ProbeSpec['via']): string[];
  topology: TopologyReport;
  /** What a probe's `before` hook may use. */
  hookContext(dir: string): ProbeContext;
  /** The PKI's certificates as expectation placeholders ({clientA.serial}…). */
  certificateFacts(): Promise<Record<string, CertificateFacts>>;
  /** The stack's sources and the rendered configurations, for "the configuration that decides this". */
  config: ConfigSources;
  /** --pcap: where each probe's capture goes and the load balancers' key logs; null without --pcap. */
  pcap: { dir: string; keyLogFiles: readonly string[] } | null;
  /** The digest of the stack's template as it runs (a copy's verdict says whether it changed); null: not needed. */
  stackDigest: string | null;
  /** How many requests of one probe may be in flight at once where the probe allows it (client.clientsAtOnce). */
  requestsAtOnce: number;
}

export async function executeProbe(spec: ProbeSpec, env: ProbeEnvironment): Promise<ProbeReport> {
  const started = performance.now();
  const dir = join(env.dir, `probe-${spec.name}`);
  const firstSource = spec.client.sources?.[0] ?? spec.client.sourceAddress;
  // A probe this machine cannot run as AWS would behave (a source address that is not local, a load balancer
  // feature the local tools lack) is skipped with the reason, never faked.
  const cannot =
    env.limitation(spec.via) ?? (await sourceAddressesProblem(spec.client.sources ?? [firstSource ?? '127.0.0.1']));
  if (cannot) {
    const command = prepareCurl({
      ...curlRequestFor(spec, env.endpoint(spec.via), env.pki),
      sourceAddress: firstSource,
    }).command;
    env.emit({ type: 'probe-start', scenario: env.scenario.id, probe: spec.name, command });
    return probeReport(spec, env, {
      command,
      observation: null,
      expect: spec.expect,
      mismatches: [],
      started,
      skipped: cannot,
    });
  }
  const setup = spec.before ? await spec.before(env.hookContext(dir)) : undefined;
  const facts = { ...(await env.certificateFacts()), ...(setup?.certificates ?? {}) };
  const expect = resolvePlaceholders(spec.expect, facts);
  // Resolved after the hook: a Route 53 name may answer differently now (failover).
  const endpoint = env.endpoint(spec.via);
  const request = curlRequestFor(spec, endpoint, env.pki);
  if (isDistribution(spec)) return distributionProbe(spec, env, { request, expect, dir, started, endpoint });
  const prepared = prepareCurl(request);
  env.emit({ type: 'probe-start', scenario: env.scenario.id, probe: spec.name, command: prepared.command });
  const capture = await captureFor(spec, env, endpoint);
  let observation: Observation;
  let captured: CaptureReport | null = null;
  try {
    observation = await observe(
      capture ? { ...prepared, env: { SSLKEYLOGFILE: capture.curlKeyLog } } : prepared,
      env.logs,
      expectedRecords(env, endpoint, spec),
    );
  } finally {
    captured = (await capture?.stop()) ?? null;
  }
  const mismatches = judge(expect, observedFacts(observation));
  return probeReport(spec, env, {
    command: prepared.command,
    observation,
    expect,
    mismatches,
    started,
    endpoint,
    capture: captured,
  });
}

/** The records the listener at `endpoint` writes for each request; every kind, to be safe, for an address that is
 * not a listener's (a stand-in behind a Route 53 name). */
function expectedRecords(env: ProbeEnvironment, endpoint: Endpoint, spec: ProbeSpec): ExpectedRecords {
  const address = `${endpoint.host}:${endpoint.port}`;
  for (const balancer of env.topology.balancers) {
    const listener = balancer.listeners.find((candidate) => candidate.address === address);
    if (!listener) continue;
    // Our emulators (ALB, NLB TLS listener, CloudFront) log each TLS connection they end; HAProxy passes TLS on. A
    // probe that expects a rule reaches an ALB, if through an NLB in front of it.
    return {
      requestLog: balancer.kind === 'ALB' || spec.expect.rulePriority !== undefined,
      connectionLog: listener.tlsEndsAt === 'load-balancer',
    };
  }
  return { requestLog: true, connectionLog: true };
}

/** --pcap: a capture of the probe's listener and every target of the run, started before curl. */
async function captureFor(spec: ProbeSpec, env: ProbeEnvironment, endpoint: Endpoint): Promise<RunningCapture | null> {
  if (!env.pcap) return null;
  const listener = env.topology.balancers
    .flatMap((balancer) => balancer.listeners)
    .find((candidate) => candidate.address === `${endpoint.host}:${endpoint.port}`);
  const targets = env.topology.balancers.flatMap((balancer) =>
    balancer.targets.flatMap((target) => {
      const port = Number(target.address?.split(':').at(-1));
      if (!Number.isInteger(port) || port <= 0) return [];
      const tls = target.kind === 'nginx' && target.profile === 'client-auth';
      return [{ port, protocol: tls ? ('tls' as const) : ('http' as const) }];
    }),
  );
  return startCapture({
    dir: env.pcap.dir,
    name: `${env.scenario.id}--${spec.name}`,
    ports: [{ port: endpoint.port, protocol: listener?.protocol === 'HTTP' ? 'http' : 'tls' }, ...targets],
    keyLogFiles: env.pcap.keyLogFiles,
  });
}

/**
 * Each client sends its requests round by round (every client's first, then every client's second, …): one curl at
 * a time, or, for a probe whose clients may send side by side (client.clientsAtOnce), up to env.requestsAtOnce, each
 * request then told apart by its id. The target that received each request is read from the targets' logs, as for a
 * single probe. Every request is judged against the probe's expectation; the counts against `expect.distribution`.
 */
async function distributionProbe(
  spec: ProbeSpec,
  env: ProbeEnvironment,
  run: { request: CurlRequest; expect: Expectation; dir: string; started: number; endpoint: Endpoint },
): Promise<ProbeReport> {
  const clients = distributionClients(spec.client.sources, spec.client.sourceAddress);
  const repeat = Math.max(1, spec.client.repeat ?? 1);
  const jarDir = join(run.dir, 'clients');
  await rm(jarDir, { recursive: true, force: true });
  await mkdir(jarDir, { recursive: true });
  const requests = await Promise.all(
    clients.map(async (client) => {
      let cookieJar: string | undefined;
      if (spec.client.keepCookies) {
        cookieJar = join(jarDir, `${client.name}.cookies`);
        await writeFile(cookieJar, ''); // a fresh client: no cookies yet
      }
      return { ...run.request, sourceAddress: client.sourceAddress, cookieJar };
    }),
  );
  const prepared = requests.map((request) => prepareCurl(request));
  const records: DistributionClient[] = clients.map((client, index) => ({
    name: client.name,
    sourceAddress: client.sourceAddress,
    targets: {},
    lbCookie: null,
    command: prepared[index]!.command,
  }));
  env.emit({ type: 'probe-start', scenario: env.scenario.id, probe: spec.name, command: records[0]!.command });
  const { distribution: counts, ...perRequest } = run.expect;
  const atOnce = sideBySide(spec) ? Math.max(1, env.requestsAtOnce) : 1;
  // Side by side, a request is found in the targets' logs by its id among every line since the probe began.
  const tail = new RequestIdTail(env.logs.targets, logOffsets(env.logs.targets));
  const send = async (index: number, round: number): Promise<Observation> => {
    if (atOnce === 1)
      return observe(prepared[index]!, env.logs, { ...expectedRecords(env, run.endpoint, spec), connectionLog: false });
    const id = `${spec.name}.${clients[index]!.name}.${round}`;
    const tagged = prepareCurl({ ...requests[index]!, headers: { ...requests[index]!.headers, [REQUEST_ID]: id } });
    return observeOne(tagged, tail, id);
  };
  const observations: Observation[][] = [];
  try {
    for (let round = 1; round <= repeat; round++) {
      observations.push(await eachAtMost(clients.length, atOnce, (index) => send(index, round)));
    }
  } finally {
    tail.close();
  }
  // Recorded in the order a serial run sends them, whatever order they were answered in.
  const requestMismatches: Message[] = [];
  for (const [roundIndex, roundObservations] of observations.entries()) {
    for (const [index, observation] of roundObservations.entries()) {
      const client = clients[index]!;
      const record = records[index]!;
      const key = observation.target?.name ?? NO_TARGET;
      record.targets[key] = (record.targets[key] ?? 0) + 1;
      record.lbCookie ??= lbCookieName(observation.curl.parsed.response?.headers['set-cookie']);
      for (const mismatch of judge(perRequest, observedFacts(observation))) {
        requestMismatches.push(
          msg(
            'mismatch.request',
            { client: client.name, source: client.sourceAddress, round: roundIndex + 1 },
            mismatch,
          ),
        );
      }
    }
  }
  const last = observations.at(-1)?.at(-1) ?? null;
  const mismatches = requestMismatches.slice(0, MAX_REQUEST_MISMATCHES);
  if (requestMismatches.length > MAX_REQUEST_MISMATCHES) {
    mismatches.push(msg('mismatch.more-requests', { count: requestMismatches.length - MAX_REQUEST_MISMATCHES }));
  }
  mismatches.push(...judgeDistribution(counts ?? {}, records));
  return probeReport(spec, env, {
    command: records[0]!.command,
    observation: last,
    expect: run.expect,
    mismatches,
    started: run.started,
    endpoint: run.endpoint,
    distribution: {
      ...Object.fromEntries(env.targetNames(spec.via).map((name) => [name, 0])),
      ...perTarget(records),
    },
    clients: records,
  });
}

/** At most this many per-request mismatch lines; the rest are counted. */
const MAX_REQUEST_MISMATCHES = 5;

function observedFacts(observation: Observation): Observed {
  const parsed = observation.curl.parsed;
  return {
    handshake: parsed.handshake,
    response: parsed.response,
    connectionError: parsed.connectionError,
    curlExitCode: observation.curl.exitCode,
    target: observation.target,
    connectionLog: observation.connectionLog,
    wafLog: observation.wafLog,
    rulePriority: observation.requests.at(-1)?.matched_rule_priority ?? null,
  };
}

const NO_HANDSHAKE = {
  tlsVersion: null,
  cipher: null,
  clientCertificateRequested: false,
  clientCertificateSent: false,
  alpn: null,
  alerts: [],
  error: null,
};

interface ReportParts {
  command: string;
  /** null: the probe did not run. */
  observation: Observation | null;
  expect: Expectation;
  mismatches: Message[];
  started: number;
  endpoint?: Endpoint;
  skipped?: Message;
  distribution?: Record<string, number>;
  clients?: DistributionClient[];
  capture?: CaptureReport | null;
}

/** The ALB emulator's record of the probe's (last) request, with the rule that matched and those it met. */
function loadBalancerRequestOf(observation: Observation | null, env: ProbeEnvironment): LoadBalancerRequest | null {
  const record = observation?.requests.at(-1);
  if (!record) return null;
  const checks = (record.rules ?? []).map((rule) => ({ ...rule, path: env.config.constructPath(rule.logicalId) }));
  return {
    listener: record.listener,
    status: record.elb_status_code,
    matchedRulePriority: record.matched_rule_priority,
    actions: record.actions_executed,
    target: record.target,
    rule: checks.find((rule) => rule.matched) ?? null,
    rulesChecked: checks,
  };
}

/** The stand-in label of the target that answered, when it is one (sandbox/template/stand-ins.ts). */
function standInOf(env: ProbeEnvironment, target: TargetObservation | null): { standIn?: Message } {
  if (!target) return {};
  const spec = Object.values(env.scenario.targets)
    .flat()
    .find((backend) => backend.name === target.name);
  return spec?.standIn ? { standIn: spec.standIn } : {};
}

/** The one place a ProbeReport is made. */
async function probeReport(spec: ProbeSpec, env: ProbeEnvironment, parts: ReportParts): Promise<ProbeReport> {
  const observation = parts.observation;
  const parsed = observation?.curl.parsed ?? null;
  const facts = observation ? observedFacts(observation) : null;
  const local = parts.endpoint ? `${parts.endpoint.host}:${parts.endpoint.port}` : undefined;
  const verifiedBy: VerifierCode = verifierOnPath(env.topology, spec.via, local);
  const verdict = verdictOf(spec, env.scenario, {
    skipped: parts.skipped !== undefined,
    mismatches: parts.mismatches.length,
    stackDigest: env.stackDigest,
  });
  const loadBalancerRequest = loadBalancerRequestOf(observation, env);
  const outcome: ProbeReport['outcome'] = facts
    ? outcomeOf({ ...facts, loadBalancerRequest }, parts.expect)
    : { code: 'skipped', status: null, answeredBy: null, fact: null, targetSaw: [] };
  const balancer = env.topology.balancers.find((candidate) => candidate.path === spec.via.loadBalancer) ?? null;
  const listener =
    balancer?.listeners.find((candidate) => candidate.port === spec.via.port) ??
    env.topology.balancers
      .flatMap((candidate) => candidate.listeners)
      .find((candidate) => local !== undefined && candidate.address === local) ??
    null;
  const target = observation?.target ?? null;
  const steps = parsed?.steps ?? [];
  const sequence = sequenceOf({
    steps,
    listener,
    response: parsed?.response ?? null,
    target,
    connectionLog: observation?.connectionLog ?? [],
    wafLog: observation?.wafLog,
    loadBalancerRequest,
  });
  const configTarget = target?.name ?? (balancer?.targets.length === 1 ? balancer.targets[0]!.name : null);
  const config = parts.skipped
    ? []
    : await env.config.excerpts(
        {
          balancerPath: spec.via.loadBalancer,
          balancerKind: balancer?.kind ?? null,
          listener,
          rule: loadBalancerRequest?.rule ?? null,
          outcome: outcome.code,
          verifiedBy,
        },
        configTarget,
      );
  return {
    name: spec.name,
    description: pick(spec.description, env.lang),
    command: parts.command,
    client: {
      certificate: spec.client.certificate ?? null,
      sourceAddress: spec.client.sources?.[0] ?? spec.client.sourceAddress ?? '127.0.0.1',
      sources: spec.client.sources ?? null,
    },
    via: spec.via,
    handshake: parsed?.handshake ?? NO_HANDSHAKE,
    steps,
    response: parsed?.response ?? null,
    connectionError: parsed?.connectionError ?? null,
    target: observation?.target ?? null,
    ...standInOf(env, observation?.target ?? null),
    connectionLog: observation?.connectionLog ?? [],
    ...(env.logs.wafLogFiles.length > 0 && observation ? { wafLog: observation.wafLog } : {}),
    loadBalancerRequest,
    transcript: observation?.curl.transcript ?? [],
    outcome,
    sequence,
    config,
    capture: parts.capture ?? null,
    verifiedBy,
    expected: parts.expect as Record<string, unknown>,
    evidence: {
      level: spec.evidence.level,
      citations: spec.evidence.citations,
      assumption: spec.unjudged
        ? pick(spec.unjudged, env.lang)
        : spec.evidence.assumption
          ? pick(spec.evidence.assumption, env.lang)
          : null,
    },
    verdict,
    pass: verdict.code !== 'differs',
    mismatches: parts.mismatches,
    durationMs: parts.observation || parts.skipped === undefined ? Math.round(performance.now() - parts.started) : 0,
    ...(parts.skipped ? { skipped: parts.skipped } : {}),
    ...(parts.distribution ? { distribution: parts.distribution } : {}),
    ...(parts.clients ? { clients: parts.clients } : {}),
  };
}
