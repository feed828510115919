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
export { addResponseHeaders, addTlsHeaders, renameHeaders } from '../common/alb-header-modification.js';
export type { HeaderRenames, ResponseHeaders } from '../common/alb-header-modification.js';
export {
  CACHING_DISABLED_POLICY_ID,
  PASSTHROUGH_HEADERS,
  VIEWER_CERT_HEADERS,
  cloudFrontTrustStore,
  connectionFunction,
  keyValueStore,
  originRequestPolicy,
  viewerMtlsDistribution,
} from '../common/cloudfront-mtls.js';
export type { ViewerMtlsDistributionProps } from '../common/cloudfront-mtls.js';
export { blockSqliInQueryString, visibility, webAclOnAlbs } from '../common/waf-stack.js';
