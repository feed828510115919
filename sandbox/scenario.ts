// The scenario contract: data plus a CDK stack. Scenarios live in scenarios/<id>/.
// It names no implementation: what a probe's `before` hook may use is said here (ParameterStore, Route53View), and the
// classes behind them (localstack/client.ts, route53/runtime.ts) implement these interfaces.
import type { ClientCertName, Pki } from '../certs/types.js';
import type { EvidenceSpec } from './evidence.js';
import type { CfnTemplate } from './model/cfn.js';
import type { Message } from './messages.js';
import type { SourceLine } from './report.js';
import type { Text } from './text.js';

/** A story the scenarios come from (a seed article's problem): the browser groups scenarios by it, in `order`. */
export interface Story {
  id: string;
  title: Text;
  /** Where the story stands in the browser and `list`: lower first. */
  order: number;
}

export function defineStory(story: Story): Story {
  if (!/^[a-z0-9-]+$/.test(story.id))
    throw new Error(`Story id "${story.id}" must be lowercase words joined by hyphens.`);
  return story;
}

/** What stands behind a target group locally. */
export type BackendSpec = (
  | { kind: 'nginx'; name: string; profile: NginxProfile; routes?: HeaderRoute[]; certificates?: SsmCertificates }
  | { kind: 'echo'; name: string }
) & {
  /**
   * A stand-in the stack does not declare (--template): what it stands in for and what AWS would do instead, shown
   * on its component line and on every probe it answers.
   */
  standIn?: Message;
};

/**
 * Seed 001: the target's server certificate, key and client CA come from SSM Parameter Store. As ECS does for a
 * task definition's `secrets`, the sandbox reads the parameters (through LocalStack) into environment variables
 * when the target starts, and seed 001's init.sh writes them to files that nginx reads. Environment variable name
 * → parameter name.
 */
export interface SsmCertificates {
  from: 'ssm';
  secrets: { SSL_SERVER_CERTIFICATE: string; SSL_SERVER_KEY: string; SSL_CLIENT_CERTIFICATE: string };
}

/** PKI files whose text a scenario puts into SSM parameters after the deploy. */
export type PkiParameterValue = 'server.crt' | 'server.key' | 'privateCA.crt';

/** header-router profile: requests whose X-Amzn-Mtls-Clientcert-Subject matches `subjectPattern` (a regex) go to `app`. */
export interface HeaderRoute {
  subjectPattern: string;
  app: string;
}

/**
 * What a stack's S3 objects hold, by object key: the sandbox's PKI files stand in for what would be uploaded
 * (a trust store's CA bundle, its CRL). Read from local files, or from LocalStack's S3 when it runs.
 */
export type PkiObject =
  | 'privateCA'
  | 'untrustedCA'
  | 'privateCA+untrustedCA'
  /** A bundle of the root and the intermediate CA (a trust store that can verify a leaf sent alone). */
  | 'privateCA+intermediateCA'
  | 'privateCA.crl'
  /** privateCA's CRL whose nextUpdate passed in 2020. */
  | 'privateCA-expired.crl'
  /**
   * A CloudFront KeyValueStore import file ({"data":[{"key","value"}]}) listing the serials of privateCA's revoked
   * clients (revoked, revokedBilling) as connection functions look them up: CloudFront's serial without colons.
   */
  | 'revoked-serials.kvs'
  /** The CA of the certificate CloudFront presents to its origin (origin mTLS): an ALB trust store that admits it. */
  | 'originClientCA'
  /** The CA standing in for the AWS Private CA behind STS workload certificates (a trust bundle's root). */
  | 'workloadCA'
  /** privateCA and workloadCA in one bundle: a trust store that admits both the old clients and STS workloads. */
  | 'privateCA+workloadCA';

/**
 * nginx target configurations in nginx/: client-auth is seeds 000/001's server block (TLS, ssl_verify_client on);
 * tls serves TLS without asking for a client certificate (behind an NLB TLS listener's TLS target group);
 * plain-http and header-router serve HTTP behind an ALB.
 */
export type NginxProfile = 'client-auth' | 'tls' | 'plain-http' | 'header-router';

export interface ProbeClient {
  /** Which certificate the client presents; null for none. */
  certificate?: ClientCertName | null;
  /** pem: --cert/--key as the seeds do; p12: seed 000's PKCS#12 bundle. */
  form?: 'pem' | 'p12';
  /** Loopback source address (curl --interface), 127.0.0.1 by default. */
  sourceAddress?: string;
  headers?: Record<string, string>;
  /** HEAD with -I as in seed 000, GET to see the body, POST as a lab console may send it, or another method (curl -X)
   * a listener rule asks for. */
  method?: string;
  /** https (the default), or http for a plain HTTP listener. */
  scheme?: 'http' | 'https';
  /** The path, with a query string after "?" if any. */
  path?: string;
  http?: '1.1' | '2';
  /** The one TLS version the client offers (curl --tlsv1.x --tls-max 1.x); curl's default range when absent. */
  tls?: '1.2' | '1.3';
  /** Also print the server's certificate (curl -w '%{stderr}%{certs}'), so its serial can be judged. */
  showServerCertificate?: boolean;
  /**
   * A distribution probe: one client per entry (loopback source addresses; an address may repeat, as many clients
   * behind one proxy do), each sending `repeat` requests, round by round. The report counts the requests per target.
   */
  sources?: string[];
  /** Requests per client (default 1). */
  repeat?: number;
  /** Each client keeps its own cookie jar between its requests (curl --cookie/--cookie-jar), as a browser does. */
  keepCookies?: boolean;
  /**
   * A distribution's clients send side by side, each client's own requests still in order; each request carries an
   * id (X-Sandbox-Request-Id) its target logs, which tells whose it was. Only where the expectation does not depend
   * on which client comes first (round robin counts, stickiness per client); absent: one request at a time. A
   * per-request expectation on the load balancer's own records (rulePriority) keeps it one at a time.
   */
  clientsAtOnce?: boolean;
}

/** Bounds on a count; both ends inclusive. */
export interface CountBounds {
  min?: number;
  max?: number;
}

/** What a distribution probe's requests must add up to. Bounds follow from the balancing algorithm, never timing. */
export interface DistributionExpectation {
  /** Requests each target answered: by target name, or '*' for every target that answered at least once. */
  perTarget?: Record<string, CountBounds>;
  /** How many different targets answered, over all clients. */
  targets?: CountBounds;
  /** How many different targets each client's requests reached (max 1: every client is pinned to one target). */
  targetsPerClient?: CountBounds;
}

export interface TargetExpectation {
  /** The target that answered must be one of these (by backend name). */
  oneOf?: string[];
  /** Exact values of what the target recorded (nginx variables like ssl_client_verify, or echo fields). */
  details?: Record<string, string>;
  /** Substrings that must appear in what the target recorded. */
  detailsInclude?: Record<string, string>;
  /**
   * Request headers the target received (lowercase names); null means the header must be absent. Values may name
   * a certificate's fields as placeholders resolved from the PKI: {clientA.serial}, {clientA.subject},
   * {clientA.issuer}, {clientA.validity}, {clientA.leaf} (URL-encoded PEM), {clientA.pem}; in CloudFront's forms
   * {clientA.cfSerial} (colon-separated lowercase DER bytes), {clientA.sha256}, {clientA.cfPem} (fully URL-encoded
   * PEM), {clientA.clientCert} and {clientA.clientCertChain} (RFC 9440 byte sequences).
   */
  headers?: Record<string, string | null>;
}

export interface Expectation {
  /** HTTP status; null means no HTTP response at all. */
  status?: number | null;
  bodyIncludes?: string;
  bodyExcludes?: string;
  /** Response headers the client gets (lowercase names); null means the header must be absent. */
  responseHeaders?: Record<string, string | null>;
  /** Substring of the connection error, e.g. "Connection reset by peer"; null means none. */
  connectionError?: string | null;
  curlExitCode?: number;
  handshake?: {
    clientCertificateRequested?: boolean;
    clientCertificateSent?: boolean;
    tlsVersion?: string;
    /** The server certificate's serial (uppercase hex; needs client.showServerCertificate); may be {server.serial}. */
    serverCertificateSerial?: string;
    /**
     * The fatal TLS alert the client received, as OpenSSL names it ("unknown ca", "access denied"); null: none was
     * received (close_notify does not count).
     */
    alert?: string | null;
  };
  /** What a target saw; null means no target received the request. */
  target?: TargetExpectation | null;
  /** Fields of the load balancer's connection log entry for this probe (ALB mTLS connection logs). */
  connectionLog?: Record<string, string>;
  /** Distribution probes (client.sources/repeat): the other fields hold for every request; this for all of them. */
  distribution?: DistributionExpectation;
  /**
   * The listener rule the ALB's rule model says the request meets, by priority; 0: the default action (as ALB access
   * logs write it). Judged against the ALB emulator's record of the request.
   */
  rulePriority?: number;
  /** The load balancer's AWS WAF log entry for this request (action, terminatingRuleId); null: no WAF saw it. */
  waf?: { action: 'ALLOW' | 'BLOCK'; terminatingRuleId?: string } | null;
}

export interface ProbeSpec {
  name: string;
  description: Text;
  /** The load balancer (construct path, e.g. "Nlb") and listener port the client calls. */
  via: { loadBalancer: string; port: number };
  client: ProbeClient;
  expect: Expectation;
  /** How we know AWS behaves so: documented, observed (a seed) or assumed (and why), with its sources. */
  evidence: EvidenceSpec;
  /**
   * Observed only: the sandbox predicts nothing here (a --template listener its model of AWS does not cover), so the
   * probe has no expectation and is never said to match AWS; why, in the scenario's words.
   */
  unjudged?: Text;
  /**
   * Set by whoever loads a user's scenario, never by its author: where the probe's expectation is written (for
   * "differs from your expectation (scenario.ts:12)"), and whether its expectation and evidence are still as
   * `new --from` copied them (ScenarioDefinition.copiedFrom).
   */
  loaded?: {
    expectation: SourceLine | null;
    copiedUnchanged: boolean;
    /** The lines of the probe's name and fields in scenario.ts, where the loader found them. */
    lines: Partial<Record<'name' | 'loadBalancer' | 'port' | 'certificate' | 'expect' | 'evidence', number>>;
  };
  /** Runs before the probe (e.g. rotating a certificate in SSM and restarting the targets). */
  // biome-ignore lint/suspicious/noConfusingVoidType: a hook that sets nothing up returns nothing
  before?: (context: ProbeContext) => Promise<ProbeSetup | void>;
}

/** SSM Parameter Store as a `before` hook may use it (LocalStack's, when the run has LocalStack). */
export interface ParameterStore {
  /** Puts a parameter, overwriting any value it had (`--overwrite`); resolves with its new version. */
  putParameter(name: string, value: string, type?: string): Promise<number>;
}

/** The sandbox's Route 53 as a `before` hook may use it: its answers and the run's timeline. */
export interface Route53View {
  /**
   * Resolves once `name` answers with the record whose SetIdentifier is `setIdentifier`; rejects after `timeoutMs`
   * (by default long enough for every health check to reach its threshold), naming the last Route 53 events.
   */
  waitForAnswer(name: string, setIdentifier: string, timeoutMs?: number): Promise<void>;
  /** Puts something that happened outside Route 53 (targets stopped, started…) on the same timeline. */
  mark(name: string, detail: string, durationMs?: number): void;
}

/** What a probe's `before` hook may use. */
export interface ProbeContext {
  pki: Pki;
  /** LocalStack's SSM Parameter Store, when the run has LocalStack (scenarios that need it always do). */
  localstack: ParameterStore | null;
  /** A directory of this scenario's run for files the hook makes. */
  dir: string;
  /** Replaces running targets (all when no names are given), as ECS replaces tasks: each starts afresh. */
  restartTargets(names?: string[]): Promise<void>;
  /** Reports a step of the hook in the run's output and report. */
  step(name: string, detail: string, durationMs?: number): void;
  /** Stops running nginx targets (all when no names are given): their ports refuse connections until started. */
  stopTargets(names?: string[]): Promise<void>;
  /** Starts stopped nginx targets again on their ports (all stopped ones when no names are given). */
  startTargets(names?: string[]): Promise<void>;
  /** The stack's Route 53 health checks and failover records as the sandbox evaluates them; null when it has none. */
  route53: Route53View | null;
}

export interface ProbeSetup {
  /** More certificates the probe's expectation can name as placeholders, e.g. {rotatedServer.serial}. */
  certificates?: Record<string, CertificateFacts>;
}

/** One front door of a scenario's "what the target learns" table (report: identityTable). */
export interface IdentityDoor {
  door: Text;
  /** The probe that shows what the target learns through this door. */
  probe: string;
  /** The probe whose client writes an identity header itself, and that header (as written in its client.headers). */
  forgery?: { probe: string; header: string };
  /** Request headers beyond the front doors' own names (X-Amzn-Mtls-*, X-Amzn-Tls-*…) that carry identity here,
   * as lower-case prefixes: a listener that renames them (e.g. "x-client-cert-"). */
  headerPrefixes?: string[];
}

export interface ScenarioDefinition {
  id: string;
  title: Text;
  summary: Text;
  story: Story;
  /** Scenarios this one is best compared with, side by side (the compare view starts with the first). */
  compareWith?: string[];
  seeds: string[];
  tags: string[];
  /** Module whose default export builds the stack: `(stack: Stack) => void`. Loaded only on a synth cache miss. */
  stackModule: URL;
  /** Backends behind each target group (or CLB), by construct path, in the order of the template's targets. */
  targets: Record<string, BackendSpec[]>;
  probes: ProbeSpec[];
  /** Contents of the stack's S3 objects, by key (see PkiObject). */
  objects?: Record<string, PkiObject>;
  /** Values put into the stack's SSM parameters after the deploy, by parameter name (needs LocalStack). */
  parameters?: Record<string, PkiParameterValue>;
  explain: Text;
  /** A "what the target learns" table, one row per front door, built from the probes' records. */
  identityTable?: IdentityDoor[];
  /**
   * Goals for a learner to reach by changing the running topology (`up`, through the ELBv2 API) or by editing their
   * own copy of the scenario; the sandbox checks each against the live topology (docs/authoring.md#challenges).
   */
  challenges?: Challenge[];
  needs?: { localstack?: boolean };
  /**
   * What this scenario uses outside its own run (a fixed port, a file, a service of the machine), by any name: scenarios
   * of one `run` that share a name never run at the same time. Its own components, ports and files need no name.
   */
  shares?: string[];
  /** Files put into the stack's S3 buckets after the deploy (as `aws s3 cp` would): bucket construct path → key → file. */
  bucketFiles?: Record<string, Record<string, URL>>;
  /**
   * How many times faster than AWS the sandbox's own timers run — Route 53 health checks: at 20, a RequestInterval of
   * 10 s is checked every 0.5 s. Every timeline line shows both clocks. Default 1 (real time); the environment
   * variable MTLS_SANDBOX_TIME_SCALE overrides it (MTLS_SANDBOX_TIME_SCALE=1 for AWS's own pace).
   */
  timeScale?: number;
  /**
   * Where the scenario comes from: the project's catalogue (absent), a user's own folder (`--scenarios DIR`), or a
   * CloudFormation template (`--template FILE`). Set by whoever loads the scenario, never by its author.
   */
  origin?: ScenarioOrigin;
  /** A template given as it is (--template): synth returns it instead of running the stack module. */
  synthesized?: { template: CfnTemplate; stackName: string };
  /**
   * A copy made by `mtls-sandbox new --from` says what it was copied from; `new` writes it. Each probe whose
   * expectation and evidence still have their digest here is shown as copied ("re-check after you change the stack")
   * until its author changes it — or deletes its entry here after re-checking it (docs/authoring.md).
   */
  copiedFrom?: CopiedFrom;
  /**
   * Where a user's scenario code runs: in a process of its own (scenarios/own/host.ts), so that its stack's synthesis
   * cannot stop, hang or crash the sandbox. Set by whoever loads the scenario, never by its author; absent: in process.
   */
  codeHost?: ScenarioCodeHost;
}

export interface CopiedFrom {
  /** The scenario it was copied from. */
  scenario: string;
  /** The digest of that scenario's synthesized template at copy time (sandbox/synth/template-digest.ts). */
  template: string;
  /** Each copied probe's digest at copy time, by probe name (sandbox/probe-digest.ts). */
  probes: Record<string, string>;
}

/** Runs a user's stack code away from the sandbox's process; fails as the in-process synthesis would (StackSourceError). */
export interface ScenarioCodeHost {
  synthesize(request: { stackName: string; outdir: string; sourceHash: string }): Promise<CfnTemplate>;
}

/**
 * A goal stated in words and checked by probes: each part is a client the sandbox sends to the running topology and
 * what must happen to it. A part's expectation is the goal's, not a claim about AWS: it needs no evidence.
 */
export interface Challenge {
  /** Lowercase words joined by hyphens, unique in the scenario. */
  id: string;
  goal: Text;
  hint: Text;
  /** How a learner gets there: changing the running topology through the ELBv2 API, or editing their own copy. */
  by: 'elbv2-api' | 'edit-a-copy';
  check: ChallengePart[];
}

export interface ChallengePart {
  name: string;
  /** What this part of the goal says, e.g. "clientB's forged header no longer gets "Success!!"". */
  goal: Text;
  via: ProbeSpec['via'];
  client: ProbeClient;
  expect: Expectation;
}

export type ScenarioOrigin = { kind: 'user'; folder: string } | { kind: 'template'; file: string };

export function defineScenario(definition: ScenarioDefinition): ScenarioDefinition {
  if (!/^[a-z0-9-]+$/.test(definition.id))
    throw new Error(`Scenario id "${definition.id}" must be lowercase words joined by hyphens.`);
  const names = new Set<string>();
  for (const probe of definition.probes) {
    if (names.has(probe.name)) throw new Error(`Scenario ${definition.id} has two probes named "${probe.name}".`);
    names.add(probe.name);
  }
  checkChallenges(definition);
  for (const door of definition.identityTable ?? []) {
    for (const name of [door.probe, door.forgery?.probe]) {
      if (name !== undefined && !names.has(name))
        throw new Error(
          `Scenario ${definition.id}: identityTable door "${door.door.en}" names probe "${name}", which the scenario does not have.`,
        );
    }
    const spoof = door.forgery && definition.probes.find((probe) => probe.name === door.forgery!.probe);
    if (
      spoof &&
      !Object.keys(spoof.client.headers ?? {}).some((h) => h.toLowerCase() === door.forgery!.header.toLowerCase())
    )
      throw new Error(
        `Scenario ${definition.id}: identityTable door "${door.door.en}" checks header ${door.forgery!.header}, which probe "${spoof.name}" does not send (client.headers).`,
      );
  }
  return definition;
}

function checkChallenges(definition: ScenarioDefinition): void {
  const ids = new Set<string>();
  for (const challenge of definition.challenges ?? []) {
    if (!/^[a-z0-9-]+$/.test(challenge.id))
      throw new Error(
        `Scenario ${definition.id}: challenge id "${challenge.id}" must be lowercase words joined by hyphens.`,
      );
    if (ids.has(challenge.id)) throw new Error(`Scenario ${definition.id} has two challenges "${challenge.id}".`);
    ids.add(challenge.id);
    if (challenge.check.length === 0)
      throw new Error(`Scenario ${definition.id}: challenge "${challenge.id}" checks nothing; give it parts (check).`);
    const parts = new Set<string>();
    for (const part of challenge.check) {
      if (parts.has(part.name))
        throw new Error(`Scenario ${definition.id}: challenge "${challenge.id}" has two parts named "${part.name}".`);
      parts.add(part.name);
    }
  }
}

/** The fields of one sandbox certificate that expectations may name ({clientA.serial}…). */
export interface CertificateFacts {
  serial: string;
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  /** The certificate itself (a chain client's leaf). */
  pem: string;
  /** Every certificate of the client's --cert file, in file order: what it presents (just `pem` when absent). */
  chain?: string;
}
