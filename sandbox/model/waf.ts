// AWS WAF (WAFv2) web ACLs and their associations, compiled from the template into the subset the ALB emulator
// evaluates. Pure. Everything outside the subset is kept in the web ACL as an unsupported rule with its reason (and
// reported as not realized), never silently dropped:
// - statements: SqliMatchStatement, ByteMatchStatement, and And/Or/Not of them;
// - fields: QueryString and UriPath;
// - text transformations: NONE, URL_DECODE, LOWERCASE, COMPRESS_WHITE_SPACE;
// - rule actions Allow, Block (optionally with a CustomResponse status code) and Count; default action Allow or Block.
// AWS WAF references: "Rule statements", API SqliMatchStatement / ByteMatchStatement / TextTransformation, "Setting
// rule priority", "Resources that you can protect with AWS WAF".
import { referencedLogicalId, type CfnValue } from './cfn.js';
import type { PropertyReader } from './properties.js';
import type { LoadBalancer, NotRealized } from './topology.js';

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
  unsupported: string | null;
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

/** What AWS WAF can be associated with (AWS WAF Developer Guide, "Resources that you can protect with AWS WAF"). */
export const WAF_PROTECTABLE =
  'Application Load Balancer, CloudFront distribution, API Gateway REST API, AppSync GraphQL API, Cognito user pool, App Runner service, Verified Access instance, Amplify';

class Unsupported extends Error {}

export function compileWebAcl(props: PropertyReader, path: string): WebAcl {
  props.explain(
    'metrics and sampled requests are CloudWatch features; the emulator writes its own WAF log instead',
    'VisibilityConfig',
  );
  props.explain('names, descriptions and tags do not change what a rule matches', 'Description', 'Tags');
  const defaultAction = compileAction(props.get('DefaultAction') as Record<string, CfnValue> | undefined);
  const rules = props
    .list<Record<string, CfnValue>>('Rules')
    .map(compileRule)
    .sort((a, b) => a.priority - b.priority);
  return {
    logicalId: props.logicalId,
    path,
    name: props.string('Name') ?? path,
    scope: props.string('Scope') ?? 'REGIONAL',
    defaultAction: defaultAction.type === 'COUNT' ? { type: 'ALLOW' } : defaultAction,
    rules,
    associations: [],
  };
}

function compileRule(rule: Record<string, CfnValue>): WafRule {
  const name = String(rule.Name ?? 'unnamed');
  const priority = Number(rule.Priority ?? 0);
  if (rule.OverrideAction !== undefined || rule.Action === undefined) {
    // Rule group references (managed or own) carry OverrideAction instead of Action.
    return {
      name,
      priority,
      action: { type: 'COUNT' },
      statement: null,
      unsupported:
        unsupportedStatementReason(rule.Statement) ??
        'a rule without its own Action (a rule group reference) is not emulated',
    };
  }
  let action: WafAction;
  try {
    action = compileAction(rule.Action as Record<string, CfnValue>);
  } catch (error) {
    return { name, priority, action: { type: 'COUNT' }, statement: null, unsupported: (error as Error).message };
  }
  try {
    return {
      name,
      priority,
      action,
      statement: compileStatement(rule.Statement as Record<string, CfnValue>),
      unsupported: null,
    };
  } catch (error) {
    if (!(error instanceof Unsupported)) throw error;
    return { name, priority, action, statement: null, unsupported: error.message };
  }
}

function unsupportedStatementReason(statement: CfnValue): string | null {
  const managed = (statement as Record<string, Record<string, CfnValue>> | undefined)?.ManagedRuleGroupStatement;
  if (managed)
    return `the managed rule group ${String(managed.VendorName)}/${String(managed.Name)} is not emulated (its rules are AWS's and not published); write the check as a SqliMatchStatement or ByteMatchStatement to see it here`;
  if ((statement as Record<string, CfnValue> | undefined)?.RuleGroupReferenceStatement)
    return 'rule group references are not emulated';
  return null;
}

function compileAction(action: Record<string, CfnValue> | undefined): WafAction {
  if (!action || action.Allow !== undefined) {
    if (action && hasKeys(action.Allow))
      throw new Unsupported('Allow with CustomRequestHandling (inserted headers) is not emulated');
    return { type: 'ALLOW' };
  }
  if (action.Block !== undefined) {
    const custom = (action.Block as Record<string, Record<string, CfnValue>> | undefined)?.CustomResponse;
    if (custom && (custom.CustomResponseBodyKey !== undefined || custom.ResponseHeaders !== undefined)) {
      throw new Unsupported('Block with a custom response body or headers is not emulated (only ResponseCode is)');
    }
    // AWS WAF's default block response is HTTP 403 (Forbidden) (AWS WAF Developer Guide, "Custom responses for Block actions").
    return { type: 'BLOCK', status: custom?.ResponseCode !== undefined ? Number(custom.ResponseCode) : 403 };
  }
  if (action.Count !== undefined) return { type: 'COUNT' };
  throw new Unsupported(
    `rule action ${Object.keys(action).join(', ')} (CAPTCHA/Challenge need a browser token) is not emulated`,
  );
}

function hasKeys(value: CfnValue): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length > 0;
}

function compileStatement(statement: Record<string, CfnValue> | undefined): WafStatement {
  if (!statement) throw new Unsupported('the rule has no statement');
  const [type, body] = Object.entries(statement)[0] ?? [];
  const config = (body ?? {}) as Record<string, CfnValue>;
  switch (type) {
    case 'SqliMatchStatement':
      return {
        kind: 'sqli',
        field: compileField(config.FieldToMatch),
        transforms: compileTransforms(config.TextTransformations),
        sensitivity: String(config.SensitivityLevel ?? 'LOW') === 'HIGH' ? 'HIGH' : 'LOW',
      };
    case 'ByteMatchStatement': {
      const positional = String(config.PositionalConstraint ?? '') as WafPositional;
      if (!['EXACTLY', 'STARTS_WITH', 'ENDS_WITH', 'CONTAINS', 'CONTAINS_WORD'].includes(positional))
        throw new Unsupported(`ByteMatchStatement PositionalConstraint "${positional}" is not known`);
      const search =
        config.SearchString !== undefined
          ? String(config.SearchString)
          : config.SearchStringBase64 !== undefined
            ? Buffer.from(String(config.SearchStringBase64), 'base64').toString('utf8')
            : null;
      if (search === null) throw new Unsupported('ByteMatchStatement needs SearchString or SearchStringBase64');
      return {
        kind: 'byte',
        field: compileField(config.FieldToMatch),
        transforms: compileTransforms(config.TextTransformations),
        positional,
        search,
      };
    }
    case 'AndStatement':
    case 'OrStatement': {
      const statements = ((config.Statements ?? []) as Record<string, CfnValue>[]).map(compileStatement);
      return { kind: type === 'AndStatement' ? 'and' : 'or', statements };
    }
    case 'NotStatement':
      return { kind: 'not', statement: compileStatement(config.Statement as Record<string, CfnValue>) };
    default: {
      const reason = unsupportedStatementReason(statement);
      throw new Unsupported(
        reason ??
          `${type ?? 'an empty statement'} is not in the emulated subset (SqliMatchStatement, ByteMatchStatement, And/Or/Not of them)`,
      );
    }
  }
}

function compileField(field: CfnValue): WafField {
  const keys = Object.keys((field ?? {}) as Record<string, CfnValue>);
  if (keys.length === 1 && keys[0] === 'QueryString') return 'QUERY_STRING';
  if (keys.length === 1 && keys[0] === 'UriPath') return 'URI_PATH';
  throw new Unsupported(`FieldToMatch ${keys.join(', ') || '(none)'} is not emulated (QueryString and UriPath are)`);
}

function compileTransforms(transforms: CfnValue): WafTransform[] {
  const list = ((transforms ?? []) as { Priority?: CfnValue; Type?: CfnValue }[])
    .slice()
    .sort((a, b) => Number(a.Priority ?? 0) - Number(b.Priority ?? 0));
  return list.map((transform) => {
    const type = String(transform.Type) as WafTransform;
    if (!WAF_TRANSFORMS.includes(type))
      throw new Unsupported(`text transformation ${type} is not emulated (${WAF_TRANSFORMS.join(', ')} are)`);
    return type;
  });
}

/**
 * An AWS::WAFv2::WebACLAssociation: attaches the web ACL to the load balancer it names. AWS WAF cannot protect a
 * Network or Classic Load Balancer; such an association is reported (AWS rejects it) and not realized.
 */
export function attachWebAclAssociation(
  props: PropertyReader,
  webAcls: WebAcl[],
  loadBalancers: LoadBalancer[],
): NotRealized | null {
  const aclId = referencedLogicalId(props.get('WebACLArn'));
  const resourceId = referencedLogicalId(props.get('ResourceArn'));
  const acl = webAcls.find((candidate) => candidate.logicalId === aclId);
  const type = 'AWS::WAFv2::WebACLAssociation';
  if (!acl)
    return {
      logicalId: props.logicalId,
      type,
      property: 'WebACLArn',
      reason: 'refers to a web ACL outside this stack; the association cannot be realized',
    };
  const balancer = loadBalancers.find((candidate) => candidate.logicalId === resourceId);
  if (!balancer)
    return {
      logicalId: props.logicalId,
      type,
      property: 'ResourceArn',
      reason:
        'refers to a resource outside this stack (or not a load balancer); the emulator only evaluates web ACLs on its ALBs',
    };
  if (balancer.kind !== 'application') {
    return {
      logicalId: props.logicalId,
      type,
      property: 'ResourceArn',
      reason: `AWS WAF cannot be associated with a ${balancer.kind === 'network' ? 'Network' : 'Classic'} Load Balancer (${balancer.path}); it protects only: ${WAF_PROTECTABLE}. AWS rejects this association, so the sandbox does not realize it`,
    };
  }
  if (acl.scope !== 'REGIONAL') {
    return {
      logicalId: props.logicalId,
      type,
      property: 'WebACLArn',
      reason: `web ACL ${acl.path} has Scope ${acl.scope}; only a REGIONAL web ACL can be associated with an Application Load Balancer`,
    };
  }
  acl.associations.push(balancer.logicalId);
  return null;
}

/** Not-realized entries for the rules the emulator skips (one per rule, with the reason). Pure. */
export function unsupportedRules(acl: WebAcl): NotRealized[] {
  return acl.rules
    .filter((rule) => rule.unsupported !== null)
    .map((rule) => ({
      logicalId: acl.logicalId,
      type: 'AWS::WAFv2::WebACL',
      property: `Rules[${rule.name}]`,
      reason: `${rule.unsupported}; the emulator skips this rule`,
    }));
}
