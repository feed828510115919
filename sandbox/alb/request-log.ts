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
