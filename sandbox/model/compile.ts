// Compiles a synthesized CloudFormation template into the topology the sandbox realizes. Pure.
import {
  type CfnResource,
  type CfnTemplate,
  type CfnValue,
  conditionHolds,
  dependenciesOf,
  isResourceRef,
  referencedLogicalId,
  UnresolvableValue,
} from './cfn.js';
import { type Message, msg } from '../messages.js';
import { PropertyReader, UnresolvedProperty } from './properties.js';
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
import {
  checkListenerPortFree,
  checkPriorityFree,
  checkRulesQuota,
  readActions,
  readConditions,
  readListenerPort,
  readPriority,
  readTransforms,
  Refusal,
} from './validate/index.js';
import { checkRuleForLoadBalancer, readIpAddressType } from './nlb-rules.js';
import { checkMutualAuthentication, checkSslPolicy, readIdentityFilters } from './listener-limits.js';
import { readHeaderModification, readTlsInfoHeaders, readTlsKxHeader } from './header-modification.js';
import { AwsApiError, Unrealizable } from './errors.js';
import { checkListenerProtocol, classicPort } from './listener-ports.js';
import { keepRealizable, missingReason } from './realizable.js';
import type {
  AlpnPolicyName,
  HealthCheck,
  Listener,
  ListenerProtocol,
  ListenerRule,
  LoadBalancer,
  MutualAuthentication,
  RuleAction,
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
  // The listeners' certificates: the sandbox's localhost certificate stands in (docs/templates.md#stand-ins).
  [/^AWS::CertificateManager::Certificate$/, msg('tpl.certificate')],
  [/^AWS::Lambda::/, msg('nr.lambda')],
  [/^Custom::/, msg('nr.custom')],
];

/** How to compile: a scenario's own stack, or a template nobody here wrote (--template). */
export interface CompileOptions {
  /**
   * A template nobody here wrote: a resource AWS or CloudFormation would refuse, a value that cannot be resolved, or
   * something the sandbox cannot realize becomes a finding on that resource (in notRealized) and everything else is
   * compiled. Without it the first such error is thrown: a scenario's own stack must deploy as written.
   */
  tolerant?: boolean;
}

export function compileTemplate(template: CfnTemplate, stackName: string, options: CompileOptions = {}): Topology {
  const topology: Topology = {
    stackName,
    loadBalancers: [],
    targetGroups: [],
    trustStores: [],
    parameters: [],
    notRealized: [],
  };
  const resources = ownResources(template);
  const readers = new Map<string, PropertyReader>();
  const reader = (id: string) => {
    let existing = readers.get(id);
    if (!existing) {
      existing = new PropertyReader(id, resources[id]!, template);
      readers.set(id, existing);
    }
    return existing;
  };
  const path = uniquePaths(resources, stackName);
  const webAcls: WebAcl[] = [];
  const dns: DnsTopology = emptyDns();
  const cloudFront = emptyCloudFront();
  // Resources that are not there: a false Condition, a circular dependency, or (tolerant) refused as a finding.
  const absent = new Set<string>();
  const finding = findingsOf(topology, resources, absent, options);
  for (const id of Object.keys(resources))
    finding(id, () => {
      checkLogicalId(id, resources[id]!);
      checkCondition(id, resources[id]!, template);
    });
  for (const [id, reason] of circularDependencies(resources, template, absent))
    finding(id, () => {
      throw reason;
    });
  const present = () => Object.entries(resources).filter(([id]) => !absent.has(id));

  // First pass: resources that others refer to.
  for (const [id, resource] of present()) {
    finding(id, () => {
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
    });
  }
  // Second pass: resources attached to the first ones.
  for (const [id, resource] of present()) {
    finding(id, () => {
      switch (resource.Type) {
        case 'AWS::ElasticLoadBalancingV2::Listener':
          attachListener(topology, compileListener(reader(id), path(id)), reader(id), absent);
          break;
        case 'AWS::ElasticLoadBalancingV2::ListenerRule':
          attachRule(topology, reader(id), path(id), absent);
          break;
        case 'AWS::ElasticLoadBalancingV2::TrustStoreRevocation':
          attachRevocation(topology, reader(id), absent);
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
    });
  }
  if (webAcls.length > 0) {
    topology.webAcls = webAcls;
    for (const acl of webAcls) topology.notRealized.push(...unsupportedRules(acl));
  }
  if (cloudFront.distributions.length > 0) {
    finding(cloudFront.distributions[0]!.logicalId, () => checkCloudFrontReferences(cloudFront));
    topology.cloudFront = cloudFront;
  }
  if (dns.records.length + dns.healthChecks.length + dns.distributions.length + dns.hostedZones.length > 0)
    topology.dns = dns;
  if (options.tolerant) keepRealizable(topology, absent);
  for (const [id, resource] of Object.entries(resources)) {
    if (absent.has(id)) continue;
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

/** The template's resources, own entries only (never Object.prototype's), each an object with a string Type. */
function ownResources(template: CfnTemplate): Record<string, CfnResource> {
  // No prototype: a logical id such as "__proto__" is a key like any other here (and refused below).
  const out: Record<string, CfnResource> = Object.create(null);
  const written = template.Resources;
  if (typeof written !== 'object' || written === null) return out;
  for (const [id, resource] of Object.entries(written))
    if (typeof resource === 'object' && resource !== null && typeof resource.Type === 'string') out[id] = resource;
  return out;
}

/**
 * Runs one resource's compilation. Tolerant: an error becomes that resource's finding and the resource is absent
 * for the others; otherwise the error is thrown as it was.
 */
function findingsOf(
  topology: Topology,
  resources: Record<string, CfnResource>,
  absent: Set<string>,
  options: CompileOptions,
): (id: string, work: () => void) => void {
  return (id, work) => {
    try {
      work();
    } catch (error) {
      // A false Condition is CloudFormation's own doing, not an error: noted in both modes.
      if (!options.tolerant && !(error instanceof ConditionFalse)) throw error;
      const reason = findingReason(error);
      absent.add(id);
      const property = error instanceof UnresolvedProperty ? { property: error.property } : {};
      topology.notRealized.push({
        logicalId: error instanceof UnresolvedProperty ? error.logicalId : id,
        type: resources[id]?.Type ?? 'unknown',
        ...property,
        reason,
      });
    }
  };
}

/** What a finding says for an error the compiler met on one resource. */
function findingReason(error: unknown): Message {
  if (error instanceof ConditionFalse) return msg('tpl.condition-false', { condition: error.condition });
  if (error instanceof UnresolvedProperty) return msg('tpl.unresolvable', { property: error.property }, error.reason);
  if (error instanceof UnresolvableValue) return msg('tpl.unresolvable', { property: null }, error.reason);
  if (error instanceof Unrealizable) return error.reason;
  if (error instanceof AwsApiError)
    return msg('tpl.refused', {
      operation: error.operation,
      code: error.code,
      awsMessage: error.awsMessage,
      detail: error.detail,
      assumed: error.assumed,
    });
  // Anything else the compiler throws on a value it was given: an action or condition it cannot evaluate, or a
  // value of a shape it did not expect (a TypeError on it). Said as it is, on that resource.
  return msg('tpl.not-evaluable', { detail: error instanceof Error ? error.message : String(error) });
}

/** A resource whose Condition is false: CloudFormation does not create it. */
class ConditionFalse extends Error {
  constructor(readonly condition: string) {
    super(`Condition ${condition} is false`);
  }
}

/** CloudFormation takes logical ids of letters and digits only; it refuses the template otherwise. */
function checkLogicalId(id: string, resource: CfnResource): void {
  if (/^[A-Za-z0-9]{1,255}$/.test(id)) return;
  throw new AwsApiError(
    `${id} (${resource.Type})`,
    'CreateStack',
    'ValidationError',
    `Template format error: Resource name ${id} is non alphanumeric.`,
    'a logical id has letters and digits only',
    false,
  );
}

function checkCondition(id: string, resource: CfnResource, template: CfnTemplate): void {
  const condition = resource.Condition;
  if (condition === undefined) return;
  if (typeof condition !== 'string') throw new UnresolvedProperty(id, 'Condition', msg('cfn.condition-shape'));
  let holds: boolean;
  try {
    holds = conditionHolds(condition, template);
  } catch (error) {
    if (error instanceof UnresolvableValue) throw new UnresolvedProperty(id, 'Condition', error.reason);
    throw error;
  }
  if (!holds) throw new ConditionFalse(condition);
}

/**
 * Resources that depend on themselves through Ref, Fn::GetAtt, Fn::Sub or DependsOn: CloudFormation refuses the
 * template ("Circular dependency between resources"), so each is refused here with that error.
 */
function circularDependencies(
  resources: Record<string, CfnResource>,
  template: CfnTemplate,
  absent: Set<string>,
): Map<string, AwsApiError> {
  const ids = Object.keys(resources).filter((id) => !absent.has(id));
  const edges = new Map(
    ids.map((id) => [id, [...dependenciesOf(resources[id]!, template)].filter((to) => !absent.has(to))]),
  );
  const out = new Map<string, AwsApiError>();
  for (const cycle of stronglyConnected(ids, edges)) {
    const names = cycle.join(', ');
    for (const id of cycle)
      out.set(
        id,
        new AwsApiError(
          `${id} (${resources[id]!.Type})`,
          'CreateStack',
          'ValidationError',
          `Circular dependency between resources: [${names}]`,
          `${id} depends on itself through Ref, Fn::GetAtt, Fn::Sub or DependsOn`,
          false,
        ),
      );
  }
  return out;
}

/** Tarjan's strongly connected components, iteratively (no recursion on a hostile graph); cycles only. */
function stronglyConnected(ids: string[], edges: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let counter = 0;
  for (const root of ids) {
    if (index.has(root)) continue;
    const work: [string, number][] = [[root, 0]];
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const [node, next] = frame;
      if (next === 0) {
        index.set(node, counter);
        low.set(node, counter);
        counter += 1;
        stack.push(node);
        onStack.add(node);
      }
      const targets = edges.get(node) ?? [];
      if (next < targets.length) {
        frame[1] = next + 1;
        const to = targets[next]!;
        if (!index.has(to)) work.push([to, 0]);
        else if (onStack.has(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent[0], Math.min(low.get(parent[0])!, low.get(node)!));
      if (low.get(node) !== index.get(node)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (edges.get(node) ?? []).includes(node)) cycles.push(component.reverse());
    }
  }
  return cycles;
}

/**
 * Each resource's construct path, unique: two resources that claim one path (a hand-edited template) would share a
 * component, a folder and a probe name; the second keeps its logical id instead.
 */
function uniquePaths(resources: Record<string, CfnResource>, stackName: string): (id: string) => string {
  const paths = new Map<string, string>();
  const taken = new Set<string>();
  for (const [id, resource] of Object.entries(resources)) {
    const wanted = constructPath(resource.Metadata?.['aws:cdk:path'], stackName, id);
    let path = taken.has(wanted) ? id : wanted;
    for (let n = 2; taken.has(path); n += 1) path = `${id}-${n}`;
    taken.add(path);
    paths.set(id, path);
  }
  return (id) => paths.get(id) ?? id;
}

function constructPath(metadataPath: CfnValue, stackName: string, logicalId: string): string {
  if (typeof metadataPath !== 'string') return logicalId;
  // "Stack/Nlb/Tcp443/Resource" → "Nlb/Tcp443": the path a scenario author wrote.
  const relative = metadataPath.startsWith(`${stackName}/`) ? metadataPath.slice(stackName.length + 1) : metadataPath;
  return relative.replace(/\/(Resource|Default)$/, '') || logicalId;
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
  // A Gateway Load Balancer passes packets to appliances over GENEVE: nothing a client certificate meets.
  if (type === 'gateway') throw new Unrealizable(resource, msg('tpl.gateway'));
  return {
    logicalId: props.logicalId,
    path,
    kind: type === 'network' ? 'network' : 'application',
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
  const resource = `${path} (AWS::ElasticLoadBalancing::LoadBalancer)`;
  const listeners: Listener[] = props.list<Record<string, CfnValue>>('Listeners').map((listener, index) => ({
    logicalId: `${props.logicalId}.Listeners[${index}]`,
    path: `${path}/Listener${listener.LoadBalancerPort}`,
    port: classicPort(listener.LoadBalancerPort, 'LoadBalancerPort', resource),
    protocol: String(listener.Protocol).toUpperCase() as ListenerProtocol,
    instancePort: classicPort(listener.InstancePort, 'InstancePort', resource),
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
  // As CreateListener would answer (sandbox/model/validate/): a port AWS refuses, a default action AWS refuses.
  // A Gateway Load Balancer's listener has neither port nor protocol (CreateListener: "You can't specify a port for
  // a Gateway Load Balancer"); it is not realized, and keeps port 0 as before.
  const writtenPort = props.get('Port');
  const gateway = writtenPort === undefined && props.get('Protocol') === undefined;
  const { port, defaultActions } = asCreate(resource, 'CreateListener', () => ({
    port: gateway ? 0 : readListenerPort(writtenPort),
    defaultActions: readActions(props.get('DefaultActions'), { listenerProtocol: protocol, targetGroup: groupIdOf }),
  }));
  return {
    logicalId: props.logicalId,
    path,
    port,
    protocol,
    instancePort: null,
    instanceProtocol: null,
    defaultActions,
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

/** A target group as an action names it: the logical id a Ref points at, or the ARN as written. */
function groupIdOf(written: unknown): string {
  return referencedLogicalId(written as CfnValue) ?? String(written);
}

/** Runs a reader of sandbox/model/validate/; what it refuses becomes the AwsApiError the operation would answer. */
function asCreate<T>(resource: string, operation: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof Refusal)
      throw new AwsApiError(resource, operation, error.code, error.awsMessage, error.detail, error.assumed);
    throw error;
  }
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
    // As written: the modes AWS documents differ by load balancer kind, so checkMutualAuthentication refuses any
    // other once the listener meets its load balancer (attachListener), in the same words as the live API.
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

function attachListener(topology: Topology, listener: Listener, props: PropertyReader, absent: Set<string>): void {
  const balancerId = referencedLogicalId(props.get('LoadBalancerArn'));
  const balancer = topology.loadBalancers.find((candidate) => candidate.logicalId === balancerId);
  if (!balancer) {
    topology.notRealized.push({
      logicalId: listener.logicalId,
      type: 'AWS::ElasticLoadBalancingV2::Listener',
      property: 'LoadBalancerArn',
      reason: missingReason(balancerId, absent, msg('nr.outside-load-balancer')),
    });
    return;
  }
  const resource = `${listener.path} (AWS::ElasticLoadBalancingV2::Listener)`;
  // As CreateListener would answer: the protocols of the load balancer's kind, NLB mutual TLS in verify mode on TLS
  // listeners only, one listener per port.
  checkListenerProtocol(listener, balancer.kind, resource);
  checkMutualAuthentication(listener, balancer.kind, resource);
  checkSslPolicy(listener, resource);
  asCreate(resource, 'CreateListener', () =>
    checkListenerPortFree(
      listener.port,
      balancer.listeners.map((other) => ({ id: other.path, port: other.port })),
    ),
  );
  const unrealized = authenticationOf(listener.defaultActions);
  if (unrealized)
    topology.notRealized.push({
      logicalId: listener.logicalId,
      type: 'AWS::ElasticLoadBalancingV2::Listener',
      property: 'DefaultActions',
      reason: msg('nr.rule-authentication', { action: unrealized, rule: 'default' }),
    });
  balancer.listeners.push(listener);
}

/** The user authentication action of a rule, which the sandbox does not realize (docs/listener-rules.md), or null. */
function authenticationOf(actions: RuleAction[]): string | null {
  return actions.find((action) => !ROUTING_TYPES.includes(action.type))?.type ?? null;
}
const ROUTING_TYPES: string[] = ['forward', 'fixed-response', 'redirect'];

function attachRule(topology: Topology, props: PropertyReader, path: string, absent: Set<string>): void {
  const listenerId = referencedLogicalId(props.get('ListenerArn'));
  const written = {
    priority: props.get('Priority'),
    conditions: props.get('Conditions'),
    actions: props.get('Actions'),
    transforms: props.get('Transforms'),
  };
  const balancer = topology.loadBalancers.find((candidate) =>
    candidate.listeners.some((listener) => listener.logicalId === listenerId),
  );
  const listener = balancer?.listeners.find((candidate) => candidate.logicalId === listenerId);
  if (!balancer || !listener) {
    topology.notRealized.push({
      logicalId: props.logicalId,
      type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
      property: 'ListenerArn',
      reason: missingReason(listenerId, absent, msg('nr.outside-listener')),
    });
    return;
  }
  // As CreateRule would answer (sandbox/model/validate/): the deploy of a rule AWS refuses fails, so the set-up does.
  const resource = `${path} (AWS::ElasticLoadBalancingV2::ListenerRule)`;
  const rule = asCreate(resource, 'CreateRule', (): ListenerRule => {
    const priority = readPriority(written.priority);
    const conditions = readConditions(written.conditions);
    const actions = readActions(written.actions, { listenerProtocol: listener.protocol, targetGroup: groupIdOf });
    const transforms = readTransforms(written.transforms);
    checkPriorityFree(
      priority,
      listener.rules.map((other) => ({ id: other.logicalId, priority: other.priority })),
    );
    checkRulesQuota(balancer.listeners.reduce((sum, other) => sum + other.rules.length, 0) + 1);
    return {
      logicalId: props.logicalId,
      priority,
      conditions,
      actions,
      ...(transforms.length > 0 ? { transforms } : {}),
    };
  });
  checkRuleForLoadBalancer(rule, balancer, resource);
  const unrealized = authenticationOf(rule.actions);
  if (unrealized)
    topology.notRealized.push({
      logicalId: props.logicalId,
      type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
      property: 'Actions',
      reason: msg('nr.rule-authentication', { action: unrealized, rule: String(rule.priority) }),
    });
  listener.rules.push(rule);
  listener.rules.sort((a, b) => a.priority - b.priority);
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

function attachRevocation(topology: Topology, props: PropertyReader, absent: Set<string>): void {
  const storeId = referencedLogicalId(props.get('TrustStoreArn'));
  const store = topology.trustStores.find((candidate) => candidate.logicalId === storeId);
  const contents = props.list<Record<string, CfnValue>>('RevocationContents');
  if (!store) {
    topology.notRealized.push({
      logicalId: props.logicalId,
      type: 'AWS::ElasticLoadBalancingV2::TrustStoreRevocation',
      property: 'TrustStoreArn',
      reason: missingReason(storeId, absent, msg('nr.outside-trust-store')),
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
  const out: Record<string, string> = Object.create(null);
  for (const item of list as { Key: string; Value: CfnValue }[]) out[item.Key] = String(item.Value);
  return out;
}

function refOrValue(value: CfnValue): CfnValue {
  return isResourceRef(value) ? value.ref : value;
}
