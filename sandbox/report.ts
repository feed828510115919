// The headless report, exactly as ../shared/design.md defines it. Both the TUI and `run --json` consume these.

export interface Handshake {
  tlsVersion: string | null;
  cipher: string | null;
  /** curl printed "Request CERT (13)": the server sent a CertificateRequest. */
  clientCertificateRequested: boolean;
  /** curl sent a non-empty client Certificate message (followed by "CERT verify (15)"). */
  clientCertificateSent: boolean;
  alpn: string | null;
  /** TLS alerts curl reported, e.g. "alert unknown ca"; the first fatal one is also in `error`. */
  alerts: string[];
  error: string | null;
  /** Serial of the server's certificate (uppercase hex), when the probe printed it (curl -w '%{certs}'). */
  serverCertificateSerial?: string | null;
}

export interface ProbeResponse {
  status: number;
  httpVersion: string;
  headers: Record<string, string>;
  body: string;
}

export interface TargetObservation {
  name: string;
  remoteAddress: string;
  receivedHeaders: Record<string, string>;
  /** Whatever else the target recorded (nginx: ssl_client_verify, ssl_client_s_dn, ssl_protocol, status). */
  details: Record<string, string>;
}

export interface ProbeReport {
  name: string;
  description: string;
  command: string;
  client: { certificate: string | null; sourceAddress: string };
  handshake: Handshake;
  response: ProbeResponse | null;
  connectionError: string | null;
  target: TargetObservation | null;
  /** Load-balancer side records for this probe (e.g. the ALB emulator's connection log entries). */
  connectionLog: Record<string, string | number>[];
  /** The AWS WAF log entries the probe's request produced (AWS WAF log field names); present when a web ACL exists. */
  wafLog?: Record<string, string | number>[];
  transcript: string[];
  expected: Record<string, unknown>;
  reference: string;
  pass: boolean;
  /** Why the probe failed its expectation, one line per mismatch; empty when it passed. */
  mismatches: string[];
  durationMs: number;
  /** Why the probe did not run on this machine (it counts as neither pass nor fail); absent when it ran. */
  skipped?: string;
  /** Distribution probes: requests answered per target name ("(none)" for requests no target received). */
  distribution?: Record<string, number>;
  /** Distribution probes: each client, its source address and where its requests landed. */
  clients?: DistributionClient[];
}

export interface DistributionClient {
  name: string;
  sourceAddress: string;
  /** Requests answered per target name. */
  targets: Record<string, number>;
  /** The load balancer's stickiness cookie the client was given (e.g. "AWSALB"), or null. */
  lbCookie: string | null;
  /** This client's command line, with its cookie jar when it keeps one. */
  command: string;
}

/** static: the sandbox's CloudFront stand-in; route53: the sandbox's Route 53 health checks and failover answers. */
export type ComponentKind = 'nginx' | 'haproxy' | 'alb' | 'echo' | 'localstack' | 'static' | 'route53';

export interface ComponentReport {
  name: string;
  kind: ComponentKind;
  address: string;
  version: string;
  /** What this component stands in for, e.g. "NLB Nlb listener TCP:443". */
  role: string;
  /** Set by `--runtime docker`: where it runs (host mode leaves these out). */
  runtime?: 'host' | 'docker';
  image?: string;
  container?: string;
}

export interface ScenarioReport {
  scenario: string;
  title: string;
  runtime: 'host' | 'docker';
  /** external: a LocalStack that was already running, used as is. */
  localstack: 'host' | 'docker' | 'external' | 'off';
  durationMs: number;
  components: ComponentReport[];
  /** Resources and properties of the stack the sandbox did not realize, each with the reason. */
  notRealized: { logicalId: string; type: string; property?: string; reason: string }[];
  steps: { name: string; durationMs: number }[];
  /**
   * Scenarios with Route 53 records: what happened when, in sandbox time and on AWS's clock (sandbox time × the time
   * scale) — health checks that counted, status changes, DNS answers, and the scenario's own marks (targets stopped…).
   */
  timeline?: { atMs: number; awsSeconds: number; kind: string; name: string; detail: string }[];
  /** Where the sandbox's emulation differs from AWS or rests on inference; said plainly, never hidden. */
  emulationNotes?: string[];
  probes: ProbeReport[];
  skipped: string | null;
  pass: boolean;
  /** The stack's deployment to LocalStack, resource by resource; null when it was not deployed. */
  deployment?: Deployment | null;
  /** Where the trust stores' CA bundles and CRLs were read from (LocalStack's S3 or local PKI files). */
  objectsSource?: string | null;
}

export interface DeployedResource {
  logicalId: string;
  type: string;
  path: string;
  /** localstack: LocalStack created it; sandbox: LocalStack took it as a no-op and the sandbox realizes it; none: neither. */
  where: 'localstack' | 'sandbox' | 'none';
  detail: string;
}

export interface Deployment {
  stack: string;
  endpoint: string;
  /** The cdklocal command that deployed it, runnable by hand. */
  command: string;
  durationMs: number;
  /** The cdklocal output, in full. */
  logFile: string;
  resources: DeployedResource[];
}

export interface RunAllReport {
  scenarios: ScenarioReport[];
  pass: boolean;
}
