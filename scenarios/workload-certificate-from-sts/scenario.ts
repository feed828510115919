import { assumed, cite, documented } from '../../sandbox/evidence.js';
import { defineScenario, type ProbeSpec } from '../../sandbox/scenario.js';
import type { Text } from '../../sandbox/text.js';
import { NLB_MTLS } from '../common/stories.js';

const sanUriPrefix = { loadBalancer: 'Nlb', port: 443 };
const subjectCn = { loadBalancer: 'Nlb', port: 8443 };
const alb = { loadBalancer: 'Alb', port: 443 };
const cloudFront = { loadBalancer: 'Cf', port: 443 };

const STS = cite('aws-sts-get-certificate', 'an empty subject DN and one URI SAN with the SPIFFE ID; 1 to 12 hours');
const FILTERS = cite('aws-nlb-identity-filters');
const FILTER_API = cite('aws-elbv2-identity-filter-api', "If the client certificate doesn't contain the field");
const ALB_HEADERS = cite('aws-alb-mtls', 'HTTP headers (verify mode)');
const CF_HEADERS = cite('aws-cf-mtls-headers');

/** What AWS does not say about an empty subject in the headers, for both the ALB and CloudFront. */
const EMPTY_SUBJECT: Text = {
  en: 'AWS documents the subject header as the RFC 2253 string of the certificate’s subject, and STS documents that its certificates have an empty subject DN; what the header carries then is not documented. The RFC 2253 string of an empty name is empty (`openssl x509 -nameopt RFC2253` prints "subject="), so the sandbox sends the header with an empty value. A real load balancer might leave the header out instead: an application must not take "no subject" for "no certificate". Check it on AWS before relying on it.',
  ja: 'サブジェクトヘッダーが証明書のサブジェクトの RFC 2253 文字列であること、STS の証明書のサブジェクト DN が空であることは AWS のドキュメントに記載されている。そのときヘッダーが何を運ぶかは記載がない。空の名前の RFC 2253 文字列は空 (`openssl x509 -nameopt RFC2253` は "subject=" と出す) なので、サンドボックスは値の空なヘッダーを送る。実際のロードバランサーはヘッダーごと省くかもしれない: アプリは「サブジェクトなし」を「証明書なし」と取り違えてはならない。頼る前に AWS で確かめること。',
};

function workload(
  name: string,
  via: ProbeSpec['via'],
  expect: ProbeSpec['expect'],
  description: Text,
  evidence: ProbeSpec['evidence'],
): ProbeSpec {
  return { name, description, via, client: { certificate: 'workload', method: 'GET' }, expect, evidence };
}

export default defineScenario({
  id: 'workload-certificate-from-sts',
  title: {
    en: 'A workload’s certificate from STS: no subject, one SPIFFE ID, a few hours — through the NLB, the ALB and CloudFront',
    ja: 'STS が発行するワークロードの証明書: サブジェクトなし、SPIFFE ID が 1 つ、数時間だけ有効 — NLB、ALB、CloudFront を通す',
  },
  summary: {
    en: 'Since December 2026 STS issues X.509 certificates to workloads (GetCertificate): X509-SVIDs signed by the workload identity provider’s AWS Private CA, valid 1 to 12 hours, with an empty subject DN and one URI SAN holding the SPIFFE ID. Every rule keyed on a subject breaks on them: an NLB subject-cn filter never matches, and the ALB’s and CloudFront’s subject headers have nothing to say. A SAN URI prefix filter admits them.',
    ja: '2026 年 12 月から STS はワークロードに X.509 証明書を発行する (GetCertificate): ワークロード ID プロバイダーの AWS Private CA が署名する X509-SVID で、有効期間は 1〜12 時間、サブジェクト DN は空、URI の SAN が 1 つだけ SPIFFE ID を持つ。サブジェクトを当てにするルールはすべてこれで崩れる: NLB の subject-cn フィルターは一致せず、ALB と CloudFront のサブジェクトヘッダーには書くことがない。SAN URI の前方一致フィルターなら許可できる。',
  },
  story: NLB_MTLS,
  compareWith: ['nlb-mtls-identity-filters', 'who-tells-the-target', 'then-and-now'],
  seeds: [],
  tags: ['nlb', 'alb', 'cloudfront', 'tls-listener', 'mtls', 'verify', 'identity-filters', 'spiffe', 'sts', 'headers'],
  stackModule: new URL('./stack.ts', import.meta.url),
  targets: {
    NlbTargets: [{ kind: 'echo', name: 'nlb-app' }],
    AlbTargets: [{ kind: 'echo', name: 'alb-app' }],
    Cf: [{ kind: 'echo', name: 'cf-origin' }],
  },
  objects: { 'workload-trust-bundle.pem': 'workloadCA' },
  identityTable: [
    {
      door: { en: 'NLB TLS listener, SAN URI prefix filter', ja: 'NLB TLS リスナー、SAN URI 前方一致フィルター' },
      probe: 'nlb-san-uri-prefix-admits',
    },
    { door: { en: 'ALB mutual TLS verify', ja: 'ALB 相互 TLS 検証' }, probe: 'alb-subject-header-of-an-empty-subject' },
    {
      door: { en: 'CloudFront viewer mTLS, required', ja: 'CloudFront ビューワー mTLS、required' },
      probe: 'cloudfront-subject-header-of-an-empty-subject',
    },
  ],
  probes: [
    workload(
      'nlb-san-uri-prefix-admits',
      sanUriPrefix,
      {
        status: 200,
        handshake: { clientCertificateRequested: true, clientCertificateSent: true },
        target: { oneOf: ['nlb-app'] },
      },
      {
        en: 'The NLB listener filters on san-uri prefix spiffe://example.org/payments/. The workload’s only identity, spiffe://example.org/payments/checkout, starts with it: admitted after the trust store (workloadCA) verified the certificate.',
        ja: 'NLB のリスナーは san-uri の前方一致 spiffe://example.org/payments/ で絞る。ワークロード唯一の ID spiffe://example.org/payments/checkout はそれで始まる: トラストストア (workloadCA) が証明書を検証した後、許可される。',
      },
      documented(STS, FILTERS, FILTER_API),
    ),
    workload(
      'nlb-subject-cn-never-matches',
      subjectCn,
      { status: null, handshake: { clientCertificateRequested: true, clientCertificateSent: true }, target: null },
      {
        en: 'The same certificate against a listener that filters on subject-cn exact checkout — the name a team would have given its service. The certificate has no subject at all, so no CN: a missing field never matches, and the NLB refuses the trusted workload.',
        ja: '同じ証明書を subject-cn 完全一致 checkout — チームがサービスに付けそうな名前 — で絞るリスナーに。証明書にはサブジェクトがまったくないので CN もない: フィールドがなければ一致せず、NLB は信頼されたワークロードを拒否する。',
      },
      documented(STS, FILTERS, FILTER_API),
    ),
    workload(
      'alb-subject-header-of-an-empty-subject',
      alb,
      {
        status: 200,
        handshake: { clientCertificateRequested: true, clientCertificateSent: true },
        target: {
          oneOf: ['alb-app'],
          headers: {
            'x-amzn-mtls-clientcert-subject': '',
            'x-amzn-mtls-clientcert-issuer': '{workload.issuer}',
            'x-amzn-mtls-clientcert-serial-number': '{workload.serial}',
            'x-amzn-mtls-clientcert-validity': '{workload.validity}',
          },
        },
      },
      {
        en: 'The ALB in verify mode admits the workload and tells its target: the issuer (the provider’s CA), the serial, a validity of hours, not a year — and X-Amzn-Mtls-Clientcert-Subject with nothing in it. The SPIFFE ID is only in the leaf (X-Amzn-Mtls-Clientcert-Leaf); an application must read the SAN from there.',
        ja: '検証モードの ALB はワークロードを許可し、ターゲットに伝える: 発行者 (プロバイダーの CA)、シリアル、1 年ではなく数時間の有効期間 — そして中身のない X-Amzn-Mtls-Clientcert-Subject。SPIFFE ID はリーフ (X-Amzn-Mtls-Clientcert-Leaf) の中にしかなく、アプリはそこから SAN を読む必要がある。',
      },
      assumed(EMPTY_SUBJECT, ALB_HEADERS, STS),
    ),
    workload(
      'cloudfront-subject-header-of-an-empty-subject',
      cloudFront,
      {
        status: 200,
        handshake: { clientCertificateRequested: true, clientCertificateSent: true },
        target: {
          oneOf: ['cf-origin'],
          headers: {
            'cloudfront-viewer-cert-present': '1',
            'cloudfront-viewer-cert-subject': '',
            'cloudfront-viewer-cert-serial-number': '{workload.cfSerial}',
          },
        },
      },
      {
        en: 'CloudFront viewer mTLS (required) trusts the same CA and tells its origin: a certificate is present, its serial in CloudFront’s own form — and an empty CloudFront-Viewer-Cert-Subject. Present: 1 with an empty subject is a certificate without a subject, not a missing one.',
        ja: 'CloudFront のビューワー mTLS (required) も同じ CA を信頼し、オリジンに伝える: 証明書はある、シリアルは CloudFront 独自の形式 — そして空の CloudFront-Viewer-Cert-Subject。Present: 1 でサブジェクトが空なのは、サブジェクトのない証明書であって、証明書がないのではない。',
      },
      assumed(EMPTY_SUBJECT, CF_HEADERS, STS),
    ),
  ],
  explain: {
    en: `What to notice:
- An STS workload certificate is an X509-SVID: no subject at all, one URI SAN (spiffe://example.org/payments/checkout here), clientAuth and serverAuth, valid hours (12 by default, from five minutes back). workloadCA stands in for the provider's AWS Private CA; its certificate is what GetTrustBundles hands out, so that is what goes into the trust stores (ELB and CloudFront).
- NLB identity filters: match on san-uri. A prefix that ends at a path separator (spiffe://example.org/payments/) admits the team's workloads; subject-cn and subject-ou filters never match such a certificate, so a listener with only those refuses every STS workload, trusted or not.
- Headers: the ALB and CloudFront send the subject header empty here (assumed: AWS does not say what it carries for an empty subject). The identity is in the certificate's SAN, which only the leaf header (URL-encoded PEM) carries; parse it there, and never read "subject empty" as "no certificate".
- Short validity is the point: the certificate expires in hours, so revocation lists matter less and rotation is the workload's job (GetCertificate again). The validity header shows it.
- Commands: \`mtls-sandbox certs\` prints the openssl commands that made workload.crt (openssl req -subj / -addext subjectAltName=critical,URI:…, openssl ca -name workloadCA -startdate … -enddate …).`,
    ja: `注目点:
- STS のワークロード証明書は X509-SVID: サブジェクトはまったくなく、URI の SAN が 1 つ (ここでは spiffe://example.org/payments/checkout)、clientAuth と serverAuth、有効期間は数時間 (既定 12 時間、5 分前から)。workloadCA はプロバイダーの AWS Private CA の代わりで、その証明書が GetTrustBundles の渡すものなので、トラストストア (ELB と CloudFront) に入れるのはそれ。
- NLB の ID フィルター: san-uri で一致させる。パスの区切りで終わる前方一致 (spiffe://example.org/payments/) はチームのワークロードを許可する。subject-cn と subject-ou のフィルターはこの証明書には一致しないので、それだけを持つリスナーは、信頼されていようと STS のワークロードをすべて拒否する。
- ヘッダー: ここでは ALB と CloudFront はサブジェクトヘッダーを空で送る (仮定: 空のサブジェクトのときに何を運ぶか AWS は書いていない)。ID は証明書の SAN にあり、それを運ぶのはリーフのヘッダー (URL エンコードした PEM) だけ。そこから解析し、「サブジェクトが空」を「証明書なし」と読まないこと。
- 短い有効期間が要点: 証明書は数時間で切れるので失効リストの重要性は下がり、更新はワークロードの仕事 (GetCertificate をもう一度)。有効期間のヘッダーにそれが表れる。
- コマンド: \`mtls-sandbox certs\` が workload.crt を作った openssl のコマンドを表示する (\`openssl req -subj / -addext subjectAltName=critical,URI:…\`、\`openssl ca -name workloadCA -startdate … -enddate …\`)。`,
  },
});
