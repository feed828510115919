// Reading a member as it was written: a CloudFormation property (resolved JSON: numbers, booleans, arrays, objects)
// or an ELBv2 Query API parameter (parsed by sandbox/elbv2-api/query.ts: every scalar a string, lists as arrays,
// maps as `entry.N.key` / `entry.N.value`). The readers of this folder accept both. Pure.
import { constraint, refuse } from './refusal.js';

export type Written = unknown;
export type WrittenRecord = Record<string, Written>;

export function isRecord(value: Written): value is WrittenRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A structure member: undefined when absent; a refusal when something else than a structure. */
export function record(value: Written, member: string): WrittenRecord | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value))
    refuse(constraint(JSON.stringify(value), member, 'Member must be a structure'), `${member} is not a structure`);
  return value;
}

/** A list member ([] when absent). */
export function list(value: Written, member: string): Written[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    refuse(constraint(JSON.stringify(value), member, 'Member must be a list'), `${member} is not a list`);
  return value;
}

/** A string member (numbers and booleans as CloudFormation gives them become their text). */
export function text(value: Written, member: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // A template's Ref or Fn::GetAtt of another resource (cfn.ts's ResourceRef): a string known only once that resource
  // is deployed (a client id, an ARN), so it stands as its reference.
  const reference = deployTimeText(value);
  if (reference !== null) return reference;
  return refuse(constraint(JSON.stringify(value), member, 'Member must be a string'), `${member} is not a string`);
}

/** A list of strings. */
export function texts(value: Written, member: string): string[] {
  return list(value, member).map((item, index) => text(item, `${member}.${index + 1}`) ?? '');
}

/** A whole number member, or a refusal naming the member; undefined when absent. */
export function integer(value: Written, member: string): number | undefined {
  const written = text(value, member);
  if (written === undefined) return undefined;
  if (!/^-?\d+$/.test(written.trim()))
    refuse(
      constraint(written, member, 'Member must be an integer'),
      `${member} is ${JSON.stringify(written)}, not a whole number`,
    );
  return Number(written);
}

/** A boolean member: true/false (or "true"/"false" from the Query API). */
export function bool(value: Written, member: string): boolean | undefined {
  const written = text(value, member);
  if (written === undefined) return undefined;
  if (written !== 'true' && written !== 'false')
    refuse(
      constraint(written, member, 'Member must be a boolean'),
      `${member} is ${JSON.stringify(written)}, not true or false`,
    );
  return written === 'true';
}

/** A string-to-string map: a CloudFormation object, or the Query API's `entry.N.key` / `entry.N.value`. */
export function stringMap(value: Written, member: string): Record<string, string> {
  const written = record(value, member);
  if (!written) return {};
  const out: Record<string, string> = Object.create(null);
  const entries = written.entry;
  if (entries !== undefined && (Array.isArray(entries) || isRecord(entries))) {
    for (const entry of Object.values(entries)) {
      if (!isRecord(entry)) continue;
      const key = text(entry.key, `${member}.entry.key`);
      if (key !== undefined) out[key] = text(entry.value, `${member}.entry.value`) ?? '';
    }
    return out;
  }
  for (const [key, item] of Object.entries(written)) out[key] = text(item, `${member}.${key}`) ?? '';
  return out;
}

/** `{ ref, attribute? }` as the template reader resolves a reference to a resource, written as `${Ref.Attribute}`. */
function deployTimeText(value: Written): string | null {
  if (!isRecord(value) || typeof value.ref !== 'string') return null;
  const keys = Object.keys(value);
  if (keys.some((key) => key !== 'ref' && key !== 'attribute')) return null;
  if (value.attribute !== undefined && typeof value.attribute !== 'string') return null;
  return `\${${value.ref}${value.attribute ? `.${value.attribute}` : ''}}`;
}
