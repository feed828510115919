// Each supported ELBv2 action as a pure step: (state, parameters) → the result members and, for a change, the new
// state and what changed on which listener (the I/O shell, server.ts, applies those to the running emulator).
// Error codes are the API model's (botocore elbv2 service-2.json); where AWS publishes no message the wording is ours
// (docs/elbv2-api.md). What the sandbox cannot apply is refused with UnsupportedBySandbox, never accepted silently.
import { type Message, msg } from '../messages.js';
import { AwsApiError } from '../model/errors.js';
import { MUTUAL_AUTHENTICATION_ERROR, mutualAuthenticationRefusal } from '../model/listener-limits.js';
import { checkRuleForLoadBalancer } from '../model/nlb-rules.js';
import type { ListenerRule, MutualAuthentication, RuleAction } from '../model/topology.js';
import {
  checkPriorityFree,
  checkPriorityPairs,
  checkRulesQuota,
  readActions,
  readConditions,
  readPriority,
  readTransforms,
  Refusal,
} from '../model/validate/index.js';
import type { TargetHealthView } from '../alb/targets.js';
import { caBundleRefusal, revocationRefusal } from '../tls/trust-store-rules.js';
import { resourceId, ruleArn, trustStoreArn } from './arns.js';
import { ApiError, Params, type QueryValue, ValidationError } from './query.js';
import {
  defaultRuleArn,
  defaultRuleShape,
  listenerShape,
  loadBalancerShape,
  ruleShape,
  targetGroupAttributes,
  targetGroupShape,
  trustStoreShape,
} from './render.js';
import {
  type ApiListener,
  type ApiTargetGroup,
  type ApiTrustStore,
  caCount,
  type ElbState,
  revokedEntries,
} from './state.js';
import type { XmlValue } from './xml.js';

/** What changed, for the running emulator and for the user. */
export type Change =
  /** The listener's rules, default actions or mutual TLS (or its trust store's CRLs): apply its whole set-up. */
  | { kind: 'listener'; listenerArn: string; description: Message }
  /** A target group's stickiness: apply it on every listener forwarding to it. */
  | { kind: 'stickiness'; targetGroupArn: string; description: Message }
  /** Which of a target group's targets are registered: apply it on every listener forwarding to it. */
  | { kind: 'targets'; targetGroupArn: string; description: Message };

export interface Outcome {
  state: ElbState;
  result: { [member: string]: XmlValue };
  changes: Change[];
}

/** What the shell fetched before the step: live target health and the revocation lists a request names. */
export interface ActionInputs {
  health(groupLogicalId: string): TargetHealthView[] | null;
  /** The CRL text of one RevocationContents entry (fetched by the shell), or the ApiError fetching it gave. */
  revocation(index: number): string | ApiError;
  /** The CA bundle CreateTrustStore or ModifyTrustStore names (fetched by the shell), or the ApiError it gave. */
  bundle(): string | ApiError;
  /** Where GetTrustStoreCaCertificatesBundle tells the client to download a trust store's bundle. */
  bundleLocation(store: ApiTrustStore): string;
}

export const SUPPORTED_ACTIONS = [
  'DescribeLoadBalancers',
  'DescribeListeners',
  'DescribeRules',
  'CreateRule',
  'ModifyRule',
  'DeleteRule',
  'SetRulePriorities',
  'ModifyListener',
  'DescribeTargetGroups',
  'DescribeTargetHealth',
  'DescribeTargetGroupAttributes',
  'ModifyTargetGroupAttributes',
  'DescribeTrustStores',
  'AddTrustStoreRevocations',
  'DescribeTrustStoreRevocations',
  'RemoveTrustStoreRevocations',
  'CreateTrustStore',
  'ModifyTrustStore',
  'GetTrustStoreCaCertificatesBundle',
  'DescribeLoadBalancerAttributes',
  'ModifyLoadBalancerAttributes',
  'RegisterTargets',
  'DeregisterTargets',
] as const;

export function unsupported(what: string): ApiError {
  return new ApiError('UnsupportedBySandbox', `mtls-sandbox cannot apply this: ${what}`);
}

/** The parameters, typed readers and as written (the rule readers of model/validate/ take them as written). */
class Input extends Params {
  constructor(readonly written: Record<string, QueryValue>) {
    super(written);
  }
}

export function handle(state: ElbState, action: string, raw: Record<string, QueryValue>, io: ActionInputs): Outcome {
  const params = new Input(raw);
  const read = (result: Outcome['result']): Outcome => ({ state, result, changes: [] });
  switch (action) {
    case 'DescribeLoadBalancers':
      return read({ LoadBalancers: describeLoadBalancers(state, params).map(loadBalancerShape) });
    case 'DescribeListeners':
      return read({ Listeners: describeListeners(state, params).map((l) => listenerShape(state, l)) });
    case 'DescribeRules':
      return read({ Rules: describeRules(state, params) });
    case 'CreateRule':
      return createRule(state, params);
    case 'ModifyRule':
      return modifyRule(state, params);
    case 'DeleteRule':
      return deleteRule(state, params);
    case 'SetRulePriorities':
      return setRulePriorities(state, params);
    case 'ModifyListener':
      return modifyListener(state, params);
    case 'DescribeTargetGroups':
      return read({ TargetGroups: describeTargetGroups(state, params).map(targetGroupShape) });
    case 'DescribeTargetHealth':
      return read({ TargetHealthDescriptions: describeTargetHealth(state, params, io) });
    case 'DescribeTargetGroupAttributes':
      return read({ Attributes: targetGroupAttributes(targetGroup(state, params.required('TargetGroupArn'))) });
    case 'ModifyTargetGroupAttributes':
      return modifyTargetGroupAttributes(state, params);
    case 'RegisterTargets':
      return registerTargets(state, params, true);
    case 'DeregisterTargets':
      return registerTargets(state, params, false);
    case 'DescribeTrustStores':
      return read({ TrustStores: describeTrustStores(state, params).map(trustStoreShape) });
    case 'AddTrustStoreRevocations':
      return addRevocations(state, params, io);
    case 'DescribeTrustStoreRevocations':
      return read({ TrustStoreRevocations: describeRevocations(state, params) });
    case 'RemoveTrustStoreRevocations':
      return removeRevocations(state, params);
    case 'CreateTrustStore':
      return createTrustStore(state, params, io);
    case 'ModifyTrustStore':
      return modifyTrustStore(state, params, io);
    case 'GetTrustStoreCaCertificatesBundle': {
      const store = trustStore(state, params.required('TrustStoreArn'));
      if (!store.caBundlePem) throw notReady(store);
      return read({ Location: io.bundleLocation(store) });
    }
    case 'DescribeLoadBalancerAttributes':
      return read({ Attributes: loadBalancerAttributes(state, params) });
    case 'ModifyLoadBalancerAttributes': {
      loadBalancerAttributes(state, params); // LoadBalancerNotFound first
      const keys = params.structures('Attributes').map((attribute) => String(attribute.Key ?? ''));
      throw unsupported(
        `load balancer attributes (${keys.join(', ') || 'none given'}): the ALB emulator's attributes are fixed while it runs (set them in the stack and run up again).`,
      );
    }
    default:
      throw new ApiError(
        'InvalidAction',
        `mtls-sandbox's ELBv2 API does not implement ${action || '(no Action)'}; it answers ${SUPPORTED_ACTIONS.join(', ')}.`,
      );
  }
}

// --- lookups ---

function listener(state: ElbState, arn: string): ApiListener {
  const found = state.listeners.find((candidate) => candidate.arn === arn);
  if (!found) throw new ApiError('ListenerNotFound', `Listener '${arn}' not found`);
  return found;
}

function targetGroup(state: ElbState, arn: string): ApiTargetGroup {
  const found = state.targetGroups.find((candidate) => candidate.arn === arn);
  if (!found) throw new ApiError('TargetGroupNotFound', `Target groups '${arn}' not found`);
  return found;
}

function trustStore(state: ElbState, arn: string): ApiTrustStore {
  const found = state.trustStores.find((candidate) => candidate.arn === arn);
  if (!found) throw new ApiError('TrustStoreNotFound', `Trust store '${arn}' not found`);
  return found;
}

/** The listener a rule belongs to, and the rule (null for the listener's default rule). */
function ruleByArn(state: ElbState, arn: string): { listener: ApiListener; index: number } {
  for (const candidate of state.listeners) {
    if (defaultRuleArn(candidate) === arn) return { listener: candidate, index: -1 };
    const index = candidate.rules.findIndex((rule) => rule.arn === arn);
    if (index >= 0) return { listener: candidate, index };
  }
  throw new ApiError('RuleNotFound', `One or more rules not found`);
}

/** A copy of the state with one listener replaced (states are never changed in place). */
function withListener(state: ElbState, next: ApiListener): ElbState {
  return { ...state, listeners: state.listeners.map((l) => (l.arn === next.arn ? next : l)) };
}

function changeable(target: ApiListener): void {
  if (!target.changeable)
    throw unsupported(
      `listener ${target.label} runs in a container (--runtime docker), which cannot be changed while it runs; use the host runtime.`,
    );
}

// --- describe ---

function describeLoadBalancers(state: ElbState, params: Params) {
  const arns = params.strings('LoadBalancerArns');
  const names = params.strings('Names');
  if (arns.length === 0 && names.length === 0) return state.loadBalancers;
  const found = state.loadBalancers.filter((lb) => arns.includes(lb.arn) || names.includes(lb.name));
  const missing = [
    ...arns.filter((a) => !found.some((lb) => lb.arn === a)),
    ...names.filter((n) => !found.some((lb) => lb.name === n)),
  ];
  if (missing.length > 0)
    throw new ApiError('LoadBalancerNotFound', `One or more load balancers not found: ${missing.join(', ')}`);
  return found;
}

function describeListeners(state: ElbState, params: Params): ApiListener[] {
  const lbArn = params.string('LoadBalancerArn');
  const arns = params.strings('ListenerArns');
  if (lbArn === undefined && arns.length === 0)
    throw new ValidationError('You must specify either listener ARNs or a load balancer ARN');
  if (lbArn !== undefined) {
    if (!state.loadBalancers.some((lb) => lb.arn === lbArn))
      throw new ApiError('LoadBalancerNotFound', `Load balancer '${lbArn}' not found`);
    return state.listeners.filter((l) => l.loadBalancerArn === lbArn && (arns.length === 0 || arns.includes(l.arn)));
  }
  return arns.map((arn) => listener(state, arn));
}

function describeRules(state: ElbState, params: Params): XmlValue[] {
  const listenerArn = params.string('ListenerArn');
  const arns = params.strings('RuleArns');
  if (listenerArn === undefined && arns.length === 0)
    throw new ValidationError('You must specify either listener ARN or rule ARNs');
  if (listenerArn !== undefined) {
    const target = listener(state, listenerArn);
    return [...target.rules.map((rule) => ruleShape(state, rule)), defaultRuleShape(state, target)];
  }
  return arns.map((arn) => {
    const { listener: owner, index } = ruleByArn(state, arn);
    return index < 0 ? defaultRuleShape(state, owner) : ruleShape(state, owner.rules[index]!);
  });
}

function describeTargetGroups(state: ElbState, params: Params): ApiTargetGroup[] {
  const lbArn = params.string('LoadBalancerArn');
  const arns = params.strings('TargetGroupArns');
  const names = params.strings('Names');
  let groups = state.targetGroups;
  if (lbArn !== undefined) {
    if (!state.loadBalancers.some((lb) => lb.arn === lbArn))
      throw new ApiError('LoadBalancerNotFound', `Load balancer '${lbArn}' not found`);
    groups = groups.filter((group) => group.loadBalancerArns.includes(lbArn));
  }
  if (arns.length > 0 || names.length > 0) {
    for (const arn of arns) targetGroup(state, arn);
    for (const name of names)
      if (!state.targetGroups.some((g) => g.name === name))
        throw new ApiError('TargetGroupNotFound', `One or more target groups not found: ${name}`);
    groups = groups.filter((group) => arns.includes(group.arn) || names.includes(group.name));
  }
  return groups;
}

function describeTargetHealth(state: ElbState, params: Params, io: ActionInputs): XmlValue[] {
  const group = targetGroup(state, params.required('TargetGroupArn'));
  const views = io.health(group.group.logicalId);
  if (!views)
    throw new ApiError(
      'HealthUnavailable',
      `mtls-sandbox has no health checks for target group ${group.name}: no running listener forwards to it (or it runs in a container).`,
      500,
    );
  const rows = views.map((view, index) => ({ view, index })).filter(({ index }) => group.registered[index] !== false);
  return rows.map(({ view, index }) => {
    const target = group.group.targets[index];
    const port = target?.port ?? group.group.port;
    return {
      Target: { Id: target?.id ?? view.target, Port: port },
      HealthCheckPort: String(group.group.healthCheck.port === 'traffic-port' ? port : group.group.healthCheck.port),
      TargetHealth: {
        State: view.state,
        Reason: view.reason || null,
        Description: view.reason ? `${view.reason} (sandbox target ${view.target} at ${view.address})` : null,
      },
    };
  });
}

function describeTrustStores(state: ElbState, params: Params): ApiTrustStore[] {
  const arns = params.strings('TrustStoreArns');
  const names = params.strings('Names');
  if (arns.length === 0 && names.length === 0) return state.trustStores;
  for (const arn of arns) trustStore(state, arn);
  for (const name of names)
    if (!state.trustStores.some((store) => store.name === name))
      throw new ApiError('TrustStoreNotFound', `Trust store '${name}' not found`);
  return state.trustStores.filter((store) => arns.includes(store.arn) || names.includes(store.name));
}

function describeRevocations(state: ElbState, params: Params): XmlValue[] {
  const store = trustStore(state, params.required('TrustStoreArn'));
  const ids = params.strings('RevocationIds').map(Number);
  for (const id of ids)
    if (!store.revocations.some((r) => r.id === id))
      throw new ApiError('RevocationIdNotFound', `Revocation ID '${id}' not found`);
  return store.revocations
    .filter((revocation) => ids.length === 0 || ids.includes(revocation.id))
    .map((revocation) => ({
      TrustStoreArn: store.arn,
      RevocationId: revocation.id,
      RevocationType: 'CRL',
      NumberOfRevokedEntries: revocation.entries,
    }));
}

// --- rules ---

/**
 * Conditions, actions and transforms as the API sends them — the shapes CloudFormation has — read and checked by
 * the same readers as the compiler's (model/validate/): the same mistake gives the same error. Everything is read
 * and checked before anything changes; what the sandbox cannot apply is refused after AWS's own checks pass.
 */
function readRule(state: ElbState, target: ApiListener, params: Input, base: ListenerRule): ListenerRule {
  const raw = params.written;
  if (params.has('Transforms') && params.has('ResetTransforms'))
    throw new ValidationError("If you specify Transforms, you can't specify ResetTransforms");
  const rule = asApi((): ListenerRule => {
    const conditions = params.has('Conditions') ? readConditions(raw.Conditions) : base.conditions;
    const actions = params.has('Actions') ? readApiActions(state, target, raw.Actions, true) : base.actions;
    const transforms = params.has('Transforms')
      ? readTransforms(raw.Transforms)
      : params.has('ResetTransforms') && String(raw.ResetTransforms) === 'true'
        ? []
        : (base.transforms ?? []);
    const { transforms: _dropped, ...rest } = base;
    return { ...rest, conditions, actions, ...(transforms.length > 0 ? { transforms } : {}) };
  });
  // The API serves ALB listeners only: an NLB rule's IpAddressType is refused as the compiler refuses it.
  try {
    checkRuleForLoadBalancer(rule, { kind: 'application', path: target.label }, base.logicalId);
  } catch (error) {
    if (error instanceof AwsApiError) throw new ApiError(error.code, error.awsMessage);
    throw error;
  }
  // Actions the call leaves as they were (a stack's authentication rule, say) stay as the stack has them.
  if (params.has('Actions')) checkApplicable(state, target, rule.actions);
  return rule;
}

/** Actions as the API sends them; forward actions name target groups by ARN (TargetGroupNotFound for others). */
function readApiActions(state: ElbState, target: ApiListener, written: unknown, modifying: boolean): RuleAction[] {
  return readActions(written, {
    listenerProtocol: target.protocol,
    modifying,
    targetGroup: (arn) => {
      const group = state.targetGroups.find((candidate) => candidate.arn === String(arn));
      if (!group) throw new ApiError('TargetGroupNotFound', `Target groups '${String(arn)}' not found`);
      return group.group.logicalId;
    },
  });
}

/** What AWS would take but the sandbox cannot run: refused (never half-applied), after AWS's checks passed. */
function checkApplicable(state: ElbState, target: ApiListener, actions: RuleAction[]): void {
  for (const action of actions) {
    if (action.type === 'forward') {
      for (const entry of action.targetGroups)
        if (!target.runningGroups.includes(entry.targetGroupId)) {
          const group = state.targetGroups.find((candidate) => candidate.group.logicalId === entry.targetGroupId);
          throw unsupported(
            `listener ${target.label} forwards only to the target groups it was started with (${target.runningGroups.map((id) => state.targetGroups.find((g) => g.group.logicalId === id)?.name ?? id).join(', ') || 'none'}); ${group?.name ?? entry.targetGroupId} has no targets running behind it.`,
          );
        }
    } else if (action.type !== 'fixed-response' && action.type !== 'redirect') {
      throw unsupported(
        `${action.type} actions: they need an identity provider or keys on the Internet, and the sandbox runs offline (docs/listener-rules.md). A stack may hold them: its rule is listed as not realized.`,
      );
    }
  }
}

/** Runs readers of model/validate/: a Refusal becomes the API's error; ApiErrors pass. */
function asApi<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof Refusal)
      // AWS's own wording when known; ours, with what broke which rule, where the code and wording are assumed.
      throw new ApiError(error.code, error.assumed ? `${error.awsMessage} (${error.detail})` : error.awsMessage);
    throw error;
  }
}

/** The listener's load balancer's rules, default rules aside (the quota counts them per load balancer). */
function rulesOnBalancer(state: ElbState, target: ApiListener): number {
  return state.listeners
    .filter((candidate) => candidate.loadBalancerArn === target.loadBalancerArn)
    .reduce((sum, candidate) => sum + candidate.rules.length, 0);
}

function createRule(state: ElbState, params: Input): Outcome {
  const target = listener(state, params.required('ListenerArn'));
  changeable(target);
  if (!params.has('Conditions')) params.required('Conditions');
  if (!params.has('Actions')) params.required('Actions');
  const [, , , , , resource] = target.arn.split(':');
  const [, , lbName, lbId, listenerId] = resource!.split('/');
  const arn = ruleArn(lbName!, lbId!, listenerId!, resourceId(target.arn, 'rule', String(state.nextRule)));
  const priority = asApi(() => readPriority(params.written.Priority));
  const rule = readRule(state, target, params, { logicalId: arn, priority, conditions: [], actions: [] });
  asApi(() => {
    checkPriorityFree(
      priority,
      target.rules.map((r) => ({ id: r.arn, priority: r.rule.priority })),
    );
    checkRulesQuota(rulesOnBalancer(state, target) + 1);
  });
  const created = { arn, rule };
  const next: ApiListener = { ...target, rules: sortRules([...target.rules, created]) };
  return {
    state: { ...withListener(state, next), nextRule: state.nextRule + 1 },
    result: { Rules: [ruleShape(state, created)] },
    changes: [
      {
        kind: 'listener',
        listenerArn: target.arn,
        description: msg('elbv2.rule-created', {
          listener: target.label,
          priority: rule.priority,
          action: 'CreateRule',
        }),
      },
    ],
  };
}

function sortRules<T extends { rule: ListenerRule }>(rules: T[]): T[] {
  return [...rules].sort((a, b) => a.rule.priority - b.rule.priority);
}

function modifyRule(state: ElbState, params: Input): Outcome {
  const { listener: owner, index } = ruleByArn(state, params.required('RuleArn'));
  changeable(owner);
  if (index < 0) {
    // The default rule's actions are the listener's default actions (what ModifyListener DefaultActions sets).
    if (params.has('Conditions'))
      throw new ApiError('OperationNotPermitted', 'Default rule conditions cannot be modified');
    if (params.has('Transforms'))
      throw new ApiError('OperationNotPermitted', "You can't add a transform to a default rule");
    const actions = params.has('Actions')
      ? asApi(() => readApiActions(state, owner, params.written.Actions, true))
      : owner.defaultActions;
    checkApplicable(state, owner, actions);
    const next = { ...owner, defaultActions: actions };
    return {
      state: withListener(state, next),
      result: { Rules: [defaultRuleShape(state, next)] },
      changes: [
        {
          kind: 'listener',
          listenerArn: owner.arn,
          description: msg('elbv2.default-actions', { listener: owner.label, action: 'ModifyRule' }),
        },
      ],
    };
  }
  const current = owner.rules[index]!;
  const rule = readRule(state, owner, params, current.rule);
  const modified = { arn: current.arn, rule };
  const next = { ...owner, rules: owner.rules.map((r, i) => (i === index ? modified : r)) };
  return {
    state: withListener(state, next),
    result: { Rules: [ruleShape(state, modified)] },
    changes: [
      {
        kind: 'listener',
        listenerArn: owner.arn,
        description: msg('elbv2.rule-modified', {
          listener: owner.label,
          priority: rule.priority,
          action: 'ModifyRule',
        }),
      },
    ],
  };
}

function deleteRule(state: ElbState, params: Params): Outcome {
  const { listener: owner, index } = ruleByArn(state, params.required('RuleArn'));
  if (index < 0) throw new ApiError('OperationNotPermitted', 'Default rule cannot be deleted');
  changeable(owner);
  const removed = owner.rules[index]!;
  const next = { ...owner, rules: owner.rules.filter((_, i) => i !== index) };
  return {
    state: withListener(state, next),
    result: {},
    changes: [
      {
        kind: 'listener',
        listenerArn: owner.arn,
        description: msg('elbv2.rule-deleted', {
          listener: owner.label,
          priority: removed.rule.priority,
          action: 'DeleteRule',
        }),
      },
    ],
  };
}

function setRulePriorities(state: ElbState, params: Input): Outcome {
  const written = params.structures('RulePriorities');
  if (written.length === 0) params.required('RulePriorities');
  // Every pair is read and checked before any priority changes.
  const pairs = written.map((pair, index) => ({
    ruleArn: typeof pair.RuleArn === 'string' ? pair.RuleArn : '',
    priority: asApi(() => readPriority(pair.Priority, `rulePriorities.${index + 1}.member.priority`)),
  }));
  asApi(() => checkPriorityPairs(pairs));
  let next = state;
  const touched = new Map<string, ApiListener>();
  for (const { ruleArn: arn, priority } of pairs) {
    const { listener: owner, index } = ruleByArn(next, arn);
    if (index < 0) throw new ApiError('OperationNotPermitted', 'Default rule priority cannot be modified');
    changeable(owner);
    const current = touched.get(owner.arn) ?? owner;
    const rules = current.rules.map((r) => (r.arn === arn ? { ...r, rule: { ...r.rule, priority } } : r));
    touched.set(owner.arn, { ...current, rules });
    next = withListener(next, { ...current, rules });
  }
  for (const owner of touched.values()) {
    const seen = new Map<number, string>();
    for (const rule of owner.rules) {
      if (seen.has(rule.rule.priority)) throw new ApiError('PriorityInUse', 'The specified priority is in use.');
      seen.set(rule.rule.priority, rule.arn);
    }
    next = withListener(next, { ...owner, rules: sortRules(owner.rules) });
  }
  const rules = pairs.map(({ ruleArn: arn }) => {
    const { listener: owner, index } = ruleByArn(next, arn);
    return ruleShape(next, owner.rules[index]!);
  });
  return {
    state: next,
    result: { Rules: rules },
    changes: [...touched.keys()].map((listenerArn) => ({
      kind: 'listener' as const,
      listenerArn,
      description: msg('elbv2.priorities-set', {
        listener: touched.get(listenerArn)!.label,
        action: 'SetRulePriorities',
      }),
    })),
  };
}

// --- listeners ---

function modifyListener(state: ElbState, params: Input): Outcome {
  const target = listener(state, params.required('ListenerArn'));
  changeable(target);
  for (const name of ['Port', 'Protocol', 'SslPolicy', 'Certificates', 'AlpnPolicy'])
    if (params.has(name))
      throw unsupported(
        `ModifyListener ${name}: the emulator's port, protocol, certificate and security policy are fixed while it runs (change the stack and run up again). DefaultActions and MutualAuthentication can be changed.`,
      );
  let next = target;
  const changes: Change[] = [];
  if (params.has('DefaultActions')) {
    const defaultActions = asApi(() => readApiActions(state, target, params.written.DefaultActions, true));
    checkApplicable(state, target, defaultActions);
    next = { ...next, defaultActions };
    changes.push({
      kind: 'listener',
      listenerArn: target.arn,
      description: msg('elbv2.default-actions', { listener: target.label, action: 'ModifyListener' }),
    });
  }
  const written = params.structure('MutualAuthentication');
  if (written) {
    const mutual = readMutualAuthentication(state, target, written);
    next = { ...next, mutualAuthentication: mutual };
    changes.push({
      kind: 'listener',
      listenerArn: target.arn,
      description: msg('elbv2.mutual-mode', {
        listener: target.label,
        from: target.mutualAuthentication?.mode ?? 'off',
        to: mutual.mode,
        action: 'ModifyListener',
      }),
    });
  }
  return { state: withListener(state, next), result: { Listeners: [listenerShape(state, next)] }, changes };
}

function readMutualAuthentication(
  state: ElbState,
  target: ApiListener,
  written: Record<string, QueryValue>,
): MutualAuthentication {
  const mode = written.Mode === undefined ? 'off' : String(written.Mode);
  // The compiler's rules (model/listener-limits.ts), so the same mistake gets the same code from both.
  const refusal = mutualAuthenticationRefusal({
    mode,
    protocol: target.protocol,
    kind: 'application',
    hasTrustStore:
      written.TrustStoreArn !== undefined || (mode === 'verify' && target.mutualAuthentication?.trustStoreId != null),
    ignoreClientCertificateExpiry: String(written.IgnoreClientCertificateExpiry) === 'true',
    hasIdentityFilters: Object.keys(written).some((key) => key.startsWith('ClientCertificateIdentityFilters')),
  });
  if (refusal) throw new ApiError(MUTUAL_AUTHENTICATION_ERROR, refusal.message);
  const current = target.mutualAuthentication;
  if (mode !== 'verify')
    return {
      mode: mode as MutualAuthentication['mode'],
      trustStoreId: null,
      ignoreClientCertificateExpiry: false,
      advertiseTrustStoreCaNames: false,
    };
  const storeArn = written.TrustStoreArn === undefined ? undefined : String(written.TrustStoreArn);
  const store = storeArn
    ? trustStore(state, storeArn)
    : state.trustStores.find((candidate) => candidate.logicalId === current?.trustStoreId);
  if (!store) throw new ApiError(MUTUAL_AUTHENTICATION_ERROR, 'A trust store is required for verify mode');
  if (!store.caBundlePem)
    throw new ApiError(
      'TrustStoreNotReady',
      `Trust store '${store.arn}' is not ready: its CA bundle could not be read`,
    );
  return {
    mode,
    trustStoreId: store.logicalId,
    ignoreClientCertificateExpiry:
      written.IgnoreClientCertificateExpiry === undefined
        ? (current?.ignoreClientCertificateExpiry ?? false)
        : String(written.IgnoreClientCertificateExpiry) === 'true',
    advertiseTrustStoreCaNames:
      written.AdvertiseTrustStoreCaNames === undefined
        ? (current?.advertiseTrustStoreCaNames ?? false)
        : String(written.AdvertiseTrustStoreCaNames) === 'on',
  };
}

// --- target groups ---

const MAX_COOKIE_SECONDS = 604_800;

function modifyTargetGroupAttributes(state: ElbState, params: Params): Outcome {
  const group = targetGroup(state, params.required('TargetGroupArn'));
  const attributes = params.structures('Attributes');
  if (attributes.length === 0) params.required('Attributes');
  let stickiness = { ...group.stickiness };
  for (const attribute of attributes) {
    const key = String(attribute.Key ?? '');
    const value = String(attribute.Value ?? '');
    if (key === 'stickiness.enabled') {
      if (value !== 'true' && value !== 'false')
        throw new ApiError(
          'InvalidConfigurationRequest',
          `Target group attribute key 'stickiness.enabled' must be 'true' or 'false'`,
        );
      stickiness = { ...stickiness, enabled: value === 'true' };
    } else if (key === 'stickiness.type') {
      if (value !== 'lb_cookie')
        throw unsupported(`stickiness.type ${value}: the ALB emulator has load-balancer cookies (lb_cookie) only.`);
    } else if (key === 'stickiness.lb_cookie.duration_seconds') {
      const seconds = Number(value);
      if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_COOKIE_SECONDS)
        throw new ApiError(
          'InvalidConfigurationRequest',
          `Target group attribute key 'stickiness.lb_cookie.duration_seconds' must be between 1 and ${MAX_COOKIE_SECONDS}`,
        );
      stickiness = { ...stickiness, durationSeconds: seconds };
    } else {
      throw unsupported(
        `target group attribute ${key}: only stickiness.enabled, stickiness.type=lb_cookie and stickiness.lb_cookie.duration_seconds are applied to the running emulator.`,
      );
    }
  }
  const users = state.listeners.filter((l) => l.runningGroups.includes(group.group.logicalId));
  if (users.length === 0) throw unsupported(`target group ${group.name}: no running listener forwards to it.`);
  for (const user of users) changeable(user);
  const next: ApiTargetGroup = { ...group, stickiness };
  return {
    state: { ...state, targetGroups: state.targetGroups.map((g) => (g.arn === group.arn ? next : g)) },
    result: { Attributes: targetGroupAttributes(next) },
    changes: [
      {
        kind: 'stickiness',
        targetGroupArn: group.arn,
        description: msg('elbv2.stickiness', {
          group: group.name,
          enabled: stickiness.enabled,
          seconds: stickiness.durationSeconds,
          action: 'ModifyTargetGroupAttributes',
        }),
      },
    ],
  };
}

// --- targets ---

/** The sandbox's targets are the scenario's running ones: (de)registering one of them is a change it can apply. */
function registerTargets(state: ElbState, params: Params, register: boolean): Outcome {
  const group = targetGroup(state, params.required('TargetGroupArn'));
  const written = params.structures('Targets');
  if (written.length === 0) params.required('Targets');
  const registered = [...group.registered];
  const names: string[] = [];
  for (const target of written) {
    const id = String(target.Id ?? '');
    const port = target.Port === undefined ? null : Number(target.Port);
    const index = group.group.targets.findIndex(
      (candidate) => candidate.id === id && (port === null || (candidate.port ?? group.group.port) === port),
    );
    const shown = port === null ? id : `${id}:${port}`;
    if (index < 0) {
      if (register)
        throw unsupported(
          `RegisterTargets ${shown}: the sandbox runs only the targets of the scenario (${group.group.targets.map((t) => `${t.id}:${t.port ?? group.group.port}`).join(', ') || 'none'} in ${group.name}); register one of those again after DeregisterTargets.`,
        );
      throw new ApiError('InvalidTarget', `The following targets are not in target group '${group.name}': '${shown}'`);
    }
    registered[index] = register;
    names.push(shown);
  }
  const users = state.listeners.filter((l) => l.runningGroups.includes(group.group.logicalId));
  if (users.length === 0) throw unsupported(`target group ${group.name}: no running listener forwards to it.`);
  for (const user of users) changeable(user);
  const next: ApiTargetGroup = { ...group, registered };
  return {
    state: { ...state, targetGroups: state.targetGroups.map((g) => (g.arn === group.arn ? next : g)) },
    result: {},
    changes: [
      {
        kind: 'targets',
        targetGroupArn: group.arn,
        description: msg(register ? 'elbv2.targets-registered' : 'elbv2.targets-deregistered', {
          group: group.name,
          targets: names.join(', '),
          action: register ? 'RegisterTargets' : 'DeregisterTargets',
        }),
      },
    ],
  };
}

// --- load balancer attributes ---

function loadBalancerAttributes(state: ElbState, params: Params): XmlValue[] {
  const arn = params.required('LoadBalancerArn');
  const balancer = state.loadBalancers.find((candidate) => candidate.arn === arn);
  if (!balancer) throw new ApiError('LoadBalancerNotFound', `Load balancer '${arn}' not found`);
  return Object.entries(balancer.attributes).map(([Key, Value]) => ({ Key, Value }));
}

// --- trust stores ---

function notReady(store: ApiTrustStore): ApiError {
  return new ApiError('TrustStoreNotReady', `Trust store '${store.arn}' is not ready: its CA bundle could not be read`);
}

/** The bundle the request names, as CreateTrustStore checks it. */
function checkedBundle(io: ActionInputs): string {
  const text = io.bundle();
  if (text instanceof ApiError) throw text;
  const refusal = caBundleRefusal(text);
  if (refusal) throw new ApiError(refusal.code, `${refusal.message} (${refusal.detail})`);
  return text;
}

function createTrustStore(state: ElbState, params: Params, io: ActionInputs): Outcome {
  const name = params.required('Name');
  params.required('CaCertificatesBundleS3Bucket');
  params.required('CaCertificatesBundleS3Key');
  if (!/^[A-Za-z0-9-]{1,32}$/.test(name) || name.startsWith('-') || name.endsWith('-'))
    throw new ValidationError(
      `1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ^([a-zA-Z0-9]+-)*[a-zA-Z0-9]+$`,
    );
  if (state.trustStores.some((store) => store.name === name))
    throw new ApiError('DuplicateTrustStoreName', `A trust store with the name '${name}' already exists`);
  const bundle = checkedBundle(io);
  const id = resourceId('api-trust-store', name, String(state.nextTrustStore));
  const store: ApiTrustStore = {
    arn: trustStoreArn(name, id),
    name,
    logicalId: `api:${id}`,
    caBundlePem: bundle,
    revocations: [],
  };
  return {
    state: { ...state, trustStores: [...state.trustStores, store], nextTrustStore: state.nextTrustStore + 1 },
    result: { TrustStores: [trustStoreShape(store)] },
    changes: [],
  };
}

function modifyTrustStore(state: ElbState, params: Params, io: ActionInputs): Outcome {
  const store = trustStore(state, params.required('TrustStoreArn'));
  params.required('CaCertificatesBundleS3Bucket');
  params.required('CaCertificatesBundleS3Key');
  const next: ApiTrustStore = { ...store, caBundlePem: checkedBundle(io) };
  const users = storeUsers(state, store);
  for (const user of users) changeable(user);
  return {
    state: withStore(state, next),
    result: { TrustStores: [trustStoreShape(next)] },
    changes: users.map((user) => ({
      kind: 'listener' as const,
      listenerArn: user.arn,
      description: msg('elbv2.trust-store-bundle', {
        listener: user.label,
        store: store.name,
        cas: caCount(next.caBundlePem),
        action: 'ModifyTrustStore',
      }),
    })),
  };
}

// --- trust store revocations ---

/** Verify-mode listeners using the trust store: they load its CRLs again. */
function storeUsers(state: ElbState, store: ApiTrustStore): ApiListener[] {
  return state.listeners.filter(
    (l) => l.mutualAuthentication?.mode === 'verify' && l.mutualAuthentication.trustStoreId === store.logicalId,
  );
}

function withStore(state: ElbState, next: ApiTrustStore): ElbState {
  return { ...state, trustStores: state.trustStores.map((s) => (s.arn === next.arn ? next : s)) };
}

function addRevocations(state: ElbState, params: Params, io: ActionInputs): Outcome {
  const store = trustStore(state, params.required('TrustStoreArn'));
  const contents = params.structures('RevocationContents');
  if (contents.length === 0) params.required('RevocationContents');
  if (!store.caBundlePem)
    throw new ApiError(
      'TrustStoreNotReady',
      `Trust store '${store.arn}' is not ready: its CA bundle could not be read`,
    );
  let nextId = state.nextRevocation;
  const added = contents.map((content, index) => {
    const type = content.RevocationType === undefined ? 'CRL' : String(content.RevocationType);
    if (type !== 'CRL')
      throw new ValidationError(
        `1 validation error detected: Value '${type}' at 'revocationContents.${index + 1}.member.revocationType' failed to satisfy constraint: Member must have one of the values CRL`,
      );
    const text = io.revocation(index);
    if (text instanceof ApiError) throw text;
    const refusal = revocationRefusal(text, store.caBundlePem!);
    if (refusal) throw new ApiError(refusal.code, `${refusal.message} (${refusal.detail})`);
    return { id: nextId++, crlPem: text, entries: revokedEntries(text) };
  });
  const next: ApiTrustStore = { ...store, revocations: [...store.revocations, ...added] };
  const users = storeUsers(state, store);
  for (const user of users) changeable(user);
  return {
    state: { ...withStore(state, next), nextRevocation: nextId },
    result: {
      TrustStoreRevocations: added.map((revocation) => ({
        TrustStoreArn: store.arn,
        RevocationId: revocation.id,
        RevocationType: 'CRL',
        NumberOfRevokedEntries: revocation.entries,
      })),
    },
    changes: users.map((user) => ({
      kind: 'listener' as const,
      listenerArn: user.arn,
      description: msg('elbv2.revocations-added', {
        listener: user.label,
        store: store.name,
        entries: added.reduce((sum, r) => sum + r.entries, 0),
        action: 'AddTrustStoreRevocations',
      }),
    })),
  };
}

function removeRevocations(state: ElbState, params: Params): Outcome {
  const store = trustStore(state, params.required('TrustStoreArn'));
  const ids = params.strings('RevocationIds').map(Number);
  if (ids.length === 0) params.required('RevocationIds');
  for (const id of ids)
    if (!store.revocations.some((r) => r.id === id))
      throw new ApiError('RevocationIdNotFound', `Revocation ID '${id}' not found`);
  const next: ApiTrustStore = { ...store, revocations: store.revocations.filter((r) => !ids.includes(r.id)) };
  const users = storeUsers(state, store);
  for (const user of users) changeable(user);
  return {
    state: withStore(state, next),
    result: {},
    changes: users.map((user) => ({
      kind: 'listener' as const,
      listenerArn: user.arn,
      description: msg('elbv2.revocations-removed', {
        listener: user.label,
        store: store.name,
        count: ids.length,
        action: 'RemoveTrustStoreRevocations',
      }),
    })),
  };
}
