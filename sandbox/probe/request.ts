// A probe's client as a curl request against the listener's local address. Pure.
import { isIPv6 } from 'node:net';
import type { Pki } from '../../certs/types.js';
import type { ProbeSpec } from '../scenario.js';
import type { CurlRequest } from './curl-command.js';

export interface Endpoint {
  host: string;
  port: number;
  /** A DNS name the sandbox resolved (Route 53): curl asks for the name and --resolve says where it points now. */
  hostname?: string;
}

export function curlRequestFor(spec: ProbeSpec, endpoint: Endpoint, pki: Pki): CurlRequest {
  const client = spec.client;
  const certificate = client.certificate ? pki.clients[client.certificate] : null;
  let clientCert: CurlRequest['clientCert'] = null;
  if (certificate) {
    clientCert =
      client.form === 'p12'
        ? {
            form: 'p12',
            file: certificate === pki.clients.clientA ? pki.clientAP12.file : failP12(client.certificate!),
            password: pki.clientAP12.password,
          }
        : { form: 'pem', cert: certificate.cert, key: certificate.key };
  }
  // A client on IPv6 loopback reaches the listener's IPv6 address: a dual-stack NLB listens on ::1 at the same port.
  // It asks for localhost (a name the server certificate has) pinned to ::1.
  const ipv6 = !endpoint.hostname && client.sourceAddress !== undefined && isIPv6(client.sourceAddress);
  const hostname = endpoint.hostname ?? (ipv6 ? 'localhost' : undefined);
  const address = ipv6 ? '[::1]' : endpoint.host;
  return {
    url: `${client.scheme ?? 'https'}://${hostname ?? endpoint.host}:${endpoint.port}${client.path ?? '/'}`,
    ...(hostname ? { resolve: `${hostname}:${endpoint.port}:${address}` } : {}),
    // The server is verified against its CA, as a user should: a certificate course does not teach -k.
    insecure: false,
    cacert: pki.serverCa.cert,
    head: client.method === 'HEAD',
    ...(client.method !== undefined && client.method !== 'GET' && client.method !== 'HEAD'
      ? { method: client.method }
      : {}),
    clientCert,
    sourceAddress: client.sourceAddress,
    headers: client.headers,
    http: client.http,
    ...(client.tls ? { tlsVersion: client.tls } : {}),
    showServerCertificate: client.showServerCertificate,
  };
}

function failP12(name: string): never {
  throw new Error(
    `Only clientA has a PKCS#12 bundle (seed 000's CLIENT_CERT.p12); probe asks for ${name} in p12 form.`,
  );
}

/** True when the probe is a distribution probe (several clients or several requests). */
export function isDistribution(spec: ProbeSpec): boolean {
  return spec.client.sources !== undefined || (spec.client.repeat ?? 1) > 1;
}
