// What a stack's template says, as a digest that a copy of the stack under another name shares: `new --from` records
// the original's, and a copy whose template still has it has not changed its stack (ScenarioDefinition.copiedFrom).
// Pure.
import { digestOf } from '../canonical.js';
import type { CfnTemplate } from '../model/cfn.js';

/**
 * The template without what names it rather than what it builds: its Metadata and each resource's (construct paths
 * start with the stack's name; the sandbox's source hash covers the scenario.ts too), and every word that starts
 * with the stack's name (a tag "MyStack/Vpc", a generated name "MyStackAlb2228C5CE" whose hash covers that name, also
 * when CDK shortened it).
 * A stack name so short that it starts other words too ("A") can only make a copy look changed, never unchanged.
 */
export function templateDigest(template: CfnTemplate, stackName: string): string {
  const { Metadata: _metadata, ...rest } = template;
  const resources = Object.fromEntries(
    Object.entries(rest.Resources ?? {}).map(([id, resource]) => {
      const { Metadata: _resourceMetadata, ...kept } = resource as { Metadata?: unknown };
      return [id, kept];
    }),
  );
  const word = stackName.replace(/[^A-Za-z0-9]/g, '');
  const text = JSON.stringify({ ...rest, Resources: resources });
  // A name CDK generated may be cut in the middle to fit a limit ("AlbRuleOnMtlerTrustStore275A5CDA"): its start and
  // its hash say it is one.
  const generated = new RegExp(`(?<![A-Za-z0-9])${word.slice(0, 8)}[A-Za-z0-9]*[0-9A-F]{8}(?![A-Za-z0-9])`, 'g');
  const named = new RegExp(`(?<![A-Za-z0-9])${word}[A-Za-z0-9]*`, 'g');
  const unnamed = word ? text.replace(generated, '<stack>').replace(named, '<stack>') : text;
  return digestOf(JSON.parse(unnamed));
}
