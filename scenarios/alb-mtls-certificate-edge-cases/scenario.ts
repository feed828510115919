import { assumed, cite, documented, type EvidenceSpec } from '../../sandbox/evidence.js';
import { defineScenario, type ProbeSpec } from '../../sandbox/scenario.js';
import { ALB_MTLS } from '../common/stories.js';

const MTLS = cite(
  'aws-alb-mtls',
  'Mutual TLS verify: certificate validation, revocation, IgnoreClientCertificateExpiry',
);
const LOGS = cite('aws-alb-connection-logs', 'Error reason codes (tls_verify_status)');
const REQUIREMENTS = cite('aws-alb-mtls-requirements');
const SEED_004 = cite('seed-004');

/**
 * A certificate verify mode refuses: no HTTP response, the target hears nothing, the connection log says why. AWS
 * documents that much (a failed connection gets a reason code); that the refusal is a TCP reset, as seed 004 saw
 * for a missing certificate, is the sandbox's assumption for the other failures, so it is shown in the transcript
 * but not asserted here.
 */
const refused = (
  name: string,
  description: ProbeSpec['description'],
  certificate: ProbeSpec['client']['certificate'],
  status: string,
  evidence: EvidenceSpec,
  via: ProbeSpec['via'] = { loadBalancer: 'Alb', port: 443 },
): ProbeSpec => ({
  name,
  description,
  via,
  client: { certificate, method: 'GET' },
  expect: { status: null, target: null, connectionLog: { tls_verify_status: status } },
  evidence,
});

/** A certificate this machine's curl will not send: OpenSSL 3 at security level 2 refuses to load it (exit 58). */
const curlWillNotSend = (
  name: string,
  description: ProbeSpec['description'],
  certificate: ProbeSpec['client']['certificate'],
): ProbeSpec => ({
  name,
  description,
  via: { loadBalancer: 'Alb', port: 443 },
  client: { certificate, method: 'GET' },
  expect: { status: null, curlExitCode: 58, target: null },
  evidence: documented(cite('openssl-security-level'), REQUIREMENTS),
});

export default defineScenario({
  id: 'alb-mtls-certificate-edge-cases',
  title: {
    en: 'ALB verify mode edge cases: expired, not yet valid, revoked, untrusted, wrong purpose, unsupported, missing — and IgnoreClientCertificateExpiry',
    ja: 'ALB の検証モードの境界ケース: 期限切れ・有効期間開始前・失効・信頼されない CA・用途違い・非対応・証明書なし — と IgnoreClientCertificateExpiry',
  },
  summary: {
    en: "The ways a client certificate fails verify mode, each with the connection log's tls_verify_status (an expired CRL included); and the one failure a listener can waive: an expired leaf is accepted when IgnoreClientCertificateExpiry is on — an expired CA above it is not.",
    ja: 'クライアント証明書が検証モードで失敗する場合と、それぞれの接続ログの tls_verify_status (期限切れの CRL も含む)。リスナーが許容できる唯一の失敗: IgnoreClientCertificateExpiry が有効なら期限切れのリーフは受け入れられる — その上の期限切れ CA は受け入れられない。',
  },
  story: ALB_MTLS,
  seeds: ['004'],
  compareWith: ['alb-mtls-certificate-chains'],
  tags: ['alb', 'mtls', 'verify', 'crl', 'expiry', 'connection-logs'],
  stackModule: new URL('./stack.ts', import.meta.url),
  targets: {
    EchoTargets: [{ kind: 'echo', name: 'echo-1' }],
    StaleEchoTargets: [{ kind: 'echo', name: 'echo-2' }],
  },
  objects: {
    'privateCA-bundle.pem': 'privateCA',
    'privateCA.crl.pem': 'privateCA.crl',
    'privateCA-expired.crl.pem': 'privateCA-expired.crl',
  },
  probes: [
    refused(
      'expired-refused',
      {
        en: 'An expired certificate from the trusted CA: refused during the handshake; the log says ClientCertExpired.',
        ja: '信頼された CA の期限切れ証明書: ハンドシェイク中に拒否される。ログは ClientCertExpired。',
      },
      'expired',
      'Failed:ClientCertExpired',
      documented(MTLS, LOGS),
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
      'expired-intermediate-refused-even-when-expiry-ignored',
      {
        en: 'A valid leaf under an intermediate CA that has expired, on the lenient listener: refused, ClientCertExpired. Only the leaf’s own expiry is waived.',
        ja: '期限切れの中間 CA の下にある有効なリーフを、緩いリスナーへ: 拒否され ClientCertExpired。免除されるのはリーフ自身の期限だけ。',
      },
      'expiredIntermediateChain',
      'Failed:ClientCertExpired',
      assumed(
        {
          en: 'AWS says only "Indicates whether expired client certificates are ignored". The sandbox reads "client certificates" as the leaf: an expired CA in the chain is still refused.',
          ja: 'AWS の説明は「期限切れのクライアント証明書を無視するかどうか」だけ。サンドボックスは「クライアント証明書」をリーフと読み、チェーン中の期限切れ CA は引き続き拒否する。',
        },
        cite('aws-alb-mtls', 'IgnoreClientCertificateExpiry'),
        LOGS,
      ),
      { loadBalancer: 'Alb', port: 8443 },
    ),
    refused(
      'not-yet-valid-refused',
      {
        en: 'A certificate valid only from 2099: refused, ClientCertNotYetValid.',
        ja: '2099 年からしか有効でない (有効期間開始前の) 証明書: 拒否され、ログは ClientCertNotYetValid。',
      },
      'notYetValid',
      'Failed:ClientCertNotYetValid',
      documented(LOGS, MTLS),
    ),
    refused(
      'revoked-refused',
      {
        en: "A certificate on the trust store's CRL: refused; the log says ClientCertCrlHit.",
        ja: 'トラストストアの CRL に載った証明書: 拒否される。ログは ClientCertCrlHit。',
      },
      'revoked',
      'Failed:ClientCertCrlHit',
      documented(MTLS, LOGS),
    ),
    refused(
      'revoked-refused-even-when-expiry-ignored',
      {
        en: 'Ignoring expiry does not waive revocation: the revoked certificate is refused on the lenient listener too.',
        ja: '期限を無視しても失効は許容されない: 失効した証明書は緩いリスナーでも拒否される。',
      },
      'revoked',
      'Failed:ClientCertCrlHit',
      assumed(
        {
          en: 'IgnoreClientCertificateExpiry names expiry only; AWS does not say that it leaves revocation checks on. The sandbox keeps them.',
          ja: 'IgnoreClientCertificateExpiry が名指しするのは期限だけで、失効の確認が残るとは書かれていない。サンドボックスは確認を続ける。',
        },
        cite('aws-alb-mtls', 'IgnoreClientCertificateExpiry'),
        LOGS,
      ),
      { loadBalancer: 'Alb', port: 8443 },
    ),
    refused(
      'expired-crl-processing-error',
      {
        en: "clientA on the second ALB, whose trust store holds privateCA's CRL that expired in 2020: refused, ClientCertCrlProcessingError — a stale CRL cannot say whether the certificate is revoked.",
        ja: '2 つ目の ALB に clientA: トラストストアの privateCA の CRL は 2020 年に期限切れ — 拒否され ClientCertCrlProcessingError。古い CRL では失効しているかどうか判断できない。',
      },
      'clientA',
      'Failed:ClientCertCrlProcessingError',
      assumed(
        {
          en: 'AWS documents the code ("CRL processing error") but not what an expired CRL does: accepted at upload, refused, or ignored. The sandbox accepts it at upload and refuses what its CA issued, as OpenSSL does ("CRL has expired").',
          ja: 'コード (「CRL 処理エラー」) は AWS のドキュメントに記載されているが、期限切れの CRL がどうなるか (アップロード時に受け入れ・拒否・無視) は記載がない。サンドボックスはアップロードを受け入れ、その CA が発行した証明書を OpenSSL と同じく拒否する (「CRL has expired」)。',
        },
        LOGS,
        cite('aws-alb-trust-store-files'),
      ),
      { loadBalancer: 'AlbStale', port: 443 },
    ),
    refused(
      'untrusted-refused',
      {
        en: 'A certificate from a CA outside the trust store: refused; ClientCertUntrusted.',
        ja: 'トラストストア外の CA の証明書: 拒否される。ClientCertUntrusted。',
      },
      'untrusted',
      'Failed:ClientCertUntrusted',
      documented(MTLS, LOGS),
    ),
    refused(
      'wrong-purpose-refused',
      {
        en: 'A certificate from the trusted CA whose extended key usage allows server authentication only: refused, ClientCertPurposeInvalid.',
        ja: '信頼された CA の証明書だが、拡張キー用途がサーバー認証だけ: 拒否され ClientCertPurposeInvalid。',
      },
      'wrongPurpose',
      'Failed:ClientCertPurposeInvalid',
      assumed(
        {
          en: 'ClientCertPurposeInvalid ("Client certificate purpose is invalid") is documented, but no page says which key usage the ALB requires. The sandbox requires the clientAuth extended key usage when the certificate has one, as OpenSSL does for TLS clients.',
          ja: 'ClientCertPurposeInvalid (「クライアント証明書の用途が無効」) は AWS のドキュメントに記載されているが、ALB がどのキー用途を求めるかはどのページにもない。サンドボックスは、拡張キー用途があれば clientAuth を求める (OpenSSL が TLS クライアントに求めるのと同じ)。',
        },
        LOGS,
        REQUIREMENTS,
      ),
    ),
    refused(
      'x509-v1-refused',
      {
        en: 'An X.509 version 1 certificate from the trusted CA: refused; the sandbox logs ClientCertTypeUnsupported.',
        ja: '信頼された CA の X.509 バージョン 1 証明書: 拒否される。サンドボックスのログは ClientCertTypeUnsupported。',
      },
      'v1',
      'Failed:ClientCertTypeUnsupported',
      assumed(
        {
          en: 'AWS supports X.509v3 client certificates (an earlier version of the page: "X.509v1 client certificates are not supported"), but documents no code for a v1 one; ClientCertTypeUnsupported is the code whose wording fits.',
          ja: 'AWS が対応するのは X.509v3 のクライアント証明書 (ページの以前の版では「X.509v1 のクライアント証明書はサポートされない」) だが、v1 のときのコードは AWS のドキュメントに記載がない。文言が合う ClientCertTypeUnsupported を使う。',
        },
        REQUIREMENTS,
        LOGS,
      ),
    ),
    curlWillNotSend(
      'rsa-1024-not-sent-by-curl',
      {
        en: 'A 1024-bit RSA key (AWS accepts 2048 to 8192 bits). This machine’s curl cannot show the ALB’s answer: OpenSSL 3 at security level 2 refuses to load the certificate ("ee key too small", exit 58), so nothing reaches the ALB. The ALB’s own refusal (ClientCertTypeUnsupported) is checked with openssl s_client -cipher DEFAULT@SECLEVEL=0 in sandbox/alb/tls-front.it.test.ts.',
        ja: '1024 ビットの RSA 鍵 (AWS が受け入れるのは 2048〜8192 ビット)。このマシンの curl では ALB の応答を見せられない: セキュリティレベル 2 の OpenSSL 3 が証明書の読み込みを拒否し (「ee key too small」、終了コード 58)、ALB には何も届かない。ALB 自身の拒否 (ClientCertTypeUnsupported) は sandbox/alb/tls-front.it.test.ts で openssl s_client -cipher DEFAULT@SECLEVEL=0 を使って確かめている。',
      },
      'rsa1024',
    ),
    curlWillNotSend(
      'sha1-not-sent-by-curl',
      {
        en: 'A certificate signed with SHA-1 (AWS lists SHA-256/384/512 signatures only). This machine’s curl cannot show the ALB’s answer: OpenSSL 3 at security level 2 refuses it ("ca md too weak", exit 58). The ALB’s refusal (ClientCertTypeUnsupported) is checked with openssl s_client at SECLEVEL=0 in sandbox/alb/tls-front.it.test.ts.',
        ja: 'SHA-1 で署名された証明書 (AWS が挙げるのは SHA-256/384/512 の署名だけ)。このマシンの curl では ALB の応答を見せられない: セキュリティレベル 2 の OpenSSL 3 が拒否する (「ca md too weak」、終了コード 58)。ALB の拒否 (ClientCertTypeUnsupported) は sandbox/alb/tls-front.it.test.ts で SECLEVEL=0 の openssl s_client を使って確かめている。',
      },
      'sha1',
    ),
    refused(
      'no-certificate-refused',
      {
        en: 'No certificate: refused; the sandbox logs ClientCertNotFound, a name of its own.',
        ja: '証明書なし: 拒否される。サンドボックスのログは独自の名前 ClientCertNotFound。',
      },
      null,
      'Failed:ClientCertNotFound',
      assumed(
        {
          en: "AWS documents that verify mode refuses a client without a certificate (seed 004 saw the reset) but no tls_verify_status code for it; ClientCertNotFound is the sandbox's own name.",
          ja: '検証モードが証明書なしのクライアントを拒否することは AWS のドキュメントに記載されている (元記事 004 でリセットを観測) が、その tls_verify_status コードは記載がない。ClientCertNotFound はサンドボックス独自の名前である。',
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
- Every failure looks the same to the client — the handshake is cut off, no HTTP response — and the target hears nothing. Only the connection log tells them apart: ClientCertExpired, ClientCertNotYetValid, ClientCertCrlHit, ClientCertCrlProcessingError, ClientCertUntrusted, ClientCertPurposeInvalid, ClientCertTypeUnsupported, and the sandbox's own ClientCertNotFound. The reset the sandbox sends was seen from a real ALB for a missing certificate only (seed 004); for the other failures it is the sandbox's assumption.
- AWS documents the codes, not which check yields which code: the evidence of each probe says where the mapping is the sandbox's choice.
- IgnoreClientCertificateExpiry waives exactly one check, the leaf's expiry: the expired certificate passes on port 8443, but an expired intermediate CA and a revoked certificate are still refused there.
- Revocation comes from the CRL added to the trust store (AWS::ElasticLoadBalancingV2::TrustStoreRevocation). A CRL past its nextUpdate (the second ALB) makes every certificate of its CA fail with ClientCertCrlProcessingError.
- A 1024-bit RSA key or a SHA-1 signature never reaches the ALB from this machine: curl (OpenSSL 3, security level 2) refuses to send them. openssl s_client -cipher DEFAULT@SECLEVEL=0 can, and the ALB then logs ClientCertTypeUnsupported.`,
    ja: `注目点:
- クライアントから見るとどの失敗も同じ — ハンドシェイクが断たれ HTTP レスポンスはない — で、ターゲットには何も届かない。区別できるのは接続ログだけ: ClientCertExpired、ClientCertNotYetValid、ClientCertCrlHit、ClientCertCrlProcessingError、ClientCertUntrusted、ClientCertPurposeInvalid、ClientCertTypeUnsupported、そしてサンドボックス独自の ClientCertNotFound。サンドボックスが送るリセットは、実際の ALB では証明書なしの場合にしか観測されていない (元記事 004)。他の失敗についてはサンドボックスの仮定である。
- AWS のドキュメントに記載があるのはコードで、どの検査がどのコードになるかではない: どの対応付けがサンドボックスの選択かは、各プローブの根拠に書いてある。
- IgnoreClientCertificateExpiry が免除するのはリーフの期限というチェック 1 つだけ。期限切れ証明書はポート 8443 で通るが、期限切れの中間 CA や失効した証明書はそこでも拒否される。
- 失効情報はトラストストアに追加した CRL (AWS::ElasticLoadBalancingV2::TrustStoreRevocation) から来る。nextUpdate を過ぎた CRL (2 つ目の ALB) では、その CA のすべての証明書が ClientCertCrlProcessingError になる。
- 1024 ビットの RSA 鍵や SHA-1 の署名は、このマシンからは ALB に届かない: curl (OpenSSL 3、セキュリティレベル 2) が送るのを拒否する。openssl s_client -cipher DEFAULT@SECLEVEL=0 なら送れ、ALB は ClientCertTypeUnsupported を記録する。`,
  },
});
