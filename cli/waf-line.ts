// One line per probe about AWS WAF, in scenarios that have a web ACL: what it decided and why, or that the request
// never passed one (and what the target logged instead). Pure.
import type { ProbeReport } from '../sandbox/report.js';

export function wafLine(probe: ProbeReport): string | null {
  if (!probe.wafLog) return null;
  const entry = probe.wafLog[probe.wafLog.length - 1] as unknown as Record<string, unknown> | undefined;
  if (!entry) {
    const request = probe.target?.details.request;
    return `waf: no web ACL saw this request${request ? ` — the target logged "${request}"` : ''}`;
  }
  const details =
    (entry.terminatingRuleMatchDetails as
      | { conditionType: string; location: string; matchedData: string[] }[]
      | undefined) ?? [];
  const match = details
    .map((detail) => ` (${detail.conditionType} in ${detail.location}: ${detail.matchedData.join(' ')})`)
    .join('');
  return `waf: ${String(entry.action)} by ${String(entry.terminatingRuleId)}${match}`;
}
