// The shape of a scenario for a topology diagram: client → load balancer (type, listener, where TLS ends, who
// verifies the client) → targets. Pure: the TUI draws it with box characters, the HTML report as SVG.
import type { Listener, LoadBalancer, Topology } from './model/topology.js';
import type { ComponentReport } from './report.js';
import type { ScenarioDefinition } from './scenario.js';

export interface DiagramListener {
  port: number;
  protocol: string;
  /** "target" for TCP passthrough, "load balancer" when the listener terminates TLS. */
  tlsEndsAt: 'target' | 'load balancer' | 'nowhere';
  /** Who checks the client certificate, in words: "nginx (ssl_verify_client on)", "the ALB (trust store …)", "nobody". */
  clientVerifiedBy: string;
  mutualTls: 'off' | 'passthrough' | 'verify' | null;
  /** Local address once running. */
  address: string | null;
}

export interface DiagramBalancer {
  path: string;
  kind: 'CLB' | 'NLB' | 'ALB';
  listeners: DiagramListener[];
  targets: { name: string; kind: string; address: string | null }[];
}

export interface Diagram {
  scenario: string;
  balancers: DiagramBalancer[];
}

export function diagramOf(
  scenario: ScenarioDefinition,
  topology: Topology,
  components: ComponentReport[] = [],
): Diagram {
  const address = (name: string) => components.find((component) => component.name === name)?.address ?? null;
  return {
    scenario: scenario.id,
    balancers: topology.loadBalancers.map((balancer) => {
      const lbComponent = components.find(
        (component) =>
          component.role.includes(` ${balancer.path}`) && (component.kind === 'haproxy' || component.kind === 'alb'),
      );
      const targetNames = groupPathsOf(balancer, topology).flatMap((path) => scenario.targets[path] ?? []);
      return {
        path: balancer.path,
        kind: balancer.kind === 'classic' ? 'CLB' : balancer.kind === 'network' ? 'NLB' : 'ALB',
        listeners: balancer.listeners.map((listener) =>
          describe(listener, scenario, balancer, topology, localAddress(lbComponent, listener.port)),
        ),
        targets: dedupe(
          targetNames.map((spec) => ({
            name: spec.name,
            kind: spec.kind === 'nginx' ? `nginx (${spec.profile})` : 'echo target',
            address: address(spec.name),
          })),
        ),
      };
    }),
  };
}

function describe(
  listener: Listener,
  scenario: ScenarioDefinition,
  balancer: LoadBalancer,
  topology: Topology,
  address: string | null,
): DiagramListener {
  const passthrough = listener.protocol === 'TCP';
  const mode = listener.mutualAuthentication?.mode ?? (listener.protocol === 'HTTPS' ? 'off' : null);
  let clientVerifiedBy = 'nobody';
  if (passthrough) {
    const clientAuth = groupPathsOf(balancer, topology).some((path) =>
      (scenario.targets[path] ?? []).some((spec) => spec.kind === 'nginx' && spec.profile === 'client-auth'),
    );
    clientVerifiedBy = clientAuth ? 'nginx (ssl_verify_client on)' : 'the target';
  } else if (mode === 'verify') {
    clientVerifiedBy = 'the ALB (trust store)';
  } else if (mode === 'passthrough') {
    clientVerifiedBy = 'the target (the ALB passes the certificate on unverified)';
  }
  return {
    port: listener.port,
    protocol: listener.protocol,
    tlsEndsAt: passthrough ? 'target' : listener.protocol === 'HTTPS' ? 'load balancer' : 'nowhere',
    clientVerifiedBy,
    mutualTls: mode,
    address,
  };
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

function localAddress(component: ComponentReport | undefined, port: number): string | null {
  const match = component?.address.match(new RegExp(`(127\\.0\\.0\\.1:\\d+) \\(listener ${port}\\)`));
  return match?.[1] ?? null;
}

function dedupe<T extends { name: string }>(items: T[]): T[] {
  return items.filter((item, index) => items.findIndex((other) => other.name === item.name) === index);
}
