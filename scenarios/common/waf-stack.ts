// AWS WAF building blocks for scenario stacks: a regional web ACL that allows by default, its rules, and its
// association with ALBs (AWS WAF attaches to ALBs, CloudFront, API Gateway…, never to an NLB).
import type { Stack } from 'aws-cdk-lib';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';

export const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  sampledRequestsEnabled: true,
  metricName,
});

type Transformation = 'URL_DECODE' | 'LOWERCASE';

/** Blocks SQL injection in the query string, after the given text transformations, in order. */
export function blockSqliInQueryString(
  priority: number,
  transformations: Transformation[],
): wafv2.CfnWebACL.RuleProperty {
  return {
    name: 'BlockSqliInQueryString',
    priority,
    action: { block: {} },
    visibilityConfig: visibility('BlockSqliInQueryString'),
    statement: {
      sqliMatchStatement: {
        fieldToMatch: { queryString: {} },
        textTransformations: transformations.map((type, index) => ({ priority: index, type })),
      },
    },
  };
}

/** A regional web ACL named `name` that allows what its rules do not block, associated with each ALB given. */
export function webAclOnAlbs(
  scope: Stack,
  name: string,
  rules: wafv2.CfnWebACL.RuleProperty[],
  albs: Record<string, elbv2.ApplicationLoadBalancer>,
): wafv2.CfnWebACL {
  const webAcl = new wafv2.CfnWebACL(scope, 'WebAcl', {
    name,
    scope: 'REGIONAL',
    defaultAction: { allow: {} },
    visibilityConfig: visibility(name),
    rules,
  });
  for (const [id, alb] of Object.entries(albs))
    new wafv2.CfnWebACLAssociation(scope, id, { resourceArn: alb.loadBalancerArn, webAclArn: webAcl.attrArn });
  return webAcl;
}
