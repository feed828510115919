// A per-request record, with a subset of the fields of ALB access logs and their names (ELB "Access logs for
// your Application Load Balancer"), plus `notes`: which inferred behaviour applied to this request (client-sent
// X-Amzn-Mtls-* headers, fail-open routing, a stickiness cookie that could not be used).

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

/** Entries kept in memory; the oldest are dropped past `limit` so a long session or benchmark stays bounded. */
export class BoundedLog<T> {
  private items: T[] = [];

  constructor(private readonly limit = 10_000) {}

  push(item: T): void {
    this.items.push(item);
    if (this.items.length > this.limit * 1.5) this.items = this.items.slice(-this.limit);
  }

  all(): T[] {
    return this.items.slice(-this.limit);
  }
}
