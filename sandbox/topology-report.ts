// The topology as the record carries it (report.ts TopologyReport): client → load balancer (type, listeners, where
// TLS ends, who verifies the client) → targets, with local addresses once running. Pure: the compiled topology and
// the scenario's backends in, data out; the TUI draws it with box characters, the HTML report as SVG.
import { cloudFrontComponentName, type ViewerMtlsDistribution } from './model/cloudfront.js';
import type { Listener, LoadBalancer, Topology } from './model/topology.js';
import type { BalancerReport, ComponentReport, ListenerReport, TopologyReport, VerifierCode } from './report.js';
import type { ScenarioDefinition } from './scenario.js';
import { localAddressOf } from './listener-address.js';

export function topologyReportOf(
  scenario: ScenarioDefinition,
  topology: Topology,
  components: readonly ComponentReport[] = [],
): TopologyReport {
  const address = (name: string) => components.find((component) => component.name === name)?.address ?? null;
  return {
    balancers: [
      ...topology.loadBalancers.map((balancer): BalancerReport => {
        // An NLB's TCP listeners run in HAProxy, its TLS listeners in the NLB TLS emulator: two components, one balancer.
        const lbComponents = components.filter(
          (component) =>
            componentNames(balancer).includes(component.name) &&
            (component.kind === 'haproxy' || component.kind === 'alb' || component.kind === 'nlb'),
        );
        const backends = groupPathsOf(balancer, topology).flatMap((path) => scenario.targets[path] ?? []);
        return {
          path: balancer.path,
          kind: balancer.kind === 'classic' ? 'CLB' : balancer.kind === 'network' ? 'NLB' : 'ALB',
          listeners: balancer.listeners.map((listener) =>
            describe(listener, scenario, balancer, topology, localAddress(lbComponents, listener.port)),
          ),
          targets: dedupe(
            backends.map((spec) => ({
              name: spec.name,
              kind: spec.kind,
              profile: spec.kind === 'nginx' ? spec.profile : null,
              address: address(spec.name),
            })),
          ),
        };
      }),
      ...(topology.cloudFront?.distributions ?? []).map((distribution) =>
        distributionReport(distribution, scenario, components),
      ),
    ],
  };
}

/** A viewer-mTLS distribution as the diagrams draw it: one HTTPS edge in front of its origin. */
function distributionReport(
  distribution: ViewerMtlsDistribution,
  scenario: ScenarioDefinition,
  components: readonly ComponentReport[],
): BalancerReport {
  const component = components.find((candidate) => candidate.name === cloudFrontComponentName(distribution));
  const mode = distribution.viewerMtls.mode;
  const address = (name: string) => components.find((candidate) => candidate.name === name)?.address ?? null;
  return {
    path: distribution.path,
    kind: 'CloudFront',
    listeners: [
      {
        port: 443,
        protocol: 'HTTPS',
        tlsEndsAt: 'load-balancer',
        clientVerifiedBy: mode === 'passthrough' ? 'origin-after-cloudfront-passthrough' : 'cloudfront-trust-store',
        mutualTls: mode === 'passthrough' ? 'passthrough' : 'verify',
        viewerMtlsMode: mode,
        address: component?.address.match(/^127\.0\.0\.1:\d+/)?.[0] ?? null,
      },
    ],
    targets: dedupe(
      (scenario.targets[distribution.path] ?? []).map((spec) => ({
        name: spec.name,
        kind: spec.kind,
        profile: spec.kind === 'nginx' ? spec.profile : null,
        address: address(spec.name),
      })),
    ),
  };
}

/** The backends a listener can send requests to (its forward actions' target groups), so empty bars show too. */
export function listenerTargetNames(
  scenario: ScenarioDefinition,
  topology: Topology,
  via: { loadBalancer: string; port: number },
): string[] {
  const balancer = topology.loadBalancers.find((candidate) => candidate.path === via.loadBalancer);
  const listener = balancer?.listeners.find((candidate) => candidate.port === via.port);
  if (!balancer || !listener) return [];
  const groupPaths = [...listener.defaultActions, ...listener.rules.flatMap((rule) => rule.actions)]
    .flatMap((action) => (action.type === 'forward' ? action.targetGroups.map((group) => group.targetGroupId) : []))
    .map((id) =>
      balancer.kind === 'classic' ? balancer.path : topology.targetGroups.find((group) => group.logicalId === id)?.path,
    )
    .filter((path): path is string => path !== undefined);
  return [...new Set(groupPaths.flatMap((path) => (scenario.targets[path] ?? []).map((backend) => backend.name)))];
}

/** Who checks the client certificate on the way through a listener. */
export function verifierOf(
  listener: Listener,
  scenario: ScenarioDefinition,
  balancer: LoadBalancer,
  topology: Topology,
): VerifierCode {
  if (listener.protocol === 'TCP') {
    const clientAuth = groupPathsOf(balancer, topology).some((path) =>
      (scenario.targets[path] ?? []).some((spec) => spec.kind === 'nginx' && spec.profile === 'client-auth'),
    );
    return clientAuth ? 'nginx' : 'target';
  }
  const mode = listener.mutualAuthentication?.mode;
  if (listener.protocol === 'TLS') return mode === 'verify' ? 'nlb-trust-store' : 'nobody';
  if (mode === 'verify') return 'alb-trust-store';
  if (mode === 'passthrough') return 'target-after-alb-passthrough';
  return 'nobody';
}

/** The verifier of the listener a probe calls, found by construct path and port, or by the local address it has now. */
export function verifierOnPath(
  report: TopologyReport,
  via: { loadBalancer: string; port: number },
  localAddress?: string,
): VerifierCode {
  const listeners = report.balancers.flatMap((balancer) =>
    balancer.listeners.map((listener) => ({ path: balancer.path, listener })),
  );
  const found =
    listeners.find((entry) => entry.path === via.loadBalancer && entry.listener.port === via.port) ??
    listeners.find((entry) => localAddress !== undefined && entry.listener.address === localAddress);
  return found?.listener.clientVerifiedBy ?? 'nobody';
}

function describe(
  listener: Listener,
  scenario: ScenarioDefinition,
  balancer: LoadBalancer,
  topology: Topology,
  address: string | null,
): ListenerReport {
  const passthrough = listener.protocol === 'TCP';
  const endsTls = listener.protocol === 'HTTPS' || listener.protocol === 'TLS';
  const mode = listener.mutualAuthentication?.mode ?? (endsTls ? 'off' : null);
  const tlsListener = listener.protocol === 'TLS' && balancer.kind === 'network';
  const groupId = listener.defaultActions.find((action) => action.type === 'forward')?.targetGroups[0]?.targetGroupId;
  const group = topology.targetGroups.find((candidate) => candidate.logicalId === groupId);
  return {
    port: listener.port,
    protocol: listener.protocol,
    tlsEndsAt: passthrough ? 'target' : endsTls ? 'load-balancer' : 'nowhere',
    clientVerifiedBy: verifierOf(listener, scenario, balancer, topology),
    mutualTls: mode,
    address,
    ...(tlsListener && group ? { targetProtocol: group.protocol } : {}),
    ...(tlsListener && mode === 'verify'
      ? {
          identityFilters: (listener.mutualAuthentication?.identityFilters ?? []).map(
            ({ field, matchType, value }) => ({
              field,
              matchType,
              value,
            }),
          ),
        }
      : {}),
  };
}

/** The components that realize a load balancer (sandbox/runtime: alb-<path>; haproxy-<path> and nlb-<path>). */
function componentNames(balancer: LoadBalancer): string[] {
  const path = balancer.path.toLowerCase();
  if (balancer.kind === 'application') return [`alb-${path}`];
  const haproxy = `haproxy-${path.replace(/[^a-z0-9]+/g, '-')}`;
  return balancer.kind === 'network' ? [haproxy, `nlb-${path}`] : [haproxy];
}

function groupPathsOf(balancer: LoadBalancer, topology: Topology): string[] {
  if (balancer.kind === 'classic') return [balancer.path];
  const ids = new Set(
    balancer.listeners
      .flatMap((listener) => [...listener.defaultActions, ...listener.rules.flatMap((rule) => rule.actions)])
      .flatMap((action) => (action.type === 'forward' ? action.targetGroups.map((group) => group.targetGroupId) : [])),
  );
  return topology.targetGroups.filter((group) => ids.has(group.logicalId)).map((group) => group.path);
}

function localAddress(components: ComponentReport[], port: number): string | null {
  for (const component of components) {
    const local = localAddressOf(component.address, port);
    if (local) return local;
  }
  return null;
}

function dedupe<T extends { name: string }>(items: T[]): T[] {
  return items.filter((item, index) => items.findIndex((other) => other.name === item.name) === index);
}
