import { assumed, cite, documented, type EvidenceSpec } from '../../sandbox/evidence.js';
import { defineScenario, type ProbeSpec } from '../../sandbox/scenario.js';
import { ALB_MTLS } from '../common/stories.js';

const MTLS = cite(
  'aws-alb-mtls',
  'Mutual TLS verify: certificate validation, revocation, IgnoreClientCertificateExpiry',
);
const LOGS = cite('aws-alb-connection-logs', 'Error reason codes (tls_verify_status)');
const SEED_004 = cite('seed-004');

const refused = (
  name: string,
  description: ProbeSpec['description'],
  certificate: ProbeSpec['client']['certificate'],
  status: string,
  port = 443,
  evidence: EvidenceSpec = documented(MTLS, LOGS, SEED_004),
): ProbeSpec => ({
  name,
  description,
  via: { loadBalancer: 'Alb', port },
  client: { certificate, method: 'GET' },
  expect: {
    status: null,
    connectionError: 'Connection reset by peer',
    curlExitCode: 35,
    target: null,
    connectionLog: { tls_verify_status: status },
  },
  evidence,
});

export default defineScenario({
  id: 'alb-mtls-certificate-edge-cases',
  title: {
    en: 'ALB verify mode edge cases: expired, revoked, untrusted, missing — and IgnoreClientCertificateExpiry',
    ja: 'ALB 検証モードの境界: 期限切れ・失効・信頼されない CA・証明書なし — と IgnoreClientCertificateExpiry',
  },
  summary: {
    en: "Every way a client certificate fails verify mode, each with the connection log's tls_verify_status; and the one failure a listener can waive: an expired certificate is accepted when IgnoreClientCertificateExpiry is on.",
    ja: 'クライアント証明書が検証モードで失敗するすべての場合と、それぞれの接続ログの tls_verify_status。リスナーが許容できる唯一の失敗: IgnoreClientCertificateExpiry が有効なら期限切れの証明書は受け入れられる。',
  },
  story: ALB_MTLS,
  seeds: ['004'],
  tags: ['alb', 'mtls', 'verify', 'crl', 'expiry', 'connection-logs'],
  stackModule: new URL('./stack.ts', import.meta.url),
  targets: { EchoTargets: [{ kind: 'echo', name: 'echo-1' }] },
  objects: { 'privateCA-bundle.pem': 'privateCA', 'privateCA.crl.pem': 'privateCA.crl' },
  probes: [
    refused(
      'expired-refused',
      {
        en: 'An expired certificate from the trusted CA: reset; the log says ClientCertExpired.',
        ja: '信頼された CA の期限切れ証明書: リセット。ログは ClientCertExpired。',
      },
      'expired',
      'Failed:ClientCertExpired',
    ),
    {
      name: 'expired-accepted-when-expiry-ignored',
      description: {
        en: 'The same expired certificate on the listener with IgnoreClientCertificateExpiry: accepted; the target still sees the real (past) validity.',
        ja: '同じ期限切れ証明書を IgnoreClientCertificateExpiry のリスナーへ: 受け入れられる。ターゲットには実際の (過去の) 有効期間が届く。',
      },
      via: { loadBalancer: 'Alb', port: 8443 },
      client: { certificate: 'expired', method: 'GET' },
      expect: {
        status: 200,
        target: {
          oneOf: ['echo-1'],
          headers: {
            'x-amzn-mtls-clientcert-validity': '{expired.validity}',
            'x-amzn-mtls-clientcert-subject': '{expired.subject}',
          },
        },
        connectionLog: { tls_verify_status: 'Success' },
      },
      evidence: documented(cite('aws-alb-mtls', 'IgnoreClientCertificateExpiry'), LOGS),
    },
    refused(
      'revoked-refused',
      {
        en: "A certificate on the trust store's CRL: reset; the log says ClientCertCrlHit.",
        ja: 'トラストストアの CRL に載った証明書: リセット。ログは ClientCertCrlHit。',
      },
      'revoked',
      'Failed:ClientCertCrlHit',
    ),
    refused(
      'revoked-refused-even-when-expiry-ignored',
      {
        en: 'Ignoring expiry does not waive revocation: the revoked certificate is refused on the lenient listener too.',
        ja: '期限を無視しても失効は許容されない: 失効した証明書は緩いリスナーでも拒否される。',
      },
      'revoked',
      'Failed:ClientCertCrlHit',
      8443,
    ),
    refused(
      'untrusted-refused',
      {
        en: 'A certificate from a CA outside the trust store: reset; ClientCertUntrusted.',
        ja: 'トラストストア外の CA の証明書: リセット。ClientCertUntrusted。',
      },
      'untrusted',
      'Failed:ClientCertUntrusted',
    ),
    refused(
      'no-certificate-refused',
      { en: 'No certificate: reset; ClientCertNotFound.', ja: '証明書なし: リセット。ClientCertNotFound。' },
      null,
      'Failed:ClientCertNotFound',
      443,
      assumed(
        {
          en: "AWS documents that verify mode refuses a client without a certificate (seed 004 saw the reset) but no tls_verify_status code for it; ClientCertNotFound is the sandbox's own name.",
          ja: '検証モードが証明書なしのクライアントを拒否することは文書化されている (seed 004 でリセットを観測) が、その tls_verify_status コードは文書化されていない。ClientCertNotFound はサンドボックス独自の名前。',
        },
        LOGS,
        SEED_004,
      ),
    ),
    {
      name: 'clientA-accepted',
      description: {
        en: 'For contrast, clientA: accepted, 200, Success.',
        ja: '比較のため clientA: 受け入れられ 200、Success。',
      },
      via: { loadBalancer: 'Alb', port: 443 },
      client: { certificate: 'clientA', method: 'GET' },
      expect: { status: 200, target: { oneOf: ['echo-1'] }, connectionLog: { tls_verify_status: 'Success' } },
      evidence: documented(MTLS, LOGS),
    },
  ],
  explain: {
    en: `What to notice:
- Every failure looks the same to the client — a reset during the handshake (curl exit 35) — and the target hears nothing. Only the connection log tells them apart: ClientCertExpired, ClientCertCrlHit, ClientCertUntrusted, ClientCertNotFound.
- IgnoreClientCertificateExpiry waives exactly one check: the expired certificate passes on port 8443, but the revoked one is still refused there.
- Revocation comes from the CRL added to the trust store (AWS::ElasticLoadBalancingV2::TrustStoreRevocation), read from the S3 object the stack names.`,
    ja: `注目点:
- クライアントから見るとどの失敗も同じ — ハンドシェイク中のリセット (curl 終了コード 35) — で、ターゲットには何も届かない。区別できるのは接続ログだけ: ClientCertExpired、ClientCertCrlHit、ClientCertUntrusted、ClientCertNotFound。
- IgnoreClientCertificateExpiry が免除するのは 1 つのチェックだけ。期限切れ証明書はポート 8443 で通るが、失効した証明書はそこでも拒否される。
- 失効情報はトラストストアに追加した CRL (AWS::ElasticLoadBalancingV2::TrustStoreRevocation) から来る。スタックが指定する S3 オブジェクトから読み込む。`,
  },
});
