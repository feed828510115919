// The plain-text description of a made PKI, what `mtls-sandbox certs` prints: from the Pki record alone
// (and the clock, to say what has expired).
import path from 'node:path';
import { CA_DATABASE, CONFIG_FILE, WORKLOAD_CA_DATABASE, WORKLOAD_SPIFFE_ID } from './recipes.js';
import type { KeyPair, Pki } from './types.js';

/** The plain-text listing `mtls-sandbox certs` prints: files with their roles, then the commands. */
export function describePki(pki: Pki): string {
  const rel = (file: string) => path.relative(pki.dir, file) || file;
  const certLine = (pair: KeyPair, role: string) => {
    const expired = Date.parse(pair.notAfter) < Date.now();
    const validity = expired ? `expired ${pair.notAfter}` : `valid until ${pair.notAfter}`;
    return [
      `  ${rel(pair.cert)}`,
      // An X509-SVID has no subject at all: say so rather than print nothing.
      `      ${role} — ${pair.subject || '(empty subject)'}; serial ${pair.serial}; ${validity}`,
      `  ${rel(pair.key)}`,
      `      its private key (mode 0600)`,
    ];
  };
  const chainLine = (pair: KeyPair, role: string) => [
    `  ${rel(pair.cert)}`,
    `      ${role} — leaf ${pair.subject}; serial ${pair.serial}; key ${rel(pair.key)}`,
  ];
  const { clients } = pki;
  const lines = [
    `Sandbox PKI in ${pki.dir}`,
    '',
    'Files:',
    ...certLine(pki.ca, 'privateCA root CA certificate (the CA the targets trust)'),
    ...certLine(pki.server, 'server certificate for localhost (SANs DNS:localhost, IP:127.0.0.1), signed by privateCA'),
    ...certLine(clients.clientA, 'clientA certificate, signed by privateCA'),
    ...certLine(clients.clientB, 'clientB certificate, signed by privateCA'),
    ...certLine(clients.expired, 'expired client certificate, signed by privateCA'),
    ...certLine(clients.revoked, `revoked client certificate, signed by privateCA, listed in ${rel(pki.crl)}`),
    ...certLine(pki.untrustedCa, 'untrustedCA certificate (a CA nobody trusts by default)'),
    ...certLine(clients.untrusted, 'untrusted client certificate, signed by untrustedCA'),
    `  ${rel(pki.crl)}`,
    `      CRL of privateCA (PEM) listing the revoked certificates, serials ${clients.revoked.serial} and ${clients.revokedBilling.serial}`,
    `  ${rel(pki.clientAP12.file)}`,
    `      PKCS#12 of clientA certificate + key + privateCA, password "${pki.clientAP12.password}"`,
    '',
    'Certificate cases (chains, dates, purpose, version, signature, key size, CRLs):',
    ...certLine(pki.intermediateCa, 'intermediateCA, an intermediate CA signed by privateCA'),
    ...pki.chainCas.flatMap((ca, i) =>
      certLine(ca, `chainCA${i + 2}, an intermediate CA signed by ${i === 0 ? 'intermediateCA' : `chainCA${i + 1}`}`),
    ),
    ...certLine(pki.expiredIntermediateCa, 'expiredIntermediateCA, an intermediate CA of privateCA that has expired'),
    ...certLine(clients.intermediateLeaf, 'intermediateClient certificate, signed by intermediateCA'),
    ...chainLine(clients.intermediateChain, 'intermediateClient followed by intermediateCA (what curl --cert sends)'),
    ...chainLine(
      clients.intermediateChainUnordered,
      'intermediateClient, then privateCA, then intermediateCA (out of order)',
    ),
    ...chainLine(clients.deepChain, 'deepClient and chainCA4, chainCA3, chainCA2, intermediateCA: 5 certificates'),
    ...chainLine(clients.deepChain4, 'deepClient and chainCA4, chainCA3, chainCA2: 4 certificates'),
    ...chainLine(clients.expiredIntermediateChain, 'a valid leaf followed by expiredIntermediateCA, which signed it'),
    ...certLine(clients.notYetValid, 'client certificate valid only from 2099, signed by privateCA'),
    ...certLine(clients.wrongPurpose, 'client certificate whose extended key usage is serverAuth only'),
    ...certLine(clients.v1, 'X.509 version 1 client certificate (no extensions), signed by privateCA'),
    ...certLine(clients.sha1, 'client certificate signed with SHA-1 by privateCA'),
    ...certLine(clients.rsa1024, 'client certificate with a 1024-bit RSA key, signed by privateCA'),
    `  ${rel(pki.expiredCrl)}`,
    '      CRL of privateCA whose nextUpdate passed in 2020 (an expired CRL)',
    `  ${rel(pki.untrustedCrl)}`,
    '      CRL signed by untrustedCA (a CRL no CA of privateCA issued)',
    '',
    'NLB identity filter cases (SAN URIs and DNS names, OUs, case):',
    ...certLine(clients.spiffeBilling, 'SAN URI spiffe://example.org/ns/prod/sa/billing (a SPIFFE ID)'),
    ...certLine(clients.spiffeStaging, 'SAN URI spiffe://example.org/ns/staging/sa/billing (another namespace)'),
    ...certLine(
      clients.spiffeMixedCase,
      'SAN URI SPIFFE://Example.ORG/ns/prod/sa/billing (scheme and host in capitals)',
    ),
    ...certLine(clients.spiffePathCase, 'SAN URI spiffe://example.org/NS/prod/sa/billing (the path in capitals)'),
    ...certLine(clients.partnerDns, 'SAN DNS www.partner.example.com and API.Partner.Example.com'),
    ...certLine(clients.lookalikeDns, 'SAN DNS api.partner.example.com.attacker.test (a look-alike)'),
    ...certLine(clients.ouPayments, 'two OUs, example.org.unit and Payments'),
    ...certLine(clients.opsConsole, 'CN=OPS-Console (a filter value in other case)'),
    ...certLine(clients.noSanBilling, 'CN=billing without any subject alternative name'),
    ...certLine(
      clients.revokedBilling,
      `SAN URI spiffe://example.org/ns/prod/sa/billing-old, revoked: listed in ${rel(pki.crl)}`,
    ),
    ...certLine(clients.impostorBilling, "signed by untrustedCA, with spiffeBilling's SPIFFE ID"),
    '',
    'A workload certificate as STS issues it (X509-SVID), and origin mTLS:',
    ...certLine(pki.workloadCa, 'workloadCA, standing in for the AWS Private CA of a workload identity provider'),
    ...certLine(
      clients.workload,
      `SAN URI ${WORKLOAD_SPIFFE_ID} (critical) and nothing else; clientAuth and serverAuth; 12 hours, signed by workloadCA`,
    ),
    ...certLine(pki.originClientCa, 'originClientCA, the CA of the certificate CloudFront presents to an origin'),
    ...certLine(
      clients.cloudfrontOrigin,
      'what CloudFront presents to its origin (origin mTLS), signed by originClientCA',
    ),
    '',
    `Commands that made them (run from ${pki.dir}; they use ${CONFIG_FILE} and the openssl ca databases ${CA_DATABASE} and ${WORKLOAD_CA_DATABASE} there):`,
    ...pki.commands.flatMap((c) => [`  # ${c.purpose}`, `  ${c.command}`]),
  ];
  return `${lines.join('\n')}\n`;
}
