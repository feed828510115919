// The certificate matrix of a template's TLS listeners: no certificate, each of the sandbox's main client
// certificates, and on HTTPS listeners a client that spoofs the ALB's identity headers. A probe is judged only where
// the sandbox's model of AWS predicts the outcome (ALB HTTPS listeners by mutual authentication mode, NLB TLS
// listeners); every other one is observed only and says why. Pure.
import type { ClientCertName } from '../../certs/types.js';
import { assumed, cite, documented, type EvidenceSpec, observed } from '../evidence.js';
import type { Listener, LoadBalancer, Topology } from '../model/topology.js';
import type { Expectation, ProbeSpec } from '../scenario.js';
import type { Text } from '../text.js';
import { slug } from './slug.js';
import { forwardsTo } from './stand-ins.js';

/** The sandbox's client certificates every listener is probed with: trusted (two), expired, revoked, untrusted. */
export const MATRIX_CERTIFICATES: ClientCertName[] = ['clientA', 'clientB', 'expired', 'revoked', 'untrusted'];

/** True when the listener forwards to a target group of type alb (an NLB in front of an ALB). */
export function forwardsToAlb(listener: Listener, topology: Topology): boolean {
  return forwardsTo(listener).some(
    (id) => topology.targetGroups.find((group) => group.logicalId === id)?.targetType === 'alb',
  );
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

/**
 * The certificate matrix of one listener: HTTP (and UDP) listeners carry no TLS, and a TCP listener forwarding to an
 * ALB reaches that ALB's listener, which its routing probes try (routing.ts): none for those.
 */
export function matrixProbes(balancer: LoadBalancer, listener: Listener, topology: Topology): ProbeSpec[] {
  if (listener.protocol === 'HTTP' || listener.protocol === 'UDP' || listener.protocol === 'TCP_UDP') return [];
  if (forwardsToAlb(listener, topology)) return [];
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
    const why = judged ? null : whyUnjudged(balancer, listener, headers !== undefined);
    return {
      name: `${prefix}-${key}`,
      description: probeDescription(balancer, listener, certificate, headers !== undefined),
      via,
      client: { certificate, method: 'GET', ...(headers ? { headers } : {}) },
      expect: judged?.expect ?? {},
      // An observed-only probe carries its reason in its evidence too: never an "assumed" without why.
      evidence: judged?.evidence ?? assumed(why!),
      ...(why ? { unjudged: why } : {}),
    };
  });
}

/**
 * What the sandbox's model of AWS predicts for a client of the matrix on this listener (an ALB HTTPS listener by its
 * mutual authentication mode, an NLB TLS listener), or null: nothing to predict. The lab's console asks it too.
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
            ja: 'パススルーモードで証明書が提示された場合の転送内容は AWS のドキュメントに記載されているが、証明書がない場合は記載がない。このモードでは何も検証しないので、サンドボックスは通す。',
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
      ja: 'クライアント自身が送った X-Amzn-Mtls-* ヘッダーを ALB がどう扱うかは AWS のドキュメントに記載がない。レポートはターゲットが受け取ったものを示すだけで、期待値はない。',
    };
  if (listener.protocol === 'TCP' || listener.protocol === 'SSL' || balancer.kind === 'classic')
    return {
      en: "The client's TLS passes through to the target, which the sandbox stands in for (nginx serving TLS without asking for a certificate): what a certificate does here is your target's doing, not AWS's. Observed only.",
      ja: 'クライアントの TLS はそのままターゲットまで届き、ターゲットはサンドボックスの代役 (証明書を要求せずに TLS を提供する nginx) である。ここで証明書がどう扱われるかは AWS ではなく、テンプレートのターゲット次第。判定なし (記録のみ)。',
    };
  if (balancer.kind === 'network' && listener.protocol === 'TLS' && listener.mutualAuthentication?.mode === 'verify')
    return {
      en: "The listener's client certificate identity filters decide whether this certificate is admitted; the sandbox does not predict which of its certificates your filters match. Observed only.",
      ja: 'この証明書を受け入れるかどうかは、リスナーのクライアント証明書 ID フィルターが決める。サンドボックスの証明書のどれがテンプレートのフィルターに一致するかは予測しない。判定なし (記録のみ)。',
    };
  return {
    en: 'The sandbox does not predict this kind of listener from a template yet: observed only, with no expectation.',
    ja: 'サンドボックスはテンプレートのこの種類のリスナーについてはまだ予測しない。判定なし (記録のみ) で、期待値はない。',
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
