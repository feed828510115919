// Reading values out of a CloudFormation template as CloudFormation resolves them: parameters (defaults, or values
// given with --parameters), pseudo parameters, Conditions and Fn::If, AWS::NoValue, Fn::Join, Fn::Sub, Fn::Select,
// Fn::Split, Fn::Base64, Fn::FindInMap, Fn::GetAZs, Fn::Length. A reference to a resource resolves to a token naming
// it, so the compiler can link resources by logical id. What cannot be resolved offline, or what CloudFormation
// itself would refuse, throws UnresolvableValue with a message code saying which and why: never a silent guess.
// Pure. Every recursion is bounded (MAX_DEPTH).
import { type Message, type MessageParam, msg } from '../messages.js';

export type CfnValue = unknown;

export interface CfnResource {
  Type: string;
  Properties?: Record<string, CfnValue>;
  Metadata?: Record<string, CfnValue>;
  Condition?: string;
  DependsOn?: string | string[];
}

export interface CfnParameter {
  Type?: string;
  Default?: CfnValue;
  AllowedValues?: CfnValue[];
  AllowedPattern?: string;
  /** Set by sandbox/template/parameters.ts when --parameters gave the value (then Default holds it). */
  MtlsSandboxGiven?: boolean;
}

export interface CfnTemplate {
  Resources?: Record<string, CfnResource>;
  Parameters?: Record<string, CfnParameter>;
  Conditions?: Record<string, CfnValue>;
  Mappings?: Record<string, Record<string, Record<string, CfnValue>>>;
  Outputs?: Record<string, CfnValue>;
  /** The sandbox's synth writes MtlsSandbox::Source here (sandbox/synth/synth.ts). */
  Metadata?: Record<string, CfnValue>;
}

/** A resolved reference to a resource: `{ ref: logicalId }` or `{ ref, attribute }` for Fn::GetAtt. */
export interface ResourceRef {
  ref: string;
  attribute?: string;
}

export const isResourceRef = (value: unknown): value is ResourceRef =>
  typeof value === 'object' && value !== null && typeof (value as ResourceRef).ref === 'string';

/**
 * The sandbox's account and region (as LocalStack's), and what the other pseudo parameters stand for here. AWS::NoValue
 * is not among them: it removes the property or list item that holds it (NO_VALUE).
 */
const PSEUDO_PARAMETERS: Record<string, CfnValue> = {
  'AWS::Region': 'us-east-1',
  'AWS::AccountId': '000000000000',
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::StackName': 'sandbox-stack',
  'AWS::StackId': 'arn:aws:cloudformation:us-east-1:000000000000:stack/sandbox-stack/sandbox',
  'AWS::NotificationARNs': [],
};

const AVAILABILITY_ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

/**
 * How deep a value may nest (functions inside functions, lists inside objects). Real templates stay far below it;
 * a template that does not is refused with a clear error instead of exhausting the stack.
 */
export const MAX_DEPTH = 100;

/** What `{ "Ref": "AWS::NoValue" }` resolves to: the property or list item holding it is removed. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/** A value CloudFormation would refuse, or the sandbox cannot know offline: `reason` says which, for the report. */
export class UnresolvableValue extends Error {
  constructor(readonly reason: Message) {
    super(`${reason.code} ${JSON.stringify(reason.params ?? {})}`);
    this.name = 'UnresolvableValue';
  }
}

/** An own entry of a template section: never one of Object.prototype's ("constructor", "__proto__"). */
function own<T>(section: Record<string, T> | undefined, key: string): T | undefined {
  return section !== undefined && Object.hasOwn(section, key) ? section[key] : undefined;
}

const refuse = (code: Parameters<typeof msg>[0], params: Record<string, MessageParam> = {}): never => {
  throw new UnresolvableValue(msg(code, params));
};

/** Resolves every intrinsic function in a value; leaves literals as they are. NO_VALUE at the top: no value. */
export function resolveValue(value: CfnValue, template: CfnTemplate): CfnValue {
  return resolve(value, template, 0);
}

function resolve(value: CfnValue, template: CfnTemplate, depth: number): CfnValue {
  if (depth > MAX_DEPTH) refuse('cfn.too-deep', { max: MAX_DEPTH });
  if (Array.isArray(value))
    return value.map((item) => resolve(item, template, depth + 1)).filter((item) => item !== NO_VALUE);
  if (typeof value !== 'object' || value === null || value instanceof DeployTimeList) return value;
  const entries = Object.entries(value as Record<string, CfnValue>);
  if (entries.length === 1) {
    const [fn, arg] = entries[0]!;
    if (fn === 'Ref' || fn.startsWith('Fn::')) return intrinsic(fn, arg, template, depth + 1);
  }
  const out: Record<string, CfnValue> = {};
  for (const [key, item] of entries) {
    const resolved = resolve(item, template, depth + 1);
    if (resolved !== NO_VALUE) out[key] = resolved;
  }
  return out;
}

function intrinsic(fn: string, arg: CfnValue, template: CfnTemplate, depth: number): CfnValue {
  switch (fn) {
    case 'Ref':
      return resolveRef(arg, template);
    case 'Fn::GetAtt':
      return getAtt(arg, template);
    case 'Fn::Join':
      return join(arg, template, depth);
    case 'Fn::Select':
      return select(arg, template, depth);
    case 'Fn::Split':
      return split(arg, template, depth);
    case 'Fn::Sub':
      return sub(arg, template, depth);
    case 'Fn::If':
      return ifFunction(arg, template, depth);
    case 'Fn::Base64':
      return Buffer.from(scalarString('Fn::Base64', resolve(arg, template, depth)), 'utf8').toString('base64');
    case 'Fn::FindInMap':
      return findInMap(arg, template, depth);
    case 'Fn::GetAZs':
      return [...AVAILABILITY_ZONES];
    case 'Fn::Length': {
      const list = resolve(arg, template, depth);
      if (!Array.isArray(list)) refuse('cfn.not-a-list', { fn });
      return (list as CfnValue[]).length;
    }
    case 'Fn::ImportValue':
      return refuse('cfn.import-value');
    case 'Fn::Equals':
    case 'Fn::And':
    case 'Fn::Or':
    case 'Fn::Not':
      // Condition functions resolve to booleans wherever a template uses them (e.g. inside Fn::If's condition).
      return evaluateConditionFunction(fn, arg, template, depth, []);
    default:
      return refuse('cfn.unsupported-function', { fn });
  }
}

function resolveRef(arg: CfnValue, template: CfnTemplate): CfnValue {
  if (typeof arg !== 'string') return refuse('cfn.ref-not-a-name');
  if (arg === 'AWS::NoValue') return NO_VALUE;
  if (Object.hasOwn(PSEUDO_PARAMETERS, arg)) return structuredClone(PSEUDO_PARAMETERS[arg]);
  const parameter = own(template.Parameters, arg);
  if (parameter) return parameterValue(arg, parameter);
  if (own(template.Resources, arg)) return { ref: arg } satisfies ResourceRef;
  return refuse('cfn.undefined-ref', { name: arg });
}

/**
 * A parameter's value: the one given (--parameters, written into the template as its Default by
 * sandbox/template/parameters.ts) or its Default. Lists split at commas, as CloudFormation's list types do; the
 * value of an SSM parameter type lives in Parameter Store, which the sandbox does not read.
 */
function parameterValue(name: string, parameter: CfnParameter): CfnValue {
  const type = String(parameter.Type ?? 'String');
  if (parameter.Default === undefined || parameter.Default === null) return refuse('cfn.parameter-no-value', { name });
  const value = String(parameter.Default);
  if (type.startsWith('AWS::SSM::Parameter::Value<') && parameter.MtlsSandboxGiven !== true)
    return refuse('cfn.parameter-ssm', { name, key: value });
  if (type === 'CommaDelimitedList' || /^List<.*>$/.test(type) || /Value<List<.*>>$/.test(type))
    return value === '' ? [] : value.split(',').map((item) => item.trim());
  return value;
}

function getAtt(arg: CfnValue, template: CfnTemplate): ResourceRef {
  const parts = Array.isArray(arg) ? arg : typeof arg === 'string' ? splitAttribute(arg) : null;
  const [ref, attribute] = parts ?? [];
  if (typeof ref !== 'string' || typeof attribute !== 'string' || parts!.length !== 2)
    return refuse('cfn.getatt-shape');
  if (!own(template.Resources, ref)) return refuse('cfn.getatt-undefined', { name: ref });
  return { ref, attribute };
}

/** "Res.Attr.Sub" → ["Res", "Attr.Sub"]: attributes may hold dots (e.g. Endpoint.Address). */
function splitAttribute(text: string): string[] {
  const dot = text.indexOf('.');
  return dot === -1 ? [text] : [text.slice(0, dot), text.slice(dot + 1)];
}

function join(arg: CfnValue, template: CfnTemplate, depth: number): string {
  if (!Array.isArray(arg) || arg.length !== 2 || typeof arg[0] !== 'string') return refuse('cfn.join-shape');
  const list = resolve(arg[1], template, depth);
  if (list instanceof DeployTimeList) return list.source;
  if (!Array.isArray(list)) return refuse('cfn.not-a-list', { fn: 'Fn::Join' });
  return (list as CfnValue[]).map((item) => scalarString('Fn::Join', item)).join(arg[0]);
}

function select(arg: CfnValue, template: CfnTemplate, depth: number): CfnValue {
  if (!Array.isArray(arg) || arg.length !== 2) return refuse('cfn.select-shape');
  const index = Number(resolve(arg[0], template, depth));
  const list = resolve(arg[1], template, depth);
  if (list instanceof DeployTimeList) return list.source;
  if (!Array.isArray(list)) return refuse('cfn.not-a-list', { fn: 'Fn::Select' });
  if (!Number.isInteger(index) || index < 0 || index >= list.length)
    return refuse('cfn.select-range', { index: String(resolve(arg[0], template, depth)), length: list.length });
  return list[index];
}

function split(arg: CfnValue, template: CfnTemplate, depth: number): string[] | DeployTimeList {
  if (!Array.isArray(arg) || arg.length !== 2 || typeof arg[0] !== 'string' || arg[0] === '')
    return refuse('cfn.split-shape');
  const text = scalarString('Fn::Split', resolve(arg[1], template, depth));
  // A resource's attribute is known once the stack is deployed: so are the parts it splits into.
  return holdsResourceToken(text) ? new DeployTimeList(text) : text.split(arg[0]);
}

/**
 * A list split from a value known only once the stack is deployed (a function URL, a DNS name): its items are not
 * known here, so selecting one gives a token naming what it came from, and its length is refused.
 */
export class DeployTimeList {
  constructor(readonly source: string) {}
}

function sub(arg: CfnValue, template: CfnTemplate, depth: number): string {
  const [text, variables] = Array.isArray(arg) ? arg : [arg, {}];
  if (typeof text !== 'string' || typeof variables !== 'object' || variables === null || Array.isArray(variables))
    return refuse('cfn.sub-shape');
  const vars = variables as Record<string, CfnValue>;
  return text.replace(/\$\{([^}]*)\}/g, (_, name: string) => {
    if (name.startsWith('!')) return `\${${name.slice(1)}}`; // ${!Literal} is written as ${Literal}
    const key = name.trim();
    if (Object.hasOwn(vars, key)) return scalarString('Fn::Sub', resolve(vars[key], template, depth));
    if (Object.hasOwn(PSEUDO_PARAMETERS, key) || own(template.Parameters, key) || own(template.Resources, key))
      return scalarString('Fn::Sub', resolveRef(key, template));
    const [ref, attribute] = splitAttribute(key);
    if (attribute !== undefined && own(template.Resources, ref!)) return stringify({ ref: ref!, attribute });
    return refuse('cfn.sub-undefined', { name: key });
  });
}

function findInMap(arg: CfnValue, template: CfnTemplate, depth: number): CfnValue {
  if (!Array.isArray(arg) || arg.length < 3) return refuse('cfn.findinmap-shape');
  const [map, top, second] = arg
    .slice(0, 3)
    .map((part) => scalarString('Fn::FindInMap', resolve(part, template, depth)));
  const value = own(own(own(template.Mappings, map!), top!), second!);
  if (value === undefined) return refuse('cfn.findinmap-missing', { map: map!, top: top!, second: second! });
  return resolve(value, template, depth);
}

function ifFunction(arg: CfnValue, template: CfnTemplate, depth: number): CfnValue {
  if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string') return refuse('cfn.if-shape');
  return resolve(conditionHolds(arg[0], template) ? arg[1] : arg[2], template, depth);
}

/** Whether a named condition of the template's Conditions section holds (refused when it is not declared). */
export function conditionHolds(name: string, template: CfnTemplate): boolean {
  return evaluateNamedCondition(name, template, 0, []);
}

function evaluateNamedCondition(name: string, template: CfnTemplate, depth: number, seen: string[]): boolean {
  const condition = own(template.Conditions, name);
  if (condition === undefined) return refuse('cfn.condition-undefined', { name });
  if (seen.includes(name)) return refuse('cfn.condition-circular', { names: [...seen, name].join(' → ') });
  return evaluateCondition(condition, template, depth + 1, [...seen, name]);
}

function evaluateCondition(value: CfnValue, template: CfnTemplate, depth: number, seen: string[]): boolean {
  if (depth > MAX_DEPTH) refuse('cfn.too-deep', { max: MAX_DEPTH });
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && (value === 'true' || value === 'false')) return value === 'true';
  const entries = typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.entries(value) : [];
  if (entries.length !== 1) return refuse('cfn.condition-shape');
  const [fn, arg] = entries[0]!;
  if (fn === 'Condition') {
    if (typeof arg !== 'string') return refuse('cfn.condition-shape');
    return evaluateNamedCondition(arg, template, depth, seen);
  }
  return evaluateConditionFunction(fn, arg, template, depth, seen);
}

function evaluateConditionFunction(
  fn: string,
  arg: CfnValue,
  template: CfnTemplate,
  depth: number,
  seen: string[],
): boolean {
  const list = Array.isArray(arg) ? arg : null;
  switch (fn) {
    case 'Fn::Equals': {
      if (list?.length !== 2) return refuse('cfn.equals-shape');
      const [a, b] = list.map((item) => comparable(resolve(item, template, depth + 1)));
      return a === b;
    }
    case 'Fn::And':
    case 'Fn::Or': {
      // CloudFormation: between 2 and 10 conditions.
      if (!list || list.length < 2 || list.length > 10) return refuse('cfn.and-or-shape', { fn });
      const results = list.map((item) => evaluateCondition(item, template, depth + 1, seen));
      return fn === 'Fn::And' ? results.every(Boolean) : results.some(Boolean);
    }
    case 'Fn::Not':
      if (list?.length !== 1) return refuse('cfn.not-shape');
      return !evaluateCondition(list[0], template, depth + 1, seen);
    default:
      return refuse('cfn.condition-shape');
  }
}

/** Fn::Equals compares values as CloudFormation does: scalars as strings, lists and objects by their JSON. */
function comparable(value: CfnValue): string {
  if (value === NO_VALUE) return '';
  if (typeof value === 'object' && value !== null && !isResourceRef(value)) return JSON.stringify(value);
  return stringify(value);
}

/** A value a string function takes: a string, a number or a boolean (a resource reference becomes its token). */
function scalarString(fn: string, value: CfnValue): string {
  if (value === NO_VALUE) return refuse('cfn.novalue-in-string', { fn });
  if (
    value === undefined ||
    value === null ||
    Array.isArray(value) ||
    (typeof value === 'object' && !isResourceRef(value))
  )
    return refuse('cfn.not-a-string', { fn });
  return stringify(value);
}

/** A resolved value as text: a resource reference as its token ("{Bucket.RegionalDomainName}"), never "[object Object]". */
export const asText = (value: CfnValue): string => stringify(value);

function stringify(value: CfnValue): string {
  if (isResourceRef(value)) return value.attribute ? `{${value.ref}.${value.attribute}}` : `{${value.ref}}`;
  return String(value);
}

/** The logical id a value refers to, whether a Ref/GetAtt or a string token made from one. */
export function referencedLogicalId(value: CfnValue): string | null {
  if (isResourceRef(value)) return value.ref;
  if (typeof value === 'string') {
    const match = /^\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}$/.exec(value);
    if (match) return match[1]!;
  }
  return null;
}

/** True when a resolved value still names a resource's attribute or id: known only once the stack is deployed. */
export function holdsResourceToken(value: CfnValue): boolean {
  if (isResourceRef(value)) return true;
  return typeof value === 'string' && /\{[A-Za-z0-9]+(?:\.[A-Za-z0-9.]+)?\}/.test(value);
}

/**
 * The logical ids a resource depends on: every Ref, Fn::GetAtt and Fn::Sub name to another resource in its
 * properties, and DependsOn. Read without resolving (a dependency counts even in a branch Fn::If drops, as
 * CloudFormation's own check does); bounded by MAX_DEPTH.
 */
export function dependenciesOf(resource: CfnResource, template: CfnTemplate): Set<string> {
  const resources = template.Resources ?? {};
  const found = new Set<string>();
  const add = (name: unknown) => {
    if (typeof name === 'string' && Object.hasOwn(resources, name)) found.add(name);
  };
  const depends = resource.DependsOn;
  for (const name of Array.isArray(depends) ? depends : depends === undefined ? [] : [depends]) add(name);
  const stack: [CfnValue, number][] = [[resource.Properties, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (depth > MAX_DEPTH || typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) stack.push([item, depth + 1]);
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      if (key === 'Ref') add(item);
      else if (key === 'Fn::GetAtt')
        add(Array.isArray(item) ? item[0] : typeof item === 'string' ? splitAttribute(item)[0] : null);
      else if (key === 'Fn::Sub') {
        const text = Array.isArray(item) ? item[0] : item;
        if (typeof text === 'string')
          for (const match of text.matchAll(/\$\{([^!}][^}]*)\}/g)) add(splitAttribute(match[1]!.trim())[0]);
      }
      stack.push([item, depth + 1]);
    }
  }
  return found;
}
