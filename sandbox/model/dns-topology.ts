// What the sandbox realizes of a stack's Route 53 and CloudFront resources: the compiled shapes (route53.ts
// compiles them). Pure.

export interface Route53HealthCheck {
  logicalId: string;
  path: string;
  type: 'TCP' | 'HTTP' | 'HTTPS';
  /** What is checked: a load balancer of this stack (its DNSName), or a name/address the sandbox cannot reach. */
  endpoint: { loadBalancerId: string } | { unreachable: string };
  port: number;
  resourcePath: string | null;
  /** RequestInterval: 10 or 30 seconds (default 30). */
  requestIntervalSeconds: number;
  /** FailureThreshold: consecutive checks to change the status, 1–10 (default 3). */
  failureThreshold: number;
  inverted: boolean;
  disabled: boolean;
}

export interface Route53Record {
  logicalId: string;
  path: string;
  /** The record name, lower case, without the trailing dot. */
  name: string;
  type: string;
  zoneName: string | null;
  setIdentifier: string | null;
  failover: 'PRIMARY' | 'SECONDARY' | null;
  /** The health check's logical id (a HealthCheckId from this stack), or null. */
  healthCheckId: string | null;
  alias: { targetId: string | null; dnsName: string; evaluateTargetHealth: boolean } | null;
  values: string[];
}

export interface CloudFrontDistribution {
  logicalId: string;
  path: string;
  defaultRootObject: string | null;
  /** The S3 bucket (logical id) of the first origin, when it is one of this stack's buckets. */
  originBucketId: string | null;
  /** That bucket's construct path (how scenarios name it, e.g. in bucketFiles). */
  originBucketPath: string | null;
  enabled: boolean;
}

export interface DnsTopology {
  hostedZones: { logicalId: string; name: string }[];
  healthChecks: Route53HealthCheck[];
  records: Route53Record[];
  distributions: CloudFrontDistribution[];
}

export function emptyDns(): DnsTopology {
  return { hostedZones: [], healthChecks: [], records: [], distributions: [] };
}
