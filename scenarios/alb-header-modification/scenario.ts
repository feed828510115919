import { assumed, cite, documented, observed } from '../../sandbox/evidence.js';
import { defineScenario } from '../../sandbox/scenario.js';
import { ALB_MTLS } from '../common/stories.js';

const via = { loadBalancer: 'Alb', port: 443 };
const RENAME = cite('aws-alb-header-modification', 'Rename mTLS/TLS headers');
const RESPONSE = cite('aws-alb-header-modification', 'Add response headers');
const KEYS = cite('aws-elbv2-listener-attribute');
const TLS_INFO = cite('aws-elbv2-load-balancer-attribute', 'routing.http.x_amzn_tls_version_and_cipher_suite.enabled');
const MTLS = cite('aws-alb-mtls', 'HTTP headers (verify mode)');
/** The value's spelling: AWS says "OpenSSL format" and gives no example (docs/aws-facts.md#alb-header-modification). */
const TLS_SPELLING = cite('aws-elbv2-load-balancer-attribute', 'TLSv1.2');
const TLS_KX = cite('aws-elbv2-load-balancer-attribute', 'routing.http.x_amzn_tls_kx.enabled');
/** Seed 004: under ELBSecurityPolicy-2016-08 a real ALB chose prime256v1 (secp256r1) although curl offered X25519. */
const SEED_GROUP = cite('seed-004', 'curl -v: TLSv1.2 / ECDHE-RSA-AES128-GCM-SHA256 / prime256v1');
const HSTS = 'max-age=31536000; includeSubDomains';

/** The headers of the application's own contract: the ALB's values, under the names the listener gives them. */
const RENAMED = {
  'x-client-cert-subject': '{clientA.subject}',
  'x-client-cert-issuer': '{clientA.issuer}',
  'x-client-cert-serial': '{clientA.serial}',
  'x-client-cert-validity': '{clientA.validity}',
  'x-amzn-mtls-clientcert-subject': null,
  'x-amzn-mtls-clientcert-serial-number': null,
  // Not renamed: keeps the ALB's name.
  'x-amzn-mtls-clientcert-leaf': '{clientA.leaf}',
};

export default defineScenario({
  id: 'alb-header-modification',
  title: {
    en: 'ALB header modification: the mTLS headers under the names the application expects, TLS details, HSTS',
    ja: 'ALB のヘッダー変更: アプリが期待する名前で届く mTLS ヘッダー、TLS の情報、HSTS',
  },
  summary: {
    en: 'An application reads its client from X-Client-Cert-Subject, not X-Amzn-Mtls-Clientcert-Subject. Since November 2024 the ALB can rename its mTLS headers (listener attributes), add X-Amzn-Tls-Version and X-Amzn-Tls-Cipher-Suite (a load balancer attribute), and put HSTS and other security headers on every response — its own included.',
    ja: 'アプリはクライアントを X-Amzn-Mtls-Clientcert-Subject ではなく X-Client-Cert-Subject から読む。2024 年 11 月以降、ALB は mTLS ヘッダーの名前を変え (リスナー属性)、X-Amzn-Tls-Version と X-Amzn-Tls-Cipher-Suite を加え (ロードバランサー属性)、HSTS などのセキュリティヘッダーを ALB 自身の応答も含むすべてのレスポンスに付けられる。',
  },
  story: ALB_MTLS,
  compareWith: ['alb-mtls-verify-headers', 'who-tells-the-target'],
  seeds: [],
  tags: ['alb', 'mtls', 'verify', 'headers', 'header-modification', 'hsts'],
  stackModule: new URL('./stack.ts', import.meta.url),
  targets: { AppTargets: [{ kind: 'echo', name: 'app' }] },
  objects: { 'privateCA-bundle.pem': 'privateCA' },
  probes: [
    {
      name: 'clientA-renamed-headers',
      description: {
        en: "clientA: the application receives the certificate's subject, issuer, serial and validity as X-Client-Cert-*, the ALB's own names gone; the leaf, not renamed, keeps X-Amzn-Mtls-Clientcert-Leaf.",
        ja: 'clientA: アプリは証明書のサブジェクト・発行者・シリアル・有効期間を X-Client-Cert-* で受け取り、ALB 本来の名前は消える。名前を変えていないリーフは X-Amzn-Mtls-Clientcert-Leaf のまま。',
      },
      via,
      client: { certificate: 'clientA', method: 'GET' },
      expect: {
        status: 200,
        handshake: { clientCertificateRequested: true, clientCertificateSent: true },
        target: { oneOf: ['app'], headers: RENAMED },
      },
      evidence: documented(RENAME, KEYS, MTLS),
    },
    {
      name: 'tls-version-and-cipher',
      description: {
        en: 'The load balancer attribute adds the negotiated TLS version and cipher suite, in OpenSSL names, to the request — the same names curl reports for its side of the handshake.',
        ja: 'ロードバランサー属性により、ネゴシエートした TLS バージョンと暗号スイートが OpenSSL の名前でリクエストに加わる。curl が自分の側のハンドシェイクについて報告する名前と同じ。',
      },
      via,
      client: { certificate: 'clientA', method: 'GET' },
      expect: {
        status: 200,
        handshake: { tlsVersion: 'TLSv1.2' },
        target: { oneOf: ['app'], headers: { 'x-amzn-tls-version': 'TLSv1.2' } },
      },
      evidence: assumed(
        {
          en: 'AWS documents the load balancer attribute and the two headers, but says only that both are "in OpenSSL format" and shows no value. TLSv1.2 is the name OpenSSL (and node) give the version, so the sandbox writes that; the spelling is its reading, not AWS\'s. (x-amzn-tls-kx has a documented naming, IANA\'s, but that names key exchange groups, not versions.)',
          ja: 'ロードバランサー属性と 2 つのヘッダーは AWS のドキュメントに記載されているが、どちらも「OpenSSL 形式」とだけ書き、値の例はない。TLSv1.2 は OpenSSL (と node) がバージョンに付ける名前なので、サンドボックスはそれを書く。この綴りはサンドボックスの解釈で、AWS のものではない。(x-amzn-tls-kx には AWS のドキュメントに記載された IANA の名前の付け方があるが、それは鍵交換グループの名前で、バージョンの名前ではない。)',
        },
        TLS_SPELLING,
        TLS_INFO,
        RENAME,
      ),
    },
    {
      name: 'tls-key-exchange-group',
      description: {
        en: 'The load balancer attribute routing.http.x_amzn_tls_kx.enabled (November 2026) adds x-amzn-tls-kx: the key exchange group the ALB negotiated, in IANA TLS Supported Groups naming. Under the default ELBSecurityPolicy-2016-08 that is secp256r1, although curl offers X25519 first.',
        ja: 'ロードバランサー属性 routing.http.x_amzn_tls_kx.enabled (2026 年 11 月) により x-amzn-tls-kx が加わる: ALB がネゴシエートした鍵交換グループを IANA TLS Supported Groups の名前で。既定の ELBSecurityPolicy-2016-08 では、curl が X25519 を先に提示しても secp256r1 になる。',
      },
      via,
      client: { certificate: 'clientA', method: 'GET' },
      expect: { status: 200, target: { oneOf: ['app'], headers: { 'x-amzn-tls-kx': 'secp256r1' } } },
      evidence: observed(SEED_GROUP, TLS_KX),
    },
    {
      name: 'client-tls-kx-dropped',
      description: {
        en: "clientA writes its own X-Amzn-Tls-Kx: X25519MLKEM768. The application still receives one x-amzn-tls-kx, the ALB's: secp256r1.",
        ja: 'clientA が X-Amzn-Tls-Kx: X25519MLKEM768 を自分で書く。それでもアプリが受け取る x-amzn-tls-kx は ALB の 1 つだけで、secp256r1。',
      },
      via,
      client: { certificate: 'clientA', method: 'GET', headers: { 'X-Amzn-Tls-Kx': 'X25519MLKEM768' } },
      expect: { status: 200, target: { oneOf: ['app'], headers: { 'x-amzn-tls-kx': 'secp256r1' } } },
      evidence: assumed(
        {
          en: "AWS documents the header the attribute adds, not what happens to one the client sends itself. The sandbox drops the client's copy, as it drops client copies of the other headers the ALB writes, so the application reads exactly one value, the ALB's. Check it on a real ALB before relying on it.",
          ja: '属性が加えるヘッダーは AWS のドキュメントに記載されているが、クライアントが自分で送った同名のヘッダーがどうなるかは書いていない。サンドボックスは ALB が書く他のヘッダーと同じくクライアントのコピーを捨て、アプリは ALB の値 1 つだけを読む。頼る前に実際の ALB で確かめること。',
        },
        TLS_KX,
        RENAME,
      ),
    },
    {
      name: 'hsts-on-the-response',
      description: {
        en: "The client gets Strict-Transport-Security and X-Content-Type-Options on the target's response; the ALB put them there. The echo target sends neither.",
        ja: 'クライアントはターゲットの応答に Strict-Transport-Security と X-Content-Type-Options を受け取る。付けたのは ALB で、エコーターゲットはどちらも送らない。',
      },
      via,
      client: { certificate: 'clientA', method: 'GET' },
      expect: {
        status: 200,
        responseHeaders: { 'strict-transport-security': HSTS, 'x-content-type-options': 'nosniff' },
        target: { oneOf: ['app'] },
      },
      evidence: documented(RESPONSE, KEYS),
    },
    {
      name: 'alb-own-response-headers',
      description: {
        en: '/maintenance is answered by the ALB itself (a fixed-response rule): HSTS is on it too — AWS says every response — and its Server: awselb/2.0 header is gone (routing.http.response.server.enabled = false).',
        ja: '/maintenance には ALB 自身が答える (固定レスポンスのルール)。AWS の言う「すべてのレスポンス」どおりそこにも HSTS が付き、Server: awselb/2.0 ヘッダーはない (routing.http.response.server.enabled = false)。',
      },
      via,
      client: { certificate: 'clientA', method: 'GET', path: '/maintenance' },
      expect: {
        status: 503,
        bodyIncludes: 'down for maintenance',
        responseHeaders: { 'strict-transport-security': HSTS, server: null },
        target: null,
      },
      evidence: assumed(
        {
          en: 'AWS says the load balancer adds a configured response header "to all responses" and documents the Server header attribute, but not whether that includes the answers the ALB makes itself (fixed responses, redirects, its error pages). The sandbox puts the headers on those too and removes its own Server: awselb/2.0.',
          ja: 'AWS は設定したレスポンスヘッダーを「すべてのレスポンス」に付けると書き、Server ヘッダーの属性も AWS のドキュメントに記載されているが、ALB 自身が作る応答 (固定レスポンス、リダイレクト、エラーページ) が含まれるかは書いていない。サンドボックスはそれらにもヘッダーを付け、自分の Server: awselb/2.0 を取り除く。',
        },
        RESPONSE,
        cite('aws-alb-enable-header-modification', 'ALB server response header'),
      ),
    },
    {
      name: 'spoofed-renamed-header',
      description: {
        en: "clientA also writes X-Client-Cert-Subject: CN=admin into its request. The application still receives exactly one X-Client-Cert-Subject, the ALB's, from the certificate.",
        ja: 'clientA がリクエストに X-Client-Cert-Subject: CN=admin を自分で書き込む。それでもアプリが受け取る X-Client-Cert-Subject は 1 つだけで、証明書から ALB が作った値。',
      },
      via,
      client: { certificate: 'clientA', method: 'GET', headers: { 'X-Client-Cert-Subject': 'CN=admin' } },
      expect: {
        status: 200,
        target: { oneOf: ['app'], headers: { 'x-client-cert-subject': '{clientA.subject}' } },
      },
      evidence: assumed(
        {
          en: "AWS documents the rename, but not what happens when a client itself sends a header under the new name. The sandbox treats the new name as the ALB's own — it drops the client's copy as it drops client-sent X-Amzn-Mtls-* headers — because otherwise the rename would hand the identity header to the client. Verify on a real ALB before relying on it.",
          ja: '名前の変更は AWS のドキュメントに記載されているが、クライアント自身が新しい名前のヘッダーを送ったときにどうなるかは記載がない。サンドボックスは新しい名前を ALB 自身のものとして扱い、クライアント送信の X-Amzn-Mtls-* と同様にクライアントのコピーを捨てる。そうしないと名前の変更が ID ヘッダーをクライアントに委ねてしまうからである。これに頼る前に、実際の ALB で確かめること。',
        },
        RENAME,
        MTLS,
      ),
    },
    {
      name: 'no-certificate',
      description: {
        en: 'No certificate: verify mode resets the connection during the handshake, as without header modification. Renaming changes what the target reads, not who gets in.',
        ja: '証明書なし: ヘッダー変更がない場合と同じく、検証モードはハンドシェイク中に接続をリセットする。名前の変更はターゲットが読むものを変えるだけで、誰が入れるかは変えない。',
      },
      via,
      client: { certificate: null, method: 'GET' },
      expect: { status: null, connectionError: 'Connection reset by peer', target: null },
      evidence: observed(
        cite('seed-004', 'no certificate in verify mode: curl (35) Recv failure: Connection reset by peer'),
        MTLS,
      ),
    },
  ],
  explain: {
    en: `What to notice:
- The rename is a listener attribute (ListenerAttributes on AWS::ElasticLoadBalancingV2::Listener; in CDK, listener.setAttribute): routing.http.request.x_amzn_mtls_clientcert_subject.header_name = X-Client-Cert-Subject. Only the headers named are renamed; the leaf kept its X-Amzn-Mtls-Clientcert-Leaf.
- The values do not change: the same RFC 2253 subject, the same uppercase hexadecimal serial, checked here against the certificate file. An application moved from another front door still has to parse the ALB's formats.
- X-Amzn-Tls-Version and X-Amzn-Tls-Cipher-Suite are not listener attributes: the load balancer attribute routing.http.x_amzn_tls_version_and_cipher_suite.enabled adds them (default false); the listener attributes can only rename them.
- Response headers are put on every response and replace a target's own value; the ALB's own fixed response carried HSTS too, and no Server header.
- Assumed: a client's own X-Client-Cert-Subject is dropped. AWS does not say; test it on a real ALB.
- x-amzn-tls-kx (load balancer attribute routing.http.x_amzn_tls_kx.enabled, November 2026) names the negotiated key exchange group the IANA way — secp256r1 here, X25519MLKEM768 under a post-quantum policy with a client that has ML-KEM. Its naming is documented; the spelling of X-Amzn-Tls-Version ("OpenSSL format", TLSv1.2 here) is not.`,
    ja: `注目点:
- 名前の変更はリスナー属性 (AWS::ElasticLoadBalancingV2::Listener の ListenerAttributes、CDK では listener.setAttribute): routing.http.request.x_amzn_mtls_clientcert_subject.header_name = X-Client-Cert-Subject。名前を指定したヘッダーだけが変わり、リーフは X-Amzn-Mtls-Clientcert-Leaf のまま。
- 値は変わらない: 同じ RFC 2253 のサブジェクト、同じ大文字 16 進のシリアルで、ここでは証明書ファイルと照合している。別の入口から移ったアプリは、やはり ALB の形式を解釈する必要がある。
- X-Amzn-Tls-Version と X-Amzn-Tls-Cipher-Suite はリスナー属性ではない。ロードバランサー属性 routing.http.x_amzn_tls_version_and_cipher_suite.enabled が加える (既定は false)。リスナー属性は名前を変えるだけ。
- レスポンスヘッダーはすべてのレスポンスに付き、ターゲット自身の値を置き換える。ALB 自身の固定レスポンスにも HSTS が付き、Server ヘッダーはなかった。
- 仮定: クライアントが自分で送る X-Client-Cert-Subject は捨てられる。AWS は記述していないので、実際の ALB で確かめること。
- x-amzn-tls-kx (ロードバランサー属性 routing.http.x_amzn_tls_kx.enabled、2026 年 11 月) は、ネゴシエートした鍵交換グループを IANA の名前で示す — ここでは secp256r1、耐量子ポリシーと ML-KEM を持つクライアントなら X25519MLKEM768。名前の付け方は AWS のドキュメントに記載されているが、X-Amzn-Tls-Version の綴り (「OpenSSL 形式」、ここでは TLSv1.2) は記載がない。`,
  },
});
