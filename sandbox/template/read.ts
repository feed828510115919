// Reads a CloudFormation template a user gives (--template FILE): JSON, or YAML with CloudFormation's short forms
// (!Ref, !GetAtt, !Sub…), as `cdk synth`, SAM or a hand writes them. YAML goes through aws-cdk-lib's own reader, the
// one CfnInclude uses, so the sandbox reads a template as the CDK would.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { CfnTemplate } from '../model/cfn.js';
import { type Message, msg } from '../messages.js';
import { isTemplate } from '../synth/synth.js';

/** A template that cannot be read: the file, and what to do about it (`said`: the same as a message code). */
export class TemplateError extends Error {
  constructor(
    message: string,
    readonly said?: Message,
  ) {
    super(message);
  }
}

export function readTemplate(file: string): CfnTemplate {
  const path = resolve(file);
  if (!existsSync(path) || !statSync(path).isFile())
    throw new TemplateError(
      `--template ${file}: there is no such file (${path}). Give a template, e.g. cdk.out/MyStack.template.json after \`cdk synth\`.`,
      msg('setup.template-missing', { file, path }),
    );
  const text = readFileSync(path, 'utf8');
  let parsed: unknown;
  try {
    parsed = /^\s*[{[]/.test(text) ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    // A YAML reader that recurses runs out of stack on a hostile nesting: say so, not "Maximum call stack".
    if (error instanceof RangeError) throw tooDeep(file);
    throw new TemplateError(
      `--template ${file} is neither JSON nor YAML the sandbox can read: ${(error as Error).message}`,
      msg('setup.template-unreadable', { file, error: (error as Error).message }),
    );
  }
  if (nestedDeeperThan(parsed, TEMPLATE_MAX_DEPTH)) throw tooDeep(file);
  if (!isTemplate(parsed))
    throw new TemplateError(
      `--template ${file} is not a CloudFormation template: it needs a Resources section whose entries each have a Type.`,
      msg('setup.template-not-cfn', { file }),
    );
  return parsed;
}

/**
 * How deep a template may nest. A synthesized template is about 15 levels deep; the bound keeps every reader that
 * walks a template (the compiler, the synth digest, JSON output) from running out of stack on a hostile one.
 */
export const TEMPLATE_MAX_DEPTH = 128;

const tooDeep = (file: string) =>
  new TemplateError(
    `--template ${file} nests values more than ${TEMPLATE_MAX_DEPTH} levels deep, more than the sandbox reads (a synthesized template is about 15 levels deep). Check the file is the template you meant.`,
  );

/** True when a parsed value nests deeper than `limit` (walked without recursion). */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    if (depth >= limit) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

let yamlReader: ((text: string) => unknown) | null = null;
/** aws-cdk-lib's CloudFormation YAML reader (not among its exports, so loaded by its file). */
function parseYaml(text: string): unknown {
  if (!yamlReader) {
    const require = createRequire(import.meta.url);
    const root = dirname(require.resolve('aws-cdk-lib/package.json'));
    const module = require(join(root, 'cloudformation-include', 'lib', 'private', 'yaml-cfn.js')) as {
      deserialize(text: string): unknown;
    };
    yamlReader = module.deserialize;
  }
  return yamlReader(text);
}

/**
 * The stack's name as `cdk synth` recorded it: the first segment of the resources' aws:cdk:path metadata (the
 * compiler strips it to get construct paths). A template without CDK metadata: its resources keep their logical ids.
 */
export function stackNameOf(template: CfnTemplate): string {
  const counts = new Map<string, number>();
  for (const resource of Object.values(template.Resources ?? {})) {
    const path = resource.Metadata?.['aws:cdk:path'];
    if (typeof path !== 'string' || !path.includes('/')) continue;
    const first = path.split('/')[0]!;
    counts.set(first, (counts.get(first) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'Template';
}
