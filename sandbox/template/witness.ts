// A request a listener rule's conditions should match, derived from the conditions themselves (a "witness"), and
// one no rule should: what a template's routing probes send. Each condition gives what it needs — a Host, a path, a
// header, a method, a query pair, a source address — filled from its first value curl can send from this machine
// (wildcards filled with a letter). Which rule the request then meets is the rule model's to say
// (sandbox/alb/rules.ts), not this module's: a rule of lower priority may take it first. Pure.
import { cidrContains, parseCidr } from '../model/cidr.js';
import type { ListenerRule, RuleCondition } from '../model/topology.js';

/** A request as a probe sends it. */
export interface WitnessRequest {
  /** The Host header to send; null: curl's own (127.0.0.1:<port>). */
  host: string | null;
  /** The path and, after "?", the raw query. */
  path: string;
  method: string;
  headers: Record<string, string>;
  /** A loopback address curl can send from (--interface). */
  sourceAddress: string;
}

/** Why no request could be derived for a rule: the condition field whose values this machine cannot send. */
export interface NoWitness {
  field: RuleCondition['field'];
  /** regex: only RegexValues to go by; unsendable: values curl cannot send as written; source: no loopback address. */
  why: 'regex' | 'unsendable' | 'source';
}

/** What a request matching no rule looks like: names no rule is likely to ask for. */
export const NO_RULE_REQUEST: WitnessRequest = {
  host: 'no-rule-matches.sandbox.example',
  path: '/mtls-sandbox/no-rule-matches',
  method: 'GET',
  headers: {},
  sourceAddress: '127.0.0.1',
};

/** Headers curl (or HTTP) owns: a witness does not set them through -H. */
const RESERVED_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'upgrade', 'te']);

/** Fills `*` and `?` with a letter; with backslash escapes (query strings) `\*`, `\?` and `\\` are literal. */
export function fillWildcards(pattern: string, backslashEscapes = false): string {
  let out = '';
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern[index]!;
    if (backslashEscapes && char === '\\' && index + 1 < pattern.length) {
      out += pattern[index + 1];
      index += 1;
    } else out += char === '*' || char === '?' ? 'a' : char;
  }
  return out;
}

/** Printable ASCII without spaces: what curl sends in a URL or Host header as written. */
const URL_SAFE = /^[\x21-\x7e]+$/;
/** A path curl sends unchanged: no fragment, query or percent sign, and no dot segments (curl squashes them). */
const sendablePath = (path: string) =>
  path.startsWith('/') && URL_SAFE.test(path) && !/[#?%]/.test(path) && !/(^|\/)\.\.?(\/|$)/.test(path);
const sendableHost = (host: string) => /^[A-Za-z0-9.-]+$/.test(host) && host.length <= 253;
const sendableHeaderValue = (value: string) => /^[\x20-\x7e]*$/.test(value) && value.trim() === value;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** A request every condition of the rule should match, or why none could be derived. */
export function witnessFor(rule: ListenerRule): WitnessRequest | NoWitness {
  const request: WitnessRequest = { host: null, path: '/', method: 'GET', headers: {}, sourceAddress: '127.0.0.1' };
  const query: string[] = [];
  for (const condition of rule.conditions) {
    const problem = apply(condition, request, query);
    if (problem) return problem;
  }
  if (query.length > 0) request.path = `${request.path}?${query.join('&')}`;
  return request;
}

export const isWitness = (value: WitnessRequest | NoWitness): value is WitnessRequest => 'path' in value;

function apply(condition: RuleCondition, request: WitnessRequest, query: string[]): NoWitness | null {
  const none = (why: NoWitness['why']): NoWitness => ({ field: condition.field, why });
  const regexOnly = 'regexValues' in condition && condition.values.length === 0;
  switch (condition.field) {
    case 'host-header': {
      const host = condition.values.map((value) => fillWildcards(value)).find(sendableHost);
      if (host === undefined) return none(regexOnly ? 'regex' : 'unsendable');
      request.host = host;
      return null;
    }
    case 'path-pattern': {
      const path = condition.values.map((value) => fillWildcards(value)).find(sendablePath);
      if (path === undefined) return none(regexOnly ? 'regex' : 'unsendable');
      request.path = path;
      return null;
    }
    case 'http-header': {
      const name = condition.headerName;
      if (!TOKEN.test(name) || RESERVED_HEADERS.has(name.toLowerCase())) return none('unsendable');
      const value = condition.values.map((candidate) => fillWildcards(candidate)).find(sendableHeaderValue);
      if (value === undefined) return none(regexOnly ? 'regex' : 'unsendable');
      request.headers[name] = value;
      return null;
    }
    case 'http-request-method': {
      const method = condition.values.find((value) => /^[A-Za-z]+$/.test(value) && value !== 'CONNECT');
      if (method === undefined) return none('unsendable');
      request.method = method;
      return null;
    }
    case 'query-string': {
      const pair = condition.values[0];
      if (!pair) return none('unsendable');
      const key = pair.key === null ? 'mtls-sandbox' : fillWildcards(pair.key, true);
      query.push(`${encodeURIComponent(key)}=${encodeURIComponent(fillWildcards(pair.value, true))}`);
      return null;
    }
    case 'source-ip': {
      const address = condition.values.map(loopbackIn).find((candidate) => candidate !== null);
      if (address === undefined || address === null) return none('source');
      request.sourceAddress = address;
      return null;
    }
  }
}

/** A loopback address inside the CIDR curl can send from (127.0.0.1 first), or null. */
function loopbackIn(cidr: string): string | null {
  const range = parseCidr(cidr);
  if (!range) return null;
  const direct = ['127.0.0.1', '127.0.0.2', '::1'].find((address) => cidrContains(range, address));
  if (direct) return direct;
  // A block inside 127.0.0.0/8 that holds neither: an address of it (Linux answers on all of 127.0.0.0/8).
  const { family, bytes } = range.network;
  if (family !== 4 || bytes[0] !== 127 || range.prefix < 8) return null;
  const candidate = [bytes[0], bytes[1], bytes[2], range.prefix < 32 ? bytes[3]! | 1 : bytes[3]].join('.');
  return cidrContains(range, candidate) ? candidate : null;
}
