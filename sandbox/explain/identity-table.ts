// "What the target learns": for each front door a scenario names, the identity fields its target received (request
// headers, or the target's own TLS session), how each value is written, and whether a client could write the door's
// identity header itself. Pure: built from the probes' records, so every renderer shows the same table.
import type { IdentityDoor } from '../scenario.js';
import type {
  ForgeryCheck,
  IdentityField,
  IdentityFormat,
  IdentityRow,
  IdentityTable,
  ProbeReport,
} from '../report.js';
import { type Lang, pick } from '../text.js';
import { GROUPS } from '../model/tls-groups.js';

/** The identity headers of the front doors the sandbox has (ALB mTLS and TLS; CloudFront's viewer mTLS). */
const IDENTITY_HEADER_PREFIXES = ['x-amzn-mtls-', 'x-amzn-tls-', 'cloudfront-viewer-cert-', 'client-cert'];

/** nginx's client-certificate variables: what a target that ends TLS itself knows, in this order. */
const CLIENT_TLS_VARIABLES = ['ssl_client_verify', 'ssl_client_s_dn', 'ssl_client_i_dn', 'ssl_client_serial'];
/** The TLS session's own variables: about the client only when the client's TLS ends at the target. */
const SESSION_TLS_VARIABLES = ['ssl_protocol', 'ssl_cipher'];

/** How a value is written (see IdentityFormat), judged from the value and the name it came under. */
export function identityFormat(name: string, value: string): IdentityFormat {
  const lower = name.toLowerCase();
  if (/^-----BEGIN%20CERTIFICATE-----/.test(value)) return 'pem-url-encoded';
  if (/^:[A-Za-z0-9+/=]+:(\s*,\s*:[A-Za-z0-9+/=]+:)*$/.test(value)) return 'sf-binary';
  if (/^NotBefore=[^;]+;NotAfter=/.test(value)) return 'validity';
  if (lower === 'ssl_client_verify' || /^(SUCCESS|NONE|FAILED(:.*)?)$/.test(value)) return 'verify-result';
  if (/^(TLSv1(\.[0-3])?|SSLv3)$/.test(value)) return 'tls-version';
  if (/cipher/.test(lower)) return 'cipher';
  if (/-kx$/.test(lower) || value in GROUPS) return 'tls-group';
  if (/^[A-Za-z]+=[^,]*(,[A-Za-z]+=[^,]*)+$/.test(value) && !value.includes(', ')) return 'dn-rfc2253';
  if (/^[0-9a-f]{2}(:[0-9a-f]{2})+$/.test(value)) return 'hex-colon-lower';
  // A flag such as CloudFront-Viewer-Cert-Present (0 or 1) is no hexadecimal number.
  if (/-present$/.test(lower)) return 'text';
  if (/^[0-9A-F]+$/.test(value) && (/[A-F]/.test(value) || /serial/.test(lower))) return 'hex-upper';
  if (/^[0-9a-f]+$/.test(value)) return 'hex-lower';
  return 'text';
}

function isIdentityHeader(name: string, prefixes: readonly string[]): boolean {
  return [...IDENTITY_HEADER_PREFIXES, ...prefixes].some((prefix) => name.startsWith(prefix));
}

/** The identity fields a probe's target received, headers first as they arrived, then its TLS variables. */
export function identityFields(probe: ProbeReport, headerPrefixes: readonly string[] = []): IdentityField[] {
  const target = probe.target;
  if (!target) return [];
  const headers: IdentityField[] = Object.entries(target.receivedHeaders)
    .filter(([name]) => isIdentityHeader(name.toLowerCase(), headerPrefixes))
    .map(([name, value]) => ({
      source: 'header',
      name: name.toLowerCase(),
      value,
      format: identityFormat(name, value),
    }));
  const ownSession = probe.verifiedBy === 'nginx' || probe.verifiedBy === 'target';
  const variables = [...CLIENT_TLS_VARIABLES, ...(ownSession ? SESSION_TLS_VARIABLES : [])];
  const tls: IdentityField[] = variables.flatMap((name) => {
    const value = target.details[name];
    if (value === undefined || value === '' || value === '-') return [];
    return [{ source: 'tls' as const, name, value, format: identityFormat(name, value) }];
  });
  return [...headers, ...tls];
}

/** What became of the identity header a client wrote itself. */
export function forgeryCheck(probe: ProbeReport, header: string, sent: string): ForgeryCheck {
  const base = { probe: probe.name, header, sent };
  if (!probe.target) return { ...base, result: 'no-target', received: null };
  const received = Object.entries(probe.target.receivedHeaders).find(
    ([name]) => name.toLowerCase() === header.toLowerCase(),
  )?.[1];
  if (received === undefined) return { ...base, result: 'dropped', received: null };
  return { ...base, result: received === sent ? 'as-sent' : 'replaced', received };
}

/** The table: one row per door, in the scenario's order. A door naming a probe that did not run is left out. */
export function buildIdentityTable(
  doors: readonly IdentityDoor[],
  probes: readonly ProbeReport[],
  sentHeaders: (probe: string) => Record<string, string>,
  lang: Lang,
): IdentityTable {
  const byName = new Map(probes.map((probe) => [probe.name, probe]));
  const rows: IdentityRow[] = doors.flatMap((door) => {
    const probe = byName.get(door.probe);
    if (!probe || probe.skipped) return [];
    const spoof = door.forgery ? byName.get(door.forgery.probe) : undefined;
    const sent = door.forgery
      ? Object.entries(sentHeaders(door.forgery.probe)).find(
          ([name]) => name.toLowerCase() === door.forgery!.header.toLowerCase(),
        )?.[1]
      : undefined;
    return [
      {
        door: pick(door.door, lang),
        via: probe.via,
        probe: probe.name,
        certificate: probe.client.certificate,
        verifiedBy: probe.verifiedBy,
        reachedTarget: probe.target !== null,
        fields: identityFields(probe, door.headerPrefixes),
        forgery:
          door.forgery && spoof && !spoof.skipped && sent !== undefined
            ? forgeryCheck(spoof, door.forgery.header, sent)
            : null,
      },
    ];
  });
  return { rows };
}
