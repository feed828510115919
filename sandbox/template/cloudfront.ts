// The certificate matrix of a template's CloudFront distributions with viewer mutual TLS, judged by the mode as
// CloudFront documents it: required refuses a viewer without a valid certificate during the handshake, optional
// admits one without a certificate but refuses an invalid one, passthrough validates nothing. The origin is a
// stand-in (stand-ins.ts): an admitted probe is judged by reaching it, never by the stand-in's status. A connection
// function decides for itself: its distribution's probes are observed only. Pure.
import type { ClientCertName } from '../../certs/types.js';
import { assumed, cite, documented } from '../evidence.js';
import type { ViewerMtlsDistribution } from '../model/cloudfront.js';
import type { BackendSpec, Expectation, ProbeSpec } from '../scenario.js';
import type { Text } from '../text.js';
import { slug } from './slug.js';

const EVIDENCE = documented(cite('aws-cf-viewer-mtls'), cite('aws-cf-mtls-modes'));

const FUNCTION_DECIDES: Text = {
  en: 'A connection function runs on every viewer connection and may allow or deny it; the sandbox does not predict what your function decides. Observed only.',
  ja: '接続関数がビューワーの接続ごとに動き、許可も拒否もしうる。テンプレートの関数の判断は予測しない。判定なし (記録のみ)。',
};

const REVOCATION: Text = {
  en: 'A CloudFront trust store holds no revocation list: revocation is for a connection function or OCSP to check, which this distribution leaves to what the sandbox does not predict. Observed only.',
  ja: 'CloudFront のトラストストアは失効リストを持たない。失効の確認は接続関数か OCSP のもので、サンドボックスは予測しない。判定なし (記録のみ)。',
};

const CERTIFICATES: (ClientCertName | null)[] = [null, 'clientA', 'expired', 'revoked', 'untrusted'];

export function distributionProbes(
  distribution: ViewerMtlsDistribution,
  targets: Record<string, BackendSpec[]>,
): ProbeSpec[] {
  if (!distribution.enabled) return [];
  const origin = targets[distribution.path]?.[0]?.name;
  const { mode, ignoreCertificateExpiry } = distribution.viewerMtls;
  const where = `${distribution.path} (CloudFront, viewer mTLS ${mode})`;
  return CERTIFICATES.map((certificate): ProbeSpec => {
    const sent = certificate !== null;
    const admitted: Expectation = {
      connectionError: null,
      handshake: { clientCertificateRequested: true, clientCertificateSent: sent },
      ...(origin ? { target: { oneOf: [origin] } } : {}),
    };
    const refused: Expectation = {
      status: null,
      target: null,
      handshake: { clientCertificateRequested: true, clientCertificateSent: sent },
    };
    const why = distribution.connectionFunctionId
      ? FUNCTION_DECIDES
      : certificate === 'revoked' && mode !== 'passthrough'
        ? REVOCATION
        : null;
    const valid = certificate === 'clientA' || (certificate === 'expired' && ignoreCertificateExpiry);
    const expect =
      mode === 'passthrough' || valid || (certificate === null && mode === 'optional') ? admitted : refused;
    return {
      name: `${slug(distribution.path)}-${certificate ?? 'no-certificate'}`,
      description: {
        en: `${where}: ${certificate ? `the sandbox's ${certificate} certificate` : 'no client certificate'}.`,
        ja: `${where}: ${certificate ? `サンドボックスの ${certificate} 証明書` : 'クライアント証明書なし'}。`,
      },
      via: { loadBalancer: distribution.path, port: 443 },
      client: { certificate, method: 'GET' },
      expect: why ? {} : expect,
      evidence: why ? assumed(why) : EVIDENCE,
      ...(why ? { unjudged: why } : {}),
    };
  });
}
