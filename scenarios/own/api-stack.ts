// The sandbox's public API for a stack.ts outside the project (`import … from 'mtls-sandbox/stack'`): the CDK
// building blocks the catalogue's stacks are made of. aws-cdk-lib itself is imported as usual ('aws-cdk-lib',
// 'aws-cdk-lib/aws-elasticloadbalancingv2'…) and resolves to the project's copy (scenarios/own/resolve-hook.mjs).
export { LISTENER_CERTIFICATE_ARN, albBase, httpTargetGroup, httpsListener, trustStore } from '../common/alb-stack.js';
export type { AlbBase } from '../common/alb-stack.js';
export { clbTcpPassthrough } from '../common/clb-stack.js';
export { nlbMutualTls, nlbTargetGroup, nlbTlsListener } from '../common/nlb-mtls.js';
export type {
  IdentityFilterProps,
  NlbMutualTlsProps,
  NlbTargetGroupProps,
  NlbTlsListenerProps,
} from '../common/nlb-mtls.js';
export { nlbTcpPassthrough } from '../common/nlb-stack.js';
export type { NlbPassthroughOptions } from '../common/nlb-stack.js';
