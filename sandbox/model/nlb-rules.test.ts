// NLB listener rules (July 2026) through the compiler: source-ip with IpAddressType on a dual-stack NLB compiles;
// what CreateRule refuses on an NLB (and an NLB field on an ALB rule) stops the set-up with the rule named.
import { describe, expect, it } from 'vitest';
import type { CfnResource } from './cfn.js';
import { compileTemplate } from './compile.js';
import { AwsApiError } from './errors.js';

type Condition = Record<string, unknown>;

function stack(options: {
  ipAddressType?: string;
  type?: 'network' | 'application';
  conditions?: Condition[];
  actions?: Record<string, unknown>[];
}): Record<string, CfnResource> {
  const network = (options.type ?? 'network') === 'network';
  return {
    Lb: {
      Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      Metadata: { 'aws:cdk:path': 'Stack/Nlb/Resource' },
      Properties: {
        Type: options.type ?? 'network',
        ...(options.ipAddressType ? { IpAddressType: options.ipAddressType } : {}),
      },
    },
    Tcp443: {
      Type: 'AWS::ElasticLoadBalancingV2::Listener',
      Metadata: { 'aws:cdk:path': 'Stack/Nlb/Tcp443/Resource' },
      Properties: {
        LoadBalancerArn: { Ref: 'Lb' },
        Port: 443,
        Protocol: network ? 'TCP' : 'HTTP',
        DefaultActions: [{ Type: 'forward', TargetGroupArn: { Ref: 'V4' } }],
      },
    },
    Ipv6Rule: {
      Type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
      Metadata: { 'aws:cdk:path': 'Stack/Nlb/Tcp443/Ipv6Rule/Resource' },
      Properties: {
        ListenerArn: { Ref: 'Tcp443' },
        Priority: 10,
        Conditions: options.conditions ?? [{ Field: 'source-ip', SourceIpConfig: { IpAddressType: 'ipv6' } }],
        Actions: options.actions ?? [{ Type: 'forward', TargetGroupArn: { Ref: 'V6' } }],
      },
    },
    V4: { Type: 'AWS::ElasticLoadBalancingV2::TargetGroup', Properties: { Protocol: 'TCP', Port: 443 } },
    V6: { Type: 'AWS::ElasticLoadBalancingV2::TargetGroup', Properties: { Protocol: 'TCP', Port: 443 } },
  };
}

const compile = (resources: Record<string, CfnResource>) => compileTemplate({ Resources: resources }, 'Stack');

function refusal(resources: Record<string, CfnResource>): AwsApiError {
  try {
    compile(resources);
  } catch (error) {
    if (error instanceof AwsApiError) return error;
    throw error;
  }
  throw new Error('expected CreateRule to refuse the rule');
}

describe('NLB listener rules', () => {
  it('compiles source-ip with IpAddressType on a dual-stack NLB, forwarding to its own target group', () => {
    const topology = compile(stack({ ipAddressType: 'dualstack' }));
    const nlb = topology.loadBalancers[0]!;
    expect(nlb.ipAddressType).toBe('dualstack');
    expect(nlb.listeners[0]!.rules).toEqual([
      {
        logicalId: 'Ipv6Rule',
        priority: 10,
        conditions: [{ field: 'source-ip', values: [], ipAddressType: 'ipv6' }],
        actions: [{ type: 'forward', targetGroups: [{ targetGroupId: 'V6', weight: 1 }], groupStickiness: null }],
      },
    ]);
    // the address type is read, not reported as networking the sandbox leaves out
    expect(topology.notRealized.filter((entry) => entry.property === 'IpAddressType')).toEqual([]);
    expect(
      compile(stack({ ipAddressType: 'dualstack-without-public-ipv4' })).loadBalancers[0]!.listeners[0]!.rules,
    ).toHaveLength(1);
  });

  it('refuses a rule on an NLB that is not dual-stack, naming the rule and the fix', () => {
    for (const ipAddressType of [undefined, 'ipv4']) {
      const error = refusal(stack({ ...(ipAddressType ? { ipAddressType } : {}) }));
      expect(error).toMatchObject({ operation: 'CreateRule', code: 'ValidationError', assumed: true });
      expect(error.awsMessage).toBe('Listener rules are supported only for dual-stack Network Load Balancers');
      expect(error.message).toMatch(/^Nlb\/Tcp443\/Ipv6Rule \(AWS::ElasticLoadBalancingV2::ListenerRule\)/);
      expect(error.detail).toContain('IpAddressType dualstack');
    }
  });

  it('refuses conditions other than source-ip, Values instead of IpAddressType, and actions other than forward', () => {
    const dual = { ipAddressType: 'dualstack' };
    expect(refusal(stack({ ...dual, conditions: [{ Field: 'path-pattern', Values: ['/api/*'] }] })).awsMessage).toBe(
      "The condition field 'path-pattern' is not supported for Network Load Balancer listener rules",
    );
    expect(
      refusal(stack({ ...dual, conditions: [{ Field: 'source-ip', SourceIpConfig: { Values: ['10.0.0.0/8'] } }] }))
        .awsMessage,
    ).toBe('A source-ip condition of a Network Load Balancer listener rule must have an IpAddressType');
    expect(
      refusal(
        stack({
          ...dual,
          conditions: [{ Field: 'source-ip', SourceIpConfig: { IpAddressType: 'ipv4', Values: ['10.0.0.0/8'] } }],
        }),
      ).awsMessage,
    ).toBe('A source-ip condition of a Network Load Balancer listener rule takes IpAddressType, not Values');
    expect(
      refusal(stack({ ...dual, actions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '503' } }] }))
        .awsMessage,
    ).toBe("The action type 'fixed-response' is not supported for Network Load Balancer listener rules");
  });

  it('refuses an address type outside the enums, in the API constraint wording', () => {
    expect(() =>
      compile(
        stack({
          ipAddressType: 'dualstack',
          conditions: [{ Field: 'source-ip', SourceIpConfig: { IpAddressType: 'ipv5' } }],
        }),
      ),
    ).toThrow(
      "Value 'ipv5' at 'conditions.1.member.sourceIpConfig.ipAddressType' failed to satisfy constraint: Member must satisfy enum value set: [ipv4, ipv6]",
    );
    expect(() => compile(stack({ ipAddressType: 'ipv6' }))).toThrow("Value 'ipv6' at 'ipAddressType'");
  });

  it('refuses IpAddressType on an ALB rule: an ALB matches CIDR blocks', () => {
    const error = refusal(stack({ type: 'application' }));
    expect(error.awsMessage).toBe('IpAddressType is supported only for Network Load Balancer listener rules');
  });
});
