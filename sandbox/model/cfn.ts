// Reading values out of a CloudFormation template: intrinsic functions resolved inside the template.
// A reference to a resource resolves to a token naming it, so the compiler can link resources by logical id.

export type CfnValue = unknown;

export interface CfnResource {
  Type: string;
  Properties?: Record<string, CfnValue>;
  Metadata?: Record<string, CfnValue>;
  Condition?: string;
  DependsOn?: string | string[];
}

export interface CfnTemplate {
  Resources?: Record<string, CfnResource>;
  Parameters?: Record<string, { Type?: string; Default?: CfnValue }>;
  Conditions?: Record<string, CfnValue>;
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

const PSEUDO_PARAMETERS: Record<string, string> = {
  'AWS::Region': 'us-east-1',
  'AWS::AccountId': '000000000000',
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::NoValue': '',
};

export class UnresolvableValue extends Error {}

/** Resolves Ref, Fn::GetAtt, Fn::Join, Fn::Sub, Fn::Select and parameters' defaults; leaves literals as they are. */
export function resolveValue(value: CfnValue, template: CfnTemplate): CfnValue {
  if (Array.isArray(value)) return value.map((item) => resolveValue(item, template));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Record<string, CfnValue>);
  if (entries.length === 1) {
    const [fn, arg] = entries[0]!;
    switch (fn) {
      case 'Ref':
        return resolveRef(String(arg), template);
      case 'Fn::GetAtt': {
        const [ref, attribute] = Array.isArray(arg) ? arg.map(String) : String(arg).split('.');
        return { ref: ref!, attribute: attribute! } satisfies ResourceRef;
      }
      case 'Fn::Join': {
        const [separator, parts] = arg as [string, CfnValue[]];
        return (resolveValue(parts, template) as CfnValue[]).map((part) => stringify(part)).join(separator);
      }
      case 'Fn::Select': {
        const [index, list] = arg as [CfnValue, CfnValue];
        const items = resolveValue(list, template) as CfnValue[];
        return items[Number(resolveValue(index, template))];
      }
      case 'Fn::Sub': {
        const [text, vars] = Array.isArray(arg) ? (arg as [string, Record<string, CfnValue>]) : [String(arg), {}];
        return text.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
          if (name.startsWith('!')) return `\${${name.slice(1)}}`; // ${!Literal} is written as ${Literal}
          if (name in vars) return stringify(resolveValue(vars[name], template));
          const [ref, attribute] = name.split('.');
          return attribute ? stringify({ ref: ref!, attribute }) : stringify(resolveRef(ref!, template));
        });
      }
    }
    if (fn.startsWith('Fn::')) throw new UnresolvableValue(`${fn} is not supported by the sandbox's template compiler`);
  }
  return Object.fromEntries(entries.map(([key, item]) => [key, resolveValue(item, template)]));
}

function resolveRef(name: string, template: CfnTemplate): CfnValue {
  if (name in PSEUDO_PARAMETERS) return PSEUDO_PARAMETERS[name];
  const parameter = template.Parameters?.[name];
  if (parameter) return parameter.Default ?? `{param:${name}}`;
  return { ref: name } satisfies ResourceRef;
}

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
