import { assumed, cite, documented, type EvidenceSpec, observed } from '../../sandbox/evidence.js';
import { defineScenario, defineStory, type Expectation, type ProbeSpec } from '../../sandbox/scenario.js';
import type { Text } from '../../sandbox/text.js';
import { challenges } from './challenges.js';

/** Where identity moves between front doors: AWS today, part 2 (issue 13). */
export const WHO_TELLS_THE_TARGET = defineStory({
  id: 'who-tells-the-target',
  order: 60,
  title: {
    en: 'Who tells the target who the client is',
    ja: 'クライアントが誰かをターゲットに伝えるのは誰か',
  },
});

const tcp = { loadBalancer: 'Nlb', port: 443 };
const verify = { loadBalancer: 'Alb', port: 443 };
const passthrough = { loadBalancer: 'Alb', port: 8443 };
const renamed = { loadBalancer: 'AlbRenamed', port: 443 };
const nlbTls = { loadBalancer: 'NlbTls', port: 443 };
const cfRequired = { loadBalancer: 'CfRequired', port: 443 };
const cfPassthrough = { loadBalancer: 'CfPassthrough', port: 443 };
const cfOriginMtls = { loadBalancer: 'CfOriginMtls', port: 443 };
const albBehindCf = { loadBalancer: 'AlbBehindCf', port: 443 };

/** The identity header a client writes itself at every door, as an application moved from an ALB would read it. */
const FORGED_SUBJECT = 'CN=admin,OU=example.org.unit,O=example.org,L=Default City,ST=Osaka,C=JP';

const NGINX = cite('nginx-ssl', '$ssl_client_s_dn, $ssl_client_verify (embedded variables)');
const PASSTHROUGH = cite('aws-tcp-passthrough');
const ALB_MTLS = cite('aws-alb-mtls', 'HTTP headers (verify mode)');
const ALB_PASSTHROUGH = cite('aws-alb-mtls-passthrough');
const RENAME = cite('aws-alb-header-modification', 'Rename mTLS/TLS headers');
const TLS_INFO = cite('aws-elbv2-load-balancer-attribute', 'routing.http.x_amzn_tls_version_and_cipher_suite.enabled');
const NLB_MTLS = cite('aws-nlb-mtls');
const CF_HEADERS = cite('aws-cf-mtls-headers');
const CF_MODES = cite('aws-cf-mtls-modes', 'Passthrough mode');
const CF_ORIGIN_MTLS = cite('aws-cf-origin-mtls', 'CloudFront acts as the client and presents its client certificate');

const CLIENT_COPY: Text = {
  en: "AWS does not say what the ALB does with identity headers a client writes itself. The sandbox drops them when mutual TLS is on (verify or passthrough), so the target receives exactly the ALB's value — the safe reading; seed 004's target saw one value per header. Check it on a real ALB before an application relies on it.",
  ja: 'クライアントが自分で書いた ID ヘッダーを ALB がどう扱うかを AWS は書いていない。サンドボックスは相互 TLS が有効 (検証かパススルー) なら捨て、ターゲットは ALB の値だけを受け取る — 安全側の解釈で、元記事 004 のターゲットも各ヘッダーを 1 つずつ受け取っていた。アプリが頼る前に実際の ALB で確かめること。',
};

function probe(
  name: string,
  via: ProbeSpec['via'],
  expect: Expectation,
  description: Text,
  evidence: EvidenceSpec,
  headers?: Record<string, string>,
): ProbeSpec {
  return {
    name,
    description,
    via,
    client: { certificate: 'clientA', method: 'GET', ...(headers ? { headers } : {}) },
    expect,
    evidence,
  };
}

const forged = (header: string) => ({ [header]: FORGED_SUBJECT });

/** Client-Cert's bytes: the removal of a viewer's copy is documented, the value's form is RFC 9440's (assumed). */
const CF_BYTES: Text = {
  en: 'CloudFront documents passthrough, Client-Cert holding the leaf in base64, and that it removes a viewer’s own Client-Cert. The exact bytes the probe expects are not documented: the helper page’s certHeader/certFooter default of ":" points to RFC 9440’s byte sequence (:base64 DER:), which the sandbox follows.',
  ja: 'CloudFront のパススルーモード、Client-Cert にリーフを base64 で入れること、ビューワー自身の Client-Cert を取り除くことは AWS のドキュメントに記載されている。プローブが期待する正確なバイト列は記載がない: ヘルパーページの certHeader/certFooter の既定値 ":" が RFC 9440 のバイト列 (:base64 の DER:) を指しており、サンドボックスはそれに従う。',
};

export default defineScenario({
  id: 'who-tells-the-target',
  title: {
    en: 'Who tells the target who the client is: one certificate through every front door',
    ja: 'クライアントが誰かをターゲットに伝えるのは誰か: 1 枚の証明書ですべての入口を通る',
  },
  summary: {
    en: 'clientA through TCP passthrough to nginx, an ALB in verify and in passthrough mode, an ALB with renamed headers, an NLB TLS listener in verify mode, and CloudFront viewer mTLS in required and passthrough mode. The table shows exactly what each target learns — header names, formats, values — and whether a client can write that identity itself. Teams moving identity from one front door to another trip on exactly these differences.',
    ja: 'clientA を nginx への TCP パススルー、検証モードとパススルーモードの ALB、ヘッダー名を変えた ALB、検証モードの NLB TLS リスナー、必須モードとパススルーモードの CloudFront ビューワー mTLS に通す。表は各ターゲットが知ること — ヘッダー名、形式、値 — と、その ID をクライアントが自分で書けるかを示す。ID の受け取り方を別の入口へ移すチームがつまずくのは、まさにこの違いである。',
  },
  story: WHO_TELLS_THE_TARGET,
  compareWith: ['then-and-now', 'alb-header-modification'],
  seeds: ['000', '004'],
  tags: ['alb', 'nlb', 'cloudfront', 'tcp', 'tls-listener', 'mtls', 'verify', 'passthrough', 'headers', 'comparison'],
  stackModule: new URL('./stack.ts', import.meta.url),
  targets: {
    NginxTargets: [{ kind: 'nginx', name: 'nginx-tcp', profile: 'client-auth' }],
    AlbTargets: [{ kind: 'echo', name: 'alb-app' }],
    RenamedTargets: [{ kind: 'echo', name: 'renamed-app' }],
    NlbTlsTargets: [{ kind: 'nginx', name: 'nginx-nlb-tls', profile: 'tls' }],
    CfRequired: [{ kind: 'echo', name: 'cf-origin' }],
    CfPassthrough: [{ kind: 'echo', name: 'cf-pass-origin' }],
    CfAlbTargets: [{ kind: 'echo', name: 'cf-alb-app' }],
  },
  objects: { 'privateCA-bundle.pem': 'privateCA', 'origin-client-ca-bundle.pem': 'originClientCA' },
  identityTable: [
    {
      door: { en: 'NLB TCP passthrough → nginx', ja: 'NLB TCP パススルー → nginx' },
      probe: 'tcp-passthrough',
      forgery: { probe: 'tcp-passthrough-forged', header: 'X-Amzn-Mtls-Clientcert-Subject' },
    },
    {
      door: { en: 'ALB mutual TLS verify', ja: 'ALB 相互 TLS 検証' },
      probe: 'alb-verify',
      forgery: { probe: 'alb-verify-forged', header: 'X-Amzn-Mtls-Clientcert-Subject' },
    },
    {
      door: { en: 'ALB mutual TLS passthrough', ja: 'ALB 相互 TLS パススルー' },
      probe: 'alb-passthrough',
      forgery: { probe: 'alb-passthrough-forged', header: 'X-Amzn-Mtls-Clientcert-Subject' },
    },
    {
      door: { en: 'ALB verify, headers renamed', ja: 'ALB 検証、ヘッダー名を変更' },
      probe: 'alb-renamed',
      forgery: { probe: 'alb-renamed-forged', header: 'X-Client-Cert-Subject' },
      headerPrefixes: ['x-client-cert-'],
    },
    {
      door: { en: 'NLB TLS listener, mutual TLS verify', ja: 'NLB TLS リスナー、相互 TLS 検証' },
      probe: 'nlb-tls-verify',
      forgery: { probe: 'nlb-tls-verify-forged', header: 'X-Amzn-Mtls-Clientcert-Subject' },
    },
    {
      door: { en: 'CloudFront viewer mTLS, required', ja: 'CloudFront ビューワー mTLS、必須モード' },
      probe: 'cloudfront-required',
      forgery: { probe: 'cloudfront-required-forged', header: 'CloudFront-Viewer-Cert-Subject' },
    },
    {
      door: { en: 'CloudFront viewer mTLS, passthrough', ja: 'CloudFront ビューワー mTLS、パススルーモード' },
      probe: 'cloudfront-passthrough',
      forgery: { probe: 'cloudfront-passthrough-forged', header: 'Client-Cert' },
    },
    {
      door: {
        en: 'CloudFront viewer mTLS → origin mTLS → ALB verify',
        ja: 'CloudFront ビューワー mTLS → オリジン mTLS → ALB 検証',
      },
      probe: 'cloudfront-origin-mtls',
      forgery: { probe: 'cloudfront-origin-mtls-forged', header: 'CloudFront-Viewer-Cert-Subject' },
    },
  ],
  probes: [
    probe(
      'tcp-passthrough',
      tcp,
      {
        status: 200,
        handshake: { clientCertificateRequested: true, clientCertificateSent: true },
        target: {
          oneOf: ['nginx-tcp'],
          details: { ssl_client_verify: 'SUCCESS' },
          detailsInclude: { ssl_client_s_dn: 'CN=clientA', ssl_client_i_dn: 'CN=privateCA' },
        },
      },
      {
        en: 'TCP passthrough: the TLS session is nginx’s own. It learns the certificate from its variables — $ssl_client_verify, $ssl_client_s_dn, $ssl_client_i_dn, $ssl_client_serial — and no header tells it anything.',
        ja: 'TCP パススルー: TLS セッションは nginx 自身のもの。証明書は変数 — $ssl_client_verify、$ssl_client_s_dn、$ssl_client_i_dn、$ssl_client_serial — から知り、ヘッダーは何も伝えない。',
      },
      observed(cite('seed-000'), NGINX, PASSTHROUGH),
    ),
    probe(
      'tcp-passthrough-forged',
      tcp,
      {
        status: 200,
        target: { oneOf: ['nginx-tcp'], headers: { 'x-amzn-mtls-clientcert-subject': FORGED_SUBJECT } },
      },
      {
        en: 'clientA also writes X-Amzn-Mtls-Clientcert-Subject: CN=admin… itself. The NLB cannot read inside the TLS, so nginx receives it exactly as written: an application that reads this header behind TCP passthrough believes the client.',
        ja: 'clientA が X-Amzn-Mtls-Clientcert-Subject: CN=admin… を自分で書く。NLB は TLS の中を読めないので、nginx は書かれたとおりに受け取る。TCP パススルーの背後でこのヘッダーを読むアプリはクライアントの言い分を信じてしまう。',
      },
      documented(PASSTHROUGH, NGINX),
      forged('X-Amzn-Mtls-Clientcert-Subject'),
    ),
    probe(
      'alb-verify',
      verify,
      {
        status: 200,
        target: {
          oneOf: ['alb-app'],
          headers: {
            'x-amzn-mtls-clientcert-serial-number': '{clientA.serial}',
            'x-amzn-mtls-clientcert-issuer': '{clientA.issuer}',
            'x-amzn-mtls-clientcert-subject': '{clientA.subject}',
            'x-amzn-mtls-clientcert-validity': '{clientA.validity}',
            'x-amzn-mtls-clientcert-leaf': '{clientA.leaf}',
          },
        },
      },
      {
        en: 'ALB verify: the ALB checks the certificate and writes five headers — serial in uppercase hex, issuer and subject in RFC 2253, validity, the URL-encoded leaf.',
        ja: 'ALB 検証: ALB が証明書を検証し、5 つのヘッダーを書く — 大文字 16 進のシリアル、RFC 2253 の発行者とサブジェクト、有効期間、URL エンコードしたリーフ。',
      },
      observed(cite('seed-004'), ALB_MTLS),
    ),
    probe(
      'alb-verify-forged',
      verify,
      {
        status: 200,
        target: { oneOf: ['alb-app'], headers: { 'x-amzn-mtls-clientcert-subject': '{clientA.subject}' } },
      },
      {
        en: 'The same forged header through the ALB in verify mode: the target receives the ALB’s subject, from the certificate, not the client’s.',
        ja: '同じ偽のヘッダーを検証モードの ALB に: ターゲットが受け取るのは証明書から ALB が作ったサブジェクトで、クライアントのものではない。',
      },
      assumed(CLIENT_COPY, ALB_MTLS, cite('seed-004')),
      forged('X-Amzn-Mtls-Clientcert-Subject'),
    ),
    probe(
      'alb-passthrough',
      passthrough,
      {
        status: 200,
        target: {
          oneOf: ['alb-app'],
          headers: { 'x-amzn-mtls-clientcert': '{clientA.leaf}', 'x-amzn-mtls-clientcert-subject': null },
        },
      },
      {
        en: 'ALB passthrough: nobody verifies. The target gets the presented chain, URL-encoded PEM, in X-Amzn-Mtls-Clientcert — and must parse and verify it itself; no subject header.',
        ja: 'ALB パススルー: 誰も検証しない。ターゲットは提示されたチェーンを URL エンコードした PEM で X-Amzn-Mtls-Clientcert に受け取り、自分で解析し検証しなければならない。サブジェクトのヘッダーはない。',
      },
      documented(ALB_PASSTHROUGH),
    ),
    probe(
      'alb-passthrough-forged',
      passthrough,
      { status: 200, target: { oneOf: ['alb-app'], headers: { 'x-amzn-mtls-clientcert-subject': null } } },
      {
        en: 'The forged subject header through passthrough mode: dropped. The target sees only what the handshake carried.',
        ja: '偽のサブジェクトヘッダーをパススルーモードに: 捨てられる。ターゲットが見るのはハンドシェイクで運ばれたものだけ。',
      },
      assumed(CLIENT_COPY, ALB_PASSTHROUGH),
      forged('X-Amzn-Mtls-Clientcert-Subject'),
    ),
    probe(
      'alb-renamed',
      renamed,
      {
        status: 200,
        target: {
          oneOf: ['renamed-app'],
          headers: {
            'x-client-cert-subject': '{clientA.subject}',
            'x-client-cert-serial': '{clientA.serial}',
            'x-amzn-mtls-clientcert-subject': null,
            'x-amzn-tls-version': 'TLSv1.2',
            'x-amzn-tls-kx': 'secp256r1',
          },
        },
      },
      {
        en: 'ALB verify with renamed headers: the same values under X-Client-Cert-*, plus the TLS version and cipher the client negotiated, and the key exchange group (x-amzn-tls-kx, IANA naming).',
        ja: 'ヘッダー名を変えた ALB 検証: 同じ値が X-Client-Cert-* で届き、クライアントがネゴシエートした TLS バージョンと暗号スイート、鍵交換グループ (x-amzn-tls-kx、IANA の名前) も加わる。',
      },
      assumed(
        {
          en: "The renames, the values and the attributes that add the TLS headers are documented. The expected x-amzn-tls-version value TLSv1.2 is not: AWS says only \"OpenSSL format\", and the spelling is the sandbox's reading. x-amzn-tls-kx's IANA naming is documented; secp256r1 is what seed 004's ALB chose under this policy.",
          ja: '名前の変更、値、TLS ヘッダーを加える属性は AWS のドキュメントに記載されている。期待する x-amzn-tls-version の値 TLSv1.2 はそうではない: AWS は「OpenSSL 形式」とだけ書いており、綴りはサンドボックスの解釈。x-amzn-tls-kx の IANA の名前は AWS のドキュメントに記載されており、secp256r1 はこのポリシーで元記事 004 の ALB が選んだグループ。',
        },
        RENAME,
        cite('aws-elbv2-load-balancer-attribute', 'TLSv1.2'),
        TLS_INFO,
        ALB_MTLS,
      ),
    ),
    probe(
      'alb-renamed-forged',
      renamed,
      { status: 200, target: { oneOf: ['renamed-app'], headers: { 'x-client-cert-subject': '{clientA.subject}' } } },
      {
        en: 'A forged X-Client-Cert-Subject through the renaming ALB: the target receives the ALB’s value (assumed: AWS does not say what happens to a client’s copy of a renamed header).',
        ja: '名前を変える ALB に偽の X-Client-Cert-Subject: ターゲットが受け取るのは ALB の値 (仮定: 名前を変えたヘッダーのクライアントのコピーがどうなるか AWS は書いていない)。',
      },
      assumed(CLIENT_COPY, RENAME),
      forged('X-Client-Cert-Subject'),
    ),
    probe(
      'nlb-tls-verify',
      nlbTls,
      {
        status: 200,
        handshake: { clientCertificateRequested: true, clientCertificateSent: true },
        target: { oneOf: ['nginx-nlb-tls'], details: { ssl_client_verify: 'NONE' } },
      },
      {
        en: 'NLB TLS verify: the NLB checks the certificate and opens a TLS connection of its own to nginx. The target learns nothing of the certificate — $ssl_client_verify is NONE, no header.',
        ja: 'NLB TLS 検証: NLB が証明書を検証し、nginx へは自分の TLS 接続を張る。ターゲットは証明書について何も知らない — $ssl_client_verify は NONE、ヘッダーもない。',
      },
      documented(NLB_MTLS, cite('aws-nlb-tls-listener')),
    ),
    probe(
      'nlb-tls-verify-forged',
      nlbTls,
      {
        status: 200,
        target: { oneOf: ['nginx-nlb-tls'], headers: { 'x-amzn-mtls-clientcert-subject': FORGED_SUBJECT } },
      },
      {
        en: 'The forged header through the NLB TLS listener: the NLB verified clientA, and still passes the client’s own X-Amzn-Mtls-Clientcert-Subject unchanged — an NLB does not read HTTP. Behind an NLB, such a header proves nothing.',
        ja: '偽のヘッダーを NLB TLS リスナーに: NLB は clientA を検証したが、クライアント自身の X-Amzn-Mtls-Clientcert-Subject をそのまま通す — NLB は HTTP を読まない。NLB の背後では、このヘッダーは何の証明にもならない。',
      },
      assumed(
        {
          en: 'The NLB pages describe no HTTP handling at all: a TLS listener decrypts and forwards the bytes to the target over its own connection. The sandbox therefore passes every request header through unchanged, a client’s X-Amzn-Mtls-Clientcert-Subject included; nothing on AWS’s pages says the NLB would strip it.',
          ja: 'NLB のページは HTTP の扱いを一切記述していない: TLS リスナーは復号したバイト列を自分の接続でターゲットへ転送する。そのためサンドボックスはリクエストヘッダーを、クライアントの X-Amzn-Mtls-Clientcert-Subject も含めてそのまま通す。NLB がそれを取り除くと書いた AWS のページはない。',
        },
        cite('aws-nlb-tls-listener'),
        NLB_MTLS,
      ),
      forged('X-Amzn-Mtls-Clientcert-Subject'),
    ),
    probe(
      'cloudfront-required',
      cfRequired,
      {
        status: 200,
        handshake: { clientCertificateRequested: true, clientCertificateSent: true },
        target: {
          oneOf: ['cf-origin'],
          headers: {
            'cloudfront-viewer-cert-subject': '{clientA.subject}',
            'cloudfront-viewer-cert-serial-number': '{clientA.cfSerial}',
            'cloudfront-viewer-cert-sha256': '{clientA.sha256}',
          },
        },
      },
      {
        en: 'CloudFront viewer mTLS, required: CloudFront verifies clientA against its trust store and tells the origin in CloudFront-Viewer-Cert-* headers, in formats of its own: the serial is lowercase hexadecimal with colons, and there is a SHA-256 of the certificate.',
        ja: 'CloudFront ビューワー mTLS、必須モード: CloudFront が clientA をトラストストアで検証し、CloudFront-Viewer-Cert-* ヘッダーでオリジンに伝える。形式は独自: シリアルはコロン区切りの小文字 16 進で、証明書の SHA-256 もある。',
      },
      documented(CF_HEADERS, cite('aws-cf-viewer-mtls')),
    ),
    probe(
      'cloudfront-required-forged',
      cfRequired,
      {
        status: 200,
        target: { oneOf: ['cf-origin'], headers: { 'cloudfront-viewer-cert-subject': '{clientA.subject}' } },
      },
      {
        en: 'A forged CloudFront-Viewer-Cert-Subject through the required distribution: the origin receives CloudFront’s value (assumed: CloudFront documents dropping a viewer’s Client-Cert headers, not its CloudFront-Viewer-Cert-* ones).',
        ja: '必須モードのディストリビューションに偽の CloudFront-Viewer-Cert-Subject: オリジンが受け取るのは CloudFront の値 (仮定: CloudFront が捨てると書いているのはビューワーの Client-Cert ヘッダーで、CloudFront-Viewer-Cert-* ではない)。',
      },
      assumed(
        {
          en: 'CloudFront documents that it removes a viewer’s own Client-Cert and Client-Cert-Chain headers in passthrough mode; it says nothing of a viewer’s CloudFront-Viewer-Cert-* headers. The sandbox drops them too, so the origin receives only CloudFront’s value — the safe reading.',
          ja: 'CloudFront はパススルーモードでビューワー自身の Client-Cert と Client-Cert-Chain を取り除くと書いているが、ビューワーの CloudFront-Viewer-Cert-* については何も書いていない。サンドボックスはそれも捨て、オリジンは CloudFront の値だけを受け取る — 安全側の解釈。',
        },
        CF_HEADERS,
        CF_MODES,
      ),
      forged('CloudFront-Viewer-Cert-Subject'),
    ),
    probe(
      'cloudfront-passthrough',
      cfPassthrough,
      {
        status: 200,
        handshake: { clientCertificateRequested: true, clientCertificateSent: true },
        target: { oneOf: ['cf-pass-origin'], headers: { 'client-cert': '{clientA.clientCert}' } },
      },
      {
        en: 'CloudFront viewer mTLS, passthrough: no trust store; CloudFront checks only that clientA holds its key and hands the certificate to the origin in Client-Cert (RFC 9440, base64 DER between colons). The origin must verify it.',
        ja: 'CloudFront ビューワー mTLS、パススルーモード: トラストストアなし。CloudFront は clientA が鍵を持つことだけを確かめ、証明書を Client-Cert (RFC 9440、コロンで挟んだ base64 の DER) でオリジンに渡す。検証はオリジンの仕事。',
      },
      assumed(CF_BYTES, CF_MODES, cite('rfc-9440')),
    ),
    probe(
      'cloudfront-passthrough-forged',
      cfPassthrough,
      {
        status: 200,
        target: { oneOf: ['cf-pass-origin'], headers: { 'client-cert': '{clientA.clientCert}' } },
      },
      {
        en: 'A forged Client-Cert through the passthrough distribution: CloudFront removes the viewer’s copy and the origin receives the certificate clientA presented, as documented.',
        ja: 'パススルーモードのディストリビューションに偽の Client-Cert: CloudFront はビューワーのコピーを取り除き、オリジンは clientA が提示した証明書を受け取る (AWS のドキュメントに記載のとおり)。',
      },
      assumed(CF_BYTES, CF_MODES),
      { 'Client-Cert': ':Zm9yZ2Vk:' },
    ),
    probe(
      'cloudfront-origin-mtls',
      cfOriginMtls,
      {
        status: 200,
        handshake: { clientCertificateRequested: true, clientCertificateSent: true },
        target: {
          oneOf: ['cf-alb-app'],
          headers: {
            'x-amzn-mtls-clientcert-subject': '{cloudfrontOrigin.subject}',
            'x-amzn-mtls-clientcert-issuer': '{cloudfrontOrigin.issuer}',
            'cloudfront-viewer-cert-subject': '{clientA.subject}',
            'cloudfront-viewer-cert-serial-number': '{clientA.cfSerial}',
          },
        },
      },
      {
        en: 'CloudFront verifies clientA (viewer mTLS), then presents a certificate of its own to the ALB (origin mTLS, 2026). The ALB in verify mode checks that one: its X-Amzn-Mtls-Clientcert-Subject names CloudFront, not clientA. The viewer reaches the target only in the CloudFront-Viewer-Cert-* headers the origin request policy forwards, through the ALB unchanged.',
        ja: 'CloudFront が clientA を検証し (ビューワー mTLS)、ALB には自分の証明書を提示する (オリジン mTLS、2026 年)。検証モードの ALB が確かめるのはその証明書: X-Amzn-Mtls-Clientcert-Subject が名指すのは CloudFront で、clientA ではない。ビューワーがターゲットに届くのは、オリジンリクエストポリシーが転送し ALB がそのまま通す CloudFront-Viewer-Cert-* ヘッダーだけ。',
      },
      documented(CF_ORIGIN_MTLS, ALB_MTLS, CF_HEADERS),
    ),
    probe(
      'cloudfront-origin-mtls-forged',
      cfOriginMtls,
      {
        status: 200,
        target: { oneOf: ['cf-alb-app'], headers: { 'cloudfront-viewer-cert-subject': '{clientA.subject}' } },
      },
      {
        en: 'clientA writes its own CloudFront-Viewer-Cert-Subject: CN=admin…. CloudFront replaces it with the certificate’s, and the ALB behind passes that on: the header an application behind this design reads is as trustworthy as CloudFront’s dropping of a viewer’s copy (assumed) and as the ALB admitting only CloudFront.',
        ja: 'clientA が CloudFront-Viewer-Cert-Subject: CN=admin… を自分で書く。CloudFront はそれを証明書の値で置き換え、背後の ALB はそれをそのまま通す: この構成の背後でアプリが読むヘッダーの信頼性は、CloudFront がビューワーのコピーを捨てること (仮定) と、ALB が CloudFront だけを入れることにかかっている。',
      },
      assumed(
        {
          en: 'CloudFront documents removing a viewer’s Client-Cert headers in passthrough mode, not its CloudFront-Viewer-Cert-* headers; the sandbox drops those too, and the ALB forwards other request headers unchanged. So the target receives CloudFront’s value. Check it on a real distribution before an application relies on it.',
          ja: 'CloudFront のドキュメントに記載されているのはパススルーモードでビューワーの Client-Cert ヘッダーを取り除くことで、CloudFront-Viewer-Cert-* ではない。サンドボックスはそれも捨て、ALB は他のリクエストヘッダーをそのまま転送する。そのためターゲットは CloudFront の値を受け取る。アプリが頼る前に実際のディストリビューションで確かめること。',
        },
        CF_HEADERS,
        CF_ORIGIN_MTLS,
      ),
      forged('CloudFront-Viewer-Cert-Subject'),
    ),
    {
      name: 'alb-behind-cloudfront-direct',
      description: {
        en: 'clientA goes straight to the ALB behind CloudFront, skipping CloudFront. The ALB trusts only originClientCA, CloudFront’s CA: clientA’s certificate is untrusted and the connection is reset. Only CloudFront gets in — which is what makes its headers worth reading.',
        ja: 'clientA が CloudFront を飛ばして、その背後の ALB に直接行く。ALB が信頼するのは CloudFront の CA である originClientCA だけなので、clientA の証明書は信頼されず接続はリセットされる。入れるのは CloudFront だけ — だからこそ CloudFront のヘッダーは読む価値がある。',
      },
      via: albBehindCf,
      client: { certificate: 'clientA', method: 'GET' },
      expect: { status: null, connectionError: 'Connection reset by peer', target: null },
      evidence: assumed(
        {
          en: 'AWS documents that verify mode refuses a certificate that does not chain to the trust store; seed 004 shows the reset for a missing certificate only. For an untrusted one the sandbox resets the connection the same way.',
          ja: '検証モードがトラストストアにつながらない証明書を拒否することは AWS のドキュメントに記載されている。元記事 004 がリセットを示しているのは証明書がない場合だけで、信頼されない証明書についてもサンドボックスは同じくリセットする。',
        },
        ALB_MTLS,
        cite('seed-004'),
      ),
    },
  ],
  challenges,
  explain: {
    en: `What to notice:
- Only two doors tell the target who the client is, and in two different ways: nginx behind TCP passthrough reads its own TLS session ($ssl_client_s_dn); the ALB in verify mode writes headers (X-Amzn-Mtls-Clientcert-Subject). The ALB in passthrough mode hands over the certificate to be verified; the NLB TLS listener tells the target nothing at all.
- The formats differ even where the content is the same: the serial is uppercase hexadecimal at the ALB and in $ssl_client_serial; the subject is RFC 2253 in both; the leaf is a URL-encoded PEM. A renamed header changes the name, never the format.
- Which headers can a client forge? Behind TCP passthrough and behind the NLB TLS listener, every one: neither reads HTTP, so a client's own X-Amzn-Mtls-Clientcert-Subject arrives as written. An application moved from an ALB to an NLB must stop reading that header.
- At the ALB the client's own copies are dropped (assumed: AWS does not document it; the sandbox takes the safe reading).
- CloudFront's viewer mTLS tells the origin in yet other formats: CloudFront-Viewer-Cert-Serial-Number is lowercase hexadecimal with colons, and there is a SHA-256; in passthrough mode the origin gets the certificate itself in Client-Cert (RFC 9440) and must verify it. A client's own copies are dropped (documented for Client-Cert, assumed for CloudFront-Viewer-Cert-*).
- CloudFront with origin mTLS in front of an ALB in verify mode: the ALB verifies CloudFront's certificate, so its X-Amzn-Mtls-Clientcert-* headers name CloudFront, never the viewer. To tell the target who the viewer is anyway, let CloudFront verify the viewer (viewer mTLS) and forward its CloudFront-Viewer-Cert-* headers (origin request policy); make the ALB trust only CloudFront's CA, so that nobody can reach it around CloudFront with headers of their own.`,
    ja: `注目点:
- クライアントが誰かをターゲットに伝える入口は 2 つだけで、その方法も違う: TCP パススルーの背後の nginx は自分の TLS セッションを読み ($ssl_client_s_dn)、検証モードの ALB はヘッダーを書く (X-Amzn-Mtls-Clientcert-Subject)。パススルーモードの ALB は検証すべき証明書を渡し、NLB TLS リスナーはターゲットに何も伝えない。
- 内容が同じでも形式は違う: シリアルは ALB でも $ssl_client_serial でも大文字 16 進、サブジェクトはどちらも RFC 2253、リーフは URL エンコードした PEM。ヘッダー名を変えても変わるのは名前だけで、形式は変わらない。
- クライアントが偽造できるヘッダーは？ TCP パススルーと NLB TLS リスナーの背後ではすべて: どちらも HTTP を読まないので、クライアント自身の X-Amzn-Mtls-Clientcert-Subject は書かれたとおりに届く。ALB から NLB へ移したアプリは、このヘッダーを読むのをやめなければならない。
- ALB ではクライアントのコピーは捨てられる (仮定: AWS のドキュメントに記載がない。サンドボックスは安全側に解釈する)。
- CloudFront のビューワー mTLS はまた別の形式でオリジンに伝える: CloudFront-Viewer-Cert-Serial-Number はコロン区切りの小文字 16 進で、SHA-256 もある。パススルーモードではオリジンは証明書そのものを Client-Cert (RFC 9440) で受け取り、自分で検証しなければならない。クライアント自身のコピーは捨てられる (Client-Cert は AWS のドキュメントに記載のとおり、CloudFront-Viewer-Cert-* は仮定)。
- オリジン mTLS を使う CloudFront を検証モードの ALB の前に置くと、ALB が検証するのは CloudFront の証明書なので、X-Amzn-Mtls-Clientcert-* ヘッダーが名指すのは CloudFront で、ビューワーではない。それでもターゲットにビューワーを伝えるには、CloudFront にビューワーを検証させ (ビューワー mTLS)、CloudFront-Viewer-Cert-* ヘッダーを転送させる (オリジンリクエストポリシー)。ALB には CloudFront の CA だけを信頼させ、誰も CloudFront を迂回して自前のヘッダーで入れないようにする。`,
  },
});
