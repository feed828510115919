// The topology as it runs now: the compiled one with every ALB listener's set-up replaced by what the ELBv2 API state
// holds (mutual TLS, default actions, rules), and the lines of "the configuration that decides this" that the API
// changed. Pure: the compiled topology and the API state in, data out.
import type { ElbState } from '../elbv2-api/state.js';
import { type Message, msg } from '../messages.js';
import type { Listener, ListenerRule, RuleAction, RuleCondition, Topology } from '../model/topology.js';
import type { ConfigExcerpt } from '../report.js';

/** The compiled topology with each ALB listener the API serves as the API has it now. */
export function liveTopology(topology: Topology, state: ElbState): Topology {
  return {
    ...topology,
    loadBalancers: topology.loadBalancers.map((balancer) => ({
      ...balancer,
      listeners: balancer.listeners.map((listener) => {
        const live = state.listeners.find((candidate) => candidate.logicalId === listener.logicalId);
        if (!live) return listener;
        return {
          ...listener,
          mutualAuthentication: live.mutualAuthentication,
          defaultActions: live.defaultActions,
          rules: live.rules.map((rule) => rule.rule),
        };
      }),
    })),
  };
}

/** One line of a listener's live set-up and whether it differs from the stack's. */
interface LiveLine {
  text: string;
  changed: boolean;
}

/**
 * The listener's set-up as the ELBv2 API holds it, in the API's own names, when it differs from the stack's: the
 * lines that differ are the decisive ones. null when nothing of the listener changed (the stack still says it all).
 */
export function liveListenerExcerpt(label: string, stack: Listener, live: Listener): ConfigExcerpt | null {
  const before = listenerLines(stack);
  const after = listenerLines(live);
  const changed = after.map((text) => ({ text, changed: !before.includes(text) }));
  const removed = before.filter((text) => !after.includes(text));
  if (!changed.some((line) => line.changed) && removed.length === 0) return null;
  const lines: LiveLine[] = [
    ...changed,
    ...removed.map((text) => ({ text: `# removed: ${text.trim()}`, changed: true })),
  ];
  return {
    source: 'elbv2-api',
    file: `ELBv2 API: ${label}`,
    what: msg('config.live-listener', { listener: label }) satisfies Message,
    lines: lines.map((line, index) => ({ number: index + 1, text: line.text, decisive: line.changed })),
  };
}

/** The listener in describe-listeners / describe-rules terms, one fact a line. */
export function listenerLines(listener: Listener): string[] {
  const mutual = listener.mutualAuthentication;
  const lines = [
    'MutualAuthentication:',
    `  Mode: ${mutual?.mode ?? 'off'}`,
    ...(mutual?.mode === 'verify'
      ? [
          `  TrustStore: ${mutual.trustStoreId ?? '-'}`,
          `  IgnoreClientCertificateExpiry: ${mutual.ignoreClientCertificateExpiry}`,
          `  AdvertiseTrustStoreCaNames: ${mutual.advertiseTrustStoreCaNames ? 'on' : 'off'}`,
        ]
      : []),
    'DefaultActions:',
    ...listener.defaultActions.map((action) => `  - ${actionText(action)}`),
    'Rules:',
    ...[...listener.rules].sort((a, b) => a.priority - b.priority).map(ruleText),
  ];
  return lines;
}

function ruleText(rule: ListenerRule): string {
  const conditions = rule.conditions.map(conditionText).join(' and ');
  const actions = rule.actions.map(actionText).join(', ');
  return `  - Priority ${rule.priority}: ${conditions || '(no condition)'} → ${actions}`;
}

function conditionText(condition: RuleCondition): string {
  const values = (list: string[], regex?: string[]) =>
    [...list, ...(regex ?? []).map((value) => `regex(${value})`)].join(' | ');
  switch (condition.field) {
    case 'http-header':
      return `http-header ${condition.headerName} = ${values(condition.values, condition.regexValues)}`;
    case 'host-header':
    case 'path-pattern':
      return `${condition.field} = ${values(condition.values, condition.regexValues)}`;
    case 'query-string':
      return `query-string = ${condition.values.map((pair) => `${pair.key ?? ''}=${pair.value}`).join(' | ')}`;
    default:
      return `${condition.field} = ${condition.values.join(' | ')}`;
  }
}

function actionText(action: RuleAction): string {
  switch (action.type) {
    case 'forward':
      return `forward ${action.targetGroups.map((group) => group.targetGroupId).join(', ')}`;
    case 'fixed-response':
      return `fixed-response ${action.statusCode}${action.messageBody === null ? '' : ` "${action.messageBody}"`}`;
    case 'redirect':
      return `redirect ${action.statusCode} ${action.protocol}://${action.host}:${action.port}${action.path}`;
    default:
      return action.type;
  }
}
