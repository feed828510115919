import type { ClientCertName } from '../../certs/types.js';
import { assumed, cite, documented, type EvidenceSpec } from '../../sandbox/evidence.js';
import { defineScenario, type ProbeSpec } from '../../sandbox/scenario.js';
import type { Text } from '../../sandbox/text.js';
import { NLB_MTLS } from '../common/stories.js';
import { challenges } from './challenges.js';

const MTLS = cite('aws-nlb-mtls', 'The load balancer admits a connection in the following order');
const FILTERS = cite('aws-nlb-identity-filters');
const API = cite('aws-elbv2-identity-filter-api');
const ALERTS = cite('openssl-alerts');
const RFC_ALERTS = cite('rfc-8446-alerts');

/** Four filters, one per field (scenarios/nlb-mtls-identity-filters/stack.ts). */
const filtered = { loadBalancer: 'Nlb', port: 443 };
/** An empty filter list. */
const anyTrusted = { loadBalancer: 'Nlb', port: 8443 };
/** The partner's DNS name as a prefix. */
const dnsPrefix = { loadBalancer: 'Nlb', port: 9443 };

/** A client the listener admits: the target gets a connection (and the request). */
function admitted(
  name: string,
  certificate: ClientCertName,
  via: ProbeSpec['via'],
  description: Text,
  evidence: EvidenceSpec,
): ProbeSpec {
  return {
    name,
    description,
    via,
    client: { certificate, method: 'GET' },
    expect: {
      status: 200,
      handshake: { clientCertificateRequested: true, clientCertificateSent: true },
      target: { oneOf: ['app-1'] },
    },
    evidence,
  };
}

/** A client the listener refuses: no HTTP at all, and no connection to the target. */
function refused(
  name: string,
  certificate: ClientCertName | null,
  via: ProbeSpec['via'],
  description: Text,
  evidence: EvidenceSpec,
): ProbeSpec {
  return {
    name,
    description,
    via,
    client: { certificate, method: 'GET' },
    expect: {
      status: null,
      handshake: { clientCertificateRequested: true, clientCertificateSent: certificate !== null },
      target: null,
    },
    evidence,
  };
}

/** What a refused client sees and what the sandbox logs: the sandbox's choice where AWS is silent. */
function signal(
  name: string,
  certificate: ClientCertName | null,
  via: ProbeSpec['via'],
  alert: string,
  status: string,
  description: Text,
  why: Text,
): ProbeSpec {
  return {
    name,
    description,
    via,
    client: { certificate, method: 'GET' },
    expect: {
      status: null,
      handshake: { alert },
      target: null,
      connectionLog: { tls_verify_status: status, target: '-' },
    },
    evidence: assumed(why, MTLS, ALERTS, RFC_ALERTS),
  };
}

const ALERT_WHY: Text = {
  en: 'AWS says only that the NLB rejects the connection. The sandbox ends it with the fatal TLS alert a TLS server built on OpenSSL sends for the same failure (access_denied, from RFC 8446, for a certificate that passed the trust store but matched no filter), and logs it in its own connection log, modelled on ALB connection logs; AWS documents no NLB mutual TLS log and no such reason code.',
  ja: 'AWS のドキュメントには NLB が接続を拒否するとしか記載がない。サンドボックスは、OpenSSL で作られた TLS サーバーが同じ失敗で送る致命的 TLS アラートで接続を打ち切る (トラストストアを通ったがどのフィルターにも一致しない証明書には RFC 8446 の access_denied)。記録は ALB の接続ログを手本にしたサンドボックス独自のログで、NLB の相互 TLS のログもその理由コードも AWS のドキュメントに記載がない。',
};

export default defineScenario({
  id: 'nlb-mtls-identity-filters',
  title: {
    en: 'NLB mutual TLS with client certificate identity filters: who may connect, field by field',
    ja: 'クライアント証明書 ID フィルター付きの NLB 相互 TLS: 接続できるのは誰か、フィールドごとに',
  },
  summary: {
    en: 'Since November 2026 an NLB TLS listener verifies client certificates itself: first the trust store, then the identity filters (a SPIFFE ID prefix in the SAN URI, a DNS name, an OU, a CN — any one match admits, a missing field never matches, an empty list admits every trusted certificate), then revocation. Each client shows whether the target got a connection at all.',
    ja: '2026 年 11 月から NLB の TLS リスナーはクライアント証明書を自ら検証する: まずトラストストア、次に ID フィルター (SAN URI の SPIFFE ID の前方一致、DNS 名、OU、CN — 1 つ一致すれば許可、フィールドがなければ一致しない、空のリストは信頼された証明書をすべて許可)、最後に失効確認。クライアントごとに、ターゲットに接続が届いたかどうかを示す。',
  },
  story: NLB_MTLS,
  compareWith: ['alb-mtls-verify-headers', 'nlb-tls-termination'],
  seeds: [],
  tags: ['nlb', 'tls-listener', 'mtls', 'verify', 'identity-filters', 'spiffe', 'trust-store', 'crl'],
  stackModule: new URL('./stack.ts', import.meta.url),
  targets: { AppTargets: [{ kind: 'echo', name: 'app-1' }] },
  objects: { 'privateCA-bundle.pem': 'privateCA', 'privateCA.crl.pem': 'privateCA.crl' },
  probes: [
    refused(
      'no-certificate',
      null,
      filtered,
      {
        en: 'No client certificate: nothing can chain to the trust store, so the NLB refuses the connection during the handshake. The target never gets a connection.',
        ja: 'クライアント証明書なし: トラストストアにつながるものがないので、NLB はハンドシェイク中に接続を拒否する。ターゲットには接続すら届かない。',
      },
      documented(MTLS),
    ),
    refused(
      'untrusted-ca-with-a-matching-spiffe-id',
      'impostorBilling',
      filtered,
      {
        en: 'An impostor: untrustedCA issued it with the very SPIFFE ID the first filter admits (spiffe://example.org/ns/prod/sa/billing). The trust store comes first, so the filters never look at it: refused.',
        ja: '偽物: untrustedCA が、最初のフィルターが許可する SPIFFE ID (spiffe://example.org/ns/prod/sa/billing) そのもので発行した証明書。トラストストアの確認が先なので、フィルターは見もしない: 拒否。',
      },
      documented(MTLS, cite('aws-nlb-identity-filters', 'the filters apply after trust-store validation passes')),
    ),
    admitted(
      'san-uri-prefix-matches',
      'spiffeBilling',
      filtered,
      {
        en: 'SAN URI spiffe://example.org/ns/prod/sa/billing: filter 1 (san-uri, prefix spiffe://example.org/ns/prod/) matches, the CRL does not list it, the target gets the connection.',
        ja: 'SAN URI spiffe://example.org/ns/prod/sa/billing: フィルター 1 (san-uri、前方一致 spiffe://example.org/ns/prod/) に一致し、CRL にも載っていないので、ターゲットに接続が届く。',
      },
      documented(FILTERS, API),
    ),
    refused(
      'san-uri-other-namespace',
      'spiffeStaging',
      filtered,
      {
        en: 'The same workload in another namespace, spiffe://example.org/ns/staging/sa/billing: trusted, but no filter matches. Accept is the only action, so a certificate that matches nothing is refused.',
        ja: '別の名前空間の同じワークロード spiffe://example.org/ns/staging/sa/billing: 信頼はされるが、どのフィルターにも一致しない。フィルターのアクションは許可だけなので、どれにも一致しない証明書は拒否される。',
      },
      documented(FILTERS),
    ),
    admitted(
      'san-uri-scheme-and-host-ignore-case',
      'spiffeMixedCase',
      filtered,
      {
        en: 'SPIFFE://Example.ORG/ns/prod/sa/billing: for san-uri the scheme and host are compared case-insensitively, so the prefix still matches.',
        ja: 'SPIFFE://Example.ORG/ns/prod/sa/billing: san-uri ではスキームとホストは大文字小文字を区別しないので、前方一致は成り立つ。',
      },
      documented(API),
    ),
    refused(
      'san-uri-path-is-case-sensitive',
      'spiffePathCase',
      filtered,
      {
        en: 'spiffe://example.org/NS/prod/sa/billing: the rest of the URI is compared case-sensitively, so /NS/ is not /ns/: refused.',
        ja: 'spiffe://example.org/NS/prod/sa/billing: URI の残りの部分は大文字小文字を区別するので、/NS/ は /ns/ ではない: 拒否。',
      },
      documented(API),
    ),
    admitted(
      'san-dns-matches-ignoring-case',
      'partnerDns',
      filtered,
      {
        en: 'SAN DNS names www.partner.example.com and API.Partner.Example.com: one of the values is enough, and san-dns ignores case, so filter 2 (exact api.partner.example.com) matches the second.',
        ja: 'SAN DNS 名 www.partner.example.com と API.Partner.Example.com: 値のどれか 1 つで足り、san-dns は大文字小文字を区別しないので、フィルター 2 (完全一致 api.partner.example.com) が 2 つ目に一致する。',
      },
      documented(FILTERS, API),
    ),
    refused(
      'san-dns-exact-refuses-a-look-alike',
      'lookalikeDns',
      filtered,
      {
        en: 'SAN DNS api.partner.example.com.attacker.test: it starts with the partner’s name, but filter 2 is exact: refused.',
        ja: 'SAN DNS api.partner.example.com.attacker.test: パートナーの名前で始まるが、フィルター 2 は完全一致: 拒否。',
      },
      documented(API),
    ),
    admitted(
      'san-dns-prefix-admits-the-look-alike',
      'lookalikeDns',
      dnsPrefix,
      {
        en: 'The same look-alike on the listener whose filter is san-dns prefix api.partner.example.com: admitted. A prefix on a DNS name lets through every name that merely starts with it — anyone whose CA is in the trust store can ask for one.',
        ja: '同じ偽装名を、フィルターが san-dns 前方一致 api.partner.example.com のリスナーへ: 許可される。DNS 名の前方一致は、それで始まるだけの名前をすべて通す — トラストストアの CA から発行を受けられる者なら誰でも取得できる。',
      },
      documented(API),
    ),
    admitted(
      'subject-ou-second-ou-matches',
      'ouPayments',
      filtered,
      {
        en: 'OU=example.org.unit and OU=Payments in the subject: the second matches filter 3 (exact payments), case aside.',
        ja: 'サブジェクトに OU=example.org.unit と OU=Payments: 2 つ目が、大文字小文字を無視してフィルター 3 (完全一致 payments) に一致する。',
      },
      documented(API),
    ),
    admitted(
      'subject-cn-ignores-case',
      'opsConsole',
      filtered,
      {
        en: 'CN=OPS-Console: filter 4 is exact ops-console, and subject-cn is compared case-insensitively.',
        ja: 'CN=OPS-Console: フィルター 4 は完全一致 ops-console で、subject-cn は大文字小文字を区別しない。',
      },
      documented(API),
    ),
    refused(
      'missing-san-does-not-match',
      'noSanBilling',
      filtered,
      {
        en: 'CN=billing issued the old way, without any SAN: the san-uri and san-dns filters do not match a certificate that lacks the field, and CN and OU match nothing: refused.',
        ja: 'SAN なしで昔ながらに発行された CN=billing: 証明書にそのフィールドがなければ san-uri と san-dns のフィルターは一致せず、CN と OU も何にも一致しない: 拒否。',
      },
      documented(FILTERS, API),
    ),
    refused(
      'revoked-but-matching',
      'revokedBilling',
      filtered,
      {
        en: 'spiffe://example.org/ns/prod/sa/billing-old matches filter 1, but its serial is on the trust store’s CRL, and revocation is checked after the filters: refused.',
        ja: 'spiffe://example.org/ns/prod/sa/billing-old はフィルター 1 に一致するが、シリアルがトラストストアの CRL に載っており、失効確認はフィルターの後に行われる: 拒否。',
      },
      documented(MTLS, FILTERS),
    ),
    refused(
      'revoked-matching-nothing',
      'revoked',
      filtered,
      {
        en: 'revokedClient is revoked and matches no filter either: refused, by the filters (they come first).',
        ja: 'revokedClient は失効済みで、どのフィルターにも一致しない: 拒否 (先に来るフィルターで)。',
      },
      documented(MTLS),
    ),
    admitted(
      'empty-filter-list-admits-every-trusted-certificate',
      'clientA',
      anyTrusted,
      {
        en: 'The 8443 listener has an empty filter list: no filtering, so clientA — trusted, no SAN, a CN and OU no filter would name — gets through.',
        ja: '8443 のリスナーはフィルターのリストが空: フィルタリングしないので、clientA (信頼済み、SAN なし、どのフィルターも名指ししない CN と OU) が通る。',
      },
      documented(
        cite('aws-nlb-identity-filters', 'If the filter list is empty, the load balancer applies no filtering'),
      ),
    ),
    refused(
      'empty-filter-list-still-checks-revocation',
      'revoked',
      anyTrusted,
      {
        en: 'No filters still means trust store and revocation: revokedClient is refused on 8443 too.',
        ja: 'フィルターがなくてもトラストストアと失効確認は行われる: revokedClient は 8443 でも拒否。',
      },
      documented(FILTERS),
    ),
    refused(
      'empty-filter-list-still-checks-the-trust-store',
      'untrusted',
      anyTrusted,
      {
        en: 'An untrusted CA on 8443: refused. An empty filter list is not "anyone".',
        ja: '8443 で信頼されない CA: 拒否。空のフィルターリストは「誰でも」ではない。',
      },
      documented(MTLS, FILTERS),
    ),
    {
      name: 'target-learns-nothing-of-the-certificate',
      description: {
        en: 'spiffeBilling is admitted; what reaches the target is a plain TCP connection from the client’s own address (client IP preservation), then the HTTP request as curl sent it — no X-Amzn-Mtls-* header, nothing of the certificate.',
        ja: 'spiffeBilling は許可される。ターゲットに届くのはクライアント自身のアドレスからの平文 TCP 接続 (クライアント IP の保持) と、curl が送ったままの HTTP リクエストだけ — X-Amzn-Mtls-* ヘッダーはなく、証明書の情報は何もない。',
      },
      via: filtered,
      client: { certificate: 'spiffeBilling', method: 'GET', sourceAddress: '127.0.0.23' },
      expect: {
        status: 200,
        target: {
          oneOf: ['app-1'],
          details: { remote_addr: '127.0.0.23' },
          headers: {
            'x-amzn-mtls-clientcert-subject': null,
            'x-amzn-mtls-clientcert': null,
            'x-forwarded-for': null,
          },
        },
      },
      evidence: assumed(
        {
          en: 'AWS documents no way for an NLB to pass the verified identity to a target: no header (TLS is gone, the target gets TCP), no Proxy Protocol TLV. The sandbox passes nothing. Client IP preservation itself is documented for TCP and TLS target groups.',
          ja: 'NLB が検証した ID をターゲットへ渡す方法は AWS のドキュメントに記載がない: ヘッダーはなく (TLS は NLB で終端し、ターゲットには TCP が届く)、Proxy Protocol の TLV もない。サンドボックスは何も渡さない。クライアント IP の保持そのものは、TCP と TLS のターゲットグループについて AWS のドキュメントに記載されている。',
        },
        MTLS,
        cite('aws-nlb-target-groups', 'Client IP preservation (preserve_client_ip.enabled)'),
      ),
    },
    signal(
      'filter-mismatch-is-an-access-denied-alert',
      'spiffeStaging',
      filtered,
      'access denied',
      'Failed:ClientCertIdentityFilterMismatch',
      {
        en: 'What spiffeStaging sees: the TLS 1.3 handshake completes on its side, then the NLB’s alert arrives — access_denied — and the sandbox logs the filter mismatch with its own code.',
        ja: 'spiffeStaging に見えるもの: 自分の側では TLS 1.3 のハンドシェイクが終わり、続いて NLB のアラート access_denied が届く。サンドボックスは独自のコードでフィルター不一致を記録する。',
      },
      ALERT_WHY,
    ),
    signal(
      'revoked-but-matching-is-a-revocation-alert',
      'revokedBilling',
      filtered,
      'certificate revoked',
      'Failed:ClientCertCrlHit',
      {
        en: 'revokedBilling passes the filters and fails the CRL: certificate_revoked.',
        ja: 'revokedBilling はフィルターを通り CRL で落ちる: certificate_revoked。',
      },
      ALERT_WHY,
    ),
    signal(
      'revoked-matching-nothing-fails-on-the-filters',
      'revoked',
      filtered,
      'access denied',
      'Failed:ClientCertIdentityFilterMismatch',
      {
        en: 'revokedClient matches no filter, so the filters refuse it before revocation is looked at: access_denied, not certificate_revoked — the documented order, made visible.',
        ja: 'revokedClient はどのフィルターにも一致しないので、失効確認の前にフィルターで拒否される: certificate_revoked ではなく access_denied — ドキュメントに記載の順序がそのまま見える。',
      },
      ALERT_WHY,
    ),
    signal(
      'untrusted-is-an-unknown-ca-alert',
      'impostorBilling',
      filtered,
      'unknown ca',
      'Failed:ClientCertUntrusted',
      {
        en: 'The impostor fails on the trust store: unknown_ca, and the ALB’s code ClientCertUntrusted.',
        ja: '偽物はトラストストアで落ちる: unknown_ca と、ALB のコード ClientCertUntrusted。',
      },
      ALERT_WHY,
    ),
    signal(
      'no-certificate-tls13-is-certificate-required',
      null,
      filtered,
      'certificate required',
      'Failed:ClientCertNotFound',
      {
        en: 'No certificate under TLS 1.3 (the 443 listener’s policy): certificate_required.',
        ja: 'TLS 1.3 (443 のリスナーのポリシー) で証明書なし: certificate_required。',
      },
      ALERT_WHY,
    ),
    signal(
      'no-certificate-tls12-is-handshake-failure',
      null,
      anyTrusted,
      'handshake failure',
      'Failed:ClientCertNotFound',
      {
        en: 'No certificate under TLS 1.2 (the 8443 listener, default policy): handshake_failure, before the NLB’s Finished.',
        ja: 'TLS 1.2 (8443 のリスナー、既定ポリシー) で証明書なし: NLB の Finished の前に handshake_failure。',
      },
      ALERT_WHY,
    ),
  ],
  challenges,
  explain: {
    en: `What to notice:
- The NLB asks for a certificate (Request CERT) and decides, in the documented order: trust store, then identity filters, then revocation. Every refusal happens before any byte reaches the target: the target did not get a connection at all (no request in its log, "target: -" in the sandbox's connection log).
- Filters are OR-ed and accept-only: one match admits, none refuses. A field the certificate lacks never matches (missing-san-does-not-match). CN, OU and DNS ignore case; for san-uri only the scheme and host do, the path does not.
- Prefix versus exact: exact api.partner.example.com refuses api.partner.example.com.attacker.test; the 9443 listener's prefix admits it. On DNS names and URIs end a prefix at a boundary (the trailing "/" in spiffe://example.org/ns/prod/) or prefer exact.
- Order made visible: revokedBilling matches a filter and fails on the CRL (certificate_revoked); revokedClient matches no filter and fails on the filters first (access_denied).
- Assumed, because AWS is silent (each such probe says so): a refusal is a TLS alert that names the failure (under TLS 1.3 it comes after the client's side of the handshake, so curl reports it while reading); the connection log is the sandbox's own; nothing of the certificate reaches the target.`,
    ja: `注目点:
- 証明書を要求 (Request CERT) して判定するのは NLB で、AWS のドキュメントに記載の順序 (トラストストア → ID フィルター → 失効確認) で行う。拒否はすべてターゲットに 1 バイトも届く前に起きる。ターゲットには接続すら届かない (ログにリクエストがなく、サンドボックスの接続ログは「target: -」)。
- フィルターは OR で評価され、アクションは許可だけ: 1 つ一致すれば許可、どれにも一致しなければ拒否。証明書にないフィールドは決して一致しない (missing-san-does-not-match)。CN・OU・DNS は大文字小文字を区別しない。san-uri で区別しないのはスキームとホストだけで、パスは区別する。
- 前方一致と完全一致: 完全一致 api.partner.example.com は api.partner.example.com.attacker.test を拒否し、9443 のリスナーの前方一致は許可してしまう。DNS 名や URI の前方一致は区切りで終える (spiffe://example.org/ns/prod/ の末尾の「/」) か、完全一致を使う。
- 順序が目に見える: revokedBilling はフィルターに一致し CRL で落ちる (certificate_revoked)。revokedClient はどのフィルターにも一致せず先にフィルターで落ちる (access_denied)。
- AWS のドキュメントに記載がないための仮定 (該当するプローブはそう示す): 拒否は失敗を表す TLS アラート (TLS 1.3 ではクライアント側のハンドシェイクの後に届くので、curl は読み取り中に報告する)。接続ログはサンドボックス独自のもの。証明書の情報はターゲットに何も届かない。`,
  },
});
