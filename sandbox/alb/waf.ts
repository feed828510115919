// The emulator's AWS WAF: evaluates a compiled web ACL (sandbox/model/waf.ts) against a request as the client sent
// it, before the listener rules. Pure. Follows the AWS WAF Developer Guide where it is specific:
// - rules in priority order, lowest first, until one with a terminating action (Allow, Block) matches; Count
//   records the match and goes on; no match: the web ACL's default action ("Setting rule priority");
// - text transformations applied in priority order before the inspection (API TextTransformation);
// - Block answers 403 (Forbidden) unless a custom response code is set ("Custom responses for Block actions");
// - the log entry uses AWS WAF's log field names ("Log fields for web ACL traffic"); terminatingRuleMatchDetails
//   is filled for SQL-injection matches only, as AWS does.
// Not AWS's: the SQL-injection signatures (waf-sqli.ts) and what URL_DECODE does with "+" (see applyTransforms).
import type { WafField, WafStatement, WafTransform, WebAcl } from '../model/web-acl.js';
import { detectSqli } from './waf-sqli.js';

export interface WafRequest {
  method: string;
  /** The path without the query string, as received. */
  uriPath: string;
  /** The raw query string without "?". */
  queryString: string;
  httpVersion: string;
  /** Headers as received, in order. */
  headers: [string, string][];
  clientIp: string;
}

export interface WafMatchDetail {
  conditionType: 'SQL_INJECTION';
  location: WafField;
  matchedData: string[];
  /** Which of the emulator's signatures matched (not an AWS field). */
  signature: string;
}

export interface WafVerdict {
  action: 'ALLOW' | 'BLOCK';
  /** The response status for BLOCK (403 unless a custom response code is set); null for ALLOW. */
  status: number | null;
  /** The rule that decided, or "Default_Action" (as AWS WAF logs name it). */
  terminatingRuleId: string;
  matchDetails: WafMatchDetail[];
  /** Count rules that matched on the way. */
  countedRules: string[];
  /** Rules outside the emulated subset, skipped. */
  skippedRules: string[];
}

/** Applies text transformations in order. Pure. */
export function applyTransforms(text: string, transforms: readonly WafTransform[]): string {
  let out = text;
  for (const transform of transforms) {
    switch (transform) {
      case 'NONE':
        break;
      case 'URL_DECODE':
        // %XX escapes; invalid escapes stay as they are. "+" becomes a space as in form encoding (inferred: AWS
        // says only "decodes a URL-encoded value").
        out = out.replace(/\+/g, ' ').replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
          try {
            return decodeURIComponent(run); // a run of escapes that is valid UTF-8
          } catch {
            return run.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
          }
        });
        break;
      case 'LOWERCASE':
        out = out.toLowerCase();
        break;
      case 'COMPRESS_WHITE_SPACE':
        out = out.replace(/[\s\f\v]+/g, ' ');
        break;
    }
  }
  return out;
}

function fieldValue(request: WafRequest, field: WafField): string {
  return field === 'QUERY_STRING' ? request.queryString : request.uriPath;
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[A-Za-z0-9_]/.test(ch);
}

/** ByteMatchStatement positional constraints (API ByteMatchStatement). Case-sensitive, as AWS says. Pure. */
export function byteMatches(
  text: string,
  search: string,
  positional: Extract<WafStatement, { kind: 'byte' }>['positional'],
): boolean {
  switch (positional) {
    case 'EXACTLY':
      return text === search;
    case 'STARTS_WITH':
      return text.startsWith(search);
    case 'ENDS_WITH':
      return text.endsWith(search);
    case 'CONTAINS':
      return text.includes(search);
    case 'CONTAINS_WORD': {
      for (let at = text.indexOf(search); at !== -1; at = text.indexOf(search, at + 1)) {
        if (!isWordChar(text[at - 1]) && !isWordChar(text[at + search.length])) return true;
      }
      return false;
    }
  }
}

function statementMatches(statement: WafStatement, request: WafRequest, details: WafMatchDetail[]): boolean {
  switch (statement.kind) {
    case 'sqli': {
      const found = detectSqli(
        applyTransforms(fieldValue(request, statement.field), statement.transforms),
        statement.sensitivity,
      );
      if (found)
        details.push({
          conditionType: 'SQL_INJECTION',
          location: statement.field,
          matchedData: found.matchedData,
          signature: found.signature,
        });
      return found !== null;
    }
    case 'byte':
      return byteMatches(
        applyTransforms(fieldValue(request, statement.field), statement.transforms),
        statement.search,
        statement.positional,
      );
    case 'and':
      return statement.statements.every((inner) => statementMatches(inner, request, details));
    case 'or':
      return statement.statements.some((inner) => statementMatches(inner, request, details));
    case 'not':
      return !statementMatches(statement.statement, request, []);
  }
}

export function evaluateWebAcl(acl: WebAcl, request: WafRequest): WafVerdict {
  const countedRules: string[] = [];
  const skippedRules: string[] = [];
  for (const rule of acl.rules) {
    if (!rule.statement) {
      skippedRules.push(rule.name);
      continue;
    }
    const details: WafMatchDetail[] = [];
    if (!statementMatches(rule.statement, request, details)) continue;
    if (rule.action.type === 'COUNT') {
      countedRules.push(rule.name);
      continue;
    }
    return {
      action: rule.action.type,
      status: rule.action.type === 'BLOCK' ? rule.action.status : null,
      terminatingRuleId: rule.name,
      matchDetails: details,
      countedRules,
      skippedRules,
    };
  }
  const fallback = acl.defaultAction;
  return {
    action: fallback.type,
    status: fallback.type === 'BLOCK' ? fallback.status : null,
    terminatingRuleId: 'Default_Action',
    matchDetails: [],
    countedRules,
    skippedRules,
  };
}

/** One AWS WAF log record (a subset of its fields, with AWS's names) plus `notes` on what the emulator did. Pure. */
export function wafLogEntry(
  acl: WebAcl,
  verdict: WafVerdict,
  request: WafRequest,
  source: { loadBalancer: string; requestId: string; now: number },
): Record<string, unknown> {
  const notes: string[] = [];
  if (verdict.skippedRules.length > 0)
    notes.push(`skipped rules outside the emulated subset: ${verdict.skippedRules.join(', ')}`);
  if (verdict.matchDetails.length > 0)
    notes.push(
      `SQL injection signature "${verdict.matchDetails.map((d) => d.signature).join(', ')}" (the emulator's signatures, not AWS's engine)`,
    );
  return {
    timestamp: source.now,
    formatVersion: 1,
    webaclId: `arn:aws:wafv2:us-east-1:000000000000:regional/webacl/${acl.name}/${acl.logicalId}`,
    terminatingRuleId: verdict.terminatingRuleId,
    terminatingRuleType: 'REGULAR',
    action: verdict.action,
    terminatingRuleMatchDetails: verdict.matchDetails.map(({ conditionType, location, matchedData }) => ({
      conditionType,
      location,
      matchedData,
    })),
    httpSourceName: 'ALB',
    httpSourceId: source.loadBalancer,
    ruleGroupList: [],
    rateBasedRuleList: [],
    nonTerminatingMatchingRules: verdict.countedRules.map((ruleId) => ({ ruleId, action: 'COUNT' })),
    httpRequest: {
      clientIp: request.clientIp,
      country: '-',
      headers: request.headers.map(([name, value]) => ({ name, value })),
      uri: request.uriPath,
      args: request.queryString,
      httpVersion: `HTTP/${request.httpVersion}`,
      httpMethod: request.method,
      requestId: source.requestId,
    },
    notes: notes.join('; '),
  };
}
