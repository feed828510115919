// The AWS Query protocol's request side, as the AWS CLI and the SDKs send ELBv2 calls: a form-encoded POST body
// (Action, Version, then parameters) whose lists are flattened as Name.member.N and structures as Name.Field.
// Parsed back into the nested shape of the API model (botocore elbv2 service-2.json), the same shape CloudFormation
// properties have. Pure.

export type QueryValue = string | QueryValue[] | { [key: string]: QueryValue };

export interface QueryRequest {
  action: string;
  version: string;
  /** A structure with no prototype: no parameter name can reach Object.prototype through it. */
  params: Record<string, QueryValue>;
}

/**
 * Bounds no client the sandbox serves comes near, so that no request can cost more than a small, fixed amount of work.
 * List indexes: the API model's largest `max` on a list is 100 (ClientCertificateIdentityFilters); the lists without
 * one are bounded by quotas, the largest 1,000 targets per target group (RegisterTargets, DeregisterTargets).
 * Parameters: 1,000 targets of four members each is about 4,000. Segments: the deepest member the model has (a JWT
 * validation claim's value, DefaultActions.member.N.JwtValidationConfig.AdditionalClaims.member.N.Values.member.N) has
 * 10.
 */
export const QUERY_LIMITS = { listIndex: 1000, parameters: 10_000, segments: 16 } as const;

/** Names that would reach a prototype if used as keys of a plain object; no ELBv2 member has them. */
const PROTOTYPE_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

/** The parsed form, before it becomes QueryValues: Maps, so a name is never a property of anything. */
type Node =
  | { kind: 'value'; value: string }
  | { kind: 'structure'; members: Map<string, Node> }
  | { kind: 'list'; items: Map<number, Node> };

/** One step of a flattened name: a structure member, or a list item (after "member", 1-based). */
type Step = { member: string } | { index: number };

/**
 * "Conditions.member.1.Values.member.2=x" → { Conditions: [{ Values: ['x'] }] } (list holes removed, items in index
 * order). Refused with a ValidationError: a name that could reach a prototype, an index that is not 1 to
 * QUERY_LIMITS.listIndex, more parameters or deeper names than QUERY_LIMITS allow, and a name given both as a value
 * and as a structure or list. Every check is made before any work that grows with a number in the request.
 */
export function parseQuery(body: string): QueryRequest {
  refuseTooManyParameters(body);
  const root: Node = { kind: 'structure', members: new Map() };
  const form = new URLSearchParams(body);
  for (const [key, value] of form) {
    if (key === 'Action' || key === 'Version') continue;
    insert(root, key, stepsOf(key), value);
  }
  return {
    action: form.get('Action') ?? '',
    version: form.get('Version') ?? '',
    params: nestedValue(root) as Record<string, QueryValue>,
  };
}

/** Counts the separators, not the parsed pairs: refused before URLSearchParams builds them. */
function refuseTooManyParameters(body: string): void {
  let count = 1;
  for (let at = body.indexOf('&'); at >= 0; at = body.indexOf('&', at + 1)) {
    if (++count > QUERY_LIMITS.parameters)
      throw new ValidationError(
        `The request has more than ${QUERY_LIMITS.parameters} parameters, more than any ELBv2 request needs; mtls-sandbox refuses it`,
      );
  }
}

function stepsOf(key: string): Step[] {
  const parts = key.split('.', QUERY_LIMITS.segments + 1);
  if (parts.length > QUERY_LIMITS.segments)
    throw new ValidationError(
      `${shown(key)}: a parameter name has at most ${QUERY_LIMITS.segments} dot-separated parts; this one has more`,
    );
  const steps: Step[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const previous = steps.at(-1);
    if (part === 'member' && previous && 'member' in previous && i + 1 < parts.length) {
      steps.push({ index: listIndex(key, parts[++i]!) });
      continue;
    }
    if (part === '') throw new ValidationError(`${shown(key)}: a parameter name has an empty part`);
    if (PROTOTYPE_NAMES.has(part))
      throw new ValidationError(
        `${shown(key)}: "${part}" is not a member of any ELBv2 request; mtls-sandbox refuses it because it names a JavaScript prototype`,
      );
    steps.push({ member: part });
  }
  return steps;
}

/** "1" to "1000": checked as text, so a huge or odd number costs nothing. */
function listIndex(key: string, text: string): number {
  if (!/^[1-9][0-9]{0,3}$/.test(text) || Number(text) > QUERY_LIMITS.listIndex)
    throw new ValidationError(
      `${shown(key)}: a list index (after "member") must be a whole number from 1 to ${QUERY_LIMITS.listIndex}, the largest list AWS takes; "${shown(text)}" is not`,
    );
  return Number(text);
}

function insert(root: Node, key: string, steps: Step[], value: string): void {
  let node = root;
  for (let s = 0; s < steps.length; s++) {
    const step = steps[s]!;
    const next = steps[s + 1];
    const kind: Node['kind'] = next === undefined ? 'value' : 'index' in next ? 'list' : 'structure';
    const children = (node.kind === 'list' ? node.items : (node as { members: Map<string, Node> }).members) as Map<
      string | number,
      Node
    >;
    const name = 'member' in step ? step.member : step.index;
    let child = children.get(name);
    if (child && child.kind !== kind)
      throw new ValidationError(`${shown(key)}: this name is given both as a value and as a structure or list`);
    if (!child) {
      child =
        kind === 'value'
          ? { kind, value }
          : kind === 'list'
            ? { kind, items: new Map() }
            : { kind, members: new Map() };
      children.set(name, child);
    }
    if (child.kind === 'value') child.value = value; // the same name twice: the later one, as URLSearchParams reads
    node = child;
  }
}

/** The nested QueryValue: structures with no prototype, lists in index order without holes. */
function nestedValue(node: Node): QueryValue {
  if (node.kind === 'value') return node.value;
  if (node.kind === 'list')
    return [...node.items.entries()].sort(([a], [b]) => a - b).map(([, item]) => nestedValue(item));
  const structure = Object.create(null) as Record<string, QueryValue>;
  for (const [name, member] of node.members) structure[name] = nestedValue(member);
  return structure;
}

/** A name or value as an error message quotes it: cut short. */
function shown(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

/** The parameters' typed readers: a missing required one, or one of the wrong shape, is the API's ValidationError. */
export class Params {
  constructor(private readonly params: Record<string, QueryValue>) {}

  has(name: string): boolean {
    return this.params[name] !== undefined;
  }

  string(name: string): string | undefined {
    const value = this.params[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw new ValidationError(`${name} must be a string`);
    return value;
  }

  required(name: string): string {
    const value = this.string(name);
    if (value === undefined) throw missing(name);
    return value;
  }

  list(name: string): QueryValue[] {
    const value = this.params[name];
    if (value === undefined) return [];
    if (!Array.isArray(value)) throw new ValidationError(`${name} must be a list (${name}.member.N)`);
    return value;
  }

  strings(name: string): string[] {
    return this.list(name).map((item) => {
      if (typeof item !== 'string') throw new ValidationError(`${name} must be a list of strings`);
      return item;
    });
  }

  structures(name: string): Record<string, QueryValue>[] {
    return this.list(name).map((item) => {
      if (typeof item !== 'object' || Array.isArray(item))
        throw new ValidationError(`${name} must be a list of structures`);
      return item;
    });
  }

  structure(name: string): Record<string, QueryValue> | undefined {
    const value = this.params[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) throw new ValidationError(`${name} must be a structure`);
    return value;
  }
}

/** An AWS API error as the service answers it: its code, message and HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export class ValidationError extends ApiError {
  constructor(message: string) {
    super('ValidationError', message);
  }
}

/** The Query API's wording for a missing required parameter. */
function missing(name: string): ValidationError {
  const member = name.charAt(0).toLowerCase() + name.slice(1);
  return new ValidationError(
    `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
  );
}
