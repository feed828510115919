// RFC 2253 strings for X.509 names, as the ALB puts them in X-Amzn-Mtls-Clientcert-Subject/-Issuer (ELB "Mutual
// authentication with TLS": "an RFC2253 string representation of the ... distinguished name") and as
// `openssl x509 -nameopt RFC2253` prints them: most specific RDN first, ',' between RDNs, '+' inside a
// multi-valued RDN, OpenSSL short attribute names, RFC 2253 escaping, bytes above 0x7F as \XX, unknown attribute
// types as dotted OID=#hex-of-DER. Seed 004 shows the real header value
// "CN=clientA,OU=example.org.unit,O=example.org,L=Default City,ST=Osaka,C=JP".
// Node's X509Certificate.subject is the reverse order with "\n" separators, so it cannot be used as is.
import { children, content, decodeOid, DerError, type DerNode, encoded, expectTag, readRoot, TAG } from './der.js';

/** OpenSSL short names (objects.txt) for the attribute types seen in certificate names. */
const SHORT_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'street',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'title',
  '2.5.4.13': 'description',
  '2.5.4.15': 'businessCategory',
  '2.5.4.16': 'postalAddress',
  '2.5.4.17': 'postalCode',
  '2.5.4.18': 'postOfficeBox',
  '2.5.4.41': 'name',
  '2.5.4.42': 'GN',
  '2.5.4.43': 'initials',
  '2.5.4.44': 'generationQualifier',
  '2.5.4.45': 'x500UniqueIdentifier',
  '2.5.4.46': 'dnQualifier',
  '2.5.4.65': 'pseudonym',
  '2.5.4.72': 'role',
  '2.5.4.97': 'organizationIdentifier',
  '0.9.2342.19200300.100.1.1': 'UID',
  '0.9.2342.19200300.100.1.25': 'DC',
  '1.2.840.113549.1.9.1': 'emailAddress',
  '1.2.840.113549.1.9.2': 'unstructuredName',
  '1.3.6.1.4.1.311.60.2.1.1': 'jurisdictionL',
  '1.3.6.1.4.1.311.60.2.1.2': 'jurisdictionST',
  '1.3.6.1.4.1.311.60.2.1.3': 'jurisdictionC',
};

const HEX = (b: number) => `\\${b.toString(16).toUpperCase().padStart(2, '0')}`;
const BACKSLASH_ESCAPED = new Set([',', '+', '"', '\\', '<', '>', ';']);

/** Decodes a directory string to UTF-8 bytes, or returns null for types OpenSSL dumps as hex. */
export function directoryStringBytes(node: DerNode): Buffer | null {
  const raw = content(node);
  switch (node.tag) {
    case TAG.UTF8String:
      return raw;
    case TAG.PrintableString:
    case TAG.IA5String:
    case TAG.VisibleString:
    case TAG.NumericString:
    case TAG.TeletexString: // OpenSSL reads T61String as Latin-1
      return Buffer.from(raw.toString('latin1'), 'utf8');
    case TAG.BMPString: {
      if (raw.length % 2) throw new DerError('odd-length BMPString');
      let s = '';
      for (let i = 0; i < raw.length; i += 2) s += String.fromCharCode(raw.readUInt16BE(i));
      return Buffer.from(s, 'utf8');
    }
    case TAG.UniversalString: {
      if (raw.length % 4) throw new DerError('UniversalString length is not a multiple of 4');
      let s = '';
      for (let i = 0; i < raw.length; i += 4) s += String.fromCodePoint(raw.readUInt32BE(i));
      return Buffer.from(s, 'utf8');
    }
    default:
      return null;
  }
}

/** RFC 2253 escaping of one attribute value, byte by byte, as OpenSSL's ASN1_STRFLGS_RFC2253 does it. */
export function escapeRfc2253Value(bytes: Buffer): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b > 0x7f || b < 0x20 || b === 0x7f) {
      out += HEX(b);
      continue;
    }
    const ch = String.fromCharCode(b);
    if (BACKSLASH_ESCAPED.has(ch)) out += `\\${ch}`;
    else if (i === 0 && (ch === '#' || ch === ' ')) out += `\\${ch}`;
    else if (i === bytes.length - 1 && ch === ' ') out += '\\ ';
    else out += ch;
  }
  return out;
}

export interface NameAttribute {
  oid: string;
  /** Short name, or the dotted OID for types OpenSSL does not know. */
  type: string;
  /** The escaped RFC 2253 value (already `#hex` for dumped values). */
  value: string;
  /** Index of the RDN (SET) the attribute belongs to, in DER order. */
  rdn: number;
}

/** The attributes of a Name (DER SEQUENCE OF SET OF AttributeTypeAndValue) in DER order. */
export function nameAttributes(name: DerNode): NameAttribute[] {
  const attrs: NameAttribute[] = [];
  expectTag(name, TAG.SEQUENCE, 'Name');
  children(name).forEach((set, rdn) => {
    expectTag(set, TAG.SET, 'RelativeDistinguishedName');
    for (const atv of children(set)) {
      const [typeNode, valueNode] = children(expectTag(atv, TAG.SEQUENCE, 'AttributeTypeAndValue'));
      if (!valueNode) throw new DerError('attribute without a value');
      const oid = decodeOid(typeNode!);
      const short = SHORT_NAMES[oid];
      const bytes = short ? directoryStringBytes(valueNode) : null;
      const value = bytes ? escapeRfc2253Value(bytes) : `#${encoded(valueNode).toString('hex').toUpperCase()}`;
      attrs.push({ oid, type: short ?? oid, value, rdn });
    }
  });
  return attrs;
}

/** RFC 2253 string of a DER-encoded Name (node or bytes). */
export function formatRfc2253(name: DerNode | Buffer): string {
  const node = Buffer.isBuffer(name) ? readRoot(name) : name;
  const attrs = nameAttributes(node).reverse();
  let out = '';
  attrs.forEach((a, i) => {
    if (i > 0) out += attrs[i - 1]!.rdn === a.rdn ? '+' : ',';
    out += `${a.type}=${a.value}`;
  });
  return out;
}
