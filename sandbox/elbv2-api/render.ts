// The state's resources in the API model's shapes (botocore elbv2 service-2.json: LoadBalancer, Listener, Rule,
// Action, RuleCondition, TargetGroup, TrustStore…), for xml.ts. Pure.
import type { RuleAction, RuleCondition, RuleTransform } from '../model/topology.js';
import { ACCOUNT, REGION, resourceId } from './arns.js';
import {
  type ApiListener,
  type ApiLoadBalancer,
  type ApiRule,
  type ApiTargetGroup,
  type ApiTrustStore,
  caCount,
  type ElbState,
} from './state.js';
import { type XmlValue, XmlMap } from './xml.js';

type Shape = { [member: string]: XmlValue };

const VPC = `vpc-${resourceId('sandbox-vpc').slice(0, 8)}`;

export function loadBalancerShape(balancer: ApiLoadBalancer): Shape {
  return {
    LoadBalancerArn: balancer.arn,
    // Not resolvable: each listener has its own port on 127.0.0.1 (`up` prints them).
    DNSName: `${balancer.name}-${balancer.id.slice(0, 10)}.${REGION}.elb.localhost`,
    CanonicalHostedZoneId: 'Z35SXDOTRQ7X7K',
    CreatedTime: balancer.createdTime,
    LoadBalancerName: balancer.name,
    Scheme: balancer.scheme,
    VpcId: VPC,
    State: { Code: 'active' },
    Type: 'application',
    AvailabilityZones: [],
    SecurityGroups: [],
    IpAddressType: 'ipv4',
  };
}

export function certificateArn(reference: string): string {
  return reference.startsWith('arn:')
    ? reference
    : `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/${resourceId('certificate', reference)}`;
}

export function listenerShape(state: ElbState, listener: ApiListener): Shape {
  const mutual = listener.mutualAuthentication;
  const store = state.trustStores.find((candidate) => candidate.logicalId === mutual?.trustStoreId);
  return {
    ListenerArn: listener.arn,
    LoadBalancerArn: listener.loadBalancerArn,
    Port: listener.port,
    Protocol: listener.protocol,
    Certificates:
      listener.protocol === 'HTTPS' ? listener.certificates.map((c) => ({ CertificateArn: certificateArn(c) })) : null,
    SslPolicy: listener.protocol === 'HTTPS' ? (listener.sslPolicy ?? 'ELBSecurityPolicy-2016-08') : null,
    DefaultActions: listener.defaultActions.map((action, index) => actionShape(state, action, index)),
    MutualAuthentication:
      listener.protocol === 'HTTPS'
        ? {
            Mode: mutual?.mode ?? 'off',
            TrustStoreArn: mutual?.mode === 'verify' ? store?.arn : null,
            IgnoreClientCertificateExpiry: mutual?.mode === 'verify' ? mutual.ignoreClientCertificateExpiry : null,
            TrustStoreAssociationStatus: mutual?.mode === 'verify' ? 'active' : null,
            AdvertiseTrustStoreCaNames:
              mutual?.mode === 'verify' ? (mutual.advertiseTrustStoreCaNames ? 'on' : 'off') : null,
          }
        : null,
  };
}

export function actionShape(state: ElbState, action: RuleAction, index: number): Shape {
  const order = index + 1;
  switch (action.type) {
    case 'forward': {
      const arnOf = (id: string) => state.targetGroups.find((group) => group.group.logicalId === id)?.arn ?? id;
      return {
        Type: 'forward',
        TargetGroupArn: action.targetGroups.length === 1 ? arnOf(action.targetGroups[0]!.targetGroupId) : null,
        Order: order,
        ForwardConfig: {
          TargetGroups: action.targetGroups.map((t) => ({ TargetGroupArn: arnOf(t.targetGroupId), Weight: t.weight })),
          TargetGroupStickinessConfig: {
            Enabled: action.groupStickiness?.enabled ?? false,
            DurationSeconds: action.groupStickiness?.enabled ? action.groupStickiness.durationSeconds : null,
          },
        },
      };
    }
    case 'fixed-response':
      return {
        Type: 'fixed-response',
        Order: order,
        FixedResponseConfig: {
          MessageBody: action.messageBody,
          StatusCode: String(action.statusCode),
          ContentType: action.contentType,
        },
      };
    case 'redirect':
      return {
        Type: 'redirect',
        Order: order,
        RedirectConfig: {
          Protocol: action.protocol,
          Port: action.port,
          Host: action.host,
          Path: action.path,
          Query: action.query,
          StatusCode: action.statusCode,
        },
      };
    // Authentication actions as accepted (the client secret is never echoed; assumed, as AWS keeps it to itself).
    case 'authenticate-oidc':
      return {
        Type: action.type,
        Order: order,
        AuthenticateOidcConfig: {
          Issuer: action.issuer,
          AuthorizationEndpoint: action.authorizationEndpoint,
          TokenEndpoint: action.tokenEndpoint,
          UserInfoEndpoint: action.userInfoEndpoint,
          ClientId: action.clientId,
          ...sessionShape(action),
        },
      };
    case 'authenticate-cognito':
      return {
        Type: action.type,
        Order: order,
        AuthenticateCognitoConfig: {
          UserPoolArn: action.userPoolArn,
          UserPoolClientId: action.userPoolClientId,
          UserPoolDomain: action.userPoolDomain,
          ...sessionShape(action),
        },
      };
    case 'jwt-validation':
      return {
        Type: action.type,
        Order: order,
        JwtValidationConfig: {
          JwksEndpoint: action.jwksEndpoint,
          Issuer: action.issuer,
          AdditionalClaims: action.additionalClaims.length
            ? action.additionalClaims.map((claim) => ({ Format: claim.format, Name: claim.name, Values: claim.values }))
            : null,
        },
      };
  }
}

function sessionShape(action: Extract<RuleAction, { type: 'authenticate-oidc' | 'authenticate-cognito' }>): Shape {
  const params = Object.entries(action.extraParams);
  return {
    SessionCookieName: action.sessionCookieName,
    Scope: action.scope,
    SessionTimeout: action.sessionTimeout,
    AuthenticationRequestExtraParams: params.length ? new XmlMap(params) : null,
    OnUnauthenticatedRequest: action.onUnauthenticatedRequest,
  };
}

/** A condition as DescribeRules shows it: the legacy Values and RegexValues beside the *Config (assumed for regexes,
 * as AWS shows host and path Values at both levels). */
export function conditionShape(condition: RuleCondition): Shape {
  const regex = 'regexValues' in condition && condition.regexValues ? { RegexValues: condition.regexValues } : {};
  switch (condition.field) {
    case 'host-header':
      return {
        Field: condition.field,
        Values: condition.values,
        ...regex,
        HostHeaderConfig: { Values: condition.values, ...regex },
      };
    case 'path-pattern':
      return {
        Field: condition.field,
        Values: condition.values,
        ...regex,
        PathPatternConfig: { Values: condition.values, ...regex },
      };
    case 'http-header':
      return {
        Field: condition.field,
        ...regex,
        HttpHeaderConfig: { HttpHeaderName: condition.headerName, Values: condition.values, ...regex },
      };
    case 'http-request-method':
      return { Field: condition.field, HttpRequestMethodConfig: { Values: condition.values } };
    case 'source-ip':
      return { Field: condition.field, SourceIpConfig: { Values: condition.values } };
    case 'query-string':
      return {
        Field: condition.field,
        QueryStringConfig: { Values: condition.values.map((pair) => ({ Key: pair.key, Value: pair.value })) },
      };
  }
}

export function ruleShape(state: ElbState, rule: ApiRule): Shape {
  return {
    RuleArn: rule.arn,
    Priority: String(rule.rule.priority),
    Conditions: rule.rule.conditions.map(conditionShape),
    Actions: rule.rule.actions.map((action, index) => actionShape(state, action, index)),
    IsDefault: false,
    Transforms: rule.rule.transforms?.length ? rule.rule.transforms.map(transformShape) : null,
  };
}

export function transformShape(transform: RuleTransform): Shape {
  const rewrites = { Rewrites: transform.rewrites.map(({ regex, replace }) => ({ Regex: regex, Replace: replace })) };
  return transform.type === 'host-header-rewrite'
    ? { Type: transform.type, HostHeaderRewriteConfig: rewrites }
    : { Type: transform.type, UrlRewriteConfig: rewrites };
}

/** The listener's default rule, as DescribeRules lists it last. */
export function defaultRuleShape(state: ElbState, listener: ApiListener): Shape {
  return {
    RuleArn: defaultRuleArn(listener),
    Priority: 'default',
    Conditions: [],
    Actions: listener.defaultActions.map((action, index) => actionShape(state, action, index)),
    IsDefault: true,
  };
}

export function defaultRuleArn(listener: ApiListener): string {
  return `${listener.arn.replace(':listener/', ':listener-rule/')}/${resourceId(listener.arn, 'default')}`;
}

export function targetGroupShape(group: ApiTargetGroup): Shape {
  const g = group.group;
  const check = g.healthCheck;
  return {
    TargetGroupArn: group.arn,
    TargetGroupName: group.name,
    Protocol: g.protocol,
    Port: g.port,
    VpcId: VPC,
    HealthCheckProtocol: check.protocol,
    HealthCheckPort: String(check.port),
    HealthCheckEnabled: true,
    HealthCheckIntervalSeconds: check.intervalSeconds,
    HealthCheckTimeoutSeconds: check.timeoutSeconds,
    HealthyThresholdCount: check.healthyThreshold,
    UnhealthyThresholdCount: check.unhealthyThreshold,
    HealthCheckPath: check.path,
    Matcher: check.matcher ? { HttpCode: check.matcher } : null,
    LoadBalancerArns: group.loadBalancerArns,
    TargetType: g.targetType,
    ProtocolVersion: g.protocol === 'HTTP' || g.protocol === 'HTTPS' ? 'HTTP1' : null,
    IpAddressType: 'ipv4',
  };
}

/** The target group's attributes: those the template set, with stickiness as the sandbox applies it. */
export function targetGroupAttributes(group: ApiTargetGroup): Shape[] {
  const attributes: Record<string, string> = { ...group.group.attributes };
  attributes['stickiness.enabled'] = String(group.stickiness.enabled);
  attributes['stickiness.type'] = group.group.stickiness.type === 'source_ip' ? 'source_ip' : 'lb_cookie';
  attributes['stickiness.lb_cookie.duration_seconds'] = String(group.stickiness.durationSeconds);
  return Object.entries(attributes).map(([Key, Value]) => ({ Key, Value }));
}

export function trustStoreShape(store: ApiTrustStore): Shape {
  return {
    Name: store.name,
    TrustStoreArn: store.arn,
    Status: store.caBundlePem ? 'ACTIVE' : 'CREATING',
    NumberOfCaCertificates: caCount(store.caBundlePem),
    TotalRevokedEntries: store.revocations.reduce((sum, revocation) => sum + revocation.entries, 0),
  };
}
