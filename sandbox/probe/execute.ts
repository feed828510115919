// One probe, whatever its kind: skipped (this machine cannot show it), one request, or a distribution of many
// requests. Observe → judge → one ProbeReport, built in one place.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Pki } from '../../certs/types.js';
import { distributionClients, judgeDistribution, lbCookieName, NO_TARGET, perTarget } from '../distribution.js';
import type { Emit } from '../events.js';
import { judge, type Observed } from '../judge.js';
import { type Message, msg } from '../messages.js';
import { outcomeOf } from '../outcome.js';
import { resolvePlaceholders } from '../placeholders.js';
import type { CertificateFacts } from '../scenario.js';
import type { DistributionClient, ProbeReport, TopologyReport, VerifierCode } from '../report.js';
import type { Expectation, ProbeContext, ProbeSpec, ScenarioDefinition } from '../scenario.js';
import { pick, type Lang } from '../text.js';
import { verifierOnPath } from '../topology-report.js';
import type { CurlRequest } from './curl-command.js';
import { prepareCurl } from './curl-runner.js';
import { observe, type Observation, type ObservedLogs } from './observe.js';
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
  const observation = await observe(prepared, env.logs);
  const mismatches = judge(expect, observedFacts(observation));
  return probeReport(spec, env, { command: prepared.command, observation, expect, mismatches, started, endpoint });
}

/**
 * Each client sends its requests round by round (every client's first, then every client's second, …), one curl
 * at a time; the target that received each request is read from the targets' logs, as for a single probe. Every
 * request is judged against the probe's expectation; the counts against `expect.distribution`.
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
  const prepared = await Promise.all(
    clients.map(async (client) => {
      let cookieJar: string | undefined;
      if (spec.client.keepCookies) {
        cookieJar = join(jarDir, `${client.name}.cookies`);
        await writeFile(cookieJar, ''); // a fresh client: no cookies yet
      }
      return prepareCurl({ ...run.request, sourceAddress: client.sourceAddress, cookieJar });
    }),
  );
  const records: DistributionClient[] = clients.map((client, index) => ({
    name: client.name,
    sourceAddress: client.sourceAddress,
    targets: {},
    lbCookie: null,
    command: prepared[index]!.command,
  }));
  env.emit({ type: 'probe-start', scenario: env.scenario.id, probe: spec.name, command: records[0]!.command });
  const { distribution: counts, ...perRequest } = run.expect;
  const requestMismatches: Message[] = [];
  let last: Observation | null = null;
  for (let round = 1; round <= repeat; round++) {
    for (const [index, client] of clients.entries()) {
      const observation = await observe(prepared[index]!, env.logs, { connectionLog: false });
      const record = records[index]!;
      const key = observation.target?.name ?? NO_TARGET;
      record.targets[key] = (record.targets[key] ?? 0) + 1;
      record.lbCookie ??= lbCookieName(observation.curl.parsed.response?.headers['set-cookie']);
      for (const mismatch of judge(perRequest, observedFacts(observation))) {
        requestMismatches.push(
          msg('mismatch.request', { client: client.name, source: client.sourceAddress, round }, mismatch),
        );
      }
      last = observation;
    }
  }
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
}

/** The one place a ProbeReport is made. */
function probeReport(spec: ProbeSpec, env: ProbeEnvironment, parts: ReportParts): ProbeReport {
  const observation = parts.observation;
  const parsed = observation?.curl.parsed ?? null;
  const facts = observation ? observedFacts(observation) : null;
  const local = parts.endpoint ? `${parts.endpoint.host}:${parts.endpoint.port}` : undefined;
  const verifiedBy: VerifierCode = verifierOnPath(env.topology, spec.via, local);
  const verdict = parts.skipped ? 'skipped' : parts.mismatches.length === 0 ? 'matches' : 'differs';
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
    steps: parsed?.steps ?? [],
    response: parsed?.response ?? null,
    connectionError: parsed?.connectionError ?? null,
    target: observation?.target ?? null,
    connectionLog: observation?.connectionLog ?? [],
    ...(env.logs.wafLogFiles.length > 0 && observation ? { wafLog: observation.wafLog } : {}),
    loadBalancerRequest: null,
    transcript: observation?.curl.transcript ?? [],
    outcome: facts ? outcomeOf(facts) : { code: 'skipped', status: null, answeredBy: null, fact: null },
    verifiedBy,
    expected: parts.expect as Record<string, unknown>,
    evidence: {
      level: spec.evidence.level,
      citations: spec.evidence.citations,
      assumption: spec.evidence.assumption ? pick(spec.evidence.assumption, env.lang) : null,
    },
    verdict: { code: verdict, level: spec.evidence.level },
    pass: verdict !== 'differs',
    mismatches: parts.mismatches,
    durationMs: parts.observation || parts.skipped === undefined ? Math.round(performance.now() - parts.started) : 0,
    ...(parts.skipped ? { skipped: parts.skipped } : {}),
    ...(parts.distribution ? { distribution: parts.distribution } : {}),
    ...(parts.clients ? { clients: parts.clients } : {}),
  };
}
