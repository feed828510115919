// The record of a run: complete and language-free. Every renderer — plain
// output, --json, the TUI, Markdown/HTML — reads this and nothing else; none of them parses a transcript, compiles
// a template or judges. The engine words no sentence here except the scenario texts it is given (titles,
// descriptions, assumptions); everything else is data or a Message code (sandbox/messages.ts).
// Its JSON Schema is docs/report.schema.json (npm run schema regenerates it; a test keeps it in step).
import type { Citation, EvidenceCounts, EvidenceLevel } from './evidence.js';
import type { Message } from './messages.js';

/** Version 2 added steps, outcome, verdict, verifiedBy, evidence, the realized topology and Message codes. */
export const SCHEMA_VERSION = 2;

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

/** What one line of the transcript was, as the parser read it (sandbox/probe/transcript.ts). */
export type HandshakeStepKind =
  | 'connected'
  | 'client-hello'
  | 'server-hello'
  | 'encrypted-extensions'
  | 'server-certificate'
  | 'server-key-exchange'
  | 'certificate-request'
  | 'server-hello-done'
  | 'client-certificate'
  | 'client-key-exchange'
  | 'client-certificate-verify'
  | 'server-certificate-verify'
  | 'finished'
  | 'new-session-ticket'
  | 'change-cipher-spec'
  | 'tls-message'
  | 'alert'
  | 'tls-established'
  | 'alpn'
  | 'server-certificate-field'
  | 'certificate-problem'
  | 'tls-error'
  | 'connection-error'
  | 'http-request'
  | 'http-response'
  | 'proxy-connect'
  | 'proxy-response'
  | 'curl-failed';

export interface HandshakeStep {
  kind: HandshakeStepKind;
  /** in: from the server; out: from the client; info: the client's own remark. */
  direction: 'in' | 'out' | 'info';
  /**
   * The facts of the step: client-certificate {empty}; alert {name, fatal, from: server|client}; tls-established
   * {version, cipher}; alpn {protocol|null}; server-certificate-field {field: subject|issuer|serial, value};
   * http-request {method, path}; http-response {status, text}; connection-error {error}; tls-error {reason};
   * certificate-problem {problem}; curl-failed {code, message}; tls-message {record, name}; connected {text}.
   */
  params: Record<string, string | number | boolean | null>;
  /** A step that decides the outcome (Request CERT, the client Certificate, CertificateVerify, alerts, reset, status). */
  decisive: boolean;
  /** The transcript line as printed, and its index in `transcript`. */
  line: string;
  lineIndex: number;
}

export interface ProbeResponse {
  status: number;
  httpVersion: string;
  /** The status line's reason phrase ("Bad Request"); HTTP/2 has none (null). */
  reason: string | null;
  headers: Record<string, string>;
  body: string;
}

export interface TargetObservation {
  name: string;
  remoteAddress: string;
  receivedHeaders: Record<string, string>;
  /**
   * Whatever else the target recorded (nginx: ssl_client_verify, ssl_client_s_dn, ssl_protocol, status; error_log:
   * what its error log said about the request, e.g. "client sent no required SSL certificate while reading client
   * request headers").
   */
  details: Record<string, string>;
}

/** What happened to the client, whatever AWS would have done (the verdict says that). */
export type OutcomeCode =
  /** A target answered with a status below 400. */
  | 'allowed'
  /** A target answered with 400 or above (nginx's "No required SSL certificate was sent"). */
  | 'refused-by-target'
  /** The load balancer answered itself: a fixed-response action ("Default Action"). */
  | 'fixed-response'
  /** The load balancer answered with a redirect action. */
  | 'redirected'
  /** AWS WAF blocked the request (403 from the load balancer). */
  | 'blocked-by-waf'
  /** The load balancer answered an error itself (400, 463, 502, 503…). */
  | 'load-balancer-error'
  /** The connection was reset during the TLS handshake (seed 004's verify mode without a certificate). */
  | 'reset-in-handshake'
  /** The connection was reset after the handshake. */
  | 'reset'
  /** The server ended the handshake with a fatal TLS alert. */
  | 'tls-alert'
  /** The handshake failed some other way (no common protocol, the client refused the server). */
  | 'tls-failure'
  | 'connection-refused'
  | 'timeout'
  /** The server closed the connection without an answer. */
  | 'no-response'
  /** The probe did not run on this machine. */
  | 'skipped';

export interface Outcome {
  code: OutcomeCode;
  /** HTTP status, when there was a response. */
  status: number | null;
  /** Who answered: a target's name, "load-balancer", or null (no answer). */
  answeredBy: string | null;
  /**
   * The decisive fact, as the peer put it: an HTML page's title or the body's first line, the alert's name, the
   * connection error, the WAF rule that blocked it. null when there is nothing to add.
   */
  fact: string | null;
  /**
   * What the target saw that decides the lesson: the request headers and target records the expectation names
   * (else the mutual TLS subject it received, or nginx's ssl_client_verify), each with its value; null: absent.
   */
  targetSaw: { name: string; value: string | null }[];
}

/** Who checks the client certificate on the path a probe takes (the topology's listener says so). */
export type VerifierCode =
  /** TLS passes through the load balancer; nginx behind it verifies (ssl_verify_client on). */
  | 'nginx'
  /** TLS passes through; the target does whatever it does (no client auth configured). */
  | 'target'
  /** The ALB, against its trust store (mutual TLS verify). */
  | 'alb-trust-store'
  /** Nobody at the ALB: it passes the certificate on unverified (mutual TLS passthrough); the target must check. */
  | 'target-after-alb-passthrough'
  /** The NLB, against its trust store and client certificate identity filters (mutual TLS verify on a TLS listener). */
  | 'nlb-trust-store'
  /** CloudFront viewer mTLS (required or optional): its trust store, then its connection function when it has one. */
  | 'cloudfront-trust-store'
  /** Nobody at CloudFront (viewer mTLS passthrough): the origin gets Client-Cert and must check it. */
  | 'origin-after-cloudfront-passthrough'
  /** Nobody: TLS ends at the load balancer, which asks for no certificate. */
  | 'nobody';

export interface Verdict {
  /**
   * matches: the outcome is what the expectation says; differs: it is not; skipped: the probe did not run;
   * unjudged: observed only — the sandbox predicts nothing here (a --template listener it has no model for), so
   * there was no expectation and nothing is said about AWS (evidence.assumption says why).
   */
  code: 'matches' | 'differs' | 'skipped' | 'unjudged';
  /** How we know what AWS does: the expectation's evidence level. "matches" at "assumed" is not "matches AWS". */
  level: EvidenceLevel;
  /**
   * Whose expectation the verdict checks: AWS's (documented, observed), the sandbox's assumption (assumed), or the
   * user's own (yours: every probe of a scenario from the user's folder, whatever evidence it cites — a miss there
   * differs from the user's expectation, never from AWS).
   */
  basis: VerdictBasis;
  /** basis "yours": where the expectation is written (the scenario.ts and the probe's line), else null. */
  expectation: SourceLine | null;
  /** The probe's expectation and evidence were copied by `new --from` and not changed since; null otherwise. */
  copied: CopiedEvidence | null;
}

/** What a verdict rests on: AWS's documentation, a published observation of AWS, the sandbox's assumption, or the user. */
export type VerdictBasis = EvidenceLevel | 'yours';

/** A place in a file; line null when it is not known (a probe made by a helper function). */
export interface SourceLine {
  file: string;
  line: number | null;
}

/**
 * Evidence a user's scenario copied from another (`mtls-sandbox new --from`): re-check it once the stack changes.
 * stackChanged: the stack's template differs from the one it was copied with (null: not known, e.g. skipped).
 */
export interface CopiedEvidence {
  from: string;
  stackChanged: boolean | null;
}

export interface ProbeEvidence {
  level: EvidenceLevel;
  citations: Citation[];
  /** For "assumed": why the sandbox chose this (the scenario's words, in the run's language). */
  assumption: string | null;
}

/** One AWS WAF log entry (AWS WAF log field names; httpRequest and the match details are nested objects). */
export interface WafLogEntry {
  action: string;
  terminatingRuleId: string;
  [field: string]: unknown;
}

/** A record the load balancer wrote for the probe's request: which rule matched and what it did. */
export interface LoadBalancerRequest {
  listener: string;
  status: number;
  /** The matched rule's priority; 0 for the default action (as in ALB access logs). */
  matchedRulePriority: number;
  /** What the load balancer did, in ALB access-log words: forward, fixed-response, redirect, waf… */
  actions: string;
  target: string;
  /** The rule whose actions applied; null: the listener's default action (or the request never reached the rules). */
  rule: RuleCheckReport | null;
  /** Every rule the request met, in evaluation order (lowest priority first), each with its conditions. */
  rulesChecked: RuleCheckReport[];
}

/** One listener rule as a request met it. */
export interface RuleCheckReport {
  /** The rule's logical id in the template, and its construct path (e.g. "Alb/Https/SubjectRuleRule"). */
  logicalId: string;
  path: string | null;
  priority: number;
  matched: boolean;
  /** field: host-header, path-pattern, http-header (with headerName), http-request-method, query-string, source-ip. */
  conditions: { field: string; headerName: string | null; values: string[]; matched: boolean }[];
}

/** A lifeline of a probe's sequence diagram. */
export type SequenceParty = 'client' | 'load-balancer' | 'target';

/**
 * One event of a probe's sequence diagram: a message between two lifelines (a handshake step of the client's
 * transcript, or a leg the load balancer made), or a note on one lifeline (from === to).
 */
export interface SequenceEvent {
  from: SequenceParty;
  to: SequenceParty;
  /** The handshake step it shows (an index into `steps`), or null for what the load balancer did. */
  step: number | null;
  /** What the load balancer did (seq.* codes); null when `step` is set. */
  label: Message | null;
  decisive: boolean;
}

/** A probe's sequence diagram: which lifelines it has, and what happened in order. */
export interface SequenceReport {
  /** passthrough: the load balancer relays the TLS bytes (client and target talk TLS through it); none: no load balancer. */
  loadBalancer: 'terminates' | 'passthrough' | 'none';
  events: SequenceEvent[];
}

/** Lines of one configuration file that decide a probe's outcome. */
export interface ConfigExcerpt {
  /**
   * cdk: the scenario's stack (TypeScript); nginx and haproxy: the configuration the sandbox rendered and ran;
   * elbv2-api: a listener as the running sandbox's ELBv2 API holds it after a change (`up`), its changed lines decisive.
   */
  source: 'cdk' | 'nginx' | 'haproxy' | 'elbv2-api';
  /** The file: relative to the repository for CDK sources, else its path in the state directory. */
  file: string;
  /** What these lines configure (config.* codes). */
  what: Message;
  /** 1-based line numbers; `decisive` marks the lines that produce the outcome. */
  lines: { number: number; text: string; decisive: boolean }[];
}

/** A probe's packet capture (--pcap): the loopback traffic and the TLS secrets that decrypt it. */
export interface CaptureReport {
  /** pcapng (dumpcap) or pcap (tcpdump). */
  file: string;
  tool: 'dumpcap' | 'tcpdump';
  /** The capture filter: the ports of this run's client-facing listeners and targets. */
  filter: string;
  /** NSS key log (SSLKEYLOGFILE) of curl and the load balancer; `tshark -o tls.keylog_file:<keyLog> -r <file>`. */
  keyLog: string;
  packets: number | null;
  /** The tshark command that decrypts and dissects it (ports decoded as TLS or HTTP). */
  tshark: string;
}

export interface ProbeReport {
  name: string;
  description: string;
  command: string;
  /** The client: its certificate, its source address, and a distribution probe's clients' addresses in order. */
  client: { certificate: string | null; sourceAddress: string; sources: string[] | null };
  /** The load balancer and listener port the probe calls (construct path, template port). */
  via: { loadBalancer: string; port: number };
  handshake: Handshake;
  /** The handshake and the exchange, step by step, from the transcript. */
  steps: HandshakeStep[];
  response: ProbeResponse | null;
  connectionError: string | null;
  target: TargetObservation | null;
  /**
   * The target that answered is a stand-in (--template): what it stands in for and what AWS would do instead, so
   * that its answer is never read as AWS's. Absent when the target is the scenario's own or nothing answered.
   */
  standIn?: Message;
  /** Load-balancer side records for this probe (e.g. the ALB emulator's connection log entries). */
  connectionLog: Record<string, string | number>[];
  /** The AWS WAF log entries the probe's request produced (AWS WAF log field names); present when a web ACL exists. */
  wafLog?: WafLogEntry[];
  /** The load balancer's own record of the request (the ALB emulator), when it has one. */
  loadBalancerRequest: LoadBalancerRequest | null;
  transcript: string[];
  /** What happened to the client. */
  outcome: Outcome;
  /** The probe as a sequence diagram: client, load balancer and target lifelines. */
  sequence: SequenceReport;
  /** The configuration lines that decide this outcome: the stack's CDK, the rendered nginx or HAProxy. */
  config: ConfigExcerpt[];
  /** The packet capture, with --pcap; null otherwise. */
  capture: CaptureReport | null;
  /** Who checks the client certificate on this probe's path. */
  verifiedBy: VerifierCode;
  expected: Record<string, unknown>;
  evidence: ProbeEvidence;
  verdict: Verdict;
  /** true when the verdict is "matches" or "skipped" (a skip is not a failure). */
  pass: boolean;
  /** Why the probe failed its expectation, one message per mismatch; empty when it passed. */
  mismatches: Message[];
  durationMs: number;
  /** Why the probe did not run on this machine (it counts as neither pass nor fail); absent when it ran. */
  skipped?: Message;
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

/**
 * haproxy: an NLB's or CLB's TCP listeners; alb: our ALB emulator; nlb: our NLB TLS listener emulator; static: the
 * sandbox's CloudFront stand-in; cloudfront: our CloudFront viewer-mTLS emulator; route53: the sandbox's Route 53
 * health checks and failover answers.
 */
export type ComponentKind =
  | 'nginx'
  | 'haproxy'
  | 'alb'
  | 'nlb'
  | 'echo'
  | 'localstack'
  | 'static'
  | 'cloudfront'
  | 'route53';

export interface ComponentReport {
  name: string;
  kind: ComponentKind;
  address: string;
  version: string;
  /** What this component stands in for, e.g. "NLB Nlb listener TCP:443 → target group WebTargets". */
  role: Message;
  /** Set by `--runtime docker`: where it runs (host mode leaves these out). */
  runtime?: 'host' | 'docker';
  image?: string;
  container?: string;
}

/** The topology as it was realized: what the diagrams draw. */
export interface TopologyReport {
  balancers: BalancerReport[];
}

export interface BalancerReport {
  /** The construct path, e.g. "Nlb". */
  path: string;
  /** CloudFront: a distribution with viewer mTLS (our emulator), its one HTTPS "listener" standing for its edge. */
  kind: 'CLB' | 'NLB' | 'ALB' | 'CloudFront';
  listeners: ListenerReport[];
  targets: { name: string; kind: 'nginx' | 'echo'; profile: string | null; address: string | null }[];
}

export interface ListenerReport {
  port: number;
  protocol: string;
  tlsEndsAt: 'target' | 'load-balancer' | 'nowhere';
  clientVerifiedBy: VerifierCode;
  mutualTls: 'off' | 'passthrough' | 'verify' | null;
  /** The local address it listens on, once running. */
  address: string | null;
  /**
   * NLB TLS listeners: how the load balancer reaches the targets, over a new connection of its own (the target
   * group's protocol, TCP or TLS).
   */
  targetProtocol?: string;
  /** CloudFront: the distribution's ViewerMtlsConfig Mode (mutualTls says verify for required and optional). */
  viewerMtlsMode?: 'required' | 'optional' | 'passthrough';
  /** NLB TLS listeners in verify mode: the client certificate identity filters, in order ([]: none, all pass). */
  identityFilters?: { field: string; matchType: string; value: string }[];
}

/** "What the target learns": one row per front door, from its probes (sandbox/explain/identity-table.ts). */
export interface IdentityTable {
  rows: IdentityRow[];
}

export interface IdentityRow {
  /** The front door, in the run's language (the scenario's words). */
  door: string;
  via: { loadBalancer: string; port: number };
  /** The probe whose target observation the row shows (the client certificate the scenario chose). */
  probe: string;
  certificate: string | null;
  verifiedBy: VerifierCode;
  /** Whether that request reached a target at all. */
  reachedTarget: boolean;
  /** What the target learnt of the client: request headers, or its own TLS session (nginx variables), in order. */
  fields: IdentityField[];
  /** Whether a client can write the door's identity header itself; null when the scenario has no such probe. */
  forgery: ForgeryCheck | null;
}

/**
 * How a value is written: dn-rfc2253 (CN=…,OU=…, most specific first), hex-upper (no separators), hex-colon-lower
 * (aa:bb:…), hex-lower, pem-url-encoded (a URL-encoded PEM, one certificate or a chain), validity
 * (NotBefore=…;NotAfter=…), verify-result (nginx's SUCCESS / NONE / FAILED:…), tls-version, cipher (OpenSSL names),
 * sf-binary (:base64: byte sequences, RFC 9440), text (anything else).
 */
export type IdentityFormat =
  | 'dn-rfc2253'
  | 'hex-upper'
  | 'hex-colon-lower'
  | 'hex-lower'
  | 'pem-url-encoded'
  | 'validity'
  | 'verify-result'
  | 'tls-version'
  | 'cipher'
  /** A key exchange group in IANA TLS Supported Groups naming (x-amzn-tls-kx): secp256r1, x25519, X25519MLKEM768. */
  | 'tls-group'
  | 'sf-binary'
  | 'text';

export interface IdentityField {
  /** header: a request header the target received (lower-case name); tls: the target's own TLS session. */
  source: 'header' | 'tls';
  name: string;
  value: string;
  format: IdentityFormat;
}

export interface ForgeryCheck {
  probe: string;
  /** The identity header the client wrote itself, and its value. */
  header: string;
  sent: string;
  /**
   * as-sent: the target received the client's own value (forgeable); replaced: the front door's value instead;
   * dropped: the header did not reach the target; no-target: the request reached no target.
   */
  result: 'as-sent' | 'replaced' | 'dropped' | 'no-target';
  received: string | null;
}

export interface NotRealizedEntry {
  logicalId: string;
  type: string;
  property?: string;
  reason: Message;
}

export interface ScenarioStep {
  name: string;
  durationMs: number;
  detail: Message | null;
}

export interface TimelineEntry {
  atMs: number;
  awsSeconds: number;
  kind: string;
  name: string;
  detail: Message;
}

export interface ScenarioReport {
  schemaVersion: typeof SCHEMA_VERSION;
  scenario: string;
  title: string;
  runtime: 'host' | 'docker';
  /** external: a LocalStack that was already running, used as is. */
  localstack: 'host' | 'docker' | 'external' | 'off';
  durationMs: number;
  topology: TopologyReport;
  components: ComponentReport[];
  /** Resources and properties of the stack the sandbox did not realize, each with the reason. */
  notRealized: NotRealizedEntry[];
  steps: ScenarioStep[];
  /**
   * Scenarios with Route 53 records: what happened when, in sandbox time and on AWS's clock (sandbox time × the time
   * scale) — health checks that counted, status changes, DNS answers, and the scenario's own marks (targets stopped…).
   */
  timeline?: TimelineEntry[];
  /** Where the sandbox's emulation differs from AWS or rests on inference; said plainly, never hidden. */
  emulationNotes: Message[];
  probes: ProbeReport[];
  /** Scenarios that declare one: what the target learns of the client at each front door, side by side. */
  identityTable?: IdentityTable;
  /** How many of the scenario's expectations are documented, observed or assumed (skipped probes included). */
  evidence: EvidenceCounts;
  /** How its probes fared, counted once here so every renderer shows the same numbers. */
  tally: ProbeTally;
  /**
   * pass: at least one probe was judged and every judged probe met its expectation; fail: one did not;
   * nothing-judged: probes ran but none had an expectation (or none ran), so nothing was compared; skipped: the
   * scenario did not run on this machine; broken: it could not be loaded, synthesized or set up (see `broken`).
   */
  result: ScenarioResult;
  /** A scenario of the user's that does not load or set up: where and why. Present only for result "broken". */
  broken?: BrokenScenarioReport;
  skipped: Message | null;
  /** No probe differed from its expectation and nothing broke (true for nothing-judged and skipped: see result). */
  pass: boolean;
  /** The stack's deployment to LocalStack, resource by resource; null when it was not deployed. */
  deployment: Deployment | null;
  /** Where the trust stores' CA bundles and CRLs were read from (LocalStack's S3 or local PKI files). */
  objectsSource: ObjectsSource | null;
}

/** Where the trust stores' CA bundles and CRLs came from. */
export type ObjectsSource =
  /** Uploaded from the PKI to LocalStack's S3 and read back from there (a stand-in bucket when not deployed). */
  | { from: 'localstack-s3'; endpoint: string; objects: string[]; standInBucket: boolean }
  /** LocalStack is off: the PKI's files stand in for the objects. */
  | { from: 'local-pki-files' };

export interface DeployedResource {
  logicalId: string;
  type: string;
  path: string;
  /** localstack: LocalStack created it; sandbox: LocalStack took it as a no-op and the sandbox realizes it; none: neither. */
  where: 'localstack' | 'sandbox' | 'none';
  detail: Message;
}

export interface Deployment {
  stack: string;
  endpoint: string;
  /** The cdklocal command that deployed it, runnable by hand. */
  command: string;
  durationMs: number;
  /** The cdklocal output, in full (not written when the deploy was reused). */
  logFile: string;
  /** The LocalStack already held this stack with the same template (one that outlives runs), so nothing was deployed. */
  reused: boolean;
  resources: DeployedResource[];
}

export type ScenarioResult = 'pass' | 'fail' | 'nothing-judged' | 'skipped' | 'broken';

/**
 * How probes fared. A probe that ran is judged (it had an expectation) or unjudged (observed only, never counted as
 * as expected); a judged probe is as expected or differs. byBasis splits the judged ones by whose expectation they
 * check (Verdict.basis).
 */
export interface ProbeTally {
  /** Probes that ran. */
  ran: number;
  /** Probes not run on this machine. */
  skipped: number;
  judged: number;
  unjudged: number;
  asExpected: number;
  differs: number;
  byBasis: Record<VerdictBasis, { judged: number; asExpected: number }>;
}

export interface BrokenScenarioReport {
  /** The file the problem is in, with the line and column when known. */
  file: string;
  line: number | null;
  column: number | null;
  /** What went wrong, as the error said it (the user's own code's words, or the sandbox's check). */
  error: string;
  /** The same as a message code, when the sandbox's own check or set-up said it (renderers say it in their
   * language); absent for the user's own code's words. */
  said?: Message;
}

export interface RunAllReport {
  schemaVersion: typeof SCHEMA_VERSION;
  scenarios: ScenarioReport[];
  /** The scenarios' evidence counts added up. */
  evidence: EvidenceCounts;
  /** The scenarios' probe tallies added up. */
  tally: ProbeTally;
  /** How many scenarios ended each way. */
  results: Record<ScenarioResult, number>;
  /** Every scenario passed, was skipped or judged nothing; none failed or broke. */
  pass: boolean;
}

/** What `run --json` prints: one scenario's report, or the report of several (`--all`). */
export type HeadlessReport = ScenarioReport | RunAllReport;
