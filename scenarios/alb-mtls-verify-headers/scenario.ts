import { cite, documented, observed } from '../../sandbox/evidence.js';
import { defineScenario } from '../../sandbox/scenario.js';
import { ALB_MTLS } from '../common/stories.js';

const MTLS = cite('aws-alb-mtls', 'HTTP headers (verify mode)');
const HEADERS = cite('aws-alb-http-headers');
const SEED_004 = cite('seed-004');

export default defineScenario({
  id: 'alb-mtls-verify-headers',
  title: {
    en: 'ALB mutual TLS, verify mode: the ALB checks the certificate and tells the target who it was',
    ja: 'ALB の相互 TLS 検証モード: ALB が証明書を検証し、クライアントが誰かをターゲットに伝える',
  },
  summary: {
    en: "Since November 2023 an ALB can verify client certificates against a trust store (seed 004 tried it in 2024). No certificate: the connection is reset, as seed 004 saw. clientA: the target receives the certificate's serial, issuer, subject, validity and leaf in X-Amzn-Mtls-Clientcert-* headers, as AWS documents (seed 004's Lambda logged all but the issuer).",
    ja: '2023 年 11 月以降、ALB はトラストストアでクライアント証明書を検証できる (元記事 004 は 2024 年に試した)。証明書なしでは接続がリセットされる (元記事 004 で観測)。clientA ではターゲットが X-Amzn-Mtls-Clientcert-* ヘッダーで証明書のシリアル・発行者・サブジェクト・有効期間・リーフを受け取る (AWS のドキュメントに記載。元記事 004 の Lambda が記録したのは発行者以外の 4 つ)。',
  },
  story: ALB_MTLS,
  compareWith: ['alb-mtls-passthrough'],
  seeds: ['004'],
  tags: ['alb', 'mtls', 'verify', 'trust-store', 'headers'],
  stackModule: new URL('./stack.ts', import.meta.url),
  targets: { EchoTargets: [{ kind: 'echo', name: 'echo-1' }] },
  objects: { 'privateCA-bundle.pem': 'privateCA' },
  probes: [
    {
      name: 'no-certificate',
      description: {
        en: "No client certificate (seed 004's second curl): the ALB asks for one, gets none, and resets the connection — no HTTP response at all.",
        ja: '証明書なし (元記事 004 の 2 つ目の curl と同じ): ALB は証明書を要求し、届かないので接続をリセットする。HTTP レスポンスは一切ない。',
      },
      via: { loadBalancer: 'Alb', port: 443 },
      client: { certificate: null, method: 'GET' },
      expect: {
        status: null,
        connectionError: 'Connection reset by peer',
        curlExitCode: 35,
        handshake: { clientCertificateRequested: true, clientCertificateSent: false },
        target: null,
        // No tls_verify_status is expected here: AWS documents none for a missing certificate (the sandbox logs its
        // own ClientCertNotFound, an assumption: see alb-mtls-certificate-edge-cases, no-certificate-refused).
      },
      evidence: observed(SEED_004, cite('aws-alb-mtls')),
    },
    {
      name: 'clientA-verified',
      description: {
        en: "clientA's certificate (as in seed 004's first curl, HTTP/2 offered): 200 from the target, which received the five X-Amzn-Mtls-Clientcert-* headers AWS documents for verify mode — each checked here against the certificate itself. Seed 004's Lambda logged four of them (not the issuer).",
        ja: 'clientA の証明書 (元記事 004 の最初の curl と同じく、ALPN で HTTP/2 を提案): ターゲットから 200。ターゲットは検証モードについて AWS のドキュメントに記載された 5 つの X-Amzn-Mtls-Clientcert-* ヘッダーを受け取り、サンドボックスはそれぞれを証明書そのものと照合する。元記事 004 の Lambda が記録したのはこのうち 4 つ (発行者はない)。',
      },
      via: { loadBalancer: 'Alb', port: 443 },
      client: { certificate: 'clientA', method: 'GET' },
      expect: {
        status: 200,
        connectionError: null,
        handshake: { clientCertificateRequested: true, clientCertificateSent: true, tlsVersion: 'TLSv1.2' },
        target: {
          oneOf: ['echo-1'],
          headers: {
            'x-amzn-mtls-clientcert-serial-number': '{clientA.serial}',
            'x-amzn-mtls-clientcert-issuer': '{clientA.issuer}',
            'x-amzn-mtls-clientcert-subject': '{clientA.subject}',
            'x-amzn-mtls-clientcert-validity': '{clientA.validity}',
            'x-amzn-mtls-clientcert-leaf': '{clientA.leaf}',
            'x-amzn-mtls-clientcert': null,
            'x-forwarded-proto': 'https',
            'x-forwarded-port': '443',
            'x-forwarded-for': '127.0.0.1',
          },
        },
        connectionLog: { tls_verify_status: 'Success' },
      },
      // Documented, not observed: seed 004's Lambda shows no issuer header, and its first curl got a fixed response.
      evidence: documented(
        MTLS,
        HEADERS,
        cite('aws-alb-connection-logs', 'Error reason codes (tls_verify_status)'),
        SEED_004,
      ),
    },
    {
      name: 'untrusted-ca',
      description: {
        en: 'A certificate from a CA the trust store does not hold: reset during the handshake, the target never hears of it.',
        ja: 'トラストストアにない CA の証明書: ハンドシェイク中にリセットされ、ターゲットには何も届かない。',
      },
      via: { loadBalancer: 'Alb', port: 443 },
      client: { certificate: 'untrusted', method: 'GET' },
      expect: {
        // Refused, no response (documented); the reset curl reports was seen from a real ALB only for a missing
        // certificate (seed 004), so it is not part of what this probe claims.
        status: null,
        handshake: { clientCertificateRequested: true, clientCertificateSent: true },
        target: null,
        connectionLog: { tls_verify_status: 'Failed:ClientCertUntrusted' },
      },
      evidence: documented(
        cite('aws-alb-mtls', 'Mutual TLS verify: certificate validation'),
        cite('aws-alb-connection-logs', 'Error reason codes (tls_verify_status)'),
      ),
    },
  ],
  explain: {
    en: `What to notice:
- The ALB, not the target, asks for the certificate (Request CERT) and decides. The target never sees the TLS session; it sees HTTP with headers the ALB wrote.
- Without a certificate there is no HTTP at all: curl reports "Recv failure: Connection reset by peer" (exit 35) during the handshake — exactly what seed 004 saw from a real ALB. Compare nginx behind an NLB, which completes the handshake and answers 400.
- The target received X-Amzn-Mtls-Clientcert-Serial-Number (uppercase hex), -Issuer and -Subject (RFC 2253, most specific first: CN=clientA,OU=…,C=JP), -Validity (NotBefore=…Z;NotAfter=…Z) and -Leaf (the URL-encoded PEM). The sandbox checked each against the certificate file.
- The connection log records tls_verify_status for every connection, including the ones that never produced a request.`,
    ja: `注目点:
- 証明書を要求 (Request CERT) して判定するのは、ターゲットではなく ALB である。ターゲットは TLS セッションを見ず、ALB が書き加えたヘッダー付きの HTTP を受け取る。
- 証明書なしでは HTTP に到達しない。curl はハンドシェイク中に「Recv failure: Connection reset by peer」(終了コード 35) を報告する。元記事 004 が実際の ALB で観測したものと同じである。NLB の背後の nginx がハンドシェイクを完了して 400 を返すのとは対照的である。
- ターゲットは X-Amzn-Mtls-Clientcert-Serial-Number (大文字 16 進)、-Issuer と -Subject (RFC 2253、最も具体的な要素が先頭: CN=clientA,OU=…,C=JP)、-Validity (NotBefore=…Z;NotAfter=…Z)、-Leaf (URL エンコードした PEM) を受け取った。サンドボックスは各値を証明書ファイルと照合している。
- 接続ログにはリクエストに至らなかった接続も含め、すべての接続の tls_verify_status が記録される。`,
  },
});
