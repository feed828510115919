// What a scenario's probes name must exist: the certificate a client presents, the listener it calls, the targets
// its expectation names. Checked when a scenario loads (definitionProblems) and once its stack is compiled
// (topologyProblems: `list` compiles a user's scenarios, `run` before any probe), so a typo is an error at its line with a "did you mean", not a probe that runs without a
// certificate and "differs". Pure.
import { CLIENT_CERT_NAMES } from '../certs/pki.js';
import { cloudFrontComponentName } from './model/cloudfront.js';
import type { Topology } from './model/topology.js';
import type { ProbeSpec, ScenarioDefinition } from './scenario.js';
import { closest } from './suggest.js';
import { type Message, msg } from './messages.js';

/** The part of a probe a problem is about, for its line in scenario.ts. */
export type ProbeField = 'certificate' | 'loadBalancer' | 'port' | 'target' | 'evidence' | 'targets';

export interface ScenarioProblem {
  /** The probe it is in; null: the scenario's `targets`. */
  probe: string | null;
  field: ProbeField;
  /** What is wrong and how to fix it, with the closest known name when there is one. */
  text: string;
  /** The same, as a message code, for the command line in the user's language. */
  said: Message;
}

const quoted = (words: readonly (string | number)[]) => words.map((word) => `"${word}"`).join(', ');

/** ' Did you mean "clientA"?' — the closest of `known`, when it is close. */
function suggestion(value: string, known: readonly string[]): string {
  const found = closest(value, known);
  return found ? ` Did you mean "${found}"?` : '';
}

/** Problems that the definition alone shows: certificate names, evidence without its reason. */
export function definitionProblems(scenario: ScenarioDefinition): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  for (const probe of scenario.probes) {
    const certificate = probe.client?.certificate;
    if (certificate !== undefined && certificate !== null && !CLIENT_CERT_NAMES.includes(certificate))
      problems.push({
        probe: probe.name,
        field: 'certificate',
        text: `probe "${probe.name}" presents certificate "${certificate}", which the sandbox does not have.${suggestion(certificate, CLIENT_CERT_NAMES)} Certificates: ${CLIENT_CERT_NAMES.join(', ')}.`,
        said: msg('check.certificate', {
          probe: probe.name,
          certificate,
          near: closest(certificate, CLIENT_CERT_NAMES) ?? null,
          known: CLIENT_CERT_NAMES.join(', '),
        }),
      });
    if (probe.evidence?.level === 'assumed' && !probe.unjudged && !probe.evidence.assumption?.en)
      problems.push({
        probe: probe.name,
        field: 'evidence',
        text: `probe "${probe.name}" rests on an assumption without saying why: write assumed({ en: '…', ja: '…' }, …sources).`,
        said: msg('check.assumed-why', { probe: probe.name }),
      });
  }
  return problems;
}

/** The backend names an expectation names (target.oneOf, distribution.perTarget). */
function targetNames(probe: ProbeSpec): string[] {
  const target = probe.expect?.target;
  const perTarget = Object.keys(probe.expect?.distribution?.perTarget ?? {}).filter((name) => name !== '*');
  return [...(target?.oneOf ?? []), ...perTarget];
}

/** Problems the compiled stack shows: probes calling a load balancer or port it lacks, targets of no target group. */
export function topologyProblems(scenario: ScenarioDefinition, topology: Topology): ScenarioProblem[] {
  const listeners = new Map<string, number[]>();
  for (const balancer of topology.loadBalancers)
    listeners.set(
      balancer.path,
      balancer.listeners.map((listener) => listener.port),
    );
  // A CloudFront distribution answers on 443, as its viewers call it.
  for (const distribution of topology.cloudFront?.distributions ?? []) listeners.set(distribution.path, [443]);
  const dnsNames = new Set((topology.dns?.records ?? []).map((record) => record.name));
  const problems: ScenarioProblem[] = [];
  for (const probe of scenario.probes) {
    const { loadBalancer, port } = probe.via;
    // A Route 53 name resolves to whatever its records say at the time (a failover): any port.
    if (dnsNames.has(loadBalancer.toLowerCase())) continue;
    const ports = listeners.get(loadBalancer);
    if (!ports) {
      const known = [...listeners.keys(), ...dnsNames];
      problems.push({
        probe: probe.name,
        field: 'loadBalancer',
        text: `probe "${probe.name}" calls load balancer "${loadBalancer}", which the stack does not have.${suggestion(loadBalancer, known)} Load balancers (by construct path): ${quoted(known) || 'none'}.`,
        said: msg('check.load-balancer', {
          probe: probe.name,
          loadBalancer,
          near: closest(loadBalancer, known) ?? null,
          known: quoted(known),
        }),
      });
    } else if (!ports.includes(port)) {
      const near = closest(String(port), ports.map(String));
      problems.push({
        probe: probe.name,
        field: 'port',
        text: `probe "${probe.name}" calls ${loadBalancer} on port ${port}, where it has no listener.${near ? ` Did you mean ${near}?` : ''} Its listeners: ${ports.join(', ') || 'none'}.`,
        said: msg('check.port', { probe: probe.name, loadBalancer, port, near: near ?? null, known: ports.join(', ') }),
      });
    }
  }
  const groups = [
    ...topology.targetGroups.map((group) => group.path),
    // A CLB's instances are named by the load balancer's own path.
    ...topology.loadBalancers.filter((balancer) => balancer.kind === 'classic').map((balancer) => balancer.path),
    ...(topology.cloudFront?.distributions ?? []).map((distribution) => distribution.path),
    ...(topology.dns?.distributions ?? []).map((distribution) => distribution.path),
  ];
  // What can answer a probe: the scenario's backends, and the sandbox's CloudFront stand-ins (cloudfront-<path>).
  const answering = [
    ...Object.values(scenario.targets ?? {}).flatMap((specs) => specs.map((spec) => spec.name)),
    ...[...(topology.cloudFront?.distributions ?? []), ...(topology.dns?.distributions ?? [])].map(
      cloudFrontComponentName,
    ),
  ];
  for (const probe of scenario.probes)
    for (const name of targetNames(probe))
      if (!answering.includes(name))
        problems.push({
          probe: probe.name,
          field: 'target',
          text: `probe "${probe.name}" expects target "${name}", which nothing in the scenario is called (its targets).${suggestion(name, answering)} Targets: ${quoted(answering) || 'none'}.`,
          said: msg('check.target', {
            probe: probe.name,
            name,
            near: closest(name, answering) ?? null,
            known: quoted(answering),
          }),
        });
  for (const path of Object.keys(scenario.targets ?? {}))
    if (!groups.includes(path))
      problems.push({
        probe: null,
        field: 'targets',
        text: `targets names "${path}", which is no target group of the stack.${suggestion(path, groups)} Target groups (by construct path): ${quoted(groups) || 'none'}.`,
        said: msg('check.targets', { path, near: closest(path, groups) ?? null, known: quoted(groups) }),
      });
  return problems;
}

/** A scenario whose probes name what does not exist: the first problem, with where it is written. */
export class ScenarioCheckError extends Error {
  constructor(
    readonly scenario: string,
    readonly where: { file: string; line: number | null; column: number | null },
    readonly reason: string,
    /** The reason as a message code, for the command line in the user's language. */
    readonly said?: Message,
  ) {
    super(`Scenario ${scenario}: ${where.file}${where.line === null ? '' : `:${where.line}`}: ${reason}`);
  }
}

/** The line a problem is at, from where the loader found the probe's fields (ProbeSpec.loaded); null: unknown. */
export function problemLine(scenario: ScenarioDefinition, problem: ScenarioProblem): number | null {
  const probe = scenario.probes.find((candidate) => candidate.name === problem.probe);
  const lines = probe?.loaded?.lines;
  if (!lines) return null;
  if (problem.field === 'targets') return null;
  return lines[problem.field === 'target' ? 'expect' : problem.field] ?? lines.name ?? null;
}

/** Throws ScenarioCheckError for the first problem (a user's scenario: at its file and line). */
export function assertNoProblems(scenario: ScenarioDefinition, problems: readonly ScenarioProblem[]): void {
  const first = problems[0];
  if (!first) return;
  const file =
    scenario.origin?.kind === 'user' ? `${scenario.origin.folder}/scenario.ts` : `scenarios/${scenario.id}/scenario.ts`;
  throw new ScenarioCheckError(
    scenario.id,
    { file, line: problemLine(scenario, first), column: null },
    first.text,
    first.said,
  );
}
