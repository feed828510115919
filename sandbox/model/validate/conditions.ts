// Rule conditions as CreateRule and ModifyRule take them (and CloudFormation's ListenerRule Conditions): read into
// the topology's RuleCondition, refused as AWS refuses them. Pure. Sources (docs/listener-rules.md has each rule with
// its page and evidence level):
//   API Reference: RuleCondition (the fields; Values only for host-header and path-pattern, a single one there;
//     RegexValues only for http-header, host-header and path-pattern; "the value for a condition can't be empty";
//     at most one each of host-header, http-request-method, path-pattern and source-ip), HostHeaderConditionConfig
//     (at least one "."; only letters after the last one), HttpHeaderConditionConfig (name ≤ 40, RFC 7230 characters,
//     not Host), HttpRequestMethodConditionConfig (≤ 40, A-Z - _), QueryStringConditionConfig, SourceIpConditionConfig
//     (CIDR, at most five), every value and regex ≤ 128 characters.
//   ELB guide, "Add a listener rule": the characters each condition's values may hold.
//   Quotas: 5 condition values per rule (regex values included, as real AWS words it), 5 wildcards per rule.
import { parseCidr } from '../cidr.js';
import { unsupportedRegexFeature } from '../rule-regex.js';
import type { RuleCondition } from '../topology.js';
import { checkLength, constraint, refuse, VALIDATION } from './refusal.js';
import { list, record, text, texts, type Written, type WrittenRecord } from './written.js';

export const CONDITION_LIMITS = {
  /** Condition values per rule, regex values included (Quotas, "Rules"; not adjustable). */
  valuesPerRule: 5,
  /**
   * Condition wildcards per rule. Copies of the quotas page disagree (5 in the archived English guide and the zh_cn
   * page, 6 in the ja_jp page; an AWS documentation maintainer wrote in 2020 that 5 is the default and 6 an earlier
   * one some accounts keep). The sandbox takes 5, the stricter: a rule that passes here passes on every account.
   */
  wildcardsPerRule: 5,
  value: 128,
  headerName: 40,
  method: 40,
  sourceIpValues: 5,
} as const;

export const CONDITION_FIELDS = [
  'http-header',
  'http-request-method',
  'host-header',
  'path-pattern',
  'query-string',
  'source-ip',
] as const;
type Field = (typeof CONDITION_FIELDS)[number];

const CONFIG: Record<Field, string> = {
  'host-header': 'HostHeaderConfig',
  'path-pattern': 'PathPatternConfig',
  'http-header': 'HttpHeaderConfig',
  'http-request-method': 'HttpRequestMethodConfig',
  'query-string': 'QueryStringConfig',
  'source-ip': 'SourceIpConfig',
};

/** At most one condition of each of these per rule (RuleCondition). */
const ONCE_PER_RULE: Field[] = ['host-header', 'http-request-method', 'path-pattern', 'source-ip'];
const TAKES_REGEX: Field[] = ['http-header', 'host-header', 'path-pattern'];

/** The characters a value may hold ("Add a listener rule"; RuleCondition.Values), wildcards included. */
const ALLOWED: Record<Exclude<Field, 'source-ip'>, RegExp> = {
  'host-header': /^[A-Za-z0-9\-_.*?]*$/,
  'path-pattern': /^[A-Za-z0-9_\-.$/~"'@:+&*?]*$/,
  // RFC 3986 characters as listed, with `%` (any character can be percent-encoded) and `\` (escapes `*` and `?`).
  'query-string': /^[A-Za-z0-9_\-.$/~"'@:+&()!,;=*?%\\]*$/,
  // Printable ASCII and the space.
  'http-header': /^[\x20-\x7e]*$/,
  'http-request-method': /^[A-Z\-_]*$/,
};
/** RFC 7230 token characters: a header name. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

const member = (index: number) => `conditions.${index + 1}.member`;
const camel = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

/** One condition as written, read and checked. `index` is its place in the rule's list (0-based). */
export function readCondition(written: Written, index: number): RuleCondition {
  const at = member(index);
  const condition = record(written, at) ?? {};
  const field = text(condition.Field, `${at}.field`);
  if (field === undefined || field === '')
    refuse('A condition field must be specified', `condition ${index + 1} has no Field`, VALIDATION, false);
  checkLength(field, `${at}.field`, 'the condition Field', 1, 64);
  if (!(CONDITION_FIELDS as readonly string[]).includes(field))
    refuse(
      `Condition field '${field}' must be one of '[${CONDITION_FIELDS.join(', ')}]'`,
      `condition ${index + 1} has Field ${JSON.stringify(field)}`,
    );
  const kind = field as Field;
  for (const [other, name] of Object.entries(CONFIG))
    if (other !== kind && condition[name] !== undefined)
      refuse(
        `The '${name}' field is not compatible with '${kind}'`,
        `${name} is for ${other} conditions ("Specify only when Field is ${other}")`,
      );
  if (condition.Values !== undefined && kind !== 'host-header' && kind !== 'path-pattern')
    refuse(
      `The 'Values' field is not compatible with '${kind}'`,
      `a ${kind} condition takes its values in ${CONFIG[kind]}.Values ("Values: specify only when Field is host-header or path-pattern")`,
    );
  if (condition.RegexValues !== undefined && !TAKES_REGEX.includes(kind))
    refuse(
      `The 'RegexValues' field is not compatible with '${kind}'`,
      `${kind} takes no RegexValues ("Specify only when Field is http-header, host-header, or path-pattern")`,
    );
  const config = record(condition[CONFIG[kind]], `${at}.${camel(CONFIG[kind])}`) ?? {};
  if (config.RegexValues !== undefined && !TAKES_REGEX.includes(kind))
    refuse(`The 'RegexValues' field is not compatible with '${kind}'`, `${kind} takes no RegexValues`);
  const regexes = [
    ...texts(condition.RegexValues, `${at}.regexValues`),
    ...texts(config.RegexValues, `${at}.${camel(CONFIG[kind])}.regexValues`),
  ];
  const regex = condition.RegexValues !== undefined || config.RegexValues !== undefined ? { regexValues: regexes } : {};
  for (const source of regexes) checkRegex(source, `${at}.${camel(CONFIG[kind])}.regexValues`);

  switch (kind) {
    case 'host-header':
    case 'path-pattern': {
      const legacy = texts(condition.Values, `${at}.values`);
      if (legacy.length > 1 && config.Values === undefined)
        refuse(
          `The '${kind}' field contains too many values; the limit is '1'`,
          `Values (without ${CONFIG[kind]}) holds a single ${kind === 'host-header' ? 'host name' : 'path pattern'}; use ${CONFIG[kind]}.Values for several`,
        );
      const values = [...legacy, ...texts(config.Values, `${at}.${camel(CONFIG[kind])}.values`)];
      nonEmpty(kind, values.length + regexes.length);
      for (const value of values) checkValue(kind, value, at);
      return { field: kind, values, ...regex };
    }
    case 'http-header': {
      const name = text(config.HttpHeaderName, `${at}.httpHeaderConfig.httpHeaderName`);
      if (name === undefined)
        refuse(
          constraint(null, `${at}.httpHeaderConfig.httpHeaderName`, 'Member must not be null'),
          'an http-header condition needs HttpHeaderConfig.HttpHeaderName',
        );
      checkLength(name, `${at}.httpHeaderConfig.httpHeaderName`, 'the header name', 1, CONDITION_LIMITS.headerName);
      if (!TOKEN.test(name))
        refuse(
          `The HTTP header name '${name}' contains a character that is not valid`,
          "a header name holds RFC 7230 token characters only (letters, digits and !#$%&'*+-.^_`|~), no wildcards",
        );
      if (name.toLowerCase() === 'host')
        refuse(
          "You can't use an HTTP header condition to specify the host header",
          'use a host-header condition for the Host header',
        );
      const values = texts(config.Values, `${at}.httpHeaderConfig.values`);
      nonEmpty(kind, values.length + regexes.length);
      for (const value of values) checkValue(kind, value, at);
      return { field: kind, headerName: name, values, ...regex };
    }
    case 'http-request-method': {
      const values = texts(config.Values, `${at}.httpRequestMethodConfig.values`);
      nonEmpty(kind, values.length);
      for (const value of values) {
        checkLength(value, `${at}.httpRequestMethodConfig.values`, 'a method', 1, CONDITION_LIMITS.method);
        checkCharacters(kind, value);
      }
      return { field: kind, values };
    }
    case 'source-ip': {
      const values = texts(config.Values, `${at}.sourceIpConfig.values`);
      // An NLB rule (July 2026) names the source's address family instead of CIDR blocks; which load balancer takes
      // which form is model/nlb-rules.ts's check, once the rule's listener is known.
      if (config.IpAddressType !== undefined) {
        const family = text(config.IpAddressType, `${at}.sourceIpConfig.ipAddressType`) ?? '';
        if (family !== 'ipv4' && family !== 'ipv6')
          refuse(
            constraint(
              family,
              `${at}.sourceIpConfig.ipAddressType`,
              'Member must satisfy enum value set: [ipv4, ipv6]',
            ),
            `SourceIpConfig.IpAddressType is ${JSON.stringify(family)}; it is ipv4 or ipv6`,
          );
        for (const value of values) checkCidr(value);
        return { field: kind, values, ipAddressType: family };
      }
      nonEmpty(kind, values.length);
      if (values.length > CONDITION_LIMITS.sourceIpValues)
        refuse(
          `A source IP condition can only have '${CONDITION_LIMITS.sourceIpValues}' values`,
          `SourceIpConfig.Values has ${values.length} CIDR blocks; AWS allows ${CONDITION_LIMITS.sourceIpValues}`,
        );
      for (const value of values) checkCidr(value);
      return { field: kind, values };
    }
    case 'query-string': {
      const pairs = list(config.Values, `${at}.queryStringConfig.values`).map((entry, i) => {
        const pairAt = `${at}.queryStringConfig.values.${i + 1}.member`;
        const pair = record(entry, pairAt) ?? {};
        const key = text(pair.Key, `${pairAt}.key`);
        const value = text(pair.Value, `${pairAt}.value`);
        if (value === undefined)
          refuse(
            constraint(null, `${pairAt}.value`, 'Member must not be null'),
            `query-string pair ${i + 1} has no Value (a Key alone is not a condition)`,
          );
        if (key !== undefined) checkValue(kind, key, at);
        checkValue(kind, value, at);
        return { key: key ?? null, value };
      });
      nonEmpty(kind, pairs.length);
      return { field: kind, values: pairs };
    }
  }
}

function nonEmpty(field: Field, count: number): void {
  if (count === 0)
    refuse(
      'A condition value cannot be empty',
      field === 'host-header' || field === 'path-pattern' || field === 'http-header'
        ? `the ${field} condition has no Values and no RegexValues (it could never match)`
        : `the ${field} condition has no Values (it could never match)`,
    );
}

function checkValue(field: Exclude<Field, 'source-ip'>, value: string, at: string): void {
  checkLength(value, `${at}.values`, `a ${field} value`, 1, CONDITION_LIMITS.value);
  checkCharacters(field, value);
  if (field === 'host-header') {
    const dot = value.lastIndexOf('.');
    if (dot < 0 || !/^[A-Za-z]+$/.test(value.slice(dot + 1)))
      refuse(
        `Condition value '${value}' is not a valid host name`,
        'a host-header value must hold at least one "." and only letters after the last one (HostHeaderConditionConfig); match other hosts, ports included, with RegexValues',
      );
  }
}

function checkCharacters(field: Exclude<Field, 'source-ip'>, value: string): void {
  if (!ALLOWED[field].test(value))
    refuse(
      `Condition value '${value}' contains a character that is not valid`,
      `a ${field} value may hold ${ALLOWED_WORDS[field]}`,
    );
}

const ALLOWED_WORDS: Record<Exclude<Field, 'source-ip'>, string> = {
  'host-header': 'letters, digits, - _ . and the wildcards * ?',
  'path-pattern': `letters, digits, _ - . $ / ~ " ' @ : + & and the wildcards * ?`,
  'query-string': `letters, digits, _ - . $ / ~ " ' @ : + & ( ) ! , ; = %, the wildcards * ? and \\ to escape them`,
  'http-header': 'printable ASCII characters and the space',
  'http-request-method': 'upper-case letters, - and _ (no wildcards)',
};

function checkRegex(source: string, at: string): void {
  checkLength(source, at, 'a regex value', 1, CONDITION_LIMITS.value);
  const problem = unsupportedRegexFeature(source);
  if (problem) refuse(`Invalid regular expression '${source}'`, problem);
}

function checkCidr(value: string): void {
  const slash = value.indexOf('/');
  if (slash < 0 || parseCidr(value) === null || /\s/.test(value))
    refuse(
      `The CIDR block '${value}' is not valid`,
      'source-ip values are IPv4 or IPv6 CIDR blocks such as 10.0.0.0/8 or 2001:db8::/32 (no wildcards)',
    );
}

/** `*` and `?` that act as wildcards; query strings escape literal ones with a backslash. */
export function wildcardsIn(value: string, escapes: boolean): number {
  let count = 0;
  for (let i = 0; i < value.length; i++) {
    if (escapes && value[i] === '\\' && (value[i + 1] === '*' || value[i + 1] === '?' || value[i + 1] === '\\')) i++;
    else if (value[i] === '*' || value[i] === '?') count++;
  }
  return count;
}

/** What a rule's conditions together must respect: at least one, one each of some fields, values and wildcards. */
export function checkConditions(conditions: RuleCondition[]): void {
  if (conditions.length === 0)
    refuse('A rule must have at least one condition', 'Conditions is empty; every rule but the default one has one');
  for (const field of ONCE_PER_RULE)
    if (conditions.filter((condition) => condition.field === field).length > 1)
      refuse(
        `A rule can only have one '${field}' condition`,
        `the rule has several ${field} conditions; put their values in one (they are ORed)`,
      );
  let values = 0;
  let wildcards = 0;
  for (const condition of conditions) {
    const regexes = 'regexValues' in condition ? (condition.regexValues ?? []) : [];
    values += condition.values.length + regexes.length;
    if (condition.field === 'query-string')
      for (const pair of condition.values)
        wildcards += wildcardsIn(pair.value, true) + (pair.key === null ? 0 : wildcardsIn(pair.key, true));
    else if (condition.field !== 'http-request-method' && condition.field !== 'source-ip')
      for (const value of condition.values) wildcards += wildcardsIn(value, false);
  }
  if (values > CONDITION_LIMITS.valuesPerRule)
    refuse(
      `A rule can only have '${CONDITION_LIMITS.valuesPerRule}' condition values and regex values`,
      `the rule's conditions have ${values} values in all`,
      VALIDATION,
      false,
    );
  if (wildcards > CONDITION_LIMITS.wildcardsPerRule)
    refuse(
      `A rule can only have '${CONDITION_LIMITS.wildcardsPerRule}' wildcards`,
      `the rule's condition values hold ${wildcards} wildcards (* and ?) in all`,
    );
}

/** The conditions of a rule as written, read and checked together. */
export function readConditions(written: Written): RuleCondition[] {
  const conditions = list(written, 'conditions').map(readCondition);
  checkConditions(conditions);
  return conditions;
}

export type { WrittenRecord };
