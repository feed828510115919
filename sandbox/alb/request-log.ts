// A per-request record, with a subset of the fields of ALB access logs and their names (ELB "Access logs for
// your Application Load Balancer"), plus `notes`: which inferred behaviour applied to this request (client-sent
// X-Amzn-Mtls-* headers, fail-open routing, a stickiness cookie that could not be used).
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface RequestLogEntry {
  [field: string]: string | number;
  /** "https", "h2" or "http" (the access log's `type`). */
  type: string;
  time: string;
  /** client address:port */
  client: string;
  /** target address:port, "-" when the ALB answered itself */
  target: string;
  elb_status_code: number;
  target_status_code: number | string;
  /** e.g. "GET https://host:443/path?query HTTP/1.1" */
  request: string;
  user_agent: string;
  ssl_cipher: string;
  ssl_protocol: string;
  target_group: string;
  trace_id: string;
  /** Priority of the matched rule; 0 for the default rule (as in access logs). */
  matched_rule_priority: number;
  actions_executed: string;
  redirect_url: string;
  conn_trace_id: string;
  listener: string;
  notes: string;
}

/** One listener rule as the request met it: its priority, its conditions and whether each matched. */
export interface RuleCheck {
  logicalId: string;
  priority: number;
  matched: boolean;
  conditions: { field: string; headerName: string | null; values: string[]; matched: boolean }[];
}

/** What the request log file holds per request: the access-log fields and every rule evaluated, in order. */
export type RequestRecord = RequestLogEntry & { rules: RuleCheck[] };

/** Appends each request as a JSON line to a file (for the run's probes); in memory it keeps the entries only. */
export class RequestLogFile {
  constructor(readonly file: string | null) {
    if (file) mkdirSync(dirname(file), { recursive: true });
  }

  append(entry: RequestLogEntry, rules: RuleCheck[]): void {
    if (!this.file) return;
    try {
      appendFileSync(this.file, `${JSON.stringify({ ...entry, rules })}\n`);
    } catch {
      // A full disk must not take the listener down.
    }
  }
}
