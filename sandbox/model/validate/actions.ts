// Rule actions as CreateRule, ModifyRule, ModifyListener DefaultActions (and CloudFormation's Actions and
// DefaultActions) take them: read into the topology's RuleAction, refused as AWS refuses them. Pure.
// Sources (docs/listener-rules.md lists each rule with its page and evidence level):
//   API Reference: Action (exactly one of forward, fixed-response, redirect, performed last; on HTTPS listeners one
//     of authenticate-oidc, authenticate-cognito, jwt-validation; Order 1–50000, required with several actions),
//     FixedResponseActionConfig (StatusCode ^(2|4|5)\d\d$, ContentType one of five, MessageBody ≤ 1024),
//     RedirectActionConfig (Protocol HTTP, HTTPS or #{protocol}; Port 1–65535 or #{port}; Host and Path 1–128, Path
//     absolute; Query ≤ 128; StatusCode HTTP_301 or HTTP_302; one of protocol, host, port, path must change; no
//     HTTPS to HTTP), ForwardActionConfig, TargetGroupTuple (Weight 0–999), TargetGroupStickinessConfig
//     (DurationSeconds 1–604800, required when enabled), AuthenticateOidcActionConfig, AuthenticateCognitoActionConfig,
//     JwtValidationActionConfig.
//   Quotas: 5 target groups per action.
//   Published AWS output: "InvalidLoadBalancerAction: The redirect configuration is not valid because it creates a
//     loop."; "For actions of type 'redirect', you must specify the following fields: 'RedirectConfig'".
import type { AuthenticateAction, OnUnauthenticatedRequest, RoutingAction, RuleAction } from '../topology.js';
import {
  CONTROL,
  checkLength,
  constraint,
  firstRejected,
  INVALID_ACTION,
  NOT_XML,
  refuse,
  required,
  VALIDATION,
} from './refusal.js';
import { bool, integer, list, record, stringMap, text, texts, type Written, type WrittenRecord } from './written.js';

export const ACTION_TYPES = [
  'forward',
  'authenticate-oidc',
  'authenticate-cognito',
  'redirect',
  'fixed-response',
  'jwt-validation',
] as const;
const ROUTING = ['forward', 'fixed-response', 'redirect'];

export const FIXED_RESPONSE_CONTENT_TYPES = [
  'text/plain',
  'text/css',
  'text/html',
  'application/javascript',
  'application/json',
] as const;

export const ACTION_LIMITS = {
  order: { min: 1, max: 50_000 },
  messageBody: 1024,
  contentType: 32,
  weight: { min: 0, max: 999 },
  stickinessSeconds: { min: 1, max: 604_800 },
  targetGroupsPerAction: 5,
  redirectPart: 128,
  extraParams: 10,
  jwtText: 256,
  jwtClaims: 10,
} as const;

/** What the action is read against. */
export interface ActionContext {
  /** The listener's protocol: authentication needs HTTPS, and HTTPS never redirects to HTTP. */
  listenerProtocol: string;
  /** A forward action's TargetGroupArn as written → the target group's id (the compiler resolves Ref, the API ARNs). */
  targetGroup(written: Written, member: string): string;
  /** ModifyRule may keep an OIDC client secret (UseExistingClientSecret); creating a rule needs one. */
  modifying?: boolean;
}

const at = (index: number) => `actions.${index + 1}.member`;

/** The actions as written, in their order (Order, lowest first), read and checked together. */
export function readActions(written: Written, context: ActionContext): RuleAction[] {
  const entries = list(written, 'actions');
  if (entries.length === 0)
    refuse(
      constraint('[]', 'actions', 'Member must have length greater than or equal to 1'),
      'a rule needs an action (forward, fixed-response or redirect)',
    );
  const read = entries.map((entry, index) => {
    const action = record(entry, at(index)) ?? {};
    const order = integer(action.Order, `${at(index)}.order`);
    if (order !== undefined && (order < ACTION_LIMITS.order.min || order > ACTION_LIMITS.order.max))
      refuse(
        constraint(order, `${at(index)}.order`, `Member must have value between 1 and ${ACTION_LIMITS.order.max}`),
        `action ${index + 1} has Order ${order}`,
      );
    return { order, index, action: readAction(action, index, context) };
  });
  if (read.length > 1) {
    const missing = read.find((entry) => entry.order === undefined);
    if (missing)
      refuse(
        'The action order must be specified for rules with multiple actions',
        `action ${missing.index + 1} has no Order ("This value is required for rules with multiple actions")`,
      );
    const orders = read.map((entry) => entry.order);
    if (new Set(orders).size !== orders.length)
      refuse(
        'Each action of a rule must have a different order',
        `the actions' Order values are ${orders.join(', ')}`,
        INVALID_ACTION,
      );
  }
  const sorted = [...read].sort((a, b) => (a.order ?? 0) - (b.order ?? 0)).map((entry) => entry.action);
  checkCombination(sorted, context);
  return sorted;
}

function checkCombination(actions: RuleAction[], context: ActionContext): void {
  const routing = actions.filter((action) => ROUTING.includes(action.type));
  const auth = actions.filter((action) => !ROUTING.includes(action.type));
  if (routing.length !== 1)
    refuse(
      'A rule must include exactly one forward, redirect or fixed-response action',
      `the rule has ${routing.length === 0 ? 'none' : routing.map((action) => action.type).join(', ')}`,
      INVALID_ACTION,
    );
  if (actions[actions.length - 1]!.type !== routing[0]!.type)
    refuse(
      `The ${routing[0]!.type} action must be the last action to be performed`,
      'give the routing action the highest Order; authentication comes before it',
      INVALID_ACTION,
    );
  if (auth.length > 1)
    refuse(
      'A rule can include only one authentication action',
      `the rule has ${auth.map((action) => action.type).join(', ')}`,
      INVALID_ACTION,
    );
  if (auth.length === 1 && context.listenerProtocol !== 'HTTPS')
    refuse(
      `The action type '${auth[0]!.type}' is only supported for HTTPS listeners`,
      `the listener's protocol is ${context.listenerProtocol}; user authentication needs an HTTPS listener`,
      'IncompatibleProtocols',
    );
}

function readAction(action: WrittenRecord, index: number, context: ActionContext): RuleAction {
  const type = text(action.Type, `${at(index)}.type`);
  required(type, `${at(index)}.type`, `action ${index + 1}'s Type`);
  if (!(ACTION_TYPES as readonly string[]).includes(type!))
    refuse(
      constraint(type, `${at(index)}.type`, `Member must satisfy enum value set: [${ACTION_TYPES.join(', ')}]`),
      `action ${index + 1} has Type ${JSON.stringify(type)}`,
    );
  const config = (name: string) => {
    const written = record(action[name], `${at(index)}.${name.charAt(0).toLowerCase()}${name.slice(1)}`);
    if (!written)
      refuse(
        `For actions of type '${type}', you must specify the following fields: '${name}'`,
        `action ${index + 1} (${type}) has no ${name}`,
        INVALID_ACTION,
        type !== 'redirect',
      );
    return written;
  };
  switch (type as (typeof ACTION_TYPES)[number]) {
    case 'forward':
      return readForward(action, index, context);
    case 'fixed-response':
      return readFixedResponse(config('FixedResponseConfig'), index);
    case 'redirect':
      return readRedirect(config('RedirectConfig'), index, context);
    case 'authenticate-oidc':
      return readOidc(config('AuthenticateOidcConfig'), index, context);
    case 'authenticate-cognito':
      return readCognito(config('AuthenticateCognitoConfig'), index);
    case 'jwt-validation':
      return readJwt(config('JwtValidationConfig'), index);
  }
}

// --- forward ---

function readForward(action: WrittenRecord, index: number, context: ActionContext): RoutingAction {
  const where = at(index);
  const forward = record(action.ForwardConfig, `${where}.forwardConfig`);
  if (action.TargetGroupArn === undefined && !forward)
    refuse(
      "For actions of type 'forward', you must specify the following fields: 'TargetGroupArn' or 'ForwardConfig'",
      `action ${index + 1} (forward) names no target group`,
      INVALID_ACTION,
    );
  const single =
    action.TargetGroupArn === undefined ? null : context.targetGroup(action.TargetGroupArn, `${where}.targetGroupArn`);
  const tuples = forward ? list(forward.TargetGroups, `${where}.forwardConfig.targetGroups`) : [];
  if (forward && tuples.length === 0 && single === null)
    refuse(
      constraint('[]', `${where}.forwardConfig.targetGroups`, 'Member must have length greater than or equal to 1'),
      'ForwardConfig.TargetGroups is empty',
    );
  if (tuples.length > ACTION_LIMITS.targetGroupsPerAction)
    refuse(
      `A forward action can have at most '${ACTION_LIMITS.targetGroupsPerAction}' target groups`,
      `ForwardConfig.TargetGroups has ${tuples.length}; the quota "Target Groups per Action per Application Load Balancer" is ${ACTION_LIMITS.targetGroupsPerAction}, not adjustable`,
    );
  const groups = tuples.map((tuple, i) => {
    const tupleAt = `${where}.forwardConfig.targetGroups.${i + 1}.member`;
    const written = record(tuple, tupleAt) ?? {};
    required(written.TargetGroupArn, `${tupleAt}.targetGroupArn`, `ForwardConfig.TargetGroups[${i}].TargetGroupArn`);
    const weight = integer(written.Weight, `${tupleAt}.weight`);
    if (weight !== undefined && (weight < ACTION_LIMITS.weight.min || weight > ACTION_LIMITS.weight.max))
      refuse(
        `Target group weight '${weight}' is not valid; the range is 0 to 999`,
        `ForwardConfig.TargetGroups[${i}].Weight is ${weight}`,
      );
    // A weight left out counts as 1 (assumed: AWS does not say; every group without one gets an equal share).
    return {
      targetGroupId: context.targetGroup(written.TargetGroupArn, `${tupleAt}.targetGroupArn`),
      weight: weight ?? 1,
    };
  });
  if (single !== null && forward && (groups.length !== 1 || groups[0]!.targetGroupId !== single))
    refuse(
      'If you specify both ForwardConfig and TargetGroupArn, you can specify only one target group using ForwardConfig and it must be the same target group specified in TargetGroupArn',
      'TargetGroupArn and ForwardConfig name different target groups',
      INVALID_ACTION,
    );
  return {
    type: 'forward',
    targetGroups: groups.length > 0 ? groups : [{ targetGroupId: single!, weight: 1 }],
    groupStickiness: readGroupStickiness(forward?.TargetGroupStickinessConfig, `${where}.forwardConfig`),
  };
}

function readGroupStickiness(written: Written, where: string): { enabled: boolean; durationSeconds: number } | null {
  const config = record(written, `${where}.targetGroupStickinessConfig`);
  if (!config) return null;
  const enabled = bool(config.Enabled, `${where}.targetGroupStickinessConfig.enabled`) ?? false;
  const seconds = integer(config.DurationSeconds, `${where}.targetGroupStickinessConfig.durationSeconds`);
  const { min, max } = ACTION_LIMITS.stickinessSeconds;
  if (enabled && seconds === undefined)
    refuse(
      'You must specify a duration when enabling target group stickiness',
      'TargetGroupStickinessConfig.Enabled is true without DurationSeconds ("You must specify this value when enabling target group stickiness")',
    );
  if (seconds !== undefined && (seconds < min || seconds > max))
    refuse(
      `Target group stickiness duration '${seconds}' is not valid; the range is ${min}-${max} seconds`,
      `TargetGroupStickinessConfig.DurationSeconds is ${seconds}`,
    );
  return { enabled, durationSeconds: seconds ?? 3600 };
}

// --- fixed-response ---

function readFixedResponse(config: WrittenRecord, index: number): RoutingAction {
  const where = `${at(index)}.fixedResponseConfig`;
  const status = text(config.StatusCode, `${where}.statusCode`);
  required(status, `${where}.statusCode`, 'FixedResponseConfig.StatusCode');
  if (!/^(2|4|5)\d\d$/.test(status!))
    refuse(
      constraint(status, `${where}.statusCode`, 'Member must satisfy regular expression pattern: ^(2|4|5)\\d\\d$'),
      `StatusCode ${JSON.stringify(status)} is not a 2XX, 4XX or 5XX code`,
    );
  const contentType = text(config.ContentType, `${where}.contentType`);
  if (contentType !== undefined) {
    checkLength(contentType, `${where}.contentType`, 'ContentType', 0, ACTION_LIMITS.contentType);
    if (!(FIXED_RESPONSE_CONTENT_TYPES as readonly string[]).includes(contentType))
      refuse(
        `The ContentType must be one of:${FIXED_RESPONSE_CONTENT_TYPES.map((type) => `'${type}'`).join(', ')}`,
        `ContentType is ${JSON.stringify(contentType)}`,
        INVALID_ACTION,
      );
  }
  const body = text(config.MessageBody, `${where}.messageBody`);
  if (body !== undefined) {
    checkLength(body, `${where}.messageBody`, 'MessageBody', 0, ACTION_LIMITS.messageBody);
    const bad = firstRejected(body, NOT_XML);
    if (bad)
      refuse(
        `The MessageBody contains a character that is not valid`,
        `MessageBody holds ${bad}, a control character no API answer (XML) can carry`,
      );
  }
  return {
    type: 'fixed-response',
    statusCode: Number(status),
    contentType: contentType ?? null,
    messageBody: body ?? null,
  };
}

// --- redirect ---

const KEEP = { protocol: '#{protocol}', port: '#{port}', host: '#{host}', path: '/#{path}', query: '#{query}' };

function readRedirect(config: WrittenRecord, index: number, context: ActionContext): RoutingAction {
  const where = `${at(index)}.redirectConfig`;
  const status = text(config.StatusCode, `${where}.statusCode`);
  required(status, `${where}.statusCode`, 'RedirectConfig.StatusCode');
  if (status !== 'HTTP_301' && status !== 'HTTP_302')
    refuse(
      constraint(status, `${where}.statusCode`, 'Member must satisfy enum value set: [HTTP_301, HTTP_302]'),
      `StatusCode is ${JSON.stringify(status)}`,
    );
  const part = (name: 'Protocol' | 'Port' | 'Host' | 'Path' | 'Query', min: number) => {
    const value = text(config[name], `${where}.${name.toLowerCase()}`);
    if (value === undefined) return undefined;
    checkLength(value, `${where}.${name.toLowerCase()}`, `RedirectConfig.${name}`, min, ACTION_LIMITS.redirectPart);
    const bad = firstRejected(value, CONTROL);
    if (bad)
      refuse(
        `The redirect ${name.toLowerCase()} '${value}' contains a character that is not valid`,
        `RedirectConfig.${name} holds ${bad}, a control character no URL can carry`,
      );
    return value;
  };
  const protocol = part('Protocol', 0);
  if (protocol !== undefined && !/^(HTTPS?|#\{protocol\})$/.test(protocol))
    refuse(
      constraint(
        protocol,
        `${where}.protocol`,
        'Member must satisfy regular expression pattern: ^(HTTPS?|#\\{protocol\\})$',
      ),
      `Protocol is ${JSON.stringify(protocol)}; it can be HTTP, HTTPS or #{protocol}`,
    );
  const port = part('Port', 0);
  if (
    port !== undefined &&
    port !== KEEP.port &&
    !(/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)
  )
    refuse(`The redirect port '${port}' is not valid`, 'Port can be a number from 1 to 65535 or #{port}');
  const host = part('Host', 1);
  const path = part('Path', 1);
  if (path !== undefined && !path.startsWith('/') && !path.startsWith('#{'))
    refuse(`The redirect path '${path}' is not valid`, 'Path is the absolute path, starting with the leading "/"');
  const query = part('Query', 0);
  const redirect = {
    protocol: protocol ?? KEEP.protocol,
    port: port ?? KEEP.port,
    host: host ?? KEEP.host,
    path: path ?? KEEP.path,
    query: query ?? KEEP.query,
  };
  if (
    redirect.protocol === KEEP.protocol &&
    redirect.port === KEEP.port &&
    redirect.host === KEEP.host &&
    redirect.path === KEEP.path
  )
    refuse(
      'The redirect configuration is not valid because it creates a loop.',
      'a redirect must change at least one of protocol, host, port or path',
      INVALID_ACTION,
      false,
    );
  if (context.listenerProtocol === 'HTTPS' && redirect.protocol === 'HTTP')
    refuse(
      'You cannot redirect HTTPS to HTTP',
      'the listener is HTTPS and RedirectConfig.Protocol is HTTP ("You can\'t redirect HTTPS to HTTP")',
      INVALID_ACTION,
    );
  return { type: 'redirect', ...redirect, statusCode: status as 'HTTP_301' | 'HTTP_302' };
}

// --- authentication (kept as written; not realized: docs/listener-rules.md) ---

const UNAUTHENTICATED: OnUnauthenticatedRequest[] = ['deny', 'allow', 'authenticate'];

function httpsUrl(value: string | undefined, member: string, what: string): string {
  required(value, member, what);
  let url: URL | null = null;
  try {
    url = new URL(value!);
  } catch {
    url = null;
  }
  if (url?.protocol !== 'https:' || !url.hostname)
    refuse(
      `The ${what} '${value}' is not valid`,
      `${what} must be a full URL, including the HTTPS protocol, the domain, and the path`,
    );
  return value!;
}

function sessionFields(config: WrittenRecord, where: string) {
  const onUnauthenticated = text(config.OnUnauthenticatedRequest, `${where}.onUnauthenticatedRequest`);
  if (onUnauthenticated !== undefined && !UNAUTHENTICATED.includes(onUnauthenticated as OnUnauthenticatedRequest))
    refuse(
      constraint(
        onUnauthenticated,
        `${where}.onUnauthenticatedRequest`,
        `Member must satisfy enum value set: [${UNAUTHENTICATED.join(', ')}]`,
      ),
      `OnUnauthenticatedRequest is ${JSON.stringify(onUnauthenticated)}`,
    );
  const extraParams = stringMap(config.AuthenticationRequestExtraParams, `${where}.authenticationRequestExtraParams`);
  if (Object.keys(extraParams).length > ACTION_LIMITS.extraParams)
    refuse(
      `You can specify up to '${ACTION_LIMITS.extraParams}' authentication request extra parameters`,
      `AuthenticationRequestExtraParams has ${Object.keys(extraParams).length} ("The query parameters (up to 10)")`,
    );
  return {
    sessionCookieName: text(config.SessionCookieName, `${where}.sessionCookieName`) ?? null,
    scope: text(config.Scope, `${where}.scope`) ?? null,
    sessionTimeout: integer(config.SessionTimeout, `${where}.sessionTimeout`) ?? null,
    extraParams,
    onUnauthenticatedRequest: (onUnauthenticated as OnUnauthenticatedRequest | undefined) ?? null,
  };
}

function readOidc(config: WrittenRecord, index: number, context: ActionContext): AuthenticateAction {
  const where = `${at(index)}.authenticateOidcConfig`;
  const field = (name: string) => text(config[name], `${where}.${name.charAt(0).toLowerCase()}${name.slice(1)}`);
  const clientId = field('ClientId');
  required(clientId, `${where}.clientId`, 'AuthenticateOidcConfig.ClientId');
  const keepSecret = bool(config.UseExistingClientSecret, `${where}.useExistingClientSecret`) === true;
  if (field('ClientSecret') === undefined && !(context.modifying && keepSecret))
    refuse(
      'A client secret must be specified when creating a rule with an authenticate-oidc action',
      'AuthenticateOidcConfig.ClientSecret is required when creating a rule ("you can omit this parameter if you set UseExistingClientSecret to true" when modifying one)',
    );
  return {
    type: 'authenticate-oidc',
    issuer: httpsUrl(field('Issuer'), `${where}.issuer`, 'Issuer'),
    authorizationEndpoint: httpsUrl(
      field('AuthorizationEndpoint'),
      `${where}.authorizationEndpoint`,
      'AuthorizationEndpoint',
    ),
    tokenEndpoint: httpsUrl(field('TokenEndpoint'), `${where}.tokenEndpoint`, 'TokenEndpoint'),
    userInfoEndpoint: httpsUrl(field('UserInfoEndpoint'), `${where}.userInfoEndpoint`, 'UserInfoEndpoint'),
    clientId: clientId!,
    ...sessionFields(config, where),
  };
}

function readCognito(config: WrittenRecord, index: number): AuthenticateAction {
  const where = `${at(index)}.authenticateCognitoConfig`;
  const field = (name: string) => {
    const member = `${where}.${name.charAt(0).toLowerCase()}${name.slice(1)}`;
    const value = text(config[name], member);
    required(value, member, `AuthenticateCognitoConfig.${name}`);
    return value!;
  };
  return {
    type: 'authenticate-cognito',
    userPoolArn: field('UserPoolArn'),
    userPoolClientId: field('UserPoolClientId'),
    userPoolDomain: field('UserPoolDomain'),
    ...sessionFields(config, where),
  };
}

const CLAIM_FORMATS = ['single-string', 'string-array', 'space-separated-values'] as const;
const DEFAULT_CLAIMS = ['exp', 'iss', 'nbf', 'iat'];

function readJwt(config: WrittenRecord, index: number): AuthenticateAction {
  const where = `${at(index)}.jwtValidationConfig`;
  const endpoint = httpsUrl(
    text(config.JwksEndpoint, `${where}.jwksEndpoint`),
    `${where}.jwksEndpoint`,
    'JwksEndpoint',
  );
  checkLength(endpoint, `${where}.jwksEndpoint`, 'JwksEndpoint', 1, ACTION_LIMITS.jwtText);
  const issuer = text(config.Issuer, `${where}.issuer`);
  required(issuer, `${where}.issuer`, 'JwtValidationConfig.Issuer');
  checkLength(issuer!, `${where}.issuer`, 'Issuer', 1, ACTION_LIMITS.jwtText);
  const claims = list(config.AdditionalClaims, `${where}.additionalClaims`);
  if (claims.length > ACTION_LIMITS.jwtClaims)
    refuse(
      `You can specify up to '${ACTION_LIMITS.jwtClaims}' additional claims`,
      `AdditionalClaims has ${claims.length} ("The maximum size of the list is 10")`,
    );
  const additionalClaims = claims.map((entry, i) => {
    const claimAt = `${where}.additionalClaims.${i + 1}.member`;
    const claim = record(entry, claimAt) ?? {};
    const format = text(claim.Format, `${claimAt}.format`);
    required(format, `${claimAt}.format`, `AdditionalClaims[${i}].Format`);
    if (!(CLAIM_FORMATS as readonly string[]).includes(format!))
      refuse(
        constraint(format, `${claimAt}.format`, `Member must satisfy enum value set: [${CLAIM_FORMATS.join(', ')}]`),
        `AdditionalClaims[${i}].Format is ${JSON.stringify(format)}`,
      );
    const name = text(claim.Name, `${claimAt}.name`);
    required(name, `${claimAt}.name`, `AdditionalClaims[${i}].Name`);
    if (DEFAULT_CLAIMS.includes(name!))
      refuse(
        `The claim '${name}' cannot be specified as an additional claim`,
        'exp, iss, nbf and iat are validated by default ("You can\'t specify exp, iss, nbf, or iat")',
      );
    const values = texts(claim.Values, `${claimAt}.values`);
    if (values.length > ACTION_LIMITS.jwtClaims)
      refuse(
        `A claim can have up to '${ACTION_LIMITS.jwtClaims}' values`,
        `AdditionalClaims[${i}] has ${values.length} values`,
      );
    for (const value of values) {
      checkLength(value, `${claimAt}.values`, 'a claim value', 0, ACTION_LIMITS.jwtText);
      if (format === 'space-separated-values' && value.includes(' '))
        refuse(
          `The claim value '${value}' is not valid`,
          "with the format space-separated-values, the values can't include spaces",
        );
    }
    return { format: format as (typeof CLAIM_FORMATS)[number], name: name!, values };
  });
  return { type: 'jwt-validation', jwksEndpoint: endpoint, issuer: issuer!, additionalClaims };
}

export { VALIDATION };
