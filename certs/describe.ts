// The plain-text description of a made PKI, what `mtls-sandbox certs` prints: from the Pki record alone
// (and the clock, to say what has expired).
import path from 'node:path';
import { CA_DATABASE, CONFIG_FILE, WORKLOAD_CA_DATABASE, WORKLOAD_SPIFFE_ID } from './recipes.js';
import type { KeyPair, Pki } from './types.js';

type Lang = 'en' | 'ja';

/** A role in both languages: "clientA certificate, signed by privateCA". */
type Role = { en: string; ja: string };

/** The plain-text listing `mtls-sandbox certs` prints: files with their roles, then the commands. */
export function describePki(pki: Pki, lang: Lang = 'en'): string {
  const ja = lang === 'ja';
  const rel = (file: string) => path.relative(pki.dir, file) || file;
  const certLine = (pair: KeyPair, role: Role) => {
    const expired = Date.parse(pair.notAfter) < Date.now();
    const validity = ja
      ? expired
        ? `${pair.notAfter} に期限切れ`
        : `${pair.notAfter} まで有効`
      : expired
        ? `expired ${pair.notAfter}`
        : `valid until ${pair.notAfter}`;
    return [
      `  ${rel(pair.cert)}`,
      // An X509-SVID has no subject at all: say so rather than print nothing.
      ja
        ? `      ${role.ja} — ${pair.subject || '(空のサブジェクト)'}、シリアル ${pair.serial}、${validity}`
        : `      ${role.en} — ${pair.subject || '(empty subject)'}; serial ${pair.serial}; ${validity}`,
      `  ${rel(pair.key)}`,
      ja ? '      その秘密鍵 (モード 0600)' : `      its private key (mode 0600)`,
    ];
  };
  const chainLine = (pair: KeyPair, role: Role) => [
    `  ${rel(pair.cert)}`,
    ja
      ? `      ${role.ja} — リーフ ${pair.subject}、シリアル ${pair.serial}、鍵 ${rel(pair.key)}`
      : `      ${role.en} — leaf ${pair.subject}; serial ${pair.serial}; key ${rel(pair.key)}`,
  ];
  const { clients } = pki;
  const r = (en: string, ja: string): Role => ({ en, ja });
  const lines = [
    ja ? `サンドボックスの PKI (${pki.dir})` : `Sandbox PKI in ${pki.dir}`,
    '',
    ja ? 'ファイル:' : 'Files:',
    ...certLine(
      pki.ca,
      r(
        'privateCA root CA certificate (the CA the targets trust)',
        'privateCA のルート CA 証明書 (ターゲットが信頼する CA)',
      ),
    ),
    ...certLine(
      pki.server,
      r(
        'server certificate for localhost (SANs DNS:localhost, IP:127.0.0.1), signed by privateCA',
        'localhost のサーバー証明書 (SAN は DNS:localhost と IP:127.0.0.1)、privateCA が署名',
      ),
    ),
    ...certLine(clients.clientA, r('clientA certificate, signed by privateCA', 'clientA の証明書、privateCA が署名')),
    ...certLine(clients.clientB, r('clientB certificate, signed by privateCA', 'clientB の証明書、privateCA が署名')),
    ...certLine(
      clients.expired,
      r('expired client certificate, signed by privateCA', '期限切れのクライアント証明書、privateCA が署名'),
    ),
    ...certLine(
      clients.revoked,
      r(
        `revoked client certificate, signed by privateCA, listed in ${rel(pki.crl)}`,
        `失効したクライアント証明書、privateCA が署名、${rel(pki.crl)} に記載`,
      ),
    ),
    ...certLine(
      pki.untrustedCa,
      r(
        'untrustedCA certificate (a CA nobody trusts by default)',
        'untrustedCA の証明書 (既定ではどこからも信頼されない CA)',
      ),
    ),
    ...certLine(
      clients.untrusted,
      r('untrusted client certificate, signed by untrustedCA', '信頼されないクライアント証明書、untrustedCA が署名'),
    ),
    `  ${rel(pki.crl)}`,
    ja
      ? `      privateCA の CRL (PEM)。失効した証明書 (シリアル ${clients.revoked.serial} と ${clients.revokedBilling.serial}) を記載`
      : `      CRL of privateCA (PEM) listing the revoked certificates, serials ${clients.revoked.serial} and ${clients.revokedBilling.serial}`,
    `  ${rel(pki.clientAP12.file)}`,
    ja
      ? `      clientA の証明書 + 鍵 + privateCA の PKCS#12、パスワード "${pki.clientAP12.password}"`
      : `      PKCS#12 of clientA certificate + key + privateCA, password "${pki.clientAP12.password}"`,
    '',
    ja
      ? '証明書の境界ケース (チェーン、有効期間、用途、バージョン、署名、鍵長、CRL):'
      : 'Certificate cases (chains, dates, purpose, version, signature, key size, CRLs):',
    ...certLine(
      pki.intermediateCa,
      r('intermediateCA, an intermediate CA signed by privateCA', 'intermediateCA: privateCA が署名した中間 CA'),
    ),
    ...pki.chainCas.flatMap((ca, i) => {
      const signer = i === 0 ? 'intermediateCA' : `chainCA${i + 1}`;
      return certLine(
        ca,
        r(`chainCA${i + 2}, an intermediate CA signed by ${signer}`, `chainCA${i + 2}: ${signer} が署名した中間 CA`),
      );
    }),
    ...certLine(
      pki.expiredIntermediateCa,
      r(
        'expiredIntermediateCA, an intermediate CA of privateCA that has expired',
        'expiredIntermediateCA: 期限切れになった privateCA の中間 CA',
      ),
    ),
    ...certLine(
      clients.intermediateLeaf,
      r(
        'intermediateClient certificate, signed by intermediateCA',
        'intermediateClient の証明書、intermediateCA が署名',
      ),
    ),
    ...chainLine(
      clients.intermediateChain,
      r(
        'intermediateClient followed by intermediateCA (what curl --cert sends)',
        'intermediateClient の後に intermediateCA (curl --cert が送るもの)',
      ),
    ),
    ...chainLine(
      clients.intermediateChainUnordered,
      r(
        'intermediateClient, then privateCA, then intermediateCA (out of order)',
        'intermediateClient、privateCA、intermediateCA の順 (順序違い)',
      ),
    ),
    ...chainLine(
      clients.deepChain,
      r(
        'deepClient and chainCA4, chainCA3, chainCA2, intermediateCA: 5 certificates',
        'deepClient と chainCA4、chainCA3、chainCA2、intermediateCA: 5 枚',
      ),
    ),
    ...chainLine(
      clients.deepChain4,
      r(
        'deepClient and chainCA4, chainCA3, chainCA2: 4 certificates',
        'deepClient と chainCA4、chainCA3、chainCA2: 4 枚',
      ),
    ),
    ...chainLine(
      clients.expiredIntermediateChain,
      r(
        'a valid leaf followed by expiredIntermediateCA, which signed it',
        '有効なリーフの後に、それに署名した expiredIntermediateCA',
      ),
    ),
    ...certLine(
      clients.notYetValid,
      r(
        'client certificate valid only from 2099, signed by privateCA',
        '2099 年からしか有効でない (有効期間開始前の) クライアント証明書、privateCA が署名',
      ),
    ),
    ...certLine(
      clients.wrongPurpose,
      r(
        'client certificate whose extended key usage is serverAuth only',
        '拡張キー用途が serverAuth だけのクライアント証明書',
      ),
    ),
    ...certLine(
      clients.v1,
      r(
        'X.509 version 1 client certificate (no extensions), signed by privateCA',
        'X.509 バージョン 1 のクライアント証明書 (拡張なし)、privateCA が署名',
      ),
    ),
    ...certLine(
      clients.sha1,
      r('client certificate signed with SHA-1 by privateCA', 'privateCA が SHA-1 で署名したクライアント証明書'),
    ),
    ...certLine(
      clients.rsa1024,
      r(
        'client certificate with a 1024-bit RSA key, signed by privateCA',
        '1024 ビット RSA 鍵のクライアント証明書、privateCA が署名',
      ),
    ),
    `  ${rel(pki.expiredCrl)}`,
    ja
      ? '      nextUpdate が 2020 年に過ぎた privateCA の CRL (期限切れの CRL)'
      : '      CRL of privateCA whose nextUpdate passed in 2020 (an expired CRL)',
    `  ${rel(pki.untrustedCrl)}`,
    ja
      ? '      untrustedCA が署名した CRL (privateCA 系のどの CA も発行していない CRL)'
      : '      CRL signed by untrustedCA (a CRL no CA of privateCA issued)',
    '',
    ja
      ? 'NLB の ID フィルターのケース (SAN の URI と DNS 名、OU、大文字小文字):'
      : 'NLB identity filter cases (SAN URIs and DNS names, OUs, case):',
    ...certLine(
      clients.spiffeBilling,
      r(
        'SAN URI spiffe://example.org/ns/prod/sa/billing (a SPIFFE ID)',
        'SAN の URI spiffe://example.org/ns/prod/sa/billing (SPIFFE ID)',
      ),
    ),
    ...certLine(
      clients.spiffeStaging,
      r(
        'SAN URI spiffe://example.org/ns/staging/sa/billing (another namespace)',
        'SAN の URI spiffe://example.org/ns/staging/sa/billing (別の名前空間)',
      ),
    ),
    ...certLine(
      clients.spiffeMixedCase,
      r(
        'SAN URI SPIFFE://Example.ORG/ns/prod/sa/billing (scheme and host in capitals)',
        'SAN の URI SPIFFE://Example.ORG/ns/prod/sa/billing (スキームとホストが大文字)',
      ),
    ),
    ...certLine(
      clients.spiffePathCase,
      r(
        'SAN URI spiffe://example.org/NS/prod/sa/billing (the path in capitals)',
        'SAN の URI spiffe://example.org/NS/prod/sa/billing (パスが大文字)',
      ),
    ),
    ...certLine(
      clients.partnerDns,
      r(
        'SAN DNS www.partner.example.com and API.Partner.Example.com',
        'SAN の DNS 名 www.partner.example.com と API.Partner.Example.com',
      ),
    ),
    ...certLine(
      clients.lookalikeDns,
      r(
        'SAN DNS api.partner.example.com.attacker.test (a look-alike)',
        'SAN の DNS 名 api.partner.example.com.attacker.test (よく似た偽物)',
      ),
    ),
    ...certLine(
      clients.ouPayments,
      r('two OUs, example.org.unit and Payments', 'OU が 2 つ (example.org.unit と Payments)'),
    ),
    ...certLine(
      clients.opsConsole,
      r('CN=OPS-Console (a filter value in other case)', 'CN=OPS-Console (フィルターの値と大文字小文字が違う)'),
    ),
    ...certLine(
      clients.noSanBilling,
      r('CN=billing without any subject alternative name', 'CN=billing で、サブジェクト代替名 (SAN) がない'),
    ),
    ...certLine(
      clients.revokedBilling,
      r(
        `SAN URI spiffe://example.org/ns/prod/sa/billing-old, revoked: listed in ${rel(pki.crl)}`,
        `SAN の URI spiffe://example.org/ns/prod/sa/billing-old、失効済み: ${rel(pki.crl)} に記載`,
      ),
    ),
    ...certLine(
      clients.impostorBilling,
      r(
        "signed by untrustedCA, with spiffeBilling's SPIFFE ID",
        'untrustedCA が署名し、spiffeBilling と同じ SPIFFE ID を持つ',
      ),
    ),
    '',
    ja
      ? 'STS が発行する形のワークロード証明書 (X509-SVID) とオリジン mTLS:'
      : 'A workload certificate as STS issues it (X509-SVID), and origin mTLS:',
    ...certLine(
      pki.workloadCa,
      r(
        'workloadCA, standing in for the AWS Private CA of a workload identity provider',
        'workloadCA (ワークロード ID プロバイダーの AWS Private CA の代わり)',
      ),
    ),
    ...certLine(
      clients.workload,
      r(
        `SAN URI ${WORKLOAD_SPIFFE_ID} (critical) and nothing else; clientAuth and serverAuth; 12 hours, signed by workloadCA`,
        `SAN URI ${WORKLOAD_SPIFFE_ID} (critical) のみ。clientAuth と serverAuth。有効期間 12 時間、workloadCA が署名`,
      ),
    ),
    ...certLine(
      pki.originClientCa,
      r(
        'originClientCA, the CA of the certificate CloudFront presents to an origin',
        'originClientCA (CloudFront がオリジンに提示する証明書の CA)',
      ),
    ),
    ...certLine(
      clients.cloudfrontOrigin,
      r(
        'what CloudFront presents to its origin (origin mTLS), signed by originClientCA',
        'CloudFront がオリジンに提示する証明書 (オリジン mTLS)。originClientCA が署名',
      ),
    ),
    '',
    ja
      ? `これらを作ったコマンド (${pki.dir} で実行。同じ場所の ${CONFIG_FILE} と openssl ca のデータベース ${CA_DATABASE}、${WORKLOAD_CA_DATABASE} を使う。各コマンドの上のコメントは記録どおりの英語):`
      : `Commands that made them (run from ${pki.dir}; they use ${CONFIG_FILE} and the openssl ca databases ${CA_DATABASE} and ${WORKLOAD_CA_DATABASE} there):`,
    ...pki.commands.flatMap((c) => [`  # ${c.purpose}`, `  ${c.command}`]),
  ];
  return `${lines.join('\n')}\n`;
}
