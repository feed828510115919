// What one running NLB TLS listener needs: the compiled listener with every reference resolved to local files and
// addresses. The runtime (sandbox/runtime/nlb-tls-lb.ts) builds this from the topology.
import type { AlbTarget } from '../alb/config.js';
import type { AlpnPolicyName, HealthCheck, MutualAuthentication } from '../model/topology.js';
import type { TrustStoreObjects } from '../tls/trust-store.js';

export interface NlbTlsTargetGroup {
  id: string;
  /** TCP: a plain connection to the target; TLS: the NLB opens a TLS connection of its own to it. */
  protocol: 'TCP' | 'TLS';
  targets: AlbTarget[];
  healthCheck: HealthCheck;
  /** stickiness.type source_ip: one client address, one target. */
  sourceIpStickiness: boolean;
  /** proxy_protocol_v2.enabled: a PPv2 header with the client's address before the stream. */
  proxyProtocolV2: boolean;
  /** preserve_client_ip.enabled (or its default): the target sees the client's own address as the source. */
  preserveClientIp: boolean;
}

export interface NlbTlsListenerConfig {
  /** Name used in logs and reports, e.g. "Nlb TLS:443". */
  name: string;
  host: string; // always 127.0.0.1 in this sandbox
  port: number;
  /** The listener's port in the template. */
  advertisedPort: number;
  certificatePem: string;
  privateKeyPem: string;
  sslPolicy: string | null;
  alpnPolicy: AlpnPolicyName | null;
  mutualAuthentication: MutualAuthentication | null;
  trustStore: TrustStoreObjects | null;
  targetGroup: NlbTlsTargetGroup;
  /** File the sandbox's per-connection log is appended to (JSON lines). */
  connectionLogFile: string;
  /** Where both legs' TLS secrets go (NSS key log), for decrypting a capture (--pcap); none when null or absent. */
  keyLogFile?: string | null;
}

/** The ALPN preference list of each policy (ELB / CDK AlpnPolicy); None and no policy negotiate no ALPN. */
export const ALPN_PREFERENCES: Record<AlpnPolicyName, string[]> = {
  HTTP1Only: ['http/1.1', 'http/1.0'],
  HTTP2Only: ['h2'],
  HTTP2Optional: ['http/1.1', 'http/1.0', 'h2'],
  HTTP2Preferred: ['h2', 'http/1.1', 'http/1.0'],
  None: [],
};
