import type { ClientCertName } from '../../certs/types.js';
import { assumed, cite, documented, type EvidenceSpec } from '../../sandbox/evidence.js';
import { defineScenario, type Expectation, type ProbeSpec } from '../../sandbox/scenario.js';
import type { Text } from '../../sandbox/text.js';
import { CLOUDFRONT_MTLS } from './story.js';

const MTLS = cite('aws-cf-viewer-mtls');
const MODES = cite('aws-cf-mtls-modes');
const HEADERS = cite('aws-cf-mtls-headers');
const SETTINGS = cite('aws-cf-mtls-settings', 'Certificate expiration handling');
const FUNCTIONS = cite('aws-cf-connection-functions');
const LOGS = cite('aws-cf-connection-logs');
const RFC_9440 = cite('rfc-9440');
const ALERTS = cite('openssl-alerts');

const required = { loadBalancer: 'Required', port: 443 };
const optional = { loadBalancer: 'Optional', port: 443 };
const passthrough = { loadBalancer: 'Passthrough', port: 443 };

/** A forged identity a viewer sends itself, to see that it never reaches the origin as CloudFront's. */
const FORGED = {
  'CloudFront-Viewer-Cert-Subject': 'CN=admin,O=forged',
  'Client-Cert': ':Zm9yZ2Vk:',
};

/** Every CloudFront-Viewer-Cert-* header of a certificate, in CloudFront's formats, from the PKI's files. */
const certHeaders = (name: ClientCertName, pem = true): Record<string, string | null> => ({
  'cloudfront-viewer-cert-serial-number': `{${name}.cfSerial}`,
  'cloudfront-viewer-cert-issuer': `{${name}.issuer}`,
  'cloudfront-viewer-cert-subject': `{${name}.subject}`,
  'cloudfront-viewer-cert-present': '1',
  'cloudfront-viewer-cert-sha256': `{${name}.sha256}`,
  'cloudfront-viewer-cert-validity': `{${name}.validity}`,
  'cloudfront-viewer-cert-pem': pem ? `{${name}.cfPem}` : null,
  'client-cert': null,
});

/** What the refused client sees is the sandbox's choice: CloudFront documents "a TLS connection error". */
const REFUSAL_WHY: Text = {
  en: 'CloudFront documents that a refused viewer gets a TLS connection error and that no HTTP traffic flows; it names no TLS alert. The sandbox ends the handshake with the fatal alert a TLS server built on OpenSSL sends for the same failure (certificate_required under TLS 1.3 for a missing certificate, unknown_ca, certificate_expired, and access_denied for a connection function’s deny()). The Failed: code in the connection log is CloudFront’s documented one.',
  ja: 'CloudFront のドキュメントには、拒否されたビューワーには TLS 接続エラーが返り HTTP の通信は流れないと記載されているが、TLS アラートの名前は示されていない。サンドボックスは、OpenSSL で作られた TLS サーバーが同じ失敗で送る致命的アラートでハンドシェイクを終える (証明書なしは TLS 1.3 で certificate_required、unknown_ca、certificate_expired、接続関数の deny() には access_denied)。接続ログの Failed: コードは CloudFront のドキュメントに記載されたもの。',
};

function refused(
  name: string,
  via: ProbeSpec['via'],
  certificate: ClientCertName | null,
  alert: string,
  status: string,
  description: Text,
  evidence: EvidenceSpec,
): ProbeSpec {
  return {
    name,
    description,
    via,
    client: { certificate, method: 'GET', path: `/${name}` },
    expect: {
      status: null,
      handshake: { clientCertificateRequested: true, clientCertificateSent: certificate !== null, alert },
      target: null,
      connectionLog: { connectionStatus: status },
    },
    evidence,
  };
}

function admitted(
  name: string,
  via: ProbeSpec['via'],
  certificate: ClientCertName | null,
  target: NonNullable<Expectation['target']>,
  description: Text,
  evidence: EvidenceSpec,
  extra: { headers?: Record<string, string>; http?: '1.1' | '2'; connectionLog?: Record<string, string> } = {},
): ProbeSpec {
  return {
    name,
    description,
    via,
    client: {
      certificate,
      method: 'GET',
      path: `/${name}`,
      ...(extra.headers ? { headers: extra.headers } : {}),
      ...(extra.http ? { http: extra.http } : {}),
    },
    expect: {
      status: 200,
      target: { oneOf: ['origin'], ...target },
      connectionLog: { connectionStatus: 'Success', ...extra.connectionLog },
    },
    evidence,
  };
}

export default defineScenario({
  id: 'cloudfront-viewer-mtls',
  title: {
    en: 'CloudFront viewer mutual TLS: required, optional and passthrough, and what the origin is told',
    ja: 'CloudFront のビューワー相互 TLS: 必須・オプション・パススルーの各モードと、オリジンに伝わること',
  },
  summary: {
    en: 'Three distributions in front of one origin, one per mode. Required refuses a missing or invalid certificate during the handshake, and its connection function refuses one trusted client; optional lets viewers without a certificate in and refuses an invalid one; passthrough validates nothing and hands the certificate to the origin as RFC 9440 Client-Cert. The origin’s CloudFront-Viewer-Cert-* headers are checked against the certificate files, and a viewer’s forged copies never arrive as CloudFront’s.',
    ja: '1 つのオリジンの前にモードごとのディストリビューションを 3 つ置く。必須モードは証明書なしや無効な証明書をハンドシェイク中に拒否し、接続関数が信頼済みのクライアントを 1 つ拒否する。オプションモードは証明書なしのビューワーを通し、無効な証明書は拒否する。パススルーモードは何も検証せず、証明書を RFC 9440 の Client-Cert としてオリジンに渡す。オリジンが受け取る CloudFront-Viewer-Cert-* ヘッダーは証明書ファイルと照合し、ビューワーが偽造したヘッダーが CloudFront のものとして届かないことを確かめる。',
  },
  story: CLOUDFRONT_MTLS,
  compareWith: ['alb-mtls-verify-headers', 'alb-mtls-passthrough', 'nlb-mtls-identity-filters'],
  seeds: [],
  tags: ['cloudfront', 'viewer-mtls', 'mtls', 'required', 'optional', 'passthrough', 'connection-function', 'rfc9440'],
  stackModule: new URL('./stack.ts', import.meta.url),
  targets: {
    Required: [{ kind: 'echo', name: 'origin' }],
    Optional: [{ kind: 'echo', name: 'origin' }],
    Passthrough: [{ kind: 'echo', name: 'origin' }],
  },
  objects: { 'privateCA-bundle.pem': 'privateCA', 'revoked-serials.json': 'revoked-serials.kvs' },
  probes: [
    admitted(
      'required-clienta-headers',
      required,
      'clientA',
      { headers: certHeaders('clientA') },
      {
        en: 'clientA chains to the trust store and the connection function allows it (HTTP/2): the origin gets all seven CloudFront-Viewer-Cert-* headers the policy forwards — the serial as colon-separated lowercase bytes, subject and issuer in RFC 2253, the SHA-256 as 64 hex digits, the validity, and the URL-encoded PEM. The subject clientA sent itself (CN=admin) and its Client-Cert never reach the origin.',
        ja: 'clientA はトラストストアにつながり、接続関数も許可する (HTTP/2): オリジンにはポリシーが転送する CloudFront-Viewer-Cert-* ヘッダー 7 つが届く — シリアルはコロン区切りの小文字のバイト列、サブジェクトと発行者は RFC 2253、SHA-256 は 16 進 64 桁、有効期間、URL エンコードした PEM。clientA が自分で送ったサブジェクト (CN=admin) と Client-Cert はオリジンに届かない。',
      },
      assumed(
        {
          en: 'The header names and formats are documented (serial, subject, issuer, Present, SHA-256, validity, PEM). That CloudFront replaces a CloudFront-Viewer-Cert-Subject the viewer sent is not documented (only Client-Cert and Client-Cert-Chain are, for passthrough): the sandbox drops every viewer copy, the safe reading. How the PEM’s "+", "/" and "=" are encoded is not shown (the example is cut short): the sandbox percent-encodes them.',
          ja: 'ヘッダー名と形式は AWS のドキュメントに記載されている (シリアル、サブジェクト、発行者、Present、SHA-256、有効期間、PEM)。ビューワーが送った CloudFront-Viewer-Cert-Subject を CloudFront が置き換えることは記載がない (記載があるのはパススルーモードの Client-Cert と Client-Cert-Chain だけ)。サンドボックスは安全側に読んでビューワーの写しをすべて捨てる。PEM の「+」「/」「=」のエンコードは例が途中で切れていて分からないため、サンドボックスはパーセントエンコードする。',
        },
        HEADERS,
        MODES,
      ),
      { headers: FORGED, http: '2', connectionLog: { connectionLogCustomData: '-' } },
    ),
    admitted(
      'required-http2-and-http11',
      required,
      'clientA',
      { headers: { 'cloudfront-viewer-cert-present': '1', 'cloudfront-viewer-cert-subject': '{clientA.subject}' } },
      {
        en: 'The same over HTTP/1.1 (curl --http1.1). Viewer mTLS works on HTTP/2 and HTTP/1.1, not on HTTP/3; the distribution’s HttpVersion is http2, which still lets HTTP/1.1 viewers in. The origin hop is HTTP/1.1 either way.',
        ja: '同じことを HTTP/1.1 で (curl --http1.1)。ビューワー mTLS は HTTP/2 と HTTP/1.1 で動き、HTTP/3 では動かない。ディストリビューションの HttpVersion は http2 で、HTTP/1.1 のビューワーも通る。オリジンへの区間はどちらでも HTTP/1.1 である。',
      },
      documented(cite('aws-cf-viewer-mtls', 'Prerequisites: HTTP/2, not HTTP/3')),
      { http: '1.1' },
    ),
    refused(
      'required-no-certificate',
      required,
      null,
      'certificate required',
      'Failed:ClientCertMissing',
      {
        en: 'No certificate in required mode: refused during the handshake. Under TLS 1.3 curl has finished its side of the handshake, so the alert arrives while it reads; the origin gets nothing, and the connection log says ClientCertMissing (CloudFront’s own code).',
        ja: '必須モードで証明書なし: ハンドシェイク中に拒否される。TLS 1.3 では curl は自分の側のハンドシェイクを終えているので、アラートは読み取り中に届く。オリジンには何も届かず、接続ログは ClientCertMissing (CloudFront 自身のコード)。',
      },
      assumed(REFUSAL_WHY, MTLS, LOGS, ALERTS),
    ),
    refused(
      'required-untrusted',
      required,
      'untrusted',
      'unknown ca',
      'Failed:ClientCertUntrusted',
      {
        en: 'A certificate from untrustedCA: it does not chain to the trust store, so the connection is refused (ClientCertUntrusted) and the connection function is never run.',
        ja: 'untrustedCA の証明書: トラストストアにつながらないので接続は拒否され (ClientCertUntrusted)、接続関数は呼ばれない。',
      },
      assumed(REFUSAL_WHY, MTLS, LOGS, FUNCTIONS),
    ),
    refused(
      'required-expired',
      required,
      'expired',
      'certificate expired',
      'Failed:ClientCertExpired',
      {
        en: 'An expired certificate from the trusted CA: IgnoreCertificateExpiry is off on this distribution, so it is refused (ClientCertExpired).',
        ja: '信頼された CA の期限切れ証明書: このディストリビューションは IgnoreCertificateExpiry がオフなので拒否 (ClientCertExpired)。',
      },
      assumed(REFUSAL_WHY, SETTINGS, LOGS),
    ),
    refused(
      'required-wrong-purpose',
      required,
      'wrongPurpose',
      'unsupported certificate',
      'Failed:ClientCertIntentInvalid',
      {
        en: 'A certificate from the trusted CA whose extended key usage is serverAuth only: it is not meant for client authentication, so it is refused, with CloudFront’s code ClientCertIntentInvalid.',
        ja: '信頼された CA の証明書だが、拡張キー用途が serverAuth だけ: クライアント認証用ではないので拒否され、CloudFront のコード ClientCertIntentInvalid になる。',
      },
      assumed(
        {
          en: 'The code ClientCertIntentInvalid ("certificate intent is invalid") is documented; that a certificate without clientAuth gets it is the sandbox’s reading, as the ALB’s ClientCertPurposeInvalid. The alert (unsupported_certificate) is OpenSSL’s for the same failure.',
          ja: 'コード ClientCertIntentInvalid (「証明書の用途が無効」) は AWS のドキュメントに記載されている。clientAuth のない証明書がこれになるのは、ALB の ClientCertPurposeInvalid にならったサンドボックスの読み方である。アラート (unsupported_certificate) は同じ失敗で OpenSSL が送るもの。',
        },
        LOGS,
        ALERTS,
      ),
    ),
    {
      ...refused(
        'required-connection-function-denies-clientb',
        required,
        'clientB',
        'access denied',
        'Failed:ConnectionFunctionDenied',
        {
          en: 'clientB passes the trust store, then the connection function reads its subject, logs DENIED:<serial> with logCustomData and calls deny(): the handshake ends, nothing reaches the origin, and the log has ConnectionFunctionDenied with the custom data.',
          ja: 'clientB はトラストストアを通るが、接続関数がサブジェクトを読み、logCustomData で DENIED:<シリアル> を記録して deny() を呼ぶ: ハンドシェイクは打ち切られ、オリジンには何も届かず、ログには ConnectionFunctionDenied とカスタムデータが残る。',
        },
        assumed(
          {
            en: 'deny() ending the handshake with a TLS connection error, logCustomData reaching the connection log, and the code ConnectionFunctionDenied are documented. Which alert the viewer gets is not: the sandbox sends access_denied (RFC 8446: a valid certificate refused by access control). The log page also lists ClientCertRejected ("rejected by custom validation") without saying which of the two deny() produces; the sandbox logs ConnectionFunctionDenied.',
            ja: 'deny() が TLS 接続エラーでハンドシェイクを打ち切ること、logCustomData が接続ログに入ること、コード ConnectionFunctionDenied は AWS のドキュメントに記載されている。ビューワーが受け取るアラートは記載がなく、サンドボックスは access_denied を送る (RFC 8446: 有効な証明書をアクセス制御で拒否)。ログのページには ClientCertRejected (「カスタム検証で拒否」) もあり、deny() がどちらになるかは書かれていない。サンドボックスは ConnectionFunctionDenied を記録する。',
          },
          FUNCTIONS,
          LOGS,
          cite('rfc-8446-alerts'),
        ),
      ),
    },
    refused(
      'required-revoked-in-key-value-store',
      required,
      'revoked',
      'access denied',
      'Failed:ConnectionFunctionDenied',
      {
        en: 'revokedClient is on privateCA’s CRL, but a CloudFront trust store holds no CRL: it passes. The connection function then finds its serial (colons removed) in the KeyValueStore imported from S3 and denies it, logging REVOKED:<serial>.',
        ja: 'revokedClient は privateCA の CRL に載っているが、CloudFront のトラストストアは CRL を持たないので通ってしまう。続いて接続関数が、S3 からインポートした KeyValueStore にそのシリアル (コロンを除いたもの) を見つけて拒否し、REVOKED:<シリアル> を記録する。',
      },
      assumed(
        {
          en: 'Revocation through a connection function and a KeyValueStore (cf.kvs(), await exists/get, the serial with colons removed as the key) is documented. The trust store’s own OCSP check (UseClientCertificateOCSPEndpoint) is not emulated. The alert and the code for deny() are the sandbox’s choice, as for clientB.',
          ja: '接続関数と KeyValueStore による失効確認 (cf.kvs()、await exists/get、コロンを除いたシリアルをキーに) は AWS のドキュメントに記載されている。トラストストア自身の OCSP 確認 (UseClientCertificateOCSPEndpoint) はエミュレートしない。deny() のアラートとコードは clientB と同じくサンドボックスの選択。',
        },
        cite('aws-cf-kvs-revocation'),
        FUNCTIONS,
      ),
    ),
    admitted(
      'optional-no-certificate',
      optional,
      null,
      {
        headers: {
          'cloudfront-viewer-cert-present': '0',
          'cloudfront-viewer-cert-subject': null,
          'cloudfront-viewer-cert-serial-number': null,
          'client-cert': null,
        },
      },
      {
        en: 'Optional mode, no certificate: admitted. The connection function runs anyway (it logs NO-CERT and the client IP with logCustomData). The origin learns CloudFront-Viewer-Cert-Present: 0 and nothing else about a certificate — the subject the viewer forged (CN=admin) is dropped, so an origin that trusts the header cannot be fooled.',
        ja: 'オプションモードで証明書なし: 通る。接続関数はそれでも呼ばれる (logCustomData で NO-CERT とクライアント IP を記録する)。オリジンが知るのは CloudFront-Viewer-Cert-Present: 0 だけで、証明書については何も伝わらない — ビューワーが偽造したサブジェクト (CN=admin) は捨てられるので、ヘッダーを信じるオリジンもだまされない。',
      },
      assumed(
        {
          en: 'Admitting a viewer without a certificate, the connection function being called without one, and Present: 0 are documented. That the other CloudFront-Viewer-Cert-* headers are absent, and that a viewer’s own copies are dropped, are not: the sandbox sends only Present and drops the copies.',
          ja: '証明書なしのビューワーを通すこと、証明書なしでも接続関数が呼ばれること、Present: 0 は AWS のドキュメントに記載されている。他の CloudFront-Viewer-Cert-* ヘッダーが付かないこと、ビューワー自身の写しが捨てられることは記載がない。サンドボックスは Present だけを送り、写しは捨てる。',
        },
        MODES,
        HEADERS,
        FUNCTIONS,
      ),
      {
        headers: FORGED,
        connectionLog: { clientLeafCertSerialNumber: '-', connectionLogCustomData: 'NO-CERT:127.0.0.1' },
      },
    ),
    admitted(
      'optional-clienta-policy-without-pem',
      optional,
      'clientA',
      { headers: certHeaders('clientA', false) },
      {
        en: 'Optional mode with clientA: verified, and the origin gets the headers — but not CloudFront-Viewer-Cert-Pem, because this distribution’s origin request policy does not list it. CloudFront adds the headers; the policy decides which travel to the origin.',
        ja: 'オプションモードで clientA: 検証され、オリジンにヘッダーが届く — ただし CloudFront-Viewer-Cert-Pem は届かない。このディストリビューションのオリジンリクエストポリシーに載っていないからである。ヘッダーを付けるのは CloudFront、どれをオリジンへ運ぶかを決めるのはポリシーである。',
      },
      documented(cite('aws-cf-mtls-headers', 'Configure header forwarding'), MODES),
    ),
    refused(
      'optional-untrusted',
      optional,
      'untrusted',
      'unknown ca',
      'Failed:ClientCertUntrusted',
      {
        en: 'Optional is not "anything goes": a certificate that is presented must verify, so untrusted is refused.',
        ja: 'オプションモードは「何でも通す」わけではない: 提示された証明書は検証されるので、untrusted は拒否される。',
      },
      assumed(REFUSAL_WHY, MODES, LOGS),
    ),
    refused(
      'optional-connection-function-error',
      optional,
      'clientB',
      'internal error',
      'Failed:ConnectionFunctionError',
      {
        en: 'clientB passes the trust store, then this distribution’s connection function throws: an uncaught exception refuses the connection, logged as ConnectionFunctionError. A function that fails closes the door.',
        ja: 'clientB はトラストストアを通るが、このディストリビューションの接続関数が例外を投げる: 捕まらない例外は接続の拒否になり、ConnectionFunctionError と記録される。関数が失敗すれば、接続は通らない。',
      },
      assumed(
        {
          en: 'ConnectionFunctionError ("an uncaught exception was thrown during Connection Function execution") is documented as a connection failure code. What the viewer receives is not: the sandbox sends internal_error.',
          ja: 'ConnectionFunctionError (「接続関数の実行中に捕まらない例外が投げられた」) は接続失敗のコードとして AWS のドキュメントに記載されている。ビューワーが受け取るものは記載がなく、サンドボックスは internal_error を送る。',
        },
        LOGS,
        FUNCTIONS,
      ),
    ),
    admitted(
      'optional-expired-ignored',
      optional,
      'expired',
      { headers: { 'cloudfront-viewer-cert-validity': '{expired.validity}', 'cloudfront-viewer-cert-present': '1' } },
      {
        en: 'IgnoreCertificateExpiry is on here: the expired certificate from the trusted CA is admitted, and the origin sees its real (past) validity — the chain and signature are still checked.',
        ja: 'ここでは IgnoreCertificateExpiry がオン: 信頼された CA の期限切れ証明書は通り、オリジンには本当の (過去の) 有効期間が届く — チェーンと署名の確認は変わらない。',
      },
      documented(SETTINGS, HEADERS),
    ),
    admitted(
      'passthrough-untrusted-as-client-cert',
      passthrough,
      'untrusted',
      {
        headers: {
          'client-cert': '{untrusted.clientCert}',
          'client-cert-chain': null,
          'cloudfront-viewer-cert-subject': '{untrusted.subject}',
          'cloudfront-viewer-cert-present': '1',
        },
      },
      {
        en: 'Passthrough: no trust store, so even untrusted gets in (its key was proven in the handshake). The origin gets the certificate as Client-Cert, an RFC 9440 byte sequence (:base64 of the DER:), and no Client-Cert-Chain because only the leaf was sent; the Client-Cert the viewer forged is replaced. The origin must validate it.',
        ja: 'パススルーモード: トラストストアがないので untrusted でも通る (鍵の所持はハンドシェイクで証明済み)。オリジンには証明書が Client-Cert、RFC 9440 のバイト列 (:DER の base64:) として届き、リーフしか送られていないので Client-Cert-Chain はない。ビューワーが偽造した Client-Cert は置き換えられる。検証はオリジンの仕事。',
      },
      assumed(
        {
          en: 'Passthrough with no trust-store validation, Client-Cert (the leaf, base64) and Client-Cert-Chain (omitted for a lone leaf), and dropping the viewer’s copies are documented. The exact bytes are not shown: the helper page’s certHeader/certFooter default of ":" points to RFC 9440, which the sandbox follows.',
          ja: 'トラストストアで検証しないパススルーモード、Client-Cert (リーフの base64) と Client-Cert-Chain (リーフだけなら付かない)、ビューワーの写しを捨てることは AWS のドキュメントに記載されている。正確なバイト列は示されていない。ヘルパーのページにある certHeader/certFooter の既定値「:」が RFC 9440 を示しており、サンドボックスはそれに従う。',
        },
        MODES,
        RFC_9440,
      ),
      { headers: FORGED },
    ),
    admitted(
      'passthrough-chain',
      passthrough,
      'intermediateChain',
      {
        headers: {
          'client-cert': '{intermediateChain.clientCert}',
          'client-cert-chain': '{intermediateChain.clientCertChain}',
        },
      },
      {
        en: 'A leaf sent with its intermediate CA: Client-Cert is the leaf, Client-Cert-Chain the rest in the order sent, each an RFC 9440 byte sequence.',
        ja: 'リーフを中間 CA と一緒に送る: Client-Cert はリーフ、Client-Cert-Chain は残りを送った順に、それぞれ RFC 9440 のバイト列で。',
      },
      assumed(
        {
          en: 'Client-Cert-Chain as a structured-field list without the leaf, in the original order, is documented; the byte form is RFC 9440’s (see passthrough-untrusted-as-client-cert).',
          ja: 'リーフを除き、元の順序のままの構造化フィールドのリストとしての Client-Cert-Chain は AWS のドキュメントに記載されている。バイトの形は RFC 9440 のもの (passthrough-untrusted-as-client-cert を参照)。',
        },
        MODES,
        RFC_9440,
      ),
    ),
    admitted(
      'passthrough-no-certificate-forged-client-cert',
      passthrough,
      null,
      { headers: { 'client-cert': null, 'cloudfront-viewer-cert-present': '0' } },
      {
        en: 'Passthrough without a certificate, and a forged Client-Cert header: admitted, and the origin gets no Client-Cert at all — CloudFront drops the viewer’s copy before it adds the real one, and here there is none to add.',
        ja: 'パススルーモードで証明書なし、Client-Cert ヘッダーを偽造: 通るが、オリジンには Client-Cert が一切届かない — CloudFront は本物を付ける前にビューワーの写しを捨て、ここでは付けるものがない。',
      },
      documented(cite('aws-cf-mtls-modes', 'Passthrough mode: headers forwarded to origin')),
      { headers: FORGED },
    ),
  ],
  explain: {
    en: `What to notice:
- CloudFront decides during the TLS handshake, before any HTTP: a refused viewer gets no status code at all, and nothing reaches the origin. Under TLS 1.3 the refusal arrives after curl has finished its side of the handshake, so curl reports it while reading (CloudFront documents "a TLS connection error"; the alert names are the sandbox's choice).
- required: a trusted, valid certificate or nothing. optional: no certificate is fine (Present: 0), an invalid one is not. passthrough: no trust store at all — the origin gets the certificate as RFC 9440 Client-Cert / Client-Cert-Chain and must validate it itself.
- The connection function runs after the trust store, only for certificates that passed (or none, in optional and passthrough): it refused clientB, a certificate the trust store accepts, and revokedClient, whose serial its KeyValueStore lists — a CloudFront trust store has no CRL, so revocation lives there (or in OCSP). A function that throws refuses too (ConnectionFunctionError).
- The formats differ from the ALB's: the serial is colon-separated lowercase bytes (ALB: uppercase hex), the PEM header is CloudFront-Viewer-Cert-Pem, and the origin request policy decides which headers travel at all. An application moving from one to the other must change its parsing.
- A viewer cannot pass itself off: its own CloudFront-Viewer-Cert-* and Client-Cert headers never reach the origin as CloudFront's (documented for Client-Cert*, assumed for CloudFront-Viewer-Cert-*).
- Assumed where CloudFront is silent: the TLS alert per failure; ConnectionFunctionDenied (not ClientCertRejected) for deny(); only Present: 0 without a certificate; the PEM's "+", "/" and "=" percent-encoded; RFC 9440 bytes for Client-Cert; dropping forged CloudFront-Viewer-Cert-* headers; the KeyValueStore key as the serial without colons, in lowercase (the pages disagree).`,
    ja: `注目点:
- CloudFront は HTTP の前、TLS ハンドシェイクの間に判定する: 拒否されたビューワーにはステータスコードすら返らず、オリジンには何も届かない。TLS 1.3 では curl が自分の側のハンドシェイクを終えてから拒否が届くので、curl は読み取り中に報告する (CloudFront のドキュメントの記載は「TLS 接続エラー」で、アラート名はサンドボックスの選択である)。
- 必須モード: 信頼された有効な証明書か、接続なしか。オプションモード: 証明書なしはよく (Present: 0)、無効な証明書はだめ。パススルーモード: トラストストア自体がない — オリジンは証明書を RFC 9440 の Client-Cert / Client-Cert-Chain で受け取り、自分で検証しなければならない。
- 接続関数はトラストストアの後、通った証明書に対してだけ (オプションモードとパススルーモードでは証明書なしにも) 動く: トラストストアが受け入れる clientB と、KeyValueStore にシリアルが載っている revokedClient を拒否した — CloudFront のトラストストアは CRL を持たないので、失効確認はそこ (または OCSP) で行う。例外を投げる関数も拒否になる (ConnectionFunctionError)。
- 形式は ALB と違う: シリアルはコロン区切りの小文字のバイト列 (ALB は大文字の 16 進)、PEM のヘッダーは CloudFront-Viewer-Cert-Pem、そしてどのヘッダーを運ぶかはオリジンリクエストポリシーが決める。片方からもう片方へ移るアプリケーションは解析を変える必要がある。
- ビューワーはなりすませない: 自分で付けた CloudFront-Viewer-Cert-* と Client-Cert が CloudFront のものとしてオリジンに届くことはない (Client-Cert* は AWS のドキュメントに記載あり、CloudFront-Viewer-Cert-* は仮定)。
- CloudFront のドキュメントに記載がないための仮定: 失敗ごとの TLS アラート、deny() に ClientCertRejected ではなく ConnectionFunctionDenied、証明書なしでは Present: 0 だけ、PEM の「+」「/」「=」のパーセントエンコード、Client-Cert の RFC 9440 のバイト列、偽造された CloudFront-Viewer-Cert-* の破棄、KeyValueStore のキーはコロンを除いた小文字のシリアル (ページによって食い違う)。`,
  },
});
