// The one catalogue every renderer uses: fixed strings (ui.ts), the engine's messages (messages.ts), handshake
// steps (steps.ts), and the words for the record's codes below. Pure.
import type { Citation, EvidenceCounts, EvidenceLevel } from '../../sandbox/evidence.js';
import type {
  BalancerReport,
  ForgeryCheck,
  IdentityField,
  IdentityFormat,
  IdentityRow,
  ListenerReport,
  Outcome,
  OutcomeCode,
  ProbeEvidence,
  ProbeReport,
  SequenceEvent,
  VerifierCode,
} from '../../sandbox/report.js';
import type { Message } from '../../sandbox/messages.js';
import type { Lang } from '../../sandbox/text.js';
import { say } from './messages.js';
import type { SourceId } from '../../sandbox/sources.js';
import { MODE_JA } from './glossary.js';
import { SECTIONS_JA, SOURCE_TITLES_JA } from './sources-ja.js';
import { shortStepText } from './steps.js';
import { t, type UiKey } from './ui.js';

export { boundsText, say } from './messages.js';
export { shortStepText, STEP_ARROWS, stepText } from './steps.js';
export { t, type UiKey } from './ui.js';

const VERIFIERS: Record<VerifierCode, UiKey> = {
  nginx: 'verifierNginx',
  target: 'verifierTarget',
  'alb-trust-store': 'verifierAlb',
  'target-after-alb-passthrough': 'verifierAlbPassthrough',
  'nlb-trust-store': 'verifierNlb',
  'cloudfront-trust-store': 'verifierCloudFront',
  'origin-after-cloudfront-passthrough': 'verifierCloudFrontPassthrough',
  nobody: 'verifierNobody',
};

const FORMATS: Record<IdentityFormat, UiKey> = {
  'dn-rfc2253': 'formatDnRfc2253',
  'hex-upper': 'formatHexUpper',
  'hex-colon-lower': 'formatHexColonLower',
  'hex-lower': 'formatHexLower',
  'pem-url-encoded': 'formatPemUrlEncoded',
  validity: 'formatValidity',
  'verify-result': 'formatVerifyResult',
  'tls-version': 'formatTlsVersion',
  cipher: 'formatCipher',
  'tls-group': 'formatTlsGroup',
  'sf-binary': 'formatSfBinary',
  text: 'formatText',
};

/** How an identity value is written, in words. */
export const identityFormatText = (format: IdentityFormat, lang: Lang): string => t(FORMATS[format], lang);

/** A value cut to `max` characters with "…" (a PEM is thousands). */
export function shortValue(value: string, max = 96): string {
  return value.length <= max ? value : `${value.slice(0, max - 1)}…`;
}

/** Where an identity field came from: "header x-amzn-mtls-clientcert-subject", "its TLS session: ssl_client_s_dn". */
export const identitySourceText = (field: IdentityField, lang: Lang): string =>
  t(field.source === 'header' ? 'identityHeaderField' : 'identityTlsField', lang, { name: field.name });

/** What a row's target learnt, one line per field: "header …: value (format)"; or why there is nothing. */
export function identityLearnsLines(row: IdentityRow, lang: Lang, max = 96): string[] {
  if (!row.reachedTarget) return [t('identityNoTarget', lang)];
  const certificate = row.fields.filter((field) => field.format !== 'verify-result' || field.value !== 'NONE');
  const lines = row.fields.map(
    (field) =>
      `${identitySourceText(field, lang)} = ${shortValue(field.value, max)} (${identityFormatText(field.format, lang)})`,
  );
  return certificate.length === 0 ? [...lines, t('identityNothing', lang)] : lines;
}

const FORGERIES: Record<ForgeryCheck['result'], UiKey> = {
  'as-sent': 'forgeryAsSent',
  replaced: 'forgeryReplaced',
  dropped: 'forgeryDropped',
  'no-target': 'forgeryNoTarget',
};

/** What became of the forged identity header, in words. */
export const forgeryText = (forgery: ForgeryCheck | null, lang: Lang): string =>
  forgery ? t(FORGERIES[forgery.result], lang, { header: forgery.header }) : t('forgeryNone', lang);

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

/** Whether a probe's result is what AWS does, worded by how we know it; a user's scenario's, by the user's word. */
export function verdictText(
  report: Pick<ProbeReport, 'verdict' | 'evidence'> & { standIn?: ProbeReport['standIn'] },
  lang: Lang,
): string {
  const { code, level } = report.verdict;
  if (code === 'skipped') return t('verdictSkipped', lang);
  if (code === 'unjudged') return t('verdictUnjudged', lang);
  if (report.verdict.basis === 'yours') {
    const where = whereText(report.verdict.expectation, false);
    const said =
      code === 'matches'
        ? t('verdictYoursMatches', lang, { where, level: levelText(level, lang) })
        : t('verdictYoursDiffers', lang, { where });
    const copied = copiedText(report.verdict, lang);
    return copied ? `${said} · ${copied}` : said;
  }
  const seeds = seedsOf(report.evidence.citations, lang);
  if (code === 'matches' && report.standIn && level !== 'assumed')
    return t('verdictStandIn', lang, { level: levelText(level, lang) });
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

/** One source: "Mutual authentication with TLS in Application Load Balancer — HTTP headers" (in Japanese, its
 * Japanese title; sections keep the page's own headings). */
export function citationText(citation: Citation, lang: Lang): string {
  const own = lang === 'ja' ? (SOURCE_TITLES_JA[citation.source as SourceId] ?? citation.title) : citation.title;
  const title = citation.seed ? `${t('seedName', lang, { seed: citation.seed })}: ${own}` : own;
  const section = citation.section && lang === 'ja' ? sectionJa(citation.section) : citation.section;
  return section ? `${title} — ${section}` : title;
}

/** A cited section in Japanese: its heading on AWS's Japanese page where we know it; names and code as they are. */
function sectionJa(section: string): string | null {
  return (
    SECTIONS_JA[section] ?? (/[a-z]{3,} [a-z]{3,} [a-z]{3,}/i.test(section.replace(/`[^`]*`/g, '')) ? null : section)
  );
}

/** The cited page, in the reader's language where AWS publishes one (docs.aws.amazon.com/ja_jp/…). */
export function citationUrl(citation: Citation, lang: Lang): string | null {
  if (!citation.url) return null;
  if (lang === 'ja' && citation.kind === 'aws-doc')
    return citation.url.replace(/^https:\/\/docs\.aws\.amazon\.com\/(?!ja_jp\/)/, 'https://docs.aws.amazon.com/ja_jp/');
  return citation.url;
}

/** The evidence in one line: its level, for an assumption why, then each source. */
export function evidenceText(evidence: ProbeEvidence, lang: Lang): string {
  const reason = evidence.level === 'assumed' && evidence.assumption ? [evidence.assumption] : [];
  const sources = [...reason, ...evidence.citations.map((citation) => citationText(citation, lang))].join('; ');
  return `${levelText(evidence.level, lang)}: ${sources}`;
}

/**
 * What a probe's verdict rests on, in one line: the evidence; for a probe observed only, why it is not judged; for a
 * user's scenario, where the user's expectation is written and what it cites.
 */
export function referenceText(report: Pick<ProbeReport, 'verdict' | 'evidence'>, lang: Lang): string {
  if (report.verdict.code === 'unjudged') return t('refUnjudged', lang, { reason: report.evidence.assumption ?? '' });
  if (report.verdict.basis === 'yours')
    return t('refYours', lang, {
      where: whereText(report.verdict.expectation, false),
      evidence: evidenceText(report.evidence, lang),
    });
  return evidenceText(report.evidence, lang);
}

/** "scenario.ts:12" (short), or the whole path with its line. */
function whereText(where: ProbeReport['verdict']['expectation'], short: boolean): string {
  if (!where) return 'scenario.ts';
  const file = short ? (where.file.split('/').pop() ?? where.file) : where.file;
  return where.line === null ? file : `${file}:${where.line}`;
}

/** The mark of evidence copied by `new --from`, or null. */
function copiedText(verdict: ProbeReport['verdict'], lang: Lang): string | null {
  if (!verdict.copied) return null;
  return t(verdict.copied.stackChanged ? 'copiedStackChanged' : 'copiedMark', lang, { from: verdict.copied.from });
}

/** nginx's configurations (sandbox/runtime/nginx-target.ts profiles), in Japanese prose. */
const PROFILES_JA: Record<string, string> = {
  'client-auth': '証明書認証',
  'header-router': 'ヘッダーで振り分け',
  'plain-http': '平文 HTTP',
  tls: 'TLS のみ',
};

/** What stands behind a target group: "nginx (client-auth)" (「nginx (クライアント認証)」), "echo target". */
export const targetKindText = (target: BalancerReport['targets'][number], lang: Lang): string =>
  target.kind === 'nginx'
    ? `nginx (${lang === 'ja' ? (PROFILES_JA[target.profile ?? ''] ?? target.profile) : target.profile})`
    : t('targetEcho', lang);

/** The stages of a run as the plain output and the run view label them (sandbox/run.ts, sandbox/localstack). */
const STAGES_JA: Record<string, string> = {
  synth: '合成',
  compile: 'コンパイル',
  deploy: 'デプロイ',
  'route53-zone': 'ホストゾーン',
  's3-put': 'S3 に配置',
  'ssm-put': 'SSM に登録',
  init: '初期化',
  start: '起動',
  probes: 'プローブ',
  teardown: '停止',
};

/** A stage of a run in words: "synth", 「合成」. */
export const stageText = (name: string, lang: Lang): string => (lang === 'ja' ? (STAGES_JA[name] ?? name) : name);

/** A mutual TLS mode in words: verify, passthrough, off (ELB); required, optional, passthrough (CloudFront). */
export const modeText = (mode: string, lang: Lang): string => (lang === 'ja' ? (MODE_JA[mode] ?? mode) : mode);

/** "3 documented · 2 observed · 1 assumed": how a scenario's (or a run's) expectations are known. */
export const evidenceCountsText = (counts: EvidenceCounts, lang: Lang): string => t('evidenceCounts', lang, counts);

// --- What happened to the client, first; whether that is what AWS does, second (report.ts Outcome, Verdict) -------

const OUTCOME_WORDS: Record<OutcomeCode, UiKey> = {
  allowed: 'outcomeAllowed',
  'refused-by-target': 'outcomeRefused',
  'fixed-response': 'outcomeAnswered',
  redirected: 'outcomeRedirected',
  'blocked-by-waf': 'outcomeBlocked',
  'load-balancer-error': 'outcomeLbError',
  'reset-in-handshake': 'outcomeReset',
  reset: 'outcomeReset',
  'tls-alert': 'outcomeAlert',
  'tls-failure': 'outcomeTlsFailed',
  'connection-refused': 'outcomeConnRefused',
  timeout: 'outcomeTimeout',
  'no-response': 'outcomeNoAnswer',
  skipped: 'outcomeSkipped',
};

/** The one word for what happened: ALLOWED, REFUSED, RESET, BLOCKED, ANSWERED… */
export const outcomeWord = (code: OutcomeCode, lang: Lang): string => t(OUTCOME_WORDS[code], lang);

/** One glyph per kind of outcome, so it reads without colour: in ●, refused ■, cut ✕, the load balancer ◆. */
export function outcomeGlyph(code: OutcomeCode): string {
  switch (code) {
    case 'allowed':
      return '●';
    case 'refused-by-target':
    case 'blocked-by-waf':
    case 'load-balancer-error':
      return '■';
    case 'fixed-response':
      return '◆';
    case 'redirected':
      return '↪';
    case 'skipped':
      return '–';
    case 'timeout':
    case 'no-response':
      return '○';
    default:
      return '✕';
  }
}

/** How a tone-aware renderer colours an outcome: good for the client, refused, or the load balancer's own answer. */
export function outcomeTone(code: OutcomeCode): 'ok' | 'bad' | 'accent' | 'warn' {
  if (code === 'allowed') return 'ok';
  if (code === 'fixed-response' || code === 'redirected') return 'accent';
  if (code === 'skipped') return 'warn';
  return 'bad';
}

/** What both headlines fill in; nginx's page title repeats the status ("400 No required SSL…"): said once. */
function headlineVars(outcome: Outcome, lang: Lang) {
  return {
    word: outcomeWord(outcome.code, lang),
    status: outcome.status ?? '',
    who: outcome.answeredBy ?? '',
    fact: (outcome.fact ?? '').replace(new RegExp(`^${outcome.status ?? 'x'}\\s+`), ''),
  };
}

/**
 * The headline: "ALLOWED — 200 from web-2", "REFUSED by web-1 — 400 No required SSL certificate was sent",
 * "RESET during the handshake", "BLOCKED by AWS WAF — 403 (rule BlockSqli)",
 * "ANSWERED by the load balancer — fixed response "Default Action"".
 */
export function outcomeHeadline(outcome: Outcome, lang: Lang): string {
  const vars = headlineVars(outcome, lang);
  const { fact } = vars;
  switch (outcome.code) {
    case 'allowed':
      return t(outcome.answeredBy ? 'headlineAllowed' : 'headlineAllowedNoTarget', lang, vars);
    case 'refused-by-target':
      return t(fact ? 'headlineRefused' : 'headlineRefusedNoFact', lang, vars);
    case 'fixed-response':
      return t(outcome.fact ? 'headlineAnswered' : 'headlineAnsweredNoBody', lang, vars);
    case 'redirected':
      return t('headlineRedirected', lang, vars);
    case 'blocked-by-waf':
      return t('headlineBlocked', lang, vars);
    case 'load-balancer-error':
      return t('headlineLbError', lang, vars);
    case 'reset-in-handshake':
      return t('headlineResetHandshake', lang, vars);
    case 'reset':
      return t('headlineReset', lang, vars);
    case 'tls-alert':
      return t('headlineAlert', lang, vars);
    case 'skipped':
      return vars.word;
    default:
      return outcome.fact ? `${vars.word} — ${outcome.fact}` : vars.word;
  }
}

/**
 * The headline in as few columns as a list row has: "ALLOWED · 200 from web-2", "REFUSED · 400 No required SSL…",
 * "ANSWERED · "Default Action"", "RESET in the handshake", "BLOCKED · 403 by AWS WAF".
 */
export function outcomeShort(outcome: Outcome, lang: Lang): string {
  const vars = headlineVars(outcome, lang);
  const { fact } = vars;
  switch (outcome.code) {
    case 'allowed':
      return t(outcome.answeredBy ? 'shortAllowed' : 'headlineAllowedNoTarget', lang, vars);
    case 'refused-by-target':
    case 'load-balancer-error':
      return t(fact ? 'shortStatusFact' : 'shortStatus', lang, vars);
    case 'fixed-response':
      return t(fact ? 'shortAnswered' : 'shortStatus', lang, vars);
    case 'blocked-by-waf':
      return t('shortBlocked', lang, vars);
    case 'reset-in-handshake':
      return t('headlineResetHandshake', lang, vars);
    default:
      return outcomeHeadline(outcome, lang);
  }
}

/**
 * The decisive facts of a probe, for its summary line: the rule that matched (or the default action), what the
 * target saw that matters, and what the body said when the load balancer answered itself.
 */
export function decisiveFacts(report: ProbeReport, lang: Lang, options: { short?: boolean } = {}): string[] {
  const out: string[] = [];
  const request = report.loadBalancerRequest;
  if (request?.rule && options.short) out.push(t('factRuleShort', lang, { priority: request.rule.priority }));
  else if (request && options.short && !/(^|,)waf$/.test(request.actions)) out.push(t('factDefaultRuleShort', lang));
  else if (request?.rule)
    out.push(
      t('factRule', lang, {
        priority: request.rule.priority,
        conditions: request.rule.conditions
          .map((c) => `${c.headerName ?? c.field} = ${c.values.join(' | ')}`)
          .join('; '),
      }),
    );
  else if (request && !/(^|,)waf$/.test(request.actions))
    out.push(t('factDefaultRule', lang, { checked: request.rulesChecked.length }));
  const target = report.target;
  if (target && report.outcome.targetSaw.length > 0)
    out.push(
      t('factTargetSaw', lang, {
        target: target.name,
        headers: report.outcome.targetSaw
          .map(
            (seen) =>
              `${seen.name}: ${seen.value === null ? t('factAbsent', lang) : shorten(seen.value, options.short ? 24 : 60)}`,
          )
          .join(', '),
      }),
    );
  return out;
}

/**
 * Whether the outcome is what AWS does, in a few words: "matches AWS · documented", "differs from AWS · observed"; in
 * a user's scenario, "as you expect (scenario.ts:12)", "DIFFERS from your expectation (scenario.ts:12)", with the
 * mark of copied evidence.
 */
export function fidelityShort(
  report: Pick<ProbeReport, 'verdict'> & { standIn?: ProbeReport['standIn'] },
  lang: Lang,
): string {
  const { code, level } = report.verdict;
  if (code === 'skipped') return t('verdictSkipped', lang);
  if (code === 'unjudged') return t('fidelityUnjudged', lang);
  if (report.verdict.basis === 'yours') {
    const where = whereText(report.verdict.expectation, true);
    const said = t(code === 'matches' ? 'fidelityYoursMatches' : 'fidelityYoursDiffers', lang, { where });
    const copied = copiedText(report.verdict, lang);
    return copied ? `${said} · ${copied}` : said;
  }
  if (code === 'matches' && level === 'assumed') return t('fidelityAssumed', lang);
  // A stand-in answered: what was judged is the load balancer's part (the rule, the target group), never the answer.
  if (code === 'matches' && report.standIn) return t('fidelityStandIn', lang, { level: levelText(level, lang) });
  return t(code === 'matches' ? 'fidelityMatches' : 'fidelityDiffers', lang, { level: levelText(level, lang) });
}

const shorten = (text: string, width: number): string => (text.length > width ? `${text.slice(0, width - 1)}…` : text);

/** The words of one event of a probe's sequence diagram: its step, briefly, or what the load balancer did. */
export function sequenceLabel(event: SequenceEvent, report: Pick<ProbeReport, 'steps'>, lang: Lang): string {
  if (event.step !== null) {
    const step = report.steps[event.step];
    return step ? shortStepText(step, lang) : '';
  }
  return event.label ? say(event.label, lang) : '';
}

/** Why a user's scenario broke: the sandbox's own words in the reader's language, else the error as it was said. */
export const brokenReason = (broken: { error: string; said?: Message }, lang: Lang): string =>
  broken.said ? say(broken.said, lang) : broken.error;
