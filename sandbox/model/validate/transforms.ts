// Rule transforms as CreateRule and ModifyRule take them (and CloudFormation's ListenerRule Transforms): read into
// the topology's RuleTransform, refused as AWS refuses them. Pure.
// Sources: ELB "Transforms for listener rules" (one host header rewrite and one URL rewrite per rule, none on the
// default rule, the regex features not supported); API Reference RuleTransform (Type host-header-rewrite |
// url-rewrite; HostHeaderRewriteConfig / UrlRewriteConfig "Specify only when Type is …"), RewriteConfig (Regex and
// Replace required, each at most 1,024 characters).
import { unsupportedRegexFeature } from '../rule-regex.js';
import type { RuleTransform } from '../topology.js';
import { checkLength, constraint, refuse, required } from './refusal.js';
import { list, record, text, type Written } from './written.js';

export const TRANSFORM_TYPES = ['host-header-rewrite', 'url-rewrite'] as const;
const CONFIG = { 'host-header-rewrite': 'HostHeaderRewriteConfig', 'url-rewrite': 'UrlRewriteConfig' } as const;
export const REWRITE_LIMIT = 1024;

/** The transforms as written, read and checked together (one of each type). */
export function readTransforms(written: Written): RuleTransform[] {
  const transforms = list(written, 'transforms').map((entry, index) => {
    const at = `transforms.${index + 1}.member`;
    const transform = record(entry, at) ?? {};
    const type = text(transform.Type, `${at}.type`);
    required(type, `${at}.type`, `transform ${index + 1}'s Type`);
    if (!(TRANSFORM_TYPES as readonly string[]).includes(type!))
      refuse(
        constraint(type, `${at}.type`, `Member must satisfy enum value set: [${TRANSFORM_TYPES.join(', ')}]`),
        `transform ${index + 1} has Type ${JSON.stringify(type)}`,
      );
    const kind = type as RuleTransform['type'];
    const other = kind === 'url-rewrite' ? 'host-header-rewrite' : 'url-rewrite';
    if (transform[CONFIG[other]] !== undefined)
      refuse(
        `The '${CONFIG[other]}' field is not compatible with '${kind}'`,
        `${CONFIG[other]} is for ${other} transforms ("Specify only when Type is ${other}")`,
      );
    const configAt = `${at}.${CONFIG[kind].charAt(0).toLowerCase()}${CONFIG[kind].slice(1)}`;
    const config = record(transform[CONFIG[kind]], configAt) ?? {};
    const rewrites = list(config.Rewrites, `${configAt}.rewrites`).map((item, i) => {
      const rewriteAt = `${configAt}.rewrites.${i + 1}.member`;
      const rewrite = record(item, rewriteAt) ?? {};
      const regex = text(rewrite.Regex, `${rewriteAt}.regex`);
      const replace = text(rewrite.Replace, `${rewriteAt}.replace`);
      required(regex, `${rewriteAt}.regex`, 'a rewrite Regex');
      required(replace, `${rewriteAt}.replace`, 'a rewrite Replace');
      checkLength(regex!, `${rewriteAt}.regex`, `a ${kind} Regex`, 1, REWRITE_LIMIT);
      checkLength(replace!, `${rewriteAt}.replace`, `a ${kind} Replace`, 0, REWRITE_LIMIT);
      const problem = unsupportedRegexFeature(regex!);
      if (problem) refuse(`Invalid regular expression '${regex}'`, problem);
      return { regex: regex!, replace: replace! };
    });
    if (rewrites.length === 0)
      refuse(
        constraint('[]', `${configAt}.rewrites`, 'Member must have length greater than or equal to 1'),
        `the ${kind} transform has no Rewrites`,
      );
    return { type: kind, rewrites };
  });
  for (const type of TRANSFORM_TYPES)
    if (transforms.filter((transform) => transform.type === type).length > 1)
      refuse(
        'You can add one host header rewrite transform and one URL rewrite transform',
        `the rule has more than one ${type} transform`,
      );
  return transforms;
}
