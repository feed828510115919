// "The configuration that decides this": the lines of the scenario's CDK stack that build the listener (and the
// rule that matched), and of the nginx or HAProxy configuration the sandbox rendered, with the lines that produce the
// outcome marked. Pure: file texts and the probe's path in, excerpts out (config-sources.ts reads the files).
import { msg } from '../messages.js';
import type { ConfigExcerpt, ListenerReport, OutcomeCode, RuleCheckReport, VerifierCode } from '../report.js';

export interface SourceFile {
  /** As the record names it: repository-relative for the stack's sources, the state path for rendered files. */
  file: string;
  text: string;
}

/** What decided the probe, as far as the configuration goes. */
export interface ProbePath {
  balancerPath: string;
  balancerKind: 'ALB' | 'NLB' | 'CLB' | 'CloudFront' | null;
  listener: ListenerReport | null;
  /** The listener's construct path (e.g. "Alb/Https"); null when it is not a load balancer's listener. */
  listenerPath: string | null;
  rule: RuleCheckReport | null;
  outcome: OutcomeCode;
  verifiedBy: VerifierCode;
}

/** Most lines one excerpt shows: enough for a statement, not a file. */
const MAX_LINES = 16;

/** The CDK lines: the listener's statement, then the matched rule's; stack.ts first, then the shared helpers. */
export function cdkExcerpts(sources: SourceFile[], path: ProbePath): ConfigExcerpt[] {
  const out: ConfigExcerpt[] = [];
  if (path.listenerPath) {
    const id = lastSegment(path.listenerPath);
    const found = findStatement(sources, [id]);
    if (found)
      out.push({
        source: 'cdk',
        file: found.file,
        what: msg('config.cdk-listener', { path: path.listenerPath }),
        lines: mark(found.lines, listenerDecides(path)),
      });
  }
  if (path.rule?.path) {
    // addAction('SubjectRule') makes the construct "SubjectRuleRule"; the source names the id it was given.
    const id = lastSegment(path.rule.path);
    const found = findStatement(sources, [id, id.replace(/Rule$/, '')]);
    if (found)
      out.push({
        source: 'cdk',
        file: found.file,
        what: msg('config.cdk-rule', { path: path.rule.path, priority: path.rule.priority }),
        lines: mark(found.lines, [/priority/, /ListenerCondition|conditions/, /fixedResponse|forward|redirect/]),
      });
  }
  return out;
}

/** Which lines of the listener's statement produce this outcome. */
function listenerDecides(path: ProbePath): RegExp[] {
  if (path.balancerKind === 'NLB' || path.balancerKind === 'CLB') return [/Protocol\.TCP|protocol:|Protocol:/];
  const decides: RegExp[] = [];
  if (path.verifiedBy === 'alb-trust-store' || path.verifiedBy === 'target-after-alb-passthrough')
    decides.push(/MutualAuthenticationMode|mutualAuthenticationMode|trustStore/);
  if (path.balancerKind === 'CloudFront') decides.push(/mode:|trustStore|connectionFunction|ignoreCertificateExpiry/);
  // The default action answered: the line that says what it is.
  if (!path.rule && (path.outcome === 'fixed-response' || path.outcome === 'redirected'))
    decides.push(/fixedResponse|redirect/);
  if (!path.rule && (path.outcome === 'allowed' || path.outcome === 'refused-by-target')) decides.push(/forward\(/);
  return decides;
}

/** The nginx lines that decide: the server block, with client verification (or the routing) marked. */
export function nginxExcerpt(source: SourceFile, target: string, verifiedBy: VerifierCode): ConfigExcerpt | null {
  const lines = source.text.split('\n');
  const start = lines.findIndex((line) => /^\s*server\s*\{/.test(line));
  if (start < 0) return null;
  const block = lines
    .map((text, index) => ({ number: index + 1, text }))
    .slice(start)
    .filter((line) => line.text.trim() !== '' && line.text.length <= 160);
  const decides =
    verifiedBy === 'nginx'
      ? [/ssl_verify_client|ssl_client_certificate/]
      : [/ssl_verify_client|if \(|return \d|proxy_pass|map /];
  return {
    source: 'nginx',
    file: source.file,
    what: msg('config.nginx', { target }),
    lines: mark(block.slice(0, MAX_LINES), decides),
  };
}

/** The HAProxy lines that decide: the listener's frontend and its backend, TCP mode and the servers marked. */
export function haproxyExcerpt(source: SourceFile, port: number): ConfigExcerpt | null {
  const lines = source.text.split('\n').map((text, index) => ({ number: index + 1, text }));
  const mode = lines.find((line) => /^\s*mode\s+tcp/.test(line.text));
  const frontend = lines.findIndex((line) => line.text.startsWith(`frontend listener_${port}`));
  if (frontend < 0) return null;
  const section = (from: number) => {
    const end = lines.findIndex((line, index) => index > from && /^\S/.test(line.text) && line.text.trim() !== '');
    return lines.slice(from, end < 0 ? lines.length : end).filter((line) => line.text.trim() !== '');
  };
  const front = section(frontend);
  const backendName = front.map((line) => /default_backend\s+(\S+)/.exec(line.text)?.[1]).find(Boolean);
  const backend = backendName ? lines.findIndex((line) => line.text.startsWith(`backend ${backendName}`)) : -1;
  const comment = lines[frontend - 1]?.text.startsWith('#') ? [lines[frontend - 1]!] : [];
  // Of the backend: its name, how it balances and its servers (not the fail-open backups and timeouts).
  const back =
    backend >= 0
      ? section(backend).filter(
          (line, index) => index === 0 || (/^\s*(balance|server)\s/.test(line.text) && !/\bbackup\b/.test(line.text)),
        )
      : [];
  const chosen = [...(mode ? [mode] : []), ...comment, ...front.filter((l) => !/timeout/.test(l.text)), ...back];
  return {
    source: 'haproxy',
    file: source.file,
    what: msg('config.haproxy', { port }),
    lines: mark(chosen.slice(0, MAX_LINES), [/^\s*mode\s+tcp/, /send-proxy|accept-proxy/, /^\s*server\s/]),
  };
}

interface Found {
  file: string;
  lines: { number: number; text: string }[];
}

/** The first file holding one of the construct ids as a string literal, and the statement around it. */
function findStatement(sources: SourceFile[], ids: string[]): Found | null {
  for (const source of sources) {
    for (const id of ids) {
      const range = statementAround(source.text, id);
      if (range)
        return {
          file: source.file,
          lines: source.text
            .split('\n')
            .slice(range.start, range.end + 1)
            .map((text, index) => ({ number: range.start + index + 1, text })),
        };
    }
  }
  return null;
}

/**
 * The lines (0-based, inclusive) of the statement in which `'id'` appears: back to where its call opens, forward to
 * where its brackets close, with the comment lines just above it (they often say why).
 */
export function statementAround(text: string, id: string): { start: number; end: number } | null {
  const lines = text.split('\n');
  const literal = new RegExp(`['"\`]${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"\`]`);
  const at = lines.findIndex((line) => literal.test(line) && !line.trim().startsWith('//'));
  if (at < 0) return null;
  const depthOf = (line: string) => (line.match(/[([{]/g)?.length ?? 0) - (line.match(/[)\]}]/g)?.length ?? 0);
  // Back: until the lines from `start` to the literal leave a bracket open (the call that holds the id).
  let start = at;
  let open = depthOf(lines[at]!.slice(0, lines[at]!.search(literal)));
  while (open <= 0 && start > 0) {
    start -= 1;
    open += depthOf(lines[start]!);
  }
  let end = start;
  let depth = 0;
  for (; end < lines.length; end += 1) {
    depth += depthOf(lines[end]!);
    if (depth <= 0 && end >= at) break;
  }
  let comments = 0;
  while (start > 0 && comments < 3 && lines[start - 1]!.trim().startsWith('//')) {
    start -= 1;
    comments += 1;
  }
  return { start, end: Math.min(end, lines.length - 1, start + MAX_LINES - 1) };
}

function mark(lines: { number: number; text: string }[], decides: RegExp[]): ConfigExcerpt['lines'] {
  return lines.map((line) => ({
    ...line,
    decisive:
      !line.text.trim().startsWith('//') &&
      !line.text.trim().startsWith('#') &&
      decides.some((re) => re.test(line.text)),
  }));
}

const lastSegment = (path: string): string => path.split('/').at(-1) ?? path;
