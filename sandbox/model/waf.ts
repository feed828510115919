// AWS WAF (WAFv2) web ACLs and their associations, compiled from the template into the subset the ALB emulator
// evaluates. Pure. Everything outside the subset is kept in the web ACL as an unsupported rule with its reason (and
// reported as not realized), never silently dropped:
// - statements: SqliMatchStatement, ByteMatchStatement, and And/Or/Not of them;
// - fields: QueryString and UriPath;
// - text transformations: NONE, URL_DECODE, LOWERCASE, COMPRESS_WHITE_SPACE;
// - rule actions Allow, Block (optionally with a CustomResponse status code) and Count; default action Allow or Block.
// AWS WAF references: "Rule statements", API SqliMatchStatement / ByteMatchStatement / TextTransformation, "Setting
// rule priority", "Resources that you can protect with AWS WAF".
import { type Message, msg } from '../messages.js';
import { referencedLogicalId, type CfnValue } from './cfn.js';
import type { PropertyReader } from './properties.js';
import type { LoadBalancer, NotRealized } from './topology.js';
import type { WafAction, WafField, WafPositional, WafRule, WafStatement, WafTransform, WebAcl } from './web-acl.js';
import { WAF_TRANSFORMS } from './web-acl.js';

/** What AWS WAF can be associated with (AWS WAF Developer Guide, "Resources that you can protect with AWS WAF"). */
/** A part of a rule the emulator does not evaluate, with the reason as a message. */
class Unsupported extends Error {
  constructor(readonly reason: Message) {
    super(reason.code);
  }
}

export function compileWebAcl(props: PropertyReader, path: string): WebAcl {
  props.explain(msg('nr.waf-visibility'), 'VisibilityConfig');
  props.explain(msg('nr.waf-names'), 'Description', 'Tags');
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
      unsupported: unsupportedStatementReason(rule.Statement) ?? msg('waf.rule-without-action'),
    };
  }
  let action: WafAction;
  try {
    action = compileAction(rule.Action as Record<string, CfnValue>);
  } catch (error) {
    if (!(error instanceof Unsupported)) throw error;
    return { name, priority, action: { type: 'COUNT' }, statement: null, unsupported: error.reason };
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
    return { name, priority, action, statement: null, unsupported: error.reason };
  }
}

function unsupportedStatementReason(statement: CfnValue): Message | null {
  const managed = (statement as Record<string, Record<string, CfnValue>> | undefined)?.ManagedRuleGroupStatement;
  if (managed) return msg('waf.managed-group', { vendor: String(managed.VendorName), name: String(managed.Name) });
  if ((statement as Record<string, CfnValue> | undefined)?.RuleGroupReferenceStatement)
    return msg('waf.rule-group-reference');
  return null;
}

function compileAction(action: Record<string, CfnValue> | undefined): WafAction {
  if (!action || action.Allow !== undefined) {
    if (action && hasKeys(action.Allow)) throw new Unsupported(msg('waf.allow-custom-handling'));
    return { type: 'ALLOW' };
  }
  if (action.Block !== undefined) {
    const custom = (action.Block as Record<string, Record<string, CfnValue>> | undefined)?.CustomResponse;
    if (custom && (custom.CustomResponseBodyKey !== undefined || custom.ResponseHeaders !== undefined)) {
      throw new Unsupported(msg('waf.block-custom-response'));
    }
    // AWS WAF's default block response is HTTP 403 (Forbidden) (AWS WAF Developer Guide, "Custom responses for Block actions").
    return { type: 'BLOCK', status: custom?.ResponseCode !== undefined ? Number(custom.ResponseCode) : 403 };
  }
  if (action.Count !== undefined) return { type: 'COUNT' };
  throw new Unsupported(msg('waf.unsupported-action', { action: Object.keys(action).join(', ') }));
}

function hasKeys(value: CfnValue): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length > 0;
}

function compileStatement(statement: Record<string, CfnValue> | undefined): WafStatement {
  if (!statement) throw new Unsupported(msg('waf.no-statement'));
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
        throw new Unsupported(msg('waf.unknown-positional', { positional }));
      const search =
        config.SearchString !== undefined
          ? String(config.SearchString)
          : config.SearchStringBase64 !== undefined
            ? Buffer.from(String(config.SearchStringBase64), 'base64').toString('utf8')
            : null;
      if (search === null) throw new Unsupported(msg('waf.byte-needs-search'));
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
      throw new Unsupported(reason ?? msg('waf.unsupported-statement', { type: type ?? null }));
    }
  }
}

function compileField(field: CfnValue): WafField {
  const keys = Object.keys((field ?? {}) as Record<string, CfnValue>);
  if (keys.length === 1 && keys[0] === 'QueryString') return 'QUERY_STRING';
  if (keys.length === 1 && keys[0] === 'UriPath') return 'URI_PATH';
  throw new Unsupported(msg('waf.unsupported-field', { field: keys.join(', ') || null }));
}

function compileTransforms(transforms: CfnValue): WafTransform[] {
  const list = ((transforms ?? []) as { Priority?: CfnValue; Type?: CfnValue }[])
    .slice()
    .sort((a, b) => Number(a.Priority ?? 0) - Number(b.Priority ?? 0));
  return list.map((transform) => {
    const type = String(transform.Type) as WafTransform;
    if (!WAF_TRANSFORMS.includes(type))
      throw new Unsupported(msg('waf.unsupported-transform', { type, supported: WAF_TRANSFORMS.join(', ') }));
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
      reason: msg('nr.waf-outside-acl'),
    };
  const balancer = loadBalancers.find((candidate) => candidate.logicalId === resourceId);
  if (!balancer)
    return {
      logicalId: props.logicalId,
      type,
      property: 'ResourceArn',
      reason: msg('nr.waf-outside-resource'),
    };
  if (balancer.kind !== 'application') {
    return {
      logicalId: props.logicalId,
      type,
      property: 'ResourceArn',
      reason: msg('nr.waf-not-on-this-balancer', { kind: balancer.kind, path: balancer.path }),
    };
  }
  if (acl.scope !== 'REGIONAL') {
    return {
      logicalId: props.logicalId,
      type,
      property: 'WebACLArn',
      reason: msg('nr.waf-scope', { acl: acl.path, scope: acl.scope }),
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
      reason: msg('nr.waf-rule-skipped', {}, rule.unsupported!),
    }));
}
