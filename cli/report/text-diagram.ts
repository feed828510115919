// The topology as a text diagram, top to bottom (client → load balancer → targets), for a Markdown code block.
// Only left-aligned lines, so Japanese (double-width) text cannot break it. Pure.
import type { Diagram, DiagramBalancer, DiagramListener } from '../../sandbox/diagram.js';
import type { Strings } from './i18n.js';

export function textDiagram(diagram: Diagram, s: Strings): string {
  return diagram.balancers.map((balancer) => balancerLines(balancer, s).join('\n')).join('\n\n');
}

function balancerLines(balancer: DiagramBalancer, s: Strings): string[] {
  const lines = [
    `${s.diagramClient} (${s.diagramClientTools})`,
    `  │ ${balancer.listeners.map(listenerName).join(', ')}`,
    '  ▼',
    `┌─ ${balancer.kind} · ${balancer.path}`,
  ];
  for (const listener of balancer.listeners) {
    lines.push(`│  ${s.listener} ${listenerName(listener)}${listener.address ? ` @ ${listener.address}` : ''}`);
    lines.push(`│    ${s.tlsEndsAt}: ${s.tlsEnds[listener.tlsEndsAt]}`);
    lines.push(`│    ${s.verifiedBy}: ${s.verifier(listener.clientVerifiedBy)}`);
  }
  if (balancer.targets.length === 0) return [...lines, `└─ (${s.noTargets})`];
  const passthrough =
    balancer.listeners.length > 0 && balancer.listeners.every((listener) => listener.tlsEndsAt === 'target');
  lines.push(passthrough ? `└─┬─ ${s.passthrough}` : '└─┐');
  balancer.targets.forEach((target, index) => {
    const branch = index === balancer.targets.length - 1 ? '└─▶' : '├─▶';
    lines.push(`  ${branch} ${[target.name, target.kind, target.address].filter(Boolean).join('  ')}`);
  });
  return lines;
}

export const listenerName = (listener: DiagramListener): string => `${listener.protocol}:${listener.port}`;
