// Route 53 health checks and record sets, and the CloudFront distributions they may point to, compiled from the
// template into what the sandbox realizes itself (sandbox/route53/): LocalStack's free Route 53 stores records and
// health checks but neither checks endpoints nor answers DNS queries, so the sandbox evaluates the health checks
// and resolves failover records. Pure.
// Route 53 references: CloudFormation AWS::Route53::HealthCheck HealthCheckConfig and AWS::Route53::RecordSet;
// Developer Guide "How Amazon Route 53 determines whether a health check is healthy", "How Amazon Route 53 chooses
// records when health checking is configured".
import { type Message, msg } from '../messages.js';
import { isResourceRef, referencedLogicalId, type CfnValue } from './cfn.js';
import type { PropertyReader } from './properties.js';
import type { CloudFrontDistribution, DnsTopology, Route53HealthCheck, Route53Record } from './dns-topology.js';
import type { NotRealized } from './topology.js';

const ONE_CHECKER = msg('nr.r53-one-checker');

/** A health check the sandbox can run, or a not-realized entry saying why it cannot. */
export function compileHealthCheck(
  props: PropertyReader,
  path: string,
): { check: Route53HealthCheck | null; notRealized: NotRealized[] } {
  props.explain(msg('nr.r53-health-tags'), 'HealthCheckTags');
  const config = (props.get('HealthCheckConfig') ?? {}) as Record<string, CfnValue>;
  const out: NotRealized[] = [];
  const report = (property: string, reason: Message) =>
    out.push({
      logicalId: props.logicalId,
      type: 'AWS::Route53::HealthCheck',
      property: `HealthCheckConfig.${property}`,
      reason,
    });
  const type = String(config.Type ?? '');
  if (type !== 'TCP' && type !== 'HTTP' && type !== 'HTTPS') {
    out.push({
      logicalId: props.logicalId,
      type: 'AWS::Route53::HealthCheck',
      property: 'HealthCheckConfig.Type',
      reason: msg('nr.r53-check-type', { type: type || null }),
    });
    return { check: null, notRealized: out };
  }
  const fqdn = config.FullyQualifiedDomainName;
  const loadBalancerId = isResourceRef(fqdn) && fqdn.attribute === 'DNSName' ? fqdn.ref : referencedLogicalId(fqdn);
  const endpoint = loadBalancerId
    ? { loadBalancerId }
    : { unreachable: String(config.IPAddress ?? fqdn ?? '(no endpoint)') };
  if (!loadBalancerId)
    report('FullyQualifiedDomainName', msg('nr.r53-unreachable', { endpoint: endpoint.unreachable ?? null }));
  for (const key of ['MeasureLatency', 'EnableSNI'])
    if (config[key] !== undefined) report(key, msg('nr.r53-no-effect'));
  if (config.Regions !== undefined) report('Regions', ONE_CHECKER);
  for (const key of [
    'SearchString',
    'AlarmIdentifier',
    'InsufficientDataHealthStatus',
    'ChildHealthChecks',
    'HealthThreshold',
    'RoutingControlArn',
  ]) {
    if (config[key] !== undefined) report(key, msg('nr.r53-not-used', { type }));
  }
  const interval = Number(config.RequestInterval ?? 30);
  return {
    check: {
      logicalId: props.logicalId,
      path,
      type,
      endpoint,
      port: Number(config.Port ?? (type === 'HTTPS' ? 443 : 80)),
      resourcePath: type === 'TCP' ? null : String(config.ResourcePath ?? '/'),
      requestIntervalSeconds: interval === 10 ? 10 : 30,
      failureThreshold: Math.min(10, Math.max(1, Number(config.FailureThreshold ?? 3))),
      inverted: config.Inverted === true || config.Inverted === 'true',
      disabled: config.Disabled === true || config.Disabled === 'true',
    },
    notRealized: out,
  };
}

export function compileRecordSet(
  props: PropertyReader,
  path: string,
  zones: DnsTopology['hostedZones'],
): { record: Route53Record; notRealized: NotRealized[] } {
  props.explain(msg('nr.r53-comment'), 'Comment');
  props.explain(msg('nr.r53-ttl'), 'TTL');
  const out: NotRealized[] = [];
  for (const name of [
    'Weight',
    'Region',
    'GeoLocation',
    'MultiValueAnswer',
    'CidrRoutingConfig',
    'GeoProximityLocation',
  ]) {
    if (props.properties[name] !== undefined) {
      props.explain(msg('nr.r53-routing'), name);
    }
  }
  const zoneId = referencedLogicalId(props.get('HostedZoneId'));
  const zoneName = props.string('HostedZoneName') ?? zones.find((zone) => zone.logicalId === zoneId)?.name ?? null;
  const raw = props.properties.AliasTarget as Record<string, CfnValue> | undefined;
  props.get('HealthCheckId');
  let alias: Route53Record['alias'] = null;
  if (raw) {
    let dnsName = '';
    try {
      const resolved = props.get('AliasTarget') as Record<string, CfnValue>;
      dnsName = isResourceRef(resolved.DNSName)
        ? `{${resolved.DNSName.ref}.${resolved.DNSName.attribute ?? ''}}`
        : String(resolved.DNSName ?? '');
    } catch {
      dnsName = '(not resolvable offline)';
    }
    const evaluateTargetHealth = raw.EvaluateTargetHealth === true || raw.EvaluateTargetHealth === 'true';
    if (evaluateTargetHealth) {
      out.push({
        logicalId: props.logicalId,
        type: 'AWS::Route53::RecordSet',
        property: 'AliasTarget.EvaluateTargetHealth',
        reason: msg('nr.r53-alias-health'),
      });
    }
    alias = { targetId: firstReference(raw.DNSName), dnsName, evaluateTargetHealth };
  }
  const healthCheckRaw = props.properties.HealthCheckId;
  const failover = props.string('Failover');
  return {
    record: {
      logicalId: props.logicalId,
      path,
      name: String(props.get('Name') ?? '')
        .replace(/\.$/, '')
        .toLowerCase(),
      type: props.string('Type') ?? 'A',
      zoneName: zoneName?.replace(/\.$/, '').toLowerCase() ?? null,
      setIdentifier: props.string('SetIdentifier'),
      failover: failover === 'PRIMARY' || failover === 'SECONDARY' ? failover : null,
      healthCheckId: healthCheckRaw === undefined ? null : firstReference(healthCheckRaw),
      alias,
      values: props.list('ResourceRecords').map(String),
    },
    notRealized: out,
  };
}

export function compileHostedZone(props: PropertyReader): { logicalId: string; name: string } {
  props.explain(msg('nr.r53-zone-settings'), 'HostedZoneConfig', 'HostedZoneTags', 'QueryLoggingConfig', 'VPCs');
  return { logicalId: props.logicalId, name: (props.string('Name') ?? '').replace(/\.$/, '').toLowerCase() };
}

/**
 * CloudFront is not in LocalStack's free edition; the sandbox stands in for a distribution with a small HTTPS server
 * that serves its S3 origin's objects (read from LocalStack's S3). Only the parts that decide what a visitor gets are
 * realized; the rest is reported.
 */
export function compileDistribution(
  props: PropertyReader,
  path: string,
  pathOf: (logicalId: string) => string,
): { distribution: CloudFrontDistribution; notRealized: NotRealized[] } {
  props.explain(msg('nr.cf-tags'), 'Tags');
  const config = (props.get('DistributionConfig') ?? {}) as Record<string, CfnValue>;
  const out: NotRealized[] = [];
  const origins = (config.Origins ?? []) as Record<string, CfnValue>[];
  const bucketId = origins[0] && isResourceRef(origins[0].DomainName) ? origins[0].DomainName.ref : null;
  const realized = new Set(['Origins', 'DefaultRootObject', 'Enabled', 'DefaultCacheBehavior']);
  for (const key of Object.keys(config)) {
    if (!realized.has(key))
      out.push({
        logicalId: props.logicalId,
        type: 'AWS::CloudFront::Distribution',
        property: `DistributionConfig.${key}`,
        reason: msg('nr.cf-setting'),
      });
  }
  const behavior = (config.DefaultCacheBehavior ?? {}) as Record<string, CfnValue>;
  for (const key of Object.keys(behavior)) {
    if (key !== 'TargetOriginId')
      out.push({
        logicalId: props.logicalId,
        type: 'AWS::CloudFront::Distribution',
        property: `DistributionConfig.DefaultCacheBehavior.${key}`,
        reason: msg('nr.cf-caching'),
      });
  }
  if (origins.length > 1)
    out.push({
      logicalId: props.logicalId,
      type: 'AWS::CloudFront::Distribution',
      property: 'DistributionConfig.Origins',
      reason: msg('nr.cf-first-origin'),
    });
  return {
    distribution: {
      logicalId: props.logicalId,
      path,
      defaultRootObject: config.DefaultRootObject === undefined ? null : String(config.DefaultRootObject),
      originBucketId: bucketId,
      originBucketPath: bucketId ? pathOf(bucketId) : null,
      enabled: config.Enabled !== false && config.Enabled !== 'false',
    },
    notRealized: out,
  };
}

/** The first resource a raw (unresolved) template value refers to through Ref or Fn::GetAtt, searching inside. */
export function firstReference(value: CfnValue): string | null {
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = firstReference(item);
      if (found) return found;
    }
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, CfnValue>;
  if (typeof record.Ref === 'string' && !record.Ref.startsWith('AWS::')) return record.Ref;
  const getAtt = record['Fn::GetAtt'];
  if (getAtt !== undefined) return Array.isArray(getAtt) ? String(getAtt[0]) : String(getAtt).split('.')[0]!;
  for (const inner of Object.values(record)) {
    const found = firstReference(inner);
    if (found) return found;
  }
  return null;
}
