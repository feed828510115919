import type { ClientCertName } from '../../certs/types.js';
import { assumed, cite, documented, type EvidenceSpec, observed } from '../../sandbox/evidence.js';
import { defineScenario, type Expectation, type ProbeSpec } from '../../sandbox/scenario.js';
import type { Text } from '../../sandbox/text.js';
import { NLB_MTLS } from '../common/stories.js';

/** A classic SQL injection (seed 003 names SQL injection among what AWS WAF guarded): id=1' OR '1'='1, URL-encoded. */
const SQLI = '/?id=1%27%20OR%20%271%27%3D%271';
/** A client with an address of its own, so the target's view of it shows. */
const CLIENT = '127.0.0.23';

const then = { loadBalancer: 'Nlb2021', port: 443 };
const alb = { loadBalancer: 'Alb2023', port: 443 };
const now = { loadBalancer: 'Nlb2026', port: 443 };

const SEED_000 = cite('seed-000');
const SEED_004 = cite('seed-004');
const NGINX = cite('nginx-ssl', 'ssl_verify_client; error processing (400 pages)');
const PASSTHROUGH = cite('aws-tcp-passthrough');
const ALB_MTLS = cite('aws-alb-mtls', 'Mutual TLS verify: the trust store; HTTP headers (verify mode)');
const NLB_MTLS_DOC = cite('aws-nlb-mtls', 'The load balancer admits a connection in the following order');
const FILTERS = cite('aws-nlb-identity-filters');
const STS = cite('aws-sts-get-certificate', 'an empty subject DN and one URI SAN with the SPIFFE ID; 1 to 12 hours');
const WAF = cite('aws-waf', 'Resources you can protect (ALB, CloudFront… not NLB); Block action (403)');

function probe(
  name: string,
  via: ProbeSpec['via'],
  certificate: ClientCertName | null,
  expect: Expectation,
  description: Text,
  evidence: EvidenceSpec,
  path?: string,
): ProbeSpec {
  return {
    name,
    description,
    via,
    client: { certificate, method: 'GET', sourceAddress: CLIENT, ...(path ? { path } : {}) },
    expect,
    evidence,
  };
}

const nginxSaw = (verify: string, dn?: string) => ({
  oneOf: ['seed-nginx'],
  details: { ssl_client_verify: verify },
  ...(dn ? { detailsInclude: { ssl_client_s_dn: dn } } : {}),
});

export default defineScenario({
  id: 'then-and-now',
  title: {
    en: 'Then and now: TCP passthrough to nginx (2021), ALB mutual TLS (2023), NLB mutual TLS (2026)',
    ja: 'かつてと今: nginx への TCP パススルー (2021)、ALB の相互 TLS (2023)、NLB の相互 TLS (2026)',
  },
  summary: {
    en: 'The same clients against the three designs, side by side. Who checks the certificate: nginx, the ALB, the NLB. Who may connect: any trusted certificate, any trusted certificate, only the identities the filters name (clientB is trusted and still refused at the NLB). What the target learns: the whole TLS session, five X-Amzn-Mtls headers, nothing. AWS WAF in front: no, yes, no.',
    ja: '同じクライアントを 3 つの構成に並べて当てる。証明書を検証するのは nginx、ALB、NLB。接続できるのは、信頼された証明書すべて、信頼された証明書すべて、フィルターが名指しする ID だけ (clientB は信頼されていても NLB では拒否)。ターゲットが知るのは、TLS セッションのすべて、5 つの X-Amzn-Mtls ヘッダー、何もなし。AWS WAF を前に置けるか: いいえ、はい、いいえ。',
  },
  story: NLB_MTLS,
  compareWith: ['nlb-tcp-passthrough', 'alb-mtls-verify-headers', 'nlb-mtls-identity-filters'],
  seeds: ['000', '001', '003', '004'],
  tags: ['nlb', 'alb', 'tcp', 'tls-listener', 'mtls', 'verify', 'identity-filters', 'waf', 'comparison'],
  stackModule: new URL('./stack.ts', import.meta.url),
  targets: {
    SeedTargets: [{ kind: 'nginx', name: 'seed-nginx', profile: 'client-auth' }],
    AlbTargets: [{ kind: 'echo', name: 'alb-app' }],
    NlbTargets: [{ kind: 'nginx', name: 'nlb-app', profile: 'tls' }],
  },
  // The bundle holds the STS workload identity provider's CA too (workloadCA), as a team adopting STS certificates
  // would add it: the 2026 row of an STS workload certificate shows what that changes, and what it does not.
  objects: { 'privateCA-bundle.pem': 'privateCA+workloadCA', 'privateCA.crl.pem': 'privateCA.crl' },
  probes: [
    // --- no certificate ---
    probe(
      '2021-no-certificate',
      then,
      null,
      {
        status: 400,
        bodyIncludes: 'No required SSL certificate was sent',
        handshake: { clientCertificateRequested: true, clientCertificateSent: false },
        target: nginxSaw('NONE'),
      },
      {
        en: '2021, no certificate: nginx asks (Request CERT), the handshake completes, nginx answers 400. The request reached the target, which had to refuse it.',
        ja: '2021、証明書なし: nginx が要求 (Request CERT) し、ハンドシェイクは完了して、nginx が 400 を返す。リクエストはターゲットまで届き、ターゲットが拒否した。',
      },
      // Seed 000 saw this 400 (a HEAD: no page); the page's words are nginx's, as its documentation says.
      documented(NGINX, PASSTHROUGH, SEED_000),
    ),
    probe(
      '2023-no-certificate',
      alb,
      null,
      { status: null, connectionError: 'Connection reset by peer', target: null },
      {
        en: '2023, no certificate: the ALB asks, gets none and resets the connection during the handshake (seed 004). The target never hears of it.',
        ja: '2023、証明書なし: ALB が要求し、届かないのでハンドシェイク中に接続をリセットする (元記事 004 で観測)。ターゲットには何も届かない。',
      },
      observed(SEED_004, ALB_MTLS),
    ),
    probe(
      '2026-no-certificate',
      now,
      null,
      { status: null, handshake: { clientCertificateRequested: true, clientCertificateSent: false }, target: null },
      {
        en: '2026, no certificate: the NLB asks, nothing can chain to its trust store, it refuses. The target never gets a connection.',
        ja: '2026、証明書なし: NLB が要求し、トラストストアにつながるものがないので拒否する。ターゲットには接続すら届かない。',
      },
      documented(NLB_MTLS_DOC),
    ),
    // --- clientA: trusted, and named by the 2026 filters ---
    probe(
      '2021-clientA',
      then,
      'clientA',
      {
        status: 200,
        handshake: { clientCertificateRequested: true, clientCertificateSent: true },
        target: {
          ...nginxSaw('SUCCESS', 'CN=clientA'),
          details: { ssl_client_verify: 'SUCCESS', remote_addr: CLIENT },
        },
      },
      {
        en: '2021, clientA: nginx verifies it and has the whole TLS session: $ssl_client_verify, the subject, issuer and serial — and the client’s own address, because the NLB preserves it.',
        ja: '2021、clientA: nginx が検証し、TLS セッションをまるごと持つ: $ssl_client_verify、サブジェクト、発行者、シリアル — NLB が保持するのでクライアント自身のアドレスも。',
      },
      // Seed 000 shows the 200, not the address nginx saw: client IP preservation is what AWS documents.
      documented(NGINX, cite('aws-nlb-target-groups', 'Client IP preservation'), SEED_000),
    ),
    probe(
      '2023-clientA',
      alb,
      'clientA',
      {
        status: 200,
        handshake: { clientCertificateRequested: true, clientCertificateSent: true },
        target: {
          oneOf: ['alb-app'],
          headers: {
            'x-amzn-mtls-clientcert-subject': '{clientA.subject}',
            'x-amzn-mtls-clientcert-serial-number': '{clientA.serial}',
            'x-forwarded-for': CLIENT,
          },
        },
      },
      {
        en: '2023, clientA: the ALB verifies it and tells the target who it was, in X-Amzn-Mtls-Clientcert-* headers; the client’s address comes in X-Forwarded-For.',
        ja: '2023、clientA: ALB が検証し、クライアントが誰かを X-Amzn-Mtls-Clientcert-* ヘッダーでターゲットに伝える。クライアントのアドレスは X-Forwarded-For で届く。',
      },
      observed(SEED_004, ALB_MTLS, cite('aws-alb-http-headers')),
    ),
    probe(
      '2026-clientA',
      now,
      'clientA',
      {
        status: 200,
        handshake: { clientCertificateRequested: true, clientCertificateSent: true },
        target: { oneOf: ['nlb-app'] },
      },
      {
        en: '2026, clientA: trusted, and the filter subject-cn exact clientA names it: admitted, the target gets a new TLS connection from the NLB.',
        ja: '2026、clientA: 信頼され、フィルター subject-cn 完全一致 clientA が名指しする: 許可され、ターゲットには NLB から新しい TLS 接続が届く。',
      },
      documented(FILTERS),
    ),
    probe(
      '2026-what-the-target-learns',
      now,
      'clientA',
      {
        status: 200,
        target: {
          oneOf: ['nlb-app'],
          details: { ssl_client_verify: 'NONE', ssl_client_s_dn: '', remote_addr: CLIENT },
          headers: { 'x-amzn-mtls-clientcert-subject': null, 'x-forwarded-for': null },
        },
      },
      {
        en: '2026, what nginx behind the NLB learns of clientA: its address (client IP preservation), and nothing of its certificate — no verify result, no subject, no header. An application that needs to know who called cannot get it from the NLB.',
        ja: '2026、NLB の背後の nginx が clientA について知ること: アドレス (クライアント IP の保持) だけで、証明書については何もない — 検証結果もサブジェクトもヘッダーもない。誰が呼んだかを知りたいアプリケーションは、NLB からそれを得られない。',
      },
      assumed(
        {
          en: 'AWS documents no way for an NLB to pass the verified identity to a target (no header, no Proxy Protocol TLV); the sandbox passes nothing. Client IP preservation is documented.',
          ja: 'NLB が検証した ID をターゲットへ渡す方法は AWS のドキュメントに記載がない (ヘッダーも Proxy Protocol の TLV もない)。サンドボックスは何も渡さない。クライアント IP の保持は AWS のドキュメントに記載されている。',
        },
        NLB_MTLS_DOC,
        cite('aws-nlb-target-groups', 'Client IP preservation'),
      ),
    ),
    // --- clientB: trusted, but not named by the 2026 filters ---
    probe(
      '2021-clientB',
      then,
      'clientB',
      { status: 200, target: nginxSaw('SUCCESS', 'CN=clientB') },
      {
        en: '2021, clientB: privateCA issued it, so nginx admits it. Narrowing it down to certain clients is the application’s job.',
        ja: '2021、clientB: privateCA が発行したので nginx は許可する。特定のクライアントに絞るのはアプリケーションの仕事である。',
      },
      documented(NGINX, PASSTHROUGH),
    ),
    probe(
      '2023-clientB',
      alb,
      'clientB',
      {
        status: 200,
        target: { oneOf: ['alb-app'], headers: { 'x-amzn-mtls-clientcert-subject': '{clientB.subject}' } },
      },
      {
        en: '2023, clientB: the ALB checks only the trust store, so clientB gets in; the target (or a listener rule on what the client sent) would have to refuse it.',
        ja: '2023、clientB: ALB が確かめるのはトラストストアだけなので、clientB は通る。拒否するのはターゲット (またはクライアントが送ったものに対するリスナールール) の役目である。',
      },
      documented(ALB_MTLS),
    ),
    probe(
      '2026-clientB-refused-by-the-filters',
      now,
      'clientB',
      { status: null, handshake: { clientCertificateSent: true }, target: null },
      {
        en: '2026, clientB: trusted, but no identity filter names it: the NLB refuses it before anything reaches the target. This is what is new.',
        ja: '2026、clientB: 信頼されているが、どの ID フィルターも名指ししない: NLB はターゲットに何か届く前に拒否する。ここが新しい点である。',
      },
      documented(FILTERS),
    ),
    probe(
      '2026-spiffe-workload',
      now,
      'spiffeBilling',
      { status: 200, target: { oneOf: ['nlb-app'] } },
      {
        en: '2026, a workload named by its SPIFFE ID (spiffe://example.org/ns/prod/sa/billing): the san-uri prefix filter admits every workload of the prod namespace.',
        ja: '2026、SPIFFE ID (spiffe://example.org/ns/prod/sa/billing) で名付けられたワークロード: san-uri の前方一致フィルターが prod 名前空間のワークロードをすべて許可する。',
      },
      documented(FILTERS, cite('aws-elbv2-identity-filter-api')),
    ),
    // --- a workload certificate from STS (December 2026): no subject, one SPIFFE ID ---
    probe(
      '2021-sts-workload',
      then,
      'workload',
      { status: 400, bodyIncludes: 'The SSL certificate error', target: { oneOf: ['seed-nginx'] } },
      {
        en: '2021, an STS workload certificate: nginx trusts only privateCA (its own ssl_client_certificate file), so the provider’s CA is unknown to it: 400 "The SSL certificate error". The load balancers’ trust stores do not help the target behind TCP passthrough; nginx needs the trust bundle itself.',
        ja: '2021、STS のワークロード証明書: nginx が信頼するのは privateCA だけ (自分の ssl_client_certificate ファイル) なので、プロバイダーの CA を知らない: 400「The SSL certificate error」。TCP パススルーの背後のターゲットにはロードバランサーのトラストストアは役に立たず、nginx 自身がトラストバンドルを持つ必要がある。',
      },
      documented(NGINX, STS),
    ),
    probe(
      '2023-sts-workload',
      alb,
      'workload',
      {
        status: 200,
        target: { oneOf: ['alb-app'], headers: { 'x-amzn-mtls-clientcert-issuer': '{workload.issuer}' } },
      },
      {
        en: '2023, the same certificate: the trust store holds the provider’s CA, so the ALB admits it and tells the target its issuer and serial. Its subject header has nothing to say (see workload-certificate-from-sts): the SPIFFE ID is only in the leaf.',
        ja: '2023、同じ証明書: トラストストアにプロバイダーの CA があるので ALB は許可し、発行者とシリアルをターゲットに伝える。サブジェクトヘッダーには書くことがない (workload-certificate-from-sts を参照): SPIFFE ID はリーフの中にしかない。',
      },
      documented(ALB_MTLS, STS),
    ),
    probe(
      '2026-sts-workload-refused',
      now,
      'workload',
      { status: null, target: null },
      {
        en: '2026, the same certificate: trusted, but the filters name clientA’s CN and the prod namespace of spiffe://example.org/ns/. The workload has no CN and another SPIFFE path: refused. Only a san-uri filter (spiffe://example.org/payments/) can admit it.',
        ja: '2026、同じ証明書: 信頼されているが、フィルターが名指すのは clientA の CN と spiffe://example.org/ns/ の prod 名前空間。ワークロードには CN がなく SPIFFE のパスも違う: 拒否。許可できるのは san-uri のフィルター (spiffe://example.org/payments/) だけ。',
      },
      documented(FILTERS, STS),
    ),
    // --- an untrusted CA ---
    probe(
      '2021-untrusted',
      then,
      'untrusted',
      { status: 400, bodyIncludes: 'The SSL certificate error', target: { oneOf: ['seed-nginx'] } },
      {
        en: '2021, a certificate from a CA nginx does not trust: 400 "The SSL certificate error", from the target.',
        ja: '2021、nginx が信頼しない CA の証明書: ターゲットから 400「The SSL certificate error」。',
      },
      documented(NGINX),
    ),
    probe(
      '2023-untrusted',
      alb,
      'untrusted',
      { status: null, target: null },
      {
        en: '2023, an untrusted CA: refused by the ALB during the handshake.',
        ja: '2023、信頼されない CA: ALB がハンドシェイク中に拒否する。',
      },
      documented(ALB_MTLS),
    ),
    probe(
      '2026-untrusted',
      now,
      'untrusted',
      { status: null, target: null },
      {
        en: '2026, an untrusted CA: refused by the NLB at its trust store, before the filters.',
        ja: '2026、信頼されない CA: NLB がフィルターの前にトラストストアで拒否する。',
      },
      documented(NLB_MTLS_DOC),
    ),
    // --- AWS WAF ---
    probe(
      '2021-sqli-reaches-nginx',
      then,
      'clientA',
      { status: 200, target: nginxSaw('SUCCESS') },
      {
        en: `2021, clientA sends GET ${SQLI}: the NLB only forwards bytes, no AWS WAF can be in front of it, so the SQL injection attempt reaches nginx.`,
        ja: `2021、clientA が GET ${SQLI} を送る: NLB はバイトを転送するだけで、前に AWS WAF を置けないので、SQL インジェクションの試みは nginx まで届く。`,
      },
      documented(WAF, PASSTHROUGH),
      SQLI,
    ),
    probe(
      '2023-sqli-blocked-by-waf',
      alb,
      'clientA',
      { status: 403, target: null, waf: { action: 'BLOCK', terminatingRuleId: 'BlockSqliInQueryString' } },
      {
        en: `2023, clientA sends GET ${SQLI}: the ALB verified the certificate and decrypted the request, and its web ACL blocks it: 403, the target never sees it.`,
        ja: `2023、clientA が GET ${SQLI} を送る: ALB は証明書を検証してリクエストを復号し、ウェブ ACL がブロックする: 403、ターゲットには届かない。`,
      },
      documented(WAF, ALB_MTLS),
      SQLI,
    ),
    probe(
      '2026-sqli-reaches-the-target',
      now,
      'clientA',
      { status: 200, target: { oneOf: ['nlb-app'] } },
      {
        en: `2026, clientA sends GET ${SQLI}: the NLB checked who the client is, but it is still an NLB — AWS WAF cannot be associated with it — so the request reaches the target as sent.`,
        ja: `2026、clientA が GET ${SQLI} を送る: NLB はクライアントが誰かを確かめたが、NLB であることに変わりはなく AWS WAF を関連付けられないので、リクエストは送られたままターゲットに届く。`,
      },
      documented(WAF, NLB_MTLS_DOC),
      SQLI,
    ),
  ],
  explain: {
    en: `The three designs, with the same clients (2021 TCP passthrough to nginx · 2023 ALB verify · 2026 NLB TLS verify):
- Who checks the certificate: nginx, the target · the ALB, against its trust store · the NLB: trust store, identity filters, CRL.
- No certificate: 400 from nginx, after a complete handshake · a reset, no HTTP · refused, the target gets no connection.
- clientB, trusted but not meant to get in: admitted · admitted · refused, no filter names it.
- What the target learns: the whole TLS session ($ssl_client_s_dn, $ssl_client_verify …) · five X-Amzn-Mtls-Clientcert-* headers · nothing of the certificate, only the client's address.
- AWS WAF in front: no (an NLB) · yes · no (still an NLB).
- Protocols: any over TCP · HTTP(S) only · any over TCP, TLS ending at the NLB.

Which one a team choosing today would use, as this sandbox reads the facts (not AWS advice):
- An ALB in verify mode when the application needs to know who called (the headers) or wants AWS WAF. It admits any certificate the trust store trusts; narrowing down is the application's job.
- An NLB TLS listener in verify mode when admission is the whole decision — "only the prod workloads, only this partner" — or the protocol is not HTTP. It refuses unnamed clients before they reach the target, and tells the target nothing, so the target cannot authorize per caller.
- TCP passthrough only when the target itself must hold the TLS session and the certificate (its own checks, its own logging): the reason of seeds 000 and 001, no longer the only way.

What is assumed here (each such probe says so): what a refused NLB client sees (a TLS alert), the NLB's connection log (the sandbox's own), and that nothing of the certificate reaches the NLB's target.`,
    ja: `3 つの構成に同じクライアントを当てた結果 (2021 nginx への TCP パススルー · 2023 ALB 検証 · 2026 NLB TLS 検証):
- 証明書を検証するのは: ターゲットの nginx · トラストストアで ALB · NLB (トラストストア、ID フィルター、CRL)。
- 証明書なし: ハンドシェイク完了後に nginx から 400 · リセット、HTTP なし · 拒否、ターゲットには接続も届かない。
- 信頼されているが入れたくない clientB: 許可 · 許可 · 拒否 (どのフィルターも名指ししない)。
- ターゲットが知ること: TLS セッションのすべて ($ssl_client_s_dn、$ssl_client_verify など) · 5 つの X-Amzn-Mtls-Clientcert-* ヘッダー · 証明書については何もなし、クライアントのアドレスだけ。
- 前に AWS WAF を置けるか: いいえ (NLB) · はい · いいえ (やはり NLB)。
- プロトコル: TCP なら何でも · HTTP(S) のみ · TCP なら何でも (TLS は NLB で終端)。

今選ぶチームならどれを何に使うか (このサンドボックスによる事実の読み方であり、AWS の助言ではない):
- 誰が呼んだかをアプリケーションが知る必要がある (ヘッダー) か、AWS WAF を使いたいなら、検証モードの ALB。トラストストアが信頼する証明書はすべて通すので、絞り込みはアプリケーションの仕事。
- 許可するかどうかがすべて — 「prod のワークロードだけ」「このパートナーだけ」 — か、プロトコルが HTTP でないなら、検証モードの NLB TLS リスナー。名指しされないクライアントはターゲットに届く前に拒否するが、ターゲットには何も伝えないので、呼び出し元ごとの認可はできない。
- ターゲット自身が TLS セッションと証明書を持つ必要があるとき (独自の検証、独自の記録) だけ TCP パススルー: 元記事 000・001 の理由だが、もう唯一の方法ではない。

ここでの仮定 (該当するプローブはそう示す): 拒否された NLB のクライアントに見えるもの (TLS アラート)、NLB の接続ログ (サンドボックス独自)、証明書の情報が NLB のターゲットに何も届かないこと。`,
  },
});
