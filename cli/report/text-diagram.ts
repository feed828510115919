// The topology as a text diagram, top to bottom (client → load balancer → targets), for a Markdown code block.
// Only left-aligned lines, so Japanese (double-width) text cannot break it. Pure.
import type { BalancerReport, ListenerReport, TopologyReport } from '../../sandbox/report.js';
import { identityFiltersText, targetKindText, tlsEndsText, toTargetsText, verifierText } from '../i18n/index.js';
import type { Words } from './words.js';

export function textDiagram(diagram: TopologyReport, s: Words): string {
  return diagram.balancers.map((balancer) => balancerLines(balancer, s).join('\n')).join('\n\n');
}

function balancerLines(balancer: BalancerReport, s: Words): string[] {
  const lines = [
    `${s('diagramClient')} (${s('diagramClientTools')})`,
    `  │ ${balancer.listeners.map(listenerName).join(', ')}`,
    '  ▼',
    `┌─ ${balancer.kind} · ${balancer.path}`,
  ];
  for (const listener of balancer.listeners) {
    lines.push(`│  ${s('listenerWord')} ${listenerName(listener)}${listener.address ? ` @ ${listener.address}` : ''}`);
    lines.push(`│    ${s('tlsEndsAtLabel')}: ${tlsEndsText(listener.tlsEndsAt, s.lang)}`);
    lines.push(`│    ${s('verifiedByLabel')}: ${verifierText(listener.clientVerifiedBy, s.lang)}`);
    const filters = identityFiltersText(listener, s.lang);
    if (filters) lines.push(`│    ${filters}`);
    const targets = toTargetsText(listener, s.lang);
    if (targets) lines.push(`│    ${targets}`);
  }
  if (balancer.targets.length === 0) return [...lines, `└─ (${s('noTargetsWord')})`];
  const passthrough =
    balancer.listeners.length > 0 && balancer.listeners.every((listener) => listener.tlsEndsAt === 'target');
  const toTargets = [...new Set(balancer.listeners.map((listener) => listener.targetProtocol).filter(Boolean))];
  const newConnection = toTargets.length === 1 && balancer.listeners.every((listener) => listener.targetProtocol);
  lines.push(
    passthrough
      ? `└─┬─ ${s('passthroughLabel')}`
      : newConnection
        ? `└─┬─ ${s('newConnectionLabel', { protocol: toTargets[0]! })}`
        : '└─┐',
  );
  balancer.targets.forEach((target, index) => {
    const branch = index === balancer.targets.length - 1 ? '└─▶' : '├─▶';
    lines.push(
      `  ${branch} ${[target.name, targetKindText(target, s.lang), target.address].filter(Boolean).join('  ')}`,
    );
  });
  return lines;
}

export const listenerName = (listener: ListenerReport): string => `${listener.protocol}:${listener.port}`;
