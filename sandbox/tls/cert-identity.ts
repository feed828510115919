// The identities an NLB's client certificate identity filters look at (ELB "Client certificate identity filters":
// subject-cn, subject-ou, san-dns, san-uri), read straight from the certificate's DER. Each field may hold several
// values (two OUs, several SAN entries) or none (no SAN extension, no OU in the subject). Pure.
import { certDer, type CertInput } from './cert-fields.js';
import { children, content, decodeOid, type DerNode, expectTag, readRoot, TAG } from './der.js';
import { directoryStringBytes } from './dn.js';

export interface CertIdentity {
  /** Every commonName attribute of the subject, as its text (no RFC 2253 escaping). */
  subjectCn: string[];
  /** Every organizationalUnitName attribute of the subject. */
  subjectOu: string[];
  /** dNSName entries of the subject alternative name extension. */
  sanDns: string[];
  /** uniformResourceIdentifier entries of the subject alternative name extension. */
  sanUri: string[];
}

const OID = { cn: '2.5.4.3', ou: '2.5.4.11', subjectAltName: '2.5.29.17' } as const;
/** GeneralName context tags (RFC 5280 §4.2.1.6): [2] dNSName and [6] uniformResourceIdentifier, both IA5String. */
const GENERAL_NAME = { dns: 0x82, uri: 0x86 } as const;

function subjectValues(subject: DerNode, oid: string): string[] {
  const out: string[] = [];
  for (const set of children(expectTag(subject, TAG.SEQUENCE, 'subject'))) {
    for (const atv of children(expectTag(set, TAG.SET, 'RelativeDistinguishedName'))) {
      const [type, value] = children(expectTag(atv, TAG.SEQUENCE, 'AttributeTypeAndValue'));
      if (!type || !value || decodeOid(type) !== oid) continue;
      const bytes = directoryStringBytes(value);
      if (bytes) out.push(bytes.toString('utf8'));
    }
  }
  return out;
}

/** The subjectAltName extension's GeneralNames, or null when the certificate has none. */
function subjectAltNames(tbsFields: DerNode[]): DerNode[] | null {
  const extensions = tbsFields.find((node) => node.tag === 0xa3); // [3] EXPLICIT Extensions (X.509 v3)
  if (!extensions) return null;
  for (const extension of children(expectTag(children(extensions)[0], TAG.SEQUENCE, 'Extensions'))) {
    const parts = children(expectTag(extension, TAG.SEQUENCE, 'Extension'));
    if (decodeOid(parts[0]!) !== OID.subjectAltName) continue;
    const value = parts[parts.length - 1]!;
    return children(
      expectTag(readRoot(content(expectTag(value, TAG.OCTET_STRING, 'extnValue'))), TAG.SEQUENCE, 'GeneralNames'),
    );
  }
  return null;
}

export function readCertIdentity(input: CertInput): CertIdentity {
  const der = certDer(input);
  const tbs = children(
    expectTag(children(expectTag(readRoot(der), TAG.SEQUENCE, 'Certificate'))[0], TAG.SEQUENCE, 'TBSCertificate'),
  );
  // version [0] is optional; subject is the sixth field with it (serial, signature, issuer, validity, subject).
  const subject = tbs[tbs[0]?.tag === 0xa0 ? 5 : 4];
  const names = subjectAltNames(tbs) ?? [];
  const ia5 = (tag: number) => names.filter((name) => name.tag === tag).map((name) => content(name).toString('latin1'));
  return {
    subjectCn: subject ? subjectValues(subject, OID.cn) : [],
    subjectOu: subject ? subjectValues(subject, OID.ou) : [],
    sanDns: ia5(GENERAL_NAME.dns),
    sanUri: ia5(GENERAL_NAME.uri),
  };
}
