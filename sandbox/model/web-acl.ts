// The subset of an AWS WAF web ACL that the ALB emulator evaluates: the compiled shapes (waf.ts compiles them).
// Pure.
import type { Message } from '../messages.js';

export type WafField = 'QUERY_STRING' | 'URI_PATH';
export type WafTransform = 'NONE' | 'URL_DECODE' | 'LOWERCASE' | 'COMPRESS_WHITE_SPACE';
export const WAF_TRANSFORMS: readonly WafTransform[] = ['NONE', 'URL_DECODE', 'LOWERCASE', 'COMPRESS_WHITE_SPACE'];
export type WafPositional = 'EXACTLY' | 'STARTS_WITH' | 'ENDS_WITH' | 'CONTAINS' | 'CONTAINS_WORD';

export type WafStatement =
  | { kind: 'sqli'; field: WafField; transforms: WafTransform[]; sensitivity: 'LOW' | 'HIGH' }
  | { kind: 'byte'; field: WafField; transforms: WafTransform[]; positional: WafPositional; search: string }
  | { kind: 'and' | 'or'; statements: WafStatement[] }
  | { kind: 'not'; statement: WafStatement };

export type WafAction = { type: 'ALLOW' } | { type: 'BLOCK'; status: number } | { type: 'COUNT' };

export interface WafRule {
  name: string;
  priority: number;
  action: WafAction;
  /** The compiled statement; null when the rule is outside the subset (see `unsupported`). */
  statement: WafStatement | null;
  /** Why the emulator cannot evaluate this rule; the rule is skipped and reported as not realized. */
  unsupported: Message | null;
}

export interface WebAcl {
  logicalId: string;
  path: string;
  name: string;
  scope: string;
  defaultAction: Exclude<WafAction, { type: 'COUNT' }>;
  /** Rules in evaluation order (lowest priority first). */
  rules: WafRule[];
  /** Load balancers (logical ids) this web ACL is associated with through AWS::WAFv2::WebACLAssociation. */
  associations: string[];
}
