// Compiles a synthesized CloudFormation template into the topology the sandbox realizes. Pure.
import { isResourceRef, referencedLogicalId, type CfnTemplate, type CfnValue } from './cfn.js';
import { type Message, msg } from '../messages.js';
import { PropertyReader } from './properties.js';
import { compileDistribution, compileHealthCheck, compileHostedZone, compileRecordSet } from './route53.js';
import { type DnsTopology, emptyDns } from './dns-topology.js';
import {
  checkCloudFrontReferences,
  compileCloudFrontTrustStore,
  compileConnectionFunction,
  compileKeyValueStore,
  compileOriginRequestPolicy,
  compileViewerMtlsDistribution,
  emptyCloudFront,
  hasViewerMtls,
} from './cloudfront.js';
import { attachWebAclAssociation, compileWebAcl, unsupportedRules } from './waf.js';
import type { WebAcl } from './web-acl.js';
import { checkPriorityFree, checkRuleLimits } from './rule-limits.js';
import { checkRuleForLoadBalancer, readIpAddressType, readSourceIpAddressType } from './nlb-rules.js';
import { checkMutualAuthentication, checkSslPolicy, readIdentityFilters } from './listener-limits.js';
import { readHeaderModification, readTlsInfoHeaders, readTlsKxHeader } from './header-modification.js';
import { AwsApiError } from './errors.js';
import type {
  AlpnPolicyName,
  HealthCheck,
  Listener,
  ListenerProtocol,
  ListenerRule,
  LoadBalancer,
  MutualAuthentication,
  RuleAction,
  RuleCondition,
  RuleTransform,
  SsmParameter,
  TargetGroup,
  Topology,
  TrustStore,
} from './topology.js';

const NETWORKING = msg('nr.networking');
const TAGS = msg('nr.tags');

/** Resource types the sandbox knowingly leaves to something else, and why. */
const STOOD_IN_FOR: [RegExp, Message][] = [
  [/^AWS::EC2::Instance$/, msg('nr.instance')],
  [/^AWS::EC2::/, NETWORKING],
  [/^AWS::IAM::/, msg('nr.iam')],
  [/^AWS::S3::Bucket(Policy)?$/, msg('nr.s3')],
  [/^AWS::CloudFront::(OriginAccessControl|CloudFrontOriginAccessIdentity)$/, msg('nr.origin-access')],
  [/^AWS::CDK::Metadata$/, msg('nr.cdk-metadata')],
  [/^AWS::Lambda::/, msg('nr.lambda')],
  [/^Custom::/, msg('nr.custom')],
];

export function compileTemplate(template: CfnTemplate, stackName: string): Topology {
  const topology: Topology = {
    stackName,
    loadBalancers: [],
    targetGroups: [],
    trustStores: [],
    parameters: [],
    notRealized: [],
  };
  const resources = template.Resources ?? {};
  const readers = new Map<string, PropertyReader>();
  const reader = (id: string) => {
    let existing = readers.get(id);
    if (!existing) {
      existing = new PropertyReader(id, resources[id]!, template);
      readers.set(id, existing);
    }
    return existing;
  };
  const path = (id: string) => constructPath(resources[id]?.Metadata?.['aws:cdk:path'], stackName, id);
  const webAcls: WebAcl[] = [];
  const dns: DnsTopology = emptyDns();
  const cloudFront = emptyCloudFront();

  // First pass: resources that others refer to.
  for (const [id, resource] of Object.entries(resources)) {
    switch (resource.Type) {
      case 'AWS::ElasticLoadBalancingV2::TargetGroup':
        topology.targetGroups.push(compileTargetGroup(reader(id), path(id)));
        break;
      case 'AWS::ElasticLoadBalancingV2::TrustStore':
        topology.trustStores.push(compileTrustStore(reader(id), path(id)));
        break;
      case 'AWS::SSM::Parameter':
        topology.parameters.push(compileParameter(reader(id), path(id)));
        break;
      case 'AWS::ElasticLoadBalancingV2::LoadBalancer':
        topology.loadBalancers.push(compileLoadBalancerV2(reader(id), path(id)));
        break;
      case 'AWS::ElasticLoadBalancing::LoadBalancer':
        topology.loadBalancers.push(compileClassic(reader(id), path(id)));
        break;
      case 'AWS::WAFv2::WebACL':
        webAcls.push(compileWebAcl(reader(id), path(id)));
        break;
      case 'AWS::Route53::HostedZone':
        dns.hostedZones.push(compileHostedZone(reader(id)));
        break;
      case 'AWS::Route53::HealthCheck': {
        const compiled = compileHealthCheck(reader(id), path(id));
        if (compiled.check) dns.healthChecks.push(compiled.check);
        topology.notRealized.push(...compiled.notRealized);
        break;
      }
      case 'AWS::CloudFront::TrustStore':
        cloudFront.trustStores.push(compileCloudFrontTrustStore(reader(id), path(id)));
        break;
      case 'AWS::CloudFront::ConnectionFunction':
        cloudFront.connectionFunctions.push(compileConnectionFunction(reader(id), path(id)));
        break;
      case 'AWS::CloudFront::KeyValueStore':
        cloudFront.keyValueStores.push(compileKeyValueStore(reader(id), path(id)));
        break;
      case 'AWS::CloudFront::OriginRequestPolicy':
        cloudFront.originRequestPolicies.push(compileOriginRequestPolicy(reader(id), path(id)));
        break;
      case 'AWS::CloudFront::Distribution': {
        if (hasViewerMtls(resource.Properties)) {
          // Viewer mutual TLS: our CloudFront emulator (sandbox/cloudfront/), not the S3 stand-in.
          const compiled = compileViewerMtlsDistribution(reader(id), path(id));
          cloudFront.distributions.push(compiled.distribution);
          topology.notRealized.push(...compiled.notRealized);
          break;
        }
        const compiled = compileDistribution(reader(id), path(id), path);
        dns.distributions.push(compiled.distribution);
        topology.notRealized.push(...compiled.notRealized);
        break;
      }
    }
  }
  // Second pass: resources attached to the first ones.
  for (const [id, resource] of Object.entries(resources)) {
    switch (resource.Type) {
      case 'AWS::ElasticLoadBalancingV2::Listener':
        attachListener(topology, compileListener(reader(id), path(id)), reader(id));
        break;
      case 'AWS::ElasticLoadBalancingV2::ListenerRule':
        attachRule(topology, reader(id), path(id));
        break;
      case 'AWS::ElasticLoadBalancingV2::TrustStoreRevocation':
        attachRevocation(topology, reader(id));
        break;
      case 'AWS::WAFv2::WebACLAssociation': {
        const problem = attachWebAclAssociation(reader(id), webAcls, topology.loadBalancers);
        if (problem) topology.notRealized.push(problem);
        break;
      }
      case 'AWS::Route53::RecordSet': {
        const compiled = compileRecordSet(reader(id), path(id), dns.hostedZones);
        dns.records.push(compiled.record);
        topology.notRealized.push(...compiled.notRealized);
        break;
      }
    }
  }
  if (webAcls.length > 0) {
    topology.webAcls = webAcls;
    for (const acl of webAcls) topology.notRealized.push(...unsupportedRules(acl));
  }
  if (cloudFront.distributions.length > 0) {
    checkCloudFrontReferences(cloudFront);
    topology.cloudFront = cloudFront;
  }
  if (dns.records.length + dns.healthChecks.length + dns.distributions.length + dns.hostedZones.length > 0)
    topology.dns = dns;
  for (const [id, resource] of Object.entries(resources)) {
    const compiled = readers.get(id);
    if (compiled) {
      topology.notRealized.push(...compiled.unrealized(resource.Type));
      continue;
    }
    const standIn = STOOD_IN_FOR.find(([pattern]) => pattern.test(resource.Type));
    topology.notRealized.push({
      logicalId: id,
      type: resource.Type,
      reason: standIn ? standIn[1] : msg('nr.unknown-type'),
    });
  }
  return topology;
}

function constructPath(metadataPath: CfnValue, stackName: string, logicalId: string): string {
  if (typeof metadataPath !== 'string') return logicalId;
  // "Stack/Nlb/Tcp443/Resource" → "Nlb/Tcp443": the path a scenario author wrote.
  return metadataPath.replace(new RegExp(`^${stackName}/`), '').replace(/\/(Resource|Default)$/, '');
}

// --- target groups ---

function compileTargetGroup(props: PropertyReader, path: string): TargetGroup {
  props.explain(NETWORKING, 'VpcId');
  props.explain(msg('nr.names'), 'Name');
  props.explain(TAGS, 'Tags');
  const protocol = (props.string('Protocol') ?? 'HTTP') as ListenerProtocol;
  const attributes = keyValues(props.list('TargetGroupAttributes'));
  const targetType = (props.string('TargetType') ?? 'instance') as TargetGroup['targetType'];
  const stickinessType = attributes['stickiness.type'] as TargetGroup['stickiness']['type'] | undefined;
  const durationKey =
    stickinessType === 'app_cookie'
      ? 'stickiness.app_cookie.duration_seconds'
      : 'stickiness.lb_cookie.duration_seconds';
  return {
    logicalId: props.logicalId,
    path,
    protocol,
    port: props.number('Port'),
    targetType,
    targets: props.list<Record<string, CfnValue>>('Targets').map((target) => ({
      id: referencedLogicalId(target.Id) ?? String(target.Id),
      port: target.Port === undefined ? null : Number(target.Port),
    })),
    healthCheck: targetGroupHealthCheck(props, protocol),
    stickiness: {
      enabled: attributes['stickiness.enabled'] === 'true',
      type: stickinessType ?? null,
      durationSeconds: attributes[durationKey] ? Number(attributes[durationKey]) : null,
      cookieName: attributes['stickiness.app_cookie.cookie_name'] ?? null,
    },
    proxyProtocolV2: attributes['proxy_protocol_v2.enabled'] === 'true',
    preserveClientIp:
      attributes['preserve_client_ip.enabled'] === undefined
        ? null
        : attributes['preserve_client_ip.enabled'] === 'true',
    attributes,
  };
}

/** Defaults from the ELB target group documentation (health checks for Network/Application Load Balancers). */
function targetGroupHealthCheck(props: PropertyReader, trafficProtocol: ListenerProtocol): HealthCheck {
  const network = ['TCP', 'TLS', 'UDP', 'TCP_UDP'].includes(trafficProtocol);
  const protocol = (props.string('HealthCheckProtocol') ??
    (network ? 'TCP' : trafficProtocol)) as HealthCheck['protocol'];
  const port = props.string('HealthCheckPort');
  const matcher = props.get('Matcher') as { HttpCode?: string } | undefined;
  return {
    protocol,
    port: port === null || port === 'traffic-port' ? 'traffic-port' : Number(port),
    path: protocol === 'TCP' ? null : (props.string('HealthCheckPath') ?? '/'),
    intervalSeconds: props.number('HealthCheckIntervalSeconds') ?? 30,
    timeoutSeconds: props.number('HealthCheckTimeoutSeconds') ?? (network ? 10 : 5),
    healthyThreshold: props.number('HealthyThresholdCount') ?? 5,
    unhealthyThreshold: props.number('UnhealthyThresholdCount') ?? 2,
    // Matcher.HttpCode default (ELB API reference): 200 for an ALB, 200-399 for an NLB.
    matcher: protocol === 'TCP' ? null : (matcher?.HttpCode ?? (network ? '200-399' : '200')),
  };
}

// --- load balancers ---

function compileLoadBalancerV2(props: PropertyReader, path: string): LoadBalancer {
  props.explain(NETWORKING, 'Subnets', 'SubnetMappings', 'SecurityGroups');
  props.explain(TAGS, 'Tags');
  const type = props.string('Type') ?? 'application';
  // An NLB's address type decides whether it takes listener rules and listens on IPv6 too; an ALB's is networking.
  if (type !== 'network') props.explain(NETWORKING, 'IpAddressType');
  const ipAddressType = type === 'network' ? readIpAddressType(props.string('IpAddressType')) : null;
  const attributes = keyValues(props.list('LoadBalancerAttributes'));
  const resource = `${path} (AWS::ElasticLoadBalancingV2::LoadBalancer)`;
  return {
    logicalId: props.logicalId,
    path,
    kind: type === 'network' ? 'network' : type === 'gateway' ? 'network' : 'application',
    name: props.string('Name') ?? path,
    scheme: props.string('Scheme') ?? 'internet-facing',
    listeners: [],
    classicHealthCheck: null,
    classicInstances: [],
    classicProxyProtocolPorts: [],
    attributes,
    ...(type === 'application' && readTlsInfoHeaders(attributes, resource) ? { tlsInfoHeaders: true } : {}),
    ...(type === 'application' && readTlsKxHeader(attributes, resource) ? { tlsKxHeader: true } : {}),
    ...(ipAddressType ? { ipAddressType } : {}),
  };
}

function compileClassic(props: PropertyReader, path: string): LoadBalancer {
  props.explain(NETWORKING, 'Subnets', 'SecurityGroups', 'AvailabilityZones');
  props.explain(msg('nr.cross-zone'), 'CrossZone');
  props.explain(TAGS, 'Tags');
  const listeners: Listener[] = props.list<Record<string, CfnValue>>('Listeners').map((listener, index) => ({
    logicalId: `${props.logicalId}.Listeners[${index}]`,
    path: `${path}/Listener${listener.LoadBalancerPort}`,
    port: Number(listener.LoadBalancerPort),
    protocol: String(listener.Protocol).toUpperCase() as ListenerProtocol,
    instancePort: Number(listener.InstancePort),
    instanceProtocol: String(listener.InstanceProtocol ?? listener.Protocol).toUpperCase() as ListenerProtocol,
    // A CLB has no target groups: its registered instances stand for one, named by the load balancer's path.
    defaultActions: [
      { type: 'forward', targetGroups: [{ targetGroupId: props.logicalId, weight: 1 }], groupStickiness: null },
    ],
    rules: [],
    certificates: listener.SSLCertificateId ? [String(listener.SSLCertificateId)] : [],
    sslPolicy: null,
    mutualAuthentication: null,
  }));
  const check = props.get('HealthCheck') as Record<string, CfnValue> | undefined;
  return {
    logicalId: props.logicalId,
    path,
    kind: 'classic',
    name: props.string('LoadBalancerName') ?? path,
    scheme: props.string('Scheme') ?? 'internet-facing',
    listeners,
    classicHealthCheck: check ? classicHealthCheck(check) : null,
    classicInstances: props.list('Instances').map((instance) => referencedLogicalId(instance) ?? String(instance)),
    classicProxyProtocolPorts: classicProxyProtocolPorts(props),
    attributes: {},
  };
}

/** CLB HealthCheck.Target is "PROTOCOL:PORT[/path]" (ELB Classic API reference); defaults per that page. */
function classicHealthCheck(check: Record<string, CfnValue>): HealthCheck {
  const [protocolPart, rest = ''] = String(check.Target ?? 'TCP:80').split(':');
  const [portPart, ...pathParts] = rest.split('/');
  const protocol = (protocolPart ?? 'TCP').toUpperCase();
  return {
    protocol: protocol === 'SSL' ? 'TCP' : (protocol as HealthCheck['protocol']),
    port: Number(portPart),
    path: protocol === 'HTTP' || protocol === 'HTTPS' ? `/${pathParts.join('/')}` : null,
    intervalSeconds: Number(check.Interval ?? 30),
    timeoutSeconds: Number(check.Timeout ?? 5),
    healthyThreshold: Number(check.HealthyThreshold ?? 10),
    unhealthyThreshold: Number(check.UnhealthyThreshold ?? 2),
    matcher: protocol === 'HTTP' || protocol === 'HTTPS' ? '200' : null,
  };
}

/** Proxy Protocol v1 on a CLB: a ProxyProtocolPolicyType policy applied to instance ports. */
function classicProxyProtocolPorts(props: PropertyReader): number[] {
  const policies = props.list<Record<string, CfnValue>>('Policies');
  const ports: number[] = [];
  for (const policy of policies) {
    if (policy.PolicyType !== 'ProxyProtocolPolicyType') continue;
    const enabled = (policy.Attributes as { Name: string; Value: string }[] | undefined)?.some(
      (attribute) => attribute.Name === 'ProxyProtocol' && attribute.Value === 'true',
    );
    if (enabled) ports.push(...((policy.InstancePorts as CfnValue[] | undefined) ?? []).map(Number));
  }
  return ports;
}

// --- listeners and rules ---

function compileListener(props: PropertyReader, path: string): Listener {
  const protocol = (props.string('Protocol') ?? 'HTTP') as ListenerProtocol;
  // An NLB TLS listener negotiates ALPN by its policy; the ALB always offers h2 and http/1.1.
  if (protocol !== 'TLS') props.explain(msg('nr.alpn'), 'AlpnPolicy');
  const mutual = props.get('MutualAuthentication') as Record<string, CfnValue> | undefined;
  const resource = `${path} (AWS::ElasticLoadBalancingV2::Listener)`;
  return {
    logicalId: props.logicalId,
    path,
    port: props.number('Port') ?? 0,
    protocol,
    instancePort: null,
    instanceProtocol: null,
    defaultActions: props.list<Record<string, CfnValue>>('DefaultActions').sort(byOrder).map(compileAction),
    rules: [],
    certificates: props
      .list<Record<string, CfnValue>>('Certificates')
      .map((certificate) => String(refOrValue(certificate.CertificateArn))),
    sslPolicy: props.string('SslPolicy'),
    ...(protocol === 'TLS' ? { alpnPolicy: alpnPolicyOf(props.get('AlpnPolicy'), resource) } : {}),
    mutualAuthentication: mutual ? compileMutualAuthentication(mutual, resource) : null,
    ...headerModificationOf(props, protocol, resource),
  };
}

/** ALB (HTTP/HTTPS) listeners: ListenerAttributes are header modification; NLB listener attributes stay unread. */
function headerModificationOf(props: PropertyReader, protocol: ListenerProtocol, resource: string) {
  if (protocol !== 'HTTP' && protocol !== 'HTTPS') return {};
  const modification = readHeaderModification(keyValues(props.list('ListenerAttributes')), resource);
  return modification ? { headerModification: modification } : {};
}

const ALPN_POLICIES: readonly AlpnPolicyName[] = ['HTTP1Only', 'HTTP2Only', 'HTTP2Optional', 'HTTP2Preferred', 'None'];

/** CloudFormation's AlpnPolicy is a list of one name (CreateListener: "You can specify one policy name"). */
function alpnPolicyOf(written: CfnValue, resource: string): AlpnPolicyName | null {
  if (written === undefined || written === null) return null;
  const names = (Array.isArray(written) ? written : [written]).map(String);
  const name = names[0];
  if (names.length !== 1 || !ALPN_POLICIES.includes(name as AlpnPolicyName))
    throw new AwsApiError(
      resource,
      'CreateListener',
      'ValidationError',
      `1 validation error detected: Value '[${names.join(', ')}]' at 'alpnPolicy' failed to satisfy constraint: Member must have one of the values ${ALPN_POLICIES.join(', ')}`,
      `AlpnPolicy must be one policy name: ${ALPN_POLICIES.join(', ')}`,
      true,
    );
  return name as AlpnPolicyName;
}

function compileMutualAuthentication(mutual: Record<string, CfnValue>, resource: string): MutualAuthentication {
  // Defaults per the ELB MutualAuthentication API reference: Mode off, AdvertiseTrustStoreCaNames off.
  // ClientCertificateIdentityFilters (NLB, November 2026) comes from an addPropertyOverride: aws-cdk-lib 2.278.0's
  // CfnListener drops the key (scenarios/common/nlb-mtls.ts).
  const filters =
    mutual.ClientCertificateIdentityFilters === undefined
      ? {}
      : { identityFilters: readIdentityFilters(mutual.ClientCertificateIdentityFilters, resource) };
  return {
    mode: String(mutual.Mode ?? 'off') as MutualAuthentication['mode'],
    trustStoreId:
      mutual.TrustStoreArn === undefined
        ? null
        : (referencedLogicalId(mutual.TrustStoreArn) ?? String(mutual.TrustStoreArn)),
    ignoreClientCertificateExpiry:
      mutual.IgnoreClientCertificateExpiry === true || mutual.IgnoreClientCertificateExpiry === 'true',
    advertiseTrustStoreCaNames: mutual.AdvertiseTrustStoreCaNames === 'on',
    ...filters,
  };
}

function attachListener(topology: Topology, listener: Listener, props: PropertyReader): void {
  const balancerId = referencedLogicalId(props.get('LoadBalancerArn'));
  const balancer = topology.loadBalancers.find((candidate) => candidate.logicalId === balancerId);
  if (!balancer) {
    topology.notRealized.push({
      logicalId: listener.logicalId,
      type: 'AWS::ElasticLoadBalancingV2::Listener',
      property: 'LoadBalancerArn',
      reason: msg('nr.outside-load-balancer'),
    });
    return;
  }
  // As CreateListener would answer: NLB mutual TLS is verify mode on TLS listeners only.
  checkMutualAuthentication(listener, balancer.kind, `${listener.path} (AWS::ElasticLoadBalancingV2::Listener)`);
  checkSslPolicy(listener, `${listener.path} (AWS::ElasticLoadBalancingV2::Listener)`);
  balancer.listeners.push(listener);
}

function attachRule(topology: Topology, props: PropertyReader, path: string): void {
  const listenerId = referencedLogicalId(props.get('ListenerArn'));
  const transforms = props.list<Record<string, CfnValue>>('Transforms').map(compileTransform);
  const rule: ListenerRule = {
    logicalId: props.logicalId,
    priority: props.number('Priority') ?? 0,
    conditions: props.list<Record<string, CfnValue>>('Conditions').map(compileCondition),
    actions: props.list<Record<string, CfnValue>>('Actions').sort(byOrder).map(compileAction),
    ...(transforms.length > 0 ? { transforms } : {}),
  };
  const owner = topology.loadBalancers.find((balancer) =>
    balancer.listeners.some((candidate) => candidate.logicalId === listenerId),
  );
  const listener = owner?.listeners.find((candidate) => candidate.logicalId === listenerId);
  if (!owner || !listener) {
    topology.notRealized.push({
      logicalId: props.logicalId,
      type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
      property: 'ListenerArn',
      reason: msg('nr.outside-listener'),
    });
    return;
  }
  // As CreateRule would answer: the deploy of a rule over AWS's limits fails, so the set-up does.
  const resource = `${path} (AWS::ElasticLoadBalancingV2::ListenerRule)`;
  checkRuleForLoadBalancer(rule, owner, resource);
  checkRuleLimits(rule, resource);
  checkPriorityFree(rule, listener.rules, resource);
  listener.rules.push(rule);
  listener.rules.sort((a, b) => a.priority - b.priority);
}

function compileTransform(transform: Record<string, CfnValue>): RuleTransform {
  const type = String(transform.Type);
  if (type !== 'host-header-rewrite' && type !== 'url-rewrite')
    throw new Error(`Listener rule transform type "${type}" is not one of host-header-rewrite, url-rewrite.`);
  const config = (type === 'host-header-rewrite' ? transform.HostHeaderRewriteConfig : transform.UrlRewriteConfig) as
    | Record<string, CfnValue>
    | undefined;
  const rewrites = ((config?.Rewrites ?? []) as Record<string, CfnValue>[]).map((rewrite) => ({
    regex: String(rewrite.Regex ?? ''),
    replace: String(rewrite.Replace ?? ''),
  }));
  return { type, rewrites };
}

export function compileCondition(condition: Record<string, CfnValue>): RuleCondition {
  const field = String(condition.Field);
  const config = (name: string) => (condition[name] ?? {}) as Record<string, CfnValue>;
  const values = (name: string) => ((config(name).Values ?? condition.Values ?? []) as CfnValue[]).map(String);
  // RegexValues sit in the *Config or on the condition itself (RuleCondition.RegexValues); kept only when written.
  if (condition.RegexValues !== undefined && !['host-header', 'path-pattern', 'http-header'].includes(field))
    throw new Error(
      `Listener rule condition field "${field}" takes no RegexValues (AWS: "Specify only when Field is http-header, host-header, or path-pattern").`,
    );
  const regex = (name: string) => {
    const written = (config(name).RegexValues ?? condition.RegexValues) as CfnValue[] | undefined;
    return written === undefined ? {} : { regexValues: written.map(String) };
  };
  switch (field) {
    case 'host-header':
      return { field, values: values('HostHeaderConfig'), ...regex('HostHeaderConfig') };
    case 'path-pattern':
      return { field, values: values('PathPatternConfig'), ...regex('PathPatternConfig') };
    case 'http-header':
      return {
        field,
        headerName: String(config('HttpHeaderConfig').HttpHeaderName),
        values: values('HttpHeaderConfig'),
        ...regex('HttpHeaderConfig'),
      };
    case 'http-request-method':
      return { field, values: values('HttpRequestMethodConfig') };
    case 'source-ip': {
      // ALB: Values (CIDR blocks); NLB: IpAddressType, the source's address family. Kept as written, checked per
      // load balancer kind when the rule is attached (model/nlb-rules.ts).
      const type = config('SourceIpConfig').IpAddressType;
      return {
        field,
        values: values('SourceIpConfig'),
        ...(type === undefined ? {} : { ipAddressType: readSourceIpAddressType(type) }),
      };
    }
    case 'query-string':
      // Plain Values are only for host-header and path-pattern; reading them as nothing would drop the condition silently.
      if (condition.QueryStringConfig === undefined && condition.Values !== undefined) {
        throw new Error(
          'Listener rule condition field "query-string" takes QueryStringConfig.Values ({ Key, Value } pairs), not Values.',
        );
      }
      return {
        field,
        values: ((config('QueryStringConfig').Values ?? []) as { Key?: string; Value: string }[]).map((pair) => ({
          key: pair.Key ?? null,
          value: String(pair.Value),
        })),
      };
    default:
      throw new Error(
        `Listener rule condition field "${field}" is not one of host-header, path-pattern, http-header, http-request-method, query-string, source-ip.`,
      );
  }
}

export function compileAction(action: Record<string, CfnValue>): RuleAction {
  const type = String(action.Type);
  switch (type) {
    case 'forward': {
      const forward = action.ForwardConfig as Record<string, CfnValue> | undefined;
      const groups = forward?.TargetGroups as Record<string, CfnValue>[] | undefined;
      const stickiness = forward?.TargetGroupStickinessConfig as Record<string, CfnValue> | undefined;
      return {
        type,
        targetGroups: groups
          ? groups.map((group) => ({
              targetGroupId: referencedLogicalId(group.TargetGroupArn) ?? String(group.TargetGroupArn),
              weight: Number(group.Weight ?? 1),
            }))
          : [{ targetGroupId: referencedLogicalId(action.TargetGroupArn) ?? String(action.TargetGroupArn), weight: 1 }],
        groupStickiness: stickiness
          ? {
              enabled: stickiness.Enabled === true || stickiness.Enabled === 'true',
              durationSeconds: Number(stickiness.DurationSeconds ?? 3600),
            }
          : null,
      };
    }
    case 'fixed-response': {
      const config = (action.FixedResponseConfig ?? {}) as Record<string, CfnValue>;
      return {
        type,
        statusCode: Number(config.StatusCode),
        contentType: config.ContentType === undefined ? null : String(config.ContentType),
        messageBody: config.MessageBody === undefined ? null : String(config.MessageBody),
      };
    }
    case 'redirect': {
      const config = (action.RedirectConfig ?? {}) as Record<string, CfnValue>;
      // Defaults per the ELB RedirectConfig reference: keep each URI component ("#{...}").
      return {
        type,
        protocol: String(config.Protocol ?? '#{protocol}'),
        port: String(config.Port ?? '#{port}'),
        host: String(config.Host ?? '#{host}'),
        path: String(config.Path ?? '/#{path}'),
        query: String(config.Query ?? '#{query}'),
        statusCode: String(config.StatusCode) === 'HTTP_301' ? 'HTTP_301' : 'HTTP_302',
      };
    }
    default:
      throw new Error(
        `Listener action type "${type}" is not emulated (forward, fixed-response and redirect are); authenticate-* actions need an identity provider.`,
      );
  }
}

// --- trust stores and parameters ---

function compileTrustStore(props: PropertyReader, path: string): TrustStore {
  props.explain(TAGS, 'Tags');
  return {
    logicalId: props.logicalId,
    path,
    name: props.string('Name') ?? path,
    bundle: {
      bucket: String(refOrValue(props.get('CaCertificatesBundleS3Bucket'))),
      key: props.string('CaCertificatesBundleS3Key') ?? '',
      objectVersion: props.string('CaCertificatesBundleS3ObjectVersion'),
    },
    revocations: [],
  };
}

function attachRevocation(topology: Topology, props: PropertyReader): void {
  const storeId = referencedLogicalId(props.get('TrustStoreArn'));
  const store = topology.trustStores.find((candidate) => candidate.logicalId === storeId);
  const contents = props.list<Record<string, CfnValue>>('RevocationContents');
  if (!store) {
    topology.notRealized.push({
      logicalId: props.logicalId,
      type: 'AWS::ElasticLoadBalancingV2::TrustStoreRevocation',
      property: 'TrustStoreArn',
      reason: msg('nr.outside-trust-store'),
    });
    return;
  }
  for (const content of contents) {
    store.revocations.push({
      logicalId: props.logicalId,
      bucket: String(refOrValue(content.S3Bucket)),
      key: String(content.S3Key),
    });
  }
}

function compileParameter(props: PropertyReader, path: string): SsmParameter {
  props.explain(msg('nr.parameter-metadata'), 'Description', 'Tier', 'Tags', 'DataType', 'AllowedPattern', 'Policies');
  return {
    logicalId: props.logicalId,
    path,
    name: props.string('Name') ?? path,
    type: props.string('Type') ?? 'String',
    value: props.string('Value') ?? '',
  };
}

// --- helpers ---

function keyValues(list: CfnValue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list as { Key: string; Value: CfnValue }[]) out[item.Key] = String(item.Value);
  return out;
}

function refOrValue(value: CfnValue): CfnValue {
  return isResourceRef(value) ? value.ref : value;
}

function byOrder(a: Record<string, CfnValue>, b: Record<string, CfnValue>): number {
  return Number(a.Order ?? 0) - Number(b.Order ?? 0);
}
