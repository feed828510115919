// Deterministic ARNs for what the sandbox realized: the same stack gives the same ARNs on every `up`, so a command
// written down once works again. Region and account are LocalStack's defaults. Pure.
import { createHash } from 'node:crypto';

export const REGION = 'us-east-1';
export const ACCOUNT = '000000000000';
const PREFIX = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}`;

/** 16 hex digits standing for the id AWS generates, from what identifies the resource. */
export function resourceId(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 16);
}

/** Load balancer and target group names: up to 32 alphanumerics and hyphens (CreateLoadBalancer Name). */
export function awsName(name: string): string {
  const cleaned = name
    .replace(/[^A-Za-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 32)
    .replace(/-+$/, '');
  return cleaned || 'sandbox';
}

export const loadBalancerArn = (name: string, id: string) => `${PREFIX}:loadbalancer/app/${name}/${id}`;
export const listenerArn = (name: string, lbId: string, id: string) => `${PREFIX}:listener/app/${name}/${lbId}/${id}`;
export const ruleArn = (name: string, lbId: string, listenerId: string, id: string) =>
  `${PREFIX}:listener-rule/app/${name}/${lbId}/${listenerId}/${id}`;
export const targetGroupArn = (name: string, id: string) => `${PREFIX}:targetgroup/${name}/${id}`;
export const trustStoreArn = (name: string, id: string) => `${PREFIX}:truststore/${name}/${id}`;
