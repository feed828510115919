// The one catalogue every renderer uses: fixed strings (ui.ts), the engine's messages (messages.ts), handshake
// steps (steps.ts), and the words for the record's codes below. Pure.
import type { Citation, EvidenceCounts, EvidenceLevel } from '../../sandbox/evidence.js';
import type {
  BalancerReport,
  ListenerReport,
  ProbeEvidence,
  ProbeReport,
  ScenarioReport,
  VerifierCode,
} from '../../sandbox/report.js';
import type { Lang } from '../../sandbox/text.js';
import { t, type UiKey } from './ui.js';

export { boundsText, say } from './messages.js';
export { STEP_ARROWS, stepText } from './steps.js';
export { t, type UiKey } from './ui.js';

const VERIFIERS: Record<VerifierCode, UiKey> = {
  nginx: 'verifierNginx',
  target: 'verifierTarget',
  'alb-trust-store': 'verifierAlb',
  'target-after-alb-passthrough': 'verifierAlbPassthrough',
  'nlb-trust-store': 'verifierNlb',
  nobody: 'verifierNobody',
};

/** Who checks the client certificate, in words. */
export const verifierText = (code: VerifierCode, lang: Lang): string => t(VERIFIERS[code], lang);

/** Where TLS ends, in the report's words ("the load balancer"). */
export function tlsEndsText(where: ListenerReport['tlsEndsAt'], lang: Lang): string {
  return t(where === 'target' ? 'tlsEndsTarget' : where === 'load-balancer' ? 'tlsEndsLb' : 'tlsEndsNowhere', lang);
}

/** An NLB TLS listener's connection to its targets, in words; null for other listeners. */
export function toTargetsText(listener: ListenerReport, lang: Lang): string | null {
  return listener.targetProtocol ? t('toTargets', lang, { protocol: listener.targetProtocol }) : null;
}

/** An NLB verify listener's identity filters in the API's words ("san-uri prefix spiffe://…"); null for others. */
export function identityFiltersText(listener: ListenerReport, lang: Lang): string | null {
  const filters = listener.identityFilters;
  if (!filters) return null;
  if (filters.length === 0) return t('identityFiltersNone', lang);
  return t('identityFilters', lang, {
    filters: filters.map((f) => `${f.field} ${f.matchType} ${f.value}`).join(lang === 'ja' ? '、' : ', '),
  });
}

/** A probe's client addresses: "127.0.0.23", or "127.0.0.1–127.0.0.16 (16 clients)". */
export function sourcesText(client: ProbeReport['client'], lang: Lang): string {
  const sources = client.sources;
  if (!sources) return client.sourceAddress;
  const distinct = [...new Set(sources)];
  if (sources.length === 1) return sources[0]!;
  if (distinct.length === 1) return t('sourcesOne', lang, { first: distinct[0]!, count: sources.length });
  return t('sourcesRange', lang, { first: distinct[0]!, last: distinct[distinct.length - 1]!, count: sources.length });
}

/** The seeds a piece of evidence cites: "seed 004", "seed 000 and seed 001". */
function seedsOf(citations: readonly Citation[], lang: Lang): string {
  const seeds = citations.flatMap((citation) => (citation.seed ? [t('seedName', lang, { seed: citation.seed })] : []));
  return seeds.join(lang === 'ja' ? '・' : ' and ') || t('seedName', lang, { seed: '?' });
}

/** Whether a probe's result is what AWS does, worded by how we know it. */
export function verdictText(report: Pick<ProbeReport, 'verdict' | 'evidence'>, lang: Lang): string {
  const { code, level } = report.verdict;
  if (code === 'skipped') return t('verdictSkipped', lang);
  const seeds = seedsOf(report.evidence.citations, lang);
  if (code === 'matches') {
    if (level === 'documented') return t('verdictDocumented', lang);
    if (level === 'observed') return t('verdictObserved', lang, { seeds });
    return t('verdictAssumed', lang);
  }
  if (level === 'documented') return t('verdictDiffersDocumented', lang);
  if (level === 'observed') return t('verdictDiffersObserved', lang, { seeds });
  return t('verdictDiffersAssumed', lang);
}

export const levelText = (level: EvidenceLevel, lang: Lang): string =>
  t(level === 'documented' ? 'levelDocumented' : level === 'observed' ? 'levelObserved' : 'levelAssumed', lang);

/** One source: "Mutual authentication with TLS in Application Load Balancer — HTTP headers". */
export function citationText(citation: Citation, lang: Lang): string {
  const title = citation.seed ? `${t('seedName', lang, { seed: citation.seed })}: ${citation.title}` : citation.title;
  return citation.section ? `${title} — ${citation.section}` : title;
}

/** The evidence in one line: its level, then each source. */
export function evidenceText(evidence: ProbeEvidence, lang: Lang): string {
  const sources = evidence.citations.map((citation) => citationText(citation, lang)).join('; ');
  return `${levelText(evidence.level, lang)}: ${sources}`;
}

/** What stands behind a target group: "nginx (client-auth)", "echo target". */
export const targetKindText = (target: BalancerReport['targets'][number], lang: Lang): string =>
  target.kind === 'nginx' ? `nginx (${target.profile})` : t('targetEcho', lang);

/** "3 documented · 2 observed · 1 assumed": how a scenario's (or a run's) expectations are known. */
export const evidenceCountsText = (counts: EvidenceCounts, lang: Lang): string => t('evidenceCounts', lang, counts);

/**
 * How a scenario's probes fared, never counting an assumption as matching AWS: "4/4 probes match AWS's behaviour",
 * or "4/4 probes as expected: 3 match AWS's behaviour, 1 rest on a sandbox assumption". Skipped probes are left out.
 */
export function tallyText(report: Pick<ScenarioReport, 'probes'>, lang: Lang): string {
  const ran = report.probes.filter((probe) => !probe.skipped);
  const passed = ran.filter((probe) => probe.pass);
  const assumed = passed.filter((probe) => probe.verdict.level === 'assumed').length;
  const vars = { passed: passed.length, total: ran.length, aws: passed.length - assumed, assumed };
  return t(assumed === 0 ? 'tallyAllAws' : 'tallyWithAssumed', lang, vars);
}
