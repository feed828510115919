import { cite, documented, observed } from '../../sandbox/evidence.js';
import { defineScenario, type ProbeSpec } from '../../sandbox/scenario.js';
import { ALB_TO_NLB_TRADEOFFS } from '../common/stories.js';

/** A classic SQL injection (seed 003 names SQL injection among what AWS WAF guarded): id=1' OR '1'='1, URL-encoded. */
const SQLI = '/?id=1%27%20OR%20%271%27%3D%271';
const CLEAN = '/?id=42';

const WAF = cite('aws-waf', 'Rule statements, Block action (403), default action');
const WAF_RESOURCES = cite('aws-waf', 'Resources you can protect (ALB, CloudFront… not NLB)');
const ACCESS_LOG = cite('aws-alb-access-logs');
const PASSTHROUGH = cite('aws-tcp-passthrough');
const MTLS = cite('aws-alb-mtls');
const SEED_000 = cite('seed-000');
const NGINX = cite('nginx-ssl', 'ssl_verify_client; error processing (400 pages)');
const SEED_004 = cite('seed-004');

const before = { loadBalancer: 'AlbWaf', port: 443 };
const then = { loadBalancer: 'Nlb', port: 443 };
const now = { loadBalancer: 'AlbMtlsWaf', port: 443 };

const probes: ProbeSpec[] = [
  {
    name: 'before-sqli-blocked',
    description: {
      en: `Before (ALB + AWS WAF, no client certificate — seed 003's system as it was): GET ${SQLI}. The ALB decrypts the request, the web ACL's SQL-injection rule sees id=1' OR '1'='1 after URL_DECODE and blocks it: 403 from the ALB, the target never hears of it.`,
      ja: `以前 (ALB + AWS WAF、クライアント証明書なし — 元記事 003 のシステムの現状): GET ${SQLI}。ALB がリクエストを復号し、ウェブ ACL の SQL インジェクションルールが URL_DECODE 後の id=1' OR '1'='1 を検出してブロックする。ALB が 403 を返し、ターゲットには何も届かない。`,
    },
    via: before,
    client: { certificate: null, method: 'GET', path: SQLI },
    expect: {
      status: 403,
      bodyIncludes: '403 Forbidden',
      responseHeaders: { server: 'awselb/2.0' },
      handshake: { clientCertificateRequested: false },
      target: null,
      waf: { action: 'BLOCK', terminatingRuleId: 'BlockSqliInQueryString' },
    },
    evidence: documented(WAF, ACCESS_LOG),
  },
  {
    name: 'before-admin-path-blocked',
    description: {
      en: 'GET /Admin/users: the string-match rule looks for "/admin" at the start of the URI path after LOWERCASE, so the capital A does not get past it.',
      ja: 'GET /Admin/users: 文字列一致ルールは LOWERCASE 変換後の URI パスの先頭で「/admin」を探すため、大文字の A でもすり抜けられない。',
    },
    via: before,
    client: { certificate: null, method: 'GET', path: '/Admin/users' },
    expect: {
      status: 403,
      responseHeaders: { server: 'awselb/2.0' },
      target: null,
      waf: { action: 'BLOCK', terminatingRuleId: 'BlockAdminPath' },
    },
    evidence: documented(WAF),
  },
  {
    name: 'before-clean-allowed',
    description: {
      en: `GET ${CLEAN}: no rule matches, the web ACL's default action (Allow) lets it through to the target. Nobody asked for a client certificate: this ALB has no mutual TLS.`,
      ja: `GET ${CLEAN}: どのルールにも一致せず、ウェブ ACL のデフォルトアクション (Allow) でターゲットに届く。クライアント証明書は誰も要求しない (この ALB に相互 TLS はない)。`,
    },
    via: before,
    client: { certificate: null, method: 'GET', path: CLEAN },
    expect: {
      status: 200,
      handshake: { clientCertificateRequested: false },
      target: { oneOf: ['app-before'], details: { url: CLEAN }, headers: { 'x-amzn-mtls-clientcert-subject': null } },
      waf: { action: 'ALLOW', terminatingRuleId: 'Default_Action' },
    },
    evidence: documented(WAF),
  },
  {
    name: 'then-no-certificate',
    description: {
      en: 'Then (NLB TCP passthrough, the design seed 003 proposed): no client certificate — nginx asks for one and answers 400. Client authentication works…',
      ja: 'その後 (NLB の TCP パススルー、元記事 003 が検討した構成): クライアント証明書なし — nginx が証明書を要求し、400 を返す。クライアント認証は効いている…',
    },
    via: then,
    client: { certificate: null, method: 'GET', path: CLEAN },
    expect: {
      status: 400,
      bodyIncludes: 'No required SSL certificate was sent',
      handshake: { clientCertificateRequested: true, clientCertificateSent: false },
      target: { oneOf: ['web-1'], details: { ssl_client_verify: 'NONE' } },
      waf: null,
    },
    // Seed 000 saw this 400 (a HEAD: no page); the page's words are nginx's, as its documentation says.
    evidence: documented(NGINX, PASSTHROUGH, SEED_000),
  },
  {
    name: 'then-sqli-reaches-nginx',
    description: {
      en: `…but the same SQL injection with clientA's certificate (GET ${SQLI}) goes through the NLB untouched: nginx answers 200 and its access log shows the query. The NLB only forwarded encrypted bytes; no WAF could have read them, and AWS WAF cannot be associated with an NLB at all.`,
      ja: `…しかし clientA の証明書で同じ SQL インジェクション (GET ${SQLI}) を送ると、NLB はそのまま通す。nginx は 200 を返し、アクセスログにクエリが残る。NLB が転送したのは暗号化されたバイト列だけで、WAF が読める場所はなく、そもそも AWS WAF は NLB に関連付けられない。`,
    },
    via: then,
    client: { certificate: 'clientA', method: 'GET', path: SQLI },
    expect: {
      status: 200,
      handshake: { clientCertificateRequested: true, clientCertificateSent: true },
      target: {
        oneOf: ['web-1'],
        details: { ssl_client_verify: 'SUCCESS' },
        detailsInclude: { request: `GET ${SQLI} HTTP/` },
      },
      waf: null,
    },
    evidence: documented(PASSTHROUGH, WAF_RESOURCES),
  },
  {
    name: 'now-no-certificate',
    description: {
      en: 'Now (ALB mutual TLS verify + AWS WAF): no client certificate — the ALB resets the connection during the handshake. No HTTP request exists, so the web ACL has nothing to inspect.',
      ja: '現在 (ALB の相互 TLS 検証モード + AWS WAF): クライアント証明書なし — ALB がハンドシェイク中に接続をリセットする。HTTP リクエストがないので、ウェブ ACL が検査するものもない。',
    },
    via: now,
    client: { certificate: null, method: 'GET', path: CLEAN },
    expect: {
      status: null,
      connectionError: 'Connection reset by peer',
      curlExitCode: 35,
      handshake: { clientCertificateRequested: true, clientCertificateSent: false },
      target: null,
      // No tls_verify_status expected: AWS documents no code for a missing certificate (the sandbox's own name is
      // an assumption, shown in alb-mtls-certificate-edge-cases).
      waf: null,
    },
    evidence: observed(SEED_004, MTLS),
  },
  {
    name: 'now-sqli-blocked',
    description: {
      en: `clientA's valid certificate and the SQL injection: the ALB verifies the certificate (connection log: Success), decrypts the request, and the web ACL blocks it with 403. Authentication and inspection at once — what seed 003 concluded it would have to choose between.`,
      ja: `clientA の有効な証明書と SQL インジェクション: ALB が証明書を検証し (接続ログ: Success)、リクエストを復号し、ウェブ ACL が 403 でブロックする。認証と検査の両立 — 元記事 003 がどちらかを選ぶしかないと結論したものである。`,
    },
    via: now,
    client: { certificate: 'clientA', method: 'GET', path: SQLI },
    expect: {
      status: 403,
      responseHeaders: { server: 'awselb/2.0' },
      handshake: { clientCertificateRequested: true, clientCertificateSent: true },
      target: null,
      connectionLog: { tls_verify_status: 'Success' },
      waf: { action: 'BLOCK', terminatingRuleId: 'BlockSqliInQueryString' },
    },
    evidence: documented(MTLS, WAF),
  },
  {
    name: 'now-clean-allowed',
    description: {
      en: `clientA and a clean request (GET ${CLEAN}): verified, inspected, allowed — the target receives it with the ALB's X-Amzn-Mtls-Clientcert-* headers naming clientA.`,
      ja: `clientA と通常のリクエスト (GET ${CLEAN}): 検証され、検査され、許可される。ターゲットは clientA を示す ALB の X-Amzn-Mtls-Clientcert-* ヘッダー付きで受け取る。`,
    },
    via: now,
    client: { certificate: 'clientA', method: 'GET', path: CLEAN },
    expect: {
      status: 200,
      handshake: { clientCertificateRequested: true, clientCertificateSent: true },
      target: {
        oneOf: ['app-now'],
        details: { url: CLEAN },
        headers: { 'x-amzn-mtls-clientcert-subject': '{clientA.subject}' },
      },
      connectionLog: { tls_verify_status: 'Success' },
      waf: { action: 'ALLOW', terminatingRuleId: 'Default_Action' },
    },
    evidence: documented(MTLS, WAF),
  },
];

export default defineScenario({
  id: 'waf-on-encrypted-path',
  title: {
    en: 'AWS WAF needs the plaintext: ALB + WAF, then NLB passthrough (no WAF), now ALB mTLS + WAF',
    ja: 'AWS WAF には平文が必要: ALB + WAF、その後の NLB パススルー (WAF なし)、現在の ALB の相互 TLS + WAF',
  },
  summary: {
    en: "Seed 003's design study concluded that moving to an NLB for client certificates would mean giving up AWS WAF (the move had not yet been made). The same SQL-injection request is blocked with 403 by a web ACL on an ALB, reaches nginx untouched through NLB TCP passthrough, and is blocked again on an ALB doing mutual TLS verify — which also resets clients without a certificate.",
    ja: '元記事 003 の検討は、クライアント証明書のために NLB へ移るなら AWS WAF を手放すことになると結論した (移行はまだ実施していなかった)。同じ SQL インジェクションのリクエストが、ALB のウェブ ACL では 403 でブロックされ、NLB の TCP パススルーではそのまま nginx に届き、相互 TLS 検証モードの ALB では再びブロックされる (証明書のないクライアントはリセットされる)。',
  },
  story: ALB_TO_NLB_TRADEOFFS,
  seeds: ['003', '004'],
  tags: ['waf', 'alb', 'nlb', 'mtls', 'verify', 'passthrough', 'then-and-now'],
  stackModule: new URL('./stack.ts', import.meta.url),
  targets: {
    AppTargets: [{ kind: 'echo', name: 'app-before' }],
    WebTargets: [{ kind: 'nginx', name: 'web-1', profile: 'client-auth' }],
    NowTargets: [{ kind: 'echo', name: 'app-now' }],
  },
  objects: { 'privateCA-bundle.pem': 'privateCA' },
  probes,
  explain: {
    en: `What to notice:
- A WAF reads HTTP. On an ALB the TLS session ends at the load balancer, so the web ACL sees the decrypted request: the SQL injection is blocked with 403 (server: awselb/2.0, the ALB's own page) and no target receives it. The WAF log (each probe's wafLog) names the rule, BlockSqliInQueryString, and the matched text.
- The text transformations matter: the browser sends id=1%27%20OR%20%271%27%3D%271; only after URL_DECODE does the rule see id=1' OR '1'='1. LOWERCASE makes /Admin match "/admin".
- Through the NLB's TCP listener the TLS session runs from curl to nginx. The NLB forwards bytes it cannot read, so the attack arrives at nginx as sent — its access log shows GET /?id=1%27%20OR… — and nginx answered 200. There is nowhere to put a WAF on this path: AWS WAF protects ALBs, CloudFront, API Gateway REST APIs, AppSync, Cognito user pools, App Runner, Verified Access and Amplify, never an NLB (the sandbox refuses such an association, as AWS does). Client authentication works (no certificate: 400), inspection does not: the trade-off seed 003 foresaw.
- Since November 2023 the ALB does mutual TLS itself. In verify mode a client without a certificate is reset before any HTTP exists; clientA's SQL injection is verified and then blocked by the same web ACL; clientA's clean request reaches the target with X-Amzn-Mtls-Clientcert-* headers. Both requirements at once.
- The emulator's WAF is a documented subset (SqliMatchStatement and ByteMatchStatement on the query string or URI path, four text transformations, Allow/Block/Count); its SQL-injection check is a short list of signatures, not AWS's engine. Managed rule groups and other statements are listed under "Resources not realized", never silently accepted.`,
    ja: `注目点:
- WAF が読むのは HTTP である。ALB では TLS セッションがロードバランサーで終端するため、ウェブ ACL は復号されたリクエストを見られる。SQL インジェクションは 403 (server: awselb/2.0、ALB 自身のエラーページ) でブロックされ、どのターゲットにも届かない。WAF ログ (各プローブの wafLog) にルール名 BlockSqliInQueryString と一致した文字列が残る。
- テキスト変換が効いている: ブラウザは id=1%27%20OR%20%271%27%3D%271 を送る。URL_DECODE の後で初めてルールに id=1' OR '1'='1 が見える。LOWERCASE によって /Admin も「/admin」に一致する。
- NLB の TCP リスナー経由では、TLS セッションは curl から nginx まで張られる。NLB は読めないバイト列を転送するだけなので、攻撃は送られたまま nginx に届き (アクセスログに GET /?id=1%27%20OR… が残る)、nginx は 200 を返した。この経路には WAF を置く場所がない: AWS WAF が保護できるのは ALB、CloudFront、API Gateway REST API、AppSync、Cognito ユーザープール、App Runner、Verified Access、Amplify で、NLB は含まれない (サンドボックスも AWS と同様にその関連付けを拒否する)。クライアント認証は効く (証明書なしは 400) が、検査はできない — 元記事 003 が予見したトレードオフである。
- 2023 年 11 月以降、ALB 自身が相互 TLS を行える。検証モードでは、証明書のないクライアントは HTTP が始まる前にリセットされ、clientA の SQL インジェクションは検証された後に同じウェブ ACL でブロックされ、clientA の通常のリクエストは X-Amzn-Mtls-Clientcert-* ヘッダー付きでターゲットに届く。両方の要件を同時に満たせる。
- エミュレーターの WAF は、AWS のドキュメントに記載された機能の一部 (クエリ文字列または URI パスに対する SqliMatchStatement と ByteMatchStatement、4 種のテキスト変換、Allow/Block/Count) である。SQL インジェクションの判定は少数のシグネチャによるもので、AWS の検出エンジンそのものではない。マネージドルールグループやその他のステートメントは「再現していないリソース」に載り、黙って受け入れられることはない。`,
  },
});
