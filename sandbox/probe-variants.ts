// The probes that are not one curl run: a distribution probe (many clients, several requests each, counted per
// target) and a probe this machine cannot run (skipped, with the reason — never faked).
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { distributionClients, judgeDistribution, lbCookieName, NO_TARGET, perTarget } from './distribution.js';
import { judge } from './judge.js';
import { buildCurlArgs, formatCommand, type CurlRequest } from './probe/curl-command.js';
import { runCurl, type CurlResult } from './probe/curl-runner.js';
import type { DistributionClient, Handshake, ProbeReport, TargetObservation } from './report.js';
import { logOffsets, observationsSince, type TargetHandle } from './runtime/target-log.js';
import type { Topology } from './model/topology.js';
import type { Expectation, ProbeSpec, ScenarioDefinition } from './scenario.js';
import { pick, type Lang } from './text.js';

/** True when the probe is a distribution probe (several clients or several requests). */
export function isDistribution(spec: ProbeSpec): boolean {
  return spec.client.sources !== undefined || (spec.client.repeat ?? 1) > 1;
}

/** How a probe's source addresses read in a report: "127.0.0.23", or "127.0.0.1–127.0.0.16 (16 clients)". */
export function describeSources(spec: ProbeSpec): string {
  const sources = spec.client.sources;
  if (!sources) return spec.client.sourceAddress ?? '127.0.0.1';
  const distinct = [...new Set(sources)];
  const range = distinct.length === 1 ? distinct[0]! : `${distinct[0]}–${distinct[distinct.length - 1]}`;
  return `${range} (${sources.length} client${sources.length === 1 ? '' : 's'}${distinct.length === 1 && sources.length > 1 ? ' behind one address' : ''})`;
}

/** The backends a listener can send requests to (its forward actions' target groups), so empty bars show too. */
export function listenerTargetNames(
  scenario: ScenarioDefinition,
  topology: Topology,
  loadBalancerPath: string,
  listenerPort: number,
): string[] {
  const balancer = topology.loadBalancers.find((candidate) => candidate.path === loadBalancerPath);
  const listener = balancer?.listeners.find((candidate) => candidate.port === listenerPort);
  if (!balancer || !listener) return [];
  const groupPaths = [...listener.defaultActions, ...listener.rules.flatMap((rule) => rule.actions)]
    .flatMap((action) => (action.type === 'forward' ? action.targetGroups.map((group) => group.targetGroupId) : []))
    .map((id) =>
      balancer.kind === 'classic' ? balancer.path : topology.targetGroups.find((group) => group.logicalId === id)?.path,
    )
    .filter((path): path is string => path !== undefined);
  return [...new Set(groupPaths.flatMap((path) => (scenario.targets[path] ?? []).map((backend) => backend.name)))];
}

const NO_HANDSHAKE: Handshake = {
  tlsVersion: null,
  cipher: null,
  clientCertificateRequested: false,
  clientCertificateSent: false,
  alpn: null,
  alerts: [],
  error: null,
};

/** The report of a probe that did not run here: it passes (a skip is not a failure) and says why. */
export function skippedProbe(spec: ProbeSpec, lang: Lang, command: string, reason: string): ProbeReport {
  return {
    name: spec.name,
    description: pick(spec.description, lang),
    command,
    client: { certificate: spec.client.certificate ?? null, sourceAddress: describeSources(spec) },
    handshake: NO_HANDSHAKE,
    response: null,
    connectionError: null,
    target: null,
    connectionLog: [],
    transcript: [],
    expected: spec.expect as Record<string, unknown>,
    reference: spec.reference,
    pass: true,
    mismatches: [],
    durationMs: 0,
    skipped: reason,
  };
}

export interface DistributionRun {
  spec: ProbeSpec;
  lang: Lang;
  /** The expectation with placeholders resolved. */
  expect: Expectation;
  /** One client's curl request: its source address and, when it keeps cookies, its cookie jar. */
  requestFor(sourceAddress: string, cookieJar: string | undefined): CurlRequest;
  targets: readonly TargetHandle[];
  /** The targets behind the probed listener, counted even when they answer nothing. */
  targetNames: readonly string[];
  /** A directory of this probe's own (cookie jars). */
  dir: string;
}

/** At most this many per-request mismatch lines; the rest are counted. */
const MAX_REQUEST_MISMATCHES = 5;

/**
 * Each client sends its requests round by round (every client's first, then every client's second, …), one curl
 * at a time; the target that received each request is read from the targets' logs, as for a single probe. Every
 * request is judged against the probe's expectation; the counts against `expect.distribution`.
 */
export async function runDistributionProbe(run: DistributionRun): Promise<ProbeReport> {
  const { spec } = run;
  const started = performance.now();
  const clients = distributionClients(spec.client.sources, spec.client.sourceAddress);
  const repeat = Math.max(1, spec.client.repeat ?? 1);
  await rm(run.dir, { recursive: true, force: true });
  await mkdir(run.dir, { recursive: true });
  const jars = await Promise.all(
    clients.map(async (client) => {
      if (!spec.client.keepCookies) return undefined;
      const jar = join(run.dir, `${client.name}.cookies`);
      await writeFile(jar, ''); // a fresh client: no cookies yet
      return jar;
    }),
  );
  const records: DistributionClient[] = clients.map((client, index) => ({
    name: client.name,
    sourceAddress: client.sourceAddress,
    targets: {},
    lbCookie: null,
    command: formatCommand(
      buildCurlArgs({ noProgressMeter: true, ...run.requestFor(client.sourceAddress, jars[index]) }),
    ),
  }));
  const { distribution: counts, ...perRequest } = run.expect;
  const requestMismatches: string[] = [];
  let last: { result: CurlResult; target: TargetObservation | null } | null = null;
  for (let round = 1; round <= repeat; round++) {
    for (const [index, client] of clients.entries()) {
      const offsets = logOffsets(run.targets);
      const result = await runCurl(run.requestFor(client.sourceAddress, jars[index]));
      const parsed = result.parsed;
      const seen = await observationsSince(run.targets, offsets, parsed.response ? 500 : 50);
      const target = seen[seen.length - 1] ?? null;
      const record = records[index]!;
      const key = target?.name ?? NO_TARGET;
      record.targets[key] = (record.targets[key] ?? 0) + 1;
      record.lbCookie ??= lbCookieName(parsed.response?.headers['set-cookie']);
      const observed = {
        handshake: parsed.handshake,
        response: parsed.response,
        connectionError: parsed.connectionError,
        curlExitCode: result.exitCode,
        target,
        connectionLog: [],
      };
      for (const mismatch of judge(perRequest, observed))
        requestMismatches.push(`${client.name} (${client.sourceAddress}) request ${round}: ${mismatch}`);
      last = { result, target };
    }
  }
  const mismatches = requestMismatches.slice(0, MAX_REQUEST_MISMATCHES);
  if (requestMismatches.length > MAX_REQUEST_MISMATCHES)
    mismatches.push(`…and ${requestMismatches.length - MAX_REQUEST_MISMATCHES} more request mismatch(es)`);
  mismatches.push(...judgeDistribution(counts ?? {}, records));
  const parsed = last!.result.parsed;
  return {
    name: spec.name,
    description: pick(spec.description, run.lang),
    command: records[0]!.command,
    client: { certificate: spec.client.certificate ?? null, sourceAddress: describeSources(spec) },
    handshake: parsed.handshake,
    response: parsed.response,
    connectionError: parsed.connectionError,
    target: last!.target,
    connectionLog: [],
    transcript: last!.result.transcript,
    expected: run.expect as Record<string, unknown>,
    reference: spec.reference,
    pass: mismatches.length === 0,
    mismatches,
    durationMs: Math.round(performance.now() - started),
    distribution: { ...Object.fromEntries(run.targetNames.map((name) => [name, 0])), ...perTarget(records) },
    clients: records,
  };
}
