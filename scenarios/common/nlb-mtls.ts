// NLB TLS listeners and their mutual TLS (November 2026), in CDK. aws-cdk-lib 2.278.0 predates the feature: the L2
// NetworkListener has no mutualAuthentication, and CfnListener.MutualAuthenticationProperty knows four fields and
// drops any other key when it renders the template. So the whole MutualAuthentication object is written with the L1
// escape hatch, addPropertyOverride, in CloudFormation's own names (AWS::ElasticLoadBalancingV2::Listener
// MutualAuthentication, plus ClientCertificateIdentityFilters from the ELB API reference). Whether CloudFormation's
// handler accepts the new key yet is not documented (docs/aws-facts.md#nlb-cdk).
import { Duration, type Stack, Validations } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { IpTarget } from 'aws-cdk-lib/aws-elasticloadbalancingv2-targets';
import { LISTENER_CERTIFICATE_ARN } from './alb-stack.js';

/** One ClientCertificateIdentityFilter, in the API's words (the only Action, accept, is added). */
export interface IdentityFilterProps {
  field: 'subject-cn' | 'subject-ou' | 'san-dns' | 'san-uri';
  matchType: 'exact' | 'prefix';
  value: string;
}

export interface NlbMutualTlsProps {
  trustStore: elbv2.ITrustStore;
  /** The identity filters; none (or an empty list): every certificate the trust store verifies is admitted. */
  identityFilters?: IdentityFilterProps[];
  ignoreClientCertificateExpiry?: boolean;
  advertiseTrustStoreCaNames?: boolean;
  /** Verify is the only mode an NLB supports; another mode is for showing that AWS refuses it. */
  mode?: 'verify' | 'passthrough' | 'off';
}

/** Writes the listener's MutualAuthentication as CloudFormation names it, filters included. */
export function nlbMutualTls(listener: elbv2.NetworkListener, props: NlbMutualTlsProps): void {
  const cfn = listener.node.defaultChild as elbv2.CfnListener;
  // 2.278.0's template validation knows the schema without the new key and warns about it (rule F3002).
  Validations.of(cfn).acknowledge({
    id: 'CloudFormation-Validate::F3002',
    reason: 'ClientCertificateIdentityFilters (NLB mutual TLS, November 2026) is newer than this aws-cdk-lib',
  });
  cfn.addPropertyOverride('MutualAuthentication', {
    Mode: props.mode ?? 'verify',
    TrustStoreArn: props.trustStore.trustStoreArn,
    ...(props.ignoreClientCertificateExpiry === undefined
      ? {}
      : { IgnoreClientCertificateExpiry: props.ignoreClientCertificateExpiry }),
    ...(props.advertiseTrustStoreCaNames === undefined
      ? {}
      : { AdvertiseTrustStoreCaNames: props.advertiseTrustStoreCaNames ? 'on' : 'off' }),
    ...(props.identityFilters
      ? {
          ClientCertificateIdentityFilters: props.identityFilters.map((filter) => ({
            Field: filter.field,
            MatchType: filter.matchType,
            Value: filter.value,
            Action: 'accept',
          })),
        }
      : {}),
  });
}

export interface NlbTlsListenerProps {
  port?: number;
  targetGroup: elbv2.INetworkTargetGroup;
  /** The NLB default for listeners made through the API, CloudFormation and CDK is ELBSecurityPolicy-2016-08. */
  sslPolicy?: elbv2.SslPolicy;
  alpnPolicy?: elbv2.AlpnPolicy;
  mutualTls?: NlbMutualTlsProps;
}

/** A TLS listener: TLS ends at the NLB with the listener's certificate (the sandbox's localhost one stands in). */
export function nlbTlsListener(nlb: elbv2.NetworkLoadBalancer, id: string, props: NlbTlsListenerProps) {
  const listener = nlb.addListener(id, {
    port: props.port ?? 443,
    protocol: elbv2.Protocol.TLS,
    certificates: [elbv2.ListenerCertificate.fromArn(LISTENER_CERTIFICATE_ARN)],
    sslPolicy: props.sslPolicy,
    alpnPolicy: props.alpnPolicy,
    defaultTargetGroups: [props.targetGroup],
  });
  if (props.mutualTls) nlbMutualTls(listener, props.mutualTls);
  return listener;
}

export interface NlbTargetGroupProps {
  /** Registered target addresses; the scenario maps one local backend to each, in order. */
  targetIps: string[];
  /** TCP: a plain connection to the target; TLS: the NLB opens a TLS connection of its own. */
  protocol: elbv2.Protocol.TCP | elbv2.Protocol.TLS;
  port?: number;
  preserveClientIp?: boolean;
  proxyProtocolV2?: boolean;
}

/** A target group of IP targets behind an NLB, TCP health checks every 10 s. */
export function nlbTargetGroup(scope: Stack, id: string, vpc: ec2.IVpc, props: NlbTargetGroupProps) {
  const port = props.port ?? 443;
  return new elbv2.NetworkTargetGroup(scope, id, {
    vpc,
    port,
    protocol: props.protocol,
    targetType: elbv2.TargetType.IP,
    targets: props.targetIps.map((ip) => new IpTarget(ip, port)),
    preserveClientIp: props.preserveClientIp,
    proxyProtocolV2: props.proxyProtocolV2,
    healthCheck: {
      protocol: elbv2.Protocol.TCP,
      interval: Duration.seconds(10),
      healthyThresholdCount: 2,
      unhealthyThresholdCount: 2,
    },
  });
}
