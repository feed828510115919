// The AWS Query protocol's request side, as the AWS CLI and the SDKs send ELBv2 calls: a form-encoded POST body
// (Action, Version, then parameters) whose lists are flattened as Name.member.N and structures as Name.Field.
// Parsed back into the nested shape of the API model (botocore elbv2 service-2.json), the same shape CloudFormation
// properties have. Pure.

export type QueryValue = string | QueryValue[] | { [key: string]: QueryValue };

export interface QueryRequest {
  action: string;
  version: string;
  params: Record<string, QueryValue>;
}

/** "Conditions.member.1.Values.member.2=x" → { Conditions: [{ Values: [undefined, 'x'] }] } (holes removed). */
export function parseQuery(body: string): QueryRequest {
  const root: Record<string, QueryValue> = {};
  const form = new URLSearchParams(body);
  for (const [key, value] of form) {
    if (key === 'Action' || key === 'Version') continue;
    setPath(root, key.split('.'), value);
  }
  return { action: form.get('Action') ?? '', version: form.get('Version') ?? '', params: compact(root) as never };
}

function setPath(node: Record<string, QueryValue> | QueryValue[], parts: string[], value: string): void {
  let current: Record<string, QueryValue> | QueryValue[] = node;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const last = i === parts.length - 1;
    // A list: "member" then its 1-based index.
    const listNext = parts[i + 1] === 'member' && i + 2 < parts.length;
    const key: string | number = Array.isArray(current) ? Number(part) - 1 : part;
    if (Array.isArray(current) && !(Number.isInteger(key) && (key as number) >= 0)) return; // not an index: dropped
    const slot = current as Record<string | number, QueryValue>;
    if (last) {
      slot[key] = value;
      return;
    }
    if (listNext) {
      if (!Array.isArray(slot[key])) slot[key] = [];
      current = slot[key] as QueryValue[];
      i++; // skip "member"
      continue;
    }
    if (typeof slot[key] !== 'object' || slot[key] === null) slot[key] = {};
    current = slot[key] as Record<string, QueryValue>;
  }
}

function compact(value: QueryValue): QueryValue {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.filter((item) => item !== undefined).map(compact);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, compact(item)]));
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
