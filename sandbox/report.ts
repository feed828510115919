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
  transcript: string[];
  expected: Record<string, unknown>;
  reference: string;
  pass: boolean;
  /** Why the probe failed its expectation, one line per mismatch; empty when it passed. */
  mismatches: string[];
  durationMs: number;
}

export type ComponentKind = 'nginx' | 'haproxy' | 'alb' | 'echo' | 'localstack';

export interface ComponentReport {
  name: string;
  kind: ComponentKind;
  address: string;
  version: string;
  /** What this component stands in for, e.g. "NLB Nlb listener TCP:443". */
  role: string;
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
