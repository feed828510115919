// A CloudFormation template as a scenario (--template FILE): what stands in for its targets and objects, and the
// standard probe matrix on every listener — no certificate, each of the sandbox's main client certificates, and on
// HTTPS listeners a client that spoofs the ALB's identity headers. A probe is judged only where the sandbox's model
// of AWS predicts the outcome (ALB HTTPS listeners, by mutual authentication mode); every other one is observed only,
// with no expectation, and says why. Pure: the compiled topology in, a ScenarioDefinition out.
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ClientCertName } from '../../certs/types.js';
import { assumed, cite, documented, type EvidenceSpec, observed } from '../evidence.js';
import type { CfnTemplate } from '../model/cfn.js';
import type { Listener, LoadBalancer, TargetGroup, Topology } from '../model/topology.js';
import {
  type BackendSpec,
  defineScenario,
  defineStory,
  type Expectation,
  type PkiObject,
  type ProbeSpec,
  type ScenarioDefinition,
} from '../scenario.js';
import type { Text } from '../text.js';

export const TEMPLATES = defineStory({
  id: 'your-templates',
  order: 2000,
  title: { en: 'Your own infrastructure (--template)', ja: 'あなたのインフラ (--template)' },
});

/** The sandbox's client certificates every listener is probed with: trusted (two), expired, revoked, untrusted. */
export const MATRIX_CERTIFICATES: ClientCertName[] = ['clientA', 'clientB', 'expired', 'revoked', 'untrusted'];

/** What a template run needs beside the template: where it came from. */
export interface TemplateSource {
  file: string;
  stackName: string;
}

export function templateScenario(
  template: CfnTemplate,
  source: TemplateSource,
  topology: Topology,
): ScenarioDefinition {
  const name = basename(source.file).replace(/\.(template\.)?(json|ya?ml)$/i, '');
  const id = `template-${slug(name) || 'stack'}`;
  const probes = topology.loadBalancers.flatMap((balancer) =>
    balancer.listeners.flatMap((listener) => listenerProbes(balancer, listener, topology)),
  );
  const unprobed = topology.loadBalancers.flatMap((balancer) =>
    balancer.listeners.filter((listener) => listener.protocol === 'HTTP' || listener.protocol === 'UDP'),
  );
  return defineScenario({
    id,
    title: { en: `Your template ${basename(source.file)}`, ja: `あなたのテンプレート ${basename(source.file)}` },
    summary: {
      en: `${source.file}, realized with stand-ins for what cannot run here, and probed on every listener with and without client certificates.`,
      ja: `${source.file} を、ここで動かせないものを代役に置き換えて再現し、すべてのリスナーをクライアント証明書あり・なしでプローブする。`,
    },
    story: TEMPLATES,
    seeds: [],
    tags: ['template'],
    stackModule: pathToFileURL(source.file),
    synthesized: { template, stackName: source.stackName },
    origin: { kind: 'template', file: source.file },
    targets: standIns(topology),
    objects: objectStandIns(topology),
    probes,
    explain: explanation(unprobed.length),
  });
}

/** One backend per registered target (one when the template registers none): echo for HTTP, nginx where TLS goes on. */
function standIns(topology: Topology): Record<string, BackendSpec[]> {
  const targets: Record<string, BackendSpec[]> = {};
  for (const group of topology.targetGroups) {
    const count = Math.max(1, group.targets.length);
    const tls = speaksTls(group, topology);
    targets[group.path] = Array.from({ length: count }, (_, index): BackendSpec => {
      const name = `${slug(group.path)}-${index + 1}`;
      return tls ? { kind: 'nginx', name, profile: 'tls' } : { kind: 'echo', name };
    });
  }
  for (const balancer of topology.loadBalancers.filter((candidate) => candidate.kind === 'classic')) {
    const count = Math.max(1, balancer.classicInstances.length);
    const tcp = balancer.listeners.some((listener) => listener.protocol === 'TCP' || listener.protocol === 'SSL');
    targets[balancer.path] = Array.from({ length: count }, (_, index): BackendSpec => {
      const name = `${slug(balancer.path)}-${index + 1}`;
      return tcp ? { kind: 'nginx', name, profile: 'tls' } : { kind: 'echo', name };
    });
  }
  return targets;
}

/**
 * A TLS or HTTPS target group (the load balancer opens TLS to its targets), or a TCP one behind a TCP listener (the
 * client's TLS passes through): its stand-in must speak TLS.
 */
function speaksTls(group: TargetGroup, topology: Topology): boolean {
  if (group.protocol === 'TLS' || group.protocol === 'HTTPS') return true;
  if (group.protocol !== 'TCP') return false;
  return topology.loadBalancers.some((balancer) =>
    balancer.listeners.some(
      (listener) => listener.protocol === 'TCP' && forwardsTo(listener).includes(group.logicalId),
    ),
  );
}

const forwardsTo = (listener: Listener): string[] =>
  [...listener.defaultActions, ...listener.rules.flatMap((rule) => rule.actions)].flatMap((action) =>
    action.type === 'forward' ? action.targetGroups.map((group) => group.targetGroupId) : [],
  );

/** A trust store's CA bundle holds the sandbox's privateCA; its CRLs are privateCA's (which lists "revoked"). */
function objectStandIns(topology: Topology): Record<string, PkiObject> {
  const objects: Record<string, PkiObject> = {};
  for (const store of topology.trustStores) {
    objects[store.bundle.key] = 'privateCA';
    for (const revocation of store.revocations) objects[revocation.key] = 'privateCA.crl';
  }
  return objects;
}

const MTLS_VALIDATION = cite('aws-alb-mtls', 'Mutual TLS verify: certificate validation');
const EXPIRY = cite('aws-alb-mtls', 'IgnoreClientCertificateExpiry');
const PASSTHROUGH = cite('aws-alb-mtls-passthrough');
const NO_MTLS = cite('aws-alb-no-mtls');
const OFF = cite('aws-alb-mtls', 'Mutual authentication off (the default)');

export interface Judgement {
  expect: Expectation;
  evidence: EvidenceSpec;
}

/** The standard probes of one listener. HTTP (and UDP) listeners carry no TLS: they get none. */
function listenerProbes(balancer: LoadBalancer, listener: Listener, topology: Topology): ProbeSpec[] {
  if (listener.protocol === 'HTTP' || listener.protocol === 'UDP') return [];
  const via = { loadBalancer: balancer.path, port: listener.port };
  const prefix = `${slug(balancer.path)}-${listener.port}`;
  const clients: { key: string; certificate: ClientCertName | null; headers?: Record<string, string> }[] = [
    { key: 'no-certificate', certificate: null },
    ...MATRIX_CERTIFICATES.map((certificate) => ({ key: certificate, certificate })),
  ];
  // The spoofer presents clientA where the listener verifies (else it never gets to send a header), none elsewhere.
  if (listener.protocol === 'HTTPS')
    clients.push({
      key: 'spoofed-identity-header',
      certificate: listener.mutualAuthentication?.mode === 'verify' ? 'clientA' : null,
      headers: {
        'X-Amzn-Mtls-Clientcert': 'spoofed-by-the-client',
        'X-Amzn-Mtls-Clientcert-Subject': 'CN=admin,O=example.org',
      },
    });
  return clients.map(({ key, certificate, headers }): ProbeSpec => {
    const judged = modelJudgement(balancer, listener, topology, certificate, headers !== undefined);
    return {
      name: `${prefix}-${key}`,
      description: probeDescription(balancer, listener, certificate, headers !== undefined),
      via,
      client: { certificate, method: 'GET', ...(headers ? { headers } : {}) },
      expect: judged?.expect ?? {},
      evidence: judged?.evidence ?? { level: 'assumed', citations: [] },
      ...(judged ? {} : { unjudged: whyUnjudged(balancer, listener, headers !== undefined) }),
    };
  });
}

/**
 * What the sandbox's model of AWS predicts for a client of the standard matrix (no certificate or one of
 * MATRIX_CERTIFICATES, optionally writing identity headers of its own): ALB HTTPS listeners by mutual authentication
 * mode, NLB TLS listeners; null where it predicts nothing (any other listener or certificate).
 */
export function modelJudgement(
  balancer: LoadBalancer,
  listener: Listener,
  topology: Topology,
  certificate: ClientCertName | null,
  spoofing: boolean,
): Judgement | null {
  if (certificate !== null && !MATRIX_CERTIFICATES.includes(certificate)) return null;
  if (balancer.kind === 'application' && listener.protocol === 'HTTPS')
    return albJudgement(listener, topology, certificate, spoofing);
  if (balancer.kind === 'network' && listener.protocol === 'TLS')
    return nlbTlsJudgement(listener, topology, certificate);
  return null;
}

/** What the sandbox's model predicts on an ALB HTTPS listener, by its mutual authentication mode; null: nothing. */
function albJudgement(
  listener: Listener,
  topology: Topology,
  certificate: ClientCertName | null,
  spoofing: boolean,
): Judgement | null {
  const mtls = listener.mutualAuthentication;
  const mode = mtls?.mode ?? 'off';
  if (mode === 'off') {
    // The ALB asks for no certificate, so a client has none to send; the handshake completes.
    if (spoofing) return null;
    return {
      expect: { connectionError: null, handshake: { clientCertificateRequested: false, clientCertificateSent: false } },
      evidence: documented(NO_MTLS, OFF),
    };
  }
  if (mode === 'passthrough') {
    if (spoofing) return null;
    if (certificate === null)
      return {
        expect: {
          connectionError: null,
          handshake: { clientCertificateRequested: true, clientCertificateSent: false },
        },
        evidence: assumed(
          {
            en: 'AWS documents what passthrough forwards when a certificate is presented, not a client without one; the sandbox lets it through, as nothing is verified in this mode.',
            ja: 'パススルーで証明書が提示された場合の転送内容は文書化されているが、証明書がない場合は文書化されていない。このモードでは何も検証しないので、サンドボックスは通す。',
          },
          PASSTHROUGH,
        ),
      };
    return {
      expect: { connectionError: null, handshake: { clientCertificateRequested: true, clientCertificateSent: true } },
      evidence: documented(PASSTHROUGH),
    };
  }
  // verify: refused without a certificate or with one the trust store does not accept; a trusted one completes.
  if (spoofing) return null;
  if (certificate === null)
    return {
      expect: {
        status: null,
        target: null,
        handshake: { clientCertificateRequested: true, clientCertificateSent: false },
      },
      evidence: observed(cite('seed-004'), cite('aws-alb-mtls')),
    };
  const store = topology.trustStores.find((candidate) => candidate.logicalId === mtls?.trustStoreId);
  const refused = (evidence: EvidenceSpec): Judgement => ({
    expect: {
      status: null,
      target: null,
      handshake: { clientCertificateRequested: true, clientCertificateSent: true },
    },
    evidence,
  });
  const accepted = (evidence: EvidenceSpec): Judgement => ({
    expect: { connectionError: null, handshake: { clientCertificateRequested: true, clientCertificateSent: true } },
    evidence,
  });
  switch (certificate) {
    case 'untrusted':
      return refused(documented(MTLS_VALIDATION));
    case 'expired':
      return mtls?.ignoreClientCertificateExpiry
        ? accepted(documented(EXPIRY))
        : refused(documented(MTLS_VALIDATION, EXPIRY));
    case 'revoked':
      return store && store.revocations.length > 0
        ? refused(documented(MTLS_VALIDATION))
        : accepted(documented(MTLS_VALIDATION));
    default:
      return accepted(documented(MTLS_VALIDATION));
  }
}

const NLB_TLS = cite('aws-nlb-tls-listener');
const NLB_MTLS = cite('aws-nlb-mtls', 'The load balancer admits a connection in the following order');

/**
 * An NLB TLS listener: without mutual TLS it asks for no certificate; in verify mode the trust store comes first
 * (no certificate, another CA's or an expired one: refused), then the identity filters (which the matrix's
 * certificates may or may not match: not predicted when there are any), then revocation.
 */
function nlbTlsJudgement(listener: Listener, topology: Topology, certificate: ClientCertName | null): Judgement | null {
  const mtls = listener.mutualAuthentication;
  if (!mtls || mtls.mode === 'off')
    return {
      expect: { connectionError: null, handshake: { clientCertificateRequested: false, clientCertificateSent: false } },
      evidence: documented(NLB_TLS),
    };
  if (mtls.mode !== 'verify') return null;
  const refused: Judgement = {
    expect: {
      status: null,
      target: null,
      handshake: { clientCertificateRequested: true, clientCertificateSent: certificate !== null },
    },
    evidence: documented(NLB_MTLS),
  };
  const filtered = (mtls.identityFilters ?? []).length > 0;
  const admitted: Judgement | null = filtered
    ? null
    : {
        expect: { connectionError: null, handshake: { clientCertificateRequested: true, clientCertificateSent: true } },
        evidence: documented(NLB_MTLS),
      };
  const store = topology.trustStores.find((candidate) => candidate.logicalId === mtls.trustStoreId);
  switch (certificate) {
    case null:
    case 'untrusted':
      return refused;
    case 'expired':
      return mtls.ignoreClientCertificateExpiry ? admitted : refused;
    case 'revoked':
      // Revocation is checked after the filters: refused either way when the trust store has a CRL.
      return store && store.revocations.length > 0 ? refused : admitted;
    default:
      return admitted;
  }
}

function whyUnjudged(balancer: LoadBalancer, listener: Listener, spoofing: boolean): Text {
  if (spoofing)
    return {
      en: 'AWS does not document what the ALB does with X-Amzn-Mtls-* headers a client sends itself: the report shows what the target received, with no expectation.',
      ja: 'クライアント自身が送った X-Amzn-Mtls-* ヘッダーを ALB がどう扱うかは文書化されていない。レポートはターゲットが受け取ったものを示すだけで、期待値はない。',
    };
  if (listener.protocol === 'TCP' || listener.protocol === 'SSL' || balancer.kind === 'classic')
    return {
      en: "The client's TLS passes through to the target, which the sandbox stands in for (nginx serving TLS without asking for a certificate): what a certificate does here is your target's doing, not AWS's. Observed only.",
      ja: 'クライアントの TLS はターゲットまで素通しで、ターゲットはサンドボックスの代役 (証明書を要求せずに TLS を提供する nginx)。ここで証明書がどう扱われるかは AWS ではなくあなたのターゲット次第。観察のみ。',
    };
  if (balancer.kind === 'network' && listener.protocol === 'TLS' && listener.mutualAuthentication?.mode === 'verify')
    return {
      en: "The listener's client certificate identity filters decide whether this certificate is admitted; the sandbox does not predict which of its certificates your filters match. Observed only.",
      ja: 'この証明書を受け入れるかはリスナーのクライアント証明書 ID フィルターが決める。サンドボックスの証明書のどれがあなたのフィルターに一致するかは予測しない。観察のみ。',
    };
  return {
    en: 'The sandbox does not predict this kind of listener from a template yet: observed only, with no expectation.',
    ja: 'サンドボックスはテンプレートのこの種類のリスナーについてはまだ予測しない。観察のみで、期待値はない。',
  };
}

function probeDescription(
  balancer: LoadBalancer,
  listener: Listener,
  certificate: ClientCertName | null,
  spoofing: boolean,
): Text {
  const where = `${balancer.path} ${listener.protocol}:${listener.port}`;
  if (spoofing)
    return {
      en: `${where}: ${certificate ?? 'no certificate'}, and X-Amzn-Mtls-Clientcert and -Subject headers of its own claiming to be CN=admin.`,
      ja: `${where}: ${certificate ?? '証明書なし'}。さらに CN=admin を名乗る X-Amzn-Mtls-Clientcert と -Subject ヘッダーを自分で送る。`,
    };
  if (certificate === null) return { en: `${where}: no client certificate.`, ja: `${where}: クライアント証明書なし。` };
  return {
    en: `${where}: the sandbox's ${certificate} certificate.`,
    ja: `${where}: サンドボックスの ${certificate} 証明書。`,
  };
}

function explanation(unprobedListeners: number): Text {
  const http =
    unprobedListeners > 0
      ? {
          en: `\n- ${unprobedListeners} plain HTTP (or UDP) listener(s) got no probes: the matrix is about TLS and client certificates.`,
          ja: `\n- 平文 HTTP (または UDP) のリスナー ${unprobedListeners} 個はプローブしていない。このマトリクスは TLS とクライアント証明書のためのもの。`,
        }
      : { en: '', ja: '' };
  return {
    en: `What stood in for what:
- Targets: an echo server per registered target (nginx serving TLS where the target speaks TLS: HTTPS and TLS target groups, TCP ones behind a TCP listener); your own application is not run.
- Trust store CA bundles hold the sandbox's privateCA, their revocation lists privateCA's CRL (which lists "revoked"); listener certificates are the sandbox's localhost certificate.
- Probes marked "observed only" have no expectation: the sandbox's model of AWS predicts nothing there, so they are not compared with AWS. Judged probes carry their evidence as every scenario's do.
- Everything the template holds that the sandbox does not realize is listed under "not realized", with why.${http.en}`,
    ja: `代役:
- ターゲット: 登録されたターゲットごとにエコーサーバー (ターゲットが TLS を話す場合、つまり HTTPS・TLS のターゲットグループと TCP リスナー配下の TCP のものは TLS を提供する nginx)。あなたのアプリケーションは動かさない。
- トラストストアの CA バンドルはサンドボックスの privateCA、失効リストは privateCA の CRL ("revoked" を含む)。リスナー証明書はサンドボックスの localhost 証明書。
- 「観察のみ」のプローブには期待値がない。サンドボックスの AWS モデルがそこでは何も予測しないので、AWS とは比較しない。判定されるプローブには、どのシナリオとも同じく根拠が付く。
- テンプレートのうちサンドボックスが再現しないものはすべて「再現しないもの」に理由とともに載る。${http.ja}`,
  };
}

/** A construct path or file name as a lowercase id part: "Alb/Https" → "alb-https". */
export const slug = (text: string): string =>
  text
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
