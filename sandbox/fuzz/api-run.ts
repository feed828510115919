// Runs the API door's cases in batches and counts: requests, crashes (an exception no handler caught, a component
// that stopped), stalls (an answer, from the API or the ALB listener, slower than the bound or missing), and leaks of
// state across requests (a prototype that gained a name, a describe answer no call may change that changed, or a
// refused envelope that got a 2xx). Bounded in count and in time.
import { errorCode, queryBody, sendQuery } from '../elbv2-api/query-client.js';
import { API_CASE_KINDS, type ApiCase, type ApiCaseKind, type ApiTargets, apiCases } from './api-cases.js';
import type { OpenApiDoor } from './api-door.js';
import { normalH1 } from './clients.js';

export interface ApiProblem {
  case: string;
  detail: string;
}

export interface ApiFuzzResult {
  seed: number;
  requests: number;
  byKind: Record<ApiCaseKind, number>;
  /** How many answers of each HTTP status ('none' for no answer). */
  statuses: Record<string, number>;
  /** Web page and unsigned envelopes refused / sent. */
  door: { refused: number; sent: number };
  crashes: string[];
  stalls: ApiProblem[];
  leaks: ApiProblem[];
  /** 500 answers: an error inside an action that no check caught (not a crash: the API answered). */
  internalErrors: ApiProblem[];
  dataPlane: { sent: number; answered: number };
  stallMs: number;
  durationMs: number;
  /** True when the time bound ended the run before every case was sent. */
  cutShort: boolean;
}

export interface ApiFuzzOptions {
  requests: number;
  seed: number;
  /** A request or a listener answer slower than this is a stall (1 s in `npm run fuzz`). */
  stallMs?: number;
  /** Checks for leaks and the listener after this many requests. */
  batchSize?: number;
  /** No new case after this long. */
  deadlineMs?: number;
  log?: (line: string) => void;
}

/** Describe answers no call of the cases may change: the cases have no load balancer action and no valid file. */
const KNOWN = ['DescribeLoadBalancers', 'DescribeTargetGroups', 'DescribeTrustStores'];
const PROTOTYPES: [string, object][] = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['String.prototype', String.prototype],
  ['Function.prototype', Function.prototype],
  ['Map.prototype', Map.prototype],
];

export async function runApiFuzz(door: OpenApiDoor, options: ApiFuzzOptions): Promise<ApiFuzzResult> {
  const started = performance.now();
  const stallMs = options.stallMs ?? 1000;
  const result: ApiFuzzResult = {
    seed: options.seed,
    requests: 0,
    byKind: Object.fromEntries(API_CASE_KINDS.map((kind) => [kind, 0])) as Record<ApiCaseKind, number>,
    statuses: {},
    door: { refused: 0, sent: 0 },
    crashes: [],
    stalls: [],
    leaks: [],
    internalErrors: [],
    dataPlane: { sent: 0, answered: 0 },
    stallMs,
    durationMs: 0,
    cutShort: false,
  };
  const stopWatching = watchCrashes(door, result.crashes, options.log);
  try {
    const cases = apiCases(await discoverTargets(door.endpoint), options.requests, options.seed);
    let known = await knownAnswers(door.endpoint);
    let prototypes = prototypeNames();
    const batchSize = options.batchSize ?? 25;
    for (let from = 0; from < cases.length; from += batchSize) {
      if (performance.now() - started > (options.deadlineMs ?? Number.POSITIVE_INFINITY)) {
        result.cutShort = true;
        break;
      }
      const batch = cases.slice(from, from + batchSize);
      for (const sent of batch) await sendCase(door, sent, result, options.log);
      const after = batch.at(-1)!.name;
      prototypes = checkPrototypes(prototypes, after, result, options.log);
      known = await checkKnown(door.endpoint, known, after, result, options.log);
      await checkListener(door, after, result, options.log);
    }
  } finally {
    stopWatching();
  }
  result.durationMs = Math.round(performance.now() - started);
  return result;
}

async function sendCase(door: OpenApiDoor, sent: ApiCase, result: ApiFuzzResult, log?: (line: string) => void) {
  const answer = await sendQuery(door.endpoint, sent.body, { ...sent.send, timeoutMs: 30_000 });
  result.requests++;
  result.byKind[sent.kind]++;
  const status = answer.status === null ? 'none' : String(answer.status);
  result.statuses[status] = (result.statuses[status] ?? 0) + 1;
  const problem = (list: ApiProblem[], label: string, detail: string) => {
    list.push({ case: sent.name, detail });
    log?.(`${label} ${sent.name}: ${detail}`);
  };
  if (answer.status === null) problem(result.stalls, 'NO ANSWER', answer.error ?? 'no status');
  else if (answer.durationMs > result.stallMs)
    problem(result.stalls, 'STALL', `answered after ${answer.durationMs} ms`);
  if (sent.mustRefuse) {
    result.door.sent++;
    if (answer.status !== null && answer.status >= 200 && answer.status < 300)
      problem(result.leaks, 'LEAK', `the door let it in (${answer.status})`);
    else result.door.refused++;
  }
  if (answer.status !== null && answer.status >= 500)
    problem(result.internalErrors, 'INTERNAL', `${answer.status} ${errorCode(answer.body)}: ${messageOf(answer.body)}`);
}

/** The load balancer, listener 443, its rules, the target group and the trust store, from the API itself. */
async function discoverTargets(endpoint: string): Promise<ApiTargets> {
  const first = async (action: string, params: Record<string, string>, member: string) =>
    all(await ask(endpoint, action, params), member)[0] ?? '';
  const loadBalancerArn = await first('DescribeLoadBalancers', {}, 'LoadBalancerArn');
  const listenerArn = await first('DescribeListeners', { LoadBalancerArn: loadBalancerArn }, 'ListenerArn');
  return {
    loadBalancerArn,
    listenerArn,
    ruleArns: all(await ask(endpoint, 'DescribeRules', { ListenerArn: listenerArn }), 'RuleArn'),
    targetGroupArn: await first('DescribeTargetGroups', {}, 'TargetGroupArn'),
    trustStoreArn: await first('DescribeTrustStores', {}, 'TrustStoreArn'),
  };
}

async function ask(endpoint: string, action: string, params: Record<string, string>): Promise<string> {
  const answer = await sendQuery(endpoint, queryBody(action, params));
  if (answer.status !== 200) throw new Error(`${action} answered ${answer.status}: ${answer.body || answer.error}`);
  return answer.body;
}

const all = (xml: string, member: string) =>
  [...xml.matchAll(new RegExp(`<${member}>([^<]*)</${member}>`, 'g'))].map((match) => match[1]!);

async function knownAnswers(endpoint: string): Promise<Map<string, string>> {
  const answers = new Map<string, string>();
  for (const action of KNOWN)
    answers.set(action, (await ask(endpoint, action, {})).replace(/<RequestId>[^<]*<\/RequestId>/, ''));
  return answers;
}

/** A changed answer is a leak; the new answers are the next batch's baseline, so one leak is counted once. */
async function checkKnown(
  endpoint: string,
  before: Map<string, string>,
  after: string,
  result: ApiFuzzResult,
  log?: (line: string) => void,
): Promise<Map<string, string>> {
  const now = await knownAnswers(endpoint).catch(() => null);
  if (!now) {
    result.leaks.push({ case: after, detail: 'a describe call no longer answers 200' });
    log?.(`LEAK after ${after}: a describe call no longer answers 200`);
    return before;
  }
  for (const action of KNOWN)
    if (now.get(action) !== before.get(action)) {
      result.leaks.push({ case: after, detail: `${action} answers differently` });
      log?.(`LEAK after ${after}: ${action} answers differently`);
    }
  return now;
}

function prototypeNames(): Map<string, string> {
  return new Map(PROTOTYPES.map(([name, object]) => [name, Reflect.ownKeys(object).map(String).sort().join(',')]));
}

function checkPrototypes(
  before: Map<string, string>,
  after: string,
  result: ApiFuzzResult,
  log?: (line: string) => void,
): Map<string, string> {
  const now = prototypeNames();
  for (const [name] of PROTOTYPES)
    if (now.get(name) !== before.get(name)) {
      result.leaks.push({ case: after, detail: `${name} changed` });
      log?.(`LEAK after ${after}: ${name} changed`);
    }
  return now;
}

/** A normal request through the ALB listener the API changes: any HTTP status, within the bound. */
async function checkListener(door: OpenApiDoor, after: string, result: ApiFuzzResult, log?: (line: string) => void) {
  const started = performance.now();
  const answer = await normalH1(door.listener, door.credentials, {}, Math.max(10_000, result.stallMs * 2));
  const ms = Math.round(performance.now() - started);
  result.dataPlane.sent++;
  if (answer.status === null) {
    result.stalls.push({ case: after, detail: `the listener did not answer: ${answer.error}` });
    log?.(`NO ANSWER from the listener after ${after}: ${answer.error}`);
  } else {
    result.dataPlane.answered++;
    if (ms > result.stallMs) {
      result.stalls.push({ case: after, detail: `the listener answered after ${ms} ms` });
      log?.(`STALL of the listener after ${after}: ${ms} ms`);
    }
  }
}

/**
 * Uncaught exceptions and unhandled rejections while the cases run (in `up` either would end the process, every
 * listener with it), and a component of the door that stops by itself. Returns the function that stops watching.
 */
function watchCrashes(door: OpenApiDoor, crashes: string[], log?: (line: string) => void): () => void {
  let watching = true;
  const record = (what: string) => (error: unknown) => {
    if (!watching) return;
    const line = `${what}: ${(error as Error)?.stack ?? String(error)}`;
    crashes.push(line);
    log?.(`CRASH ${line}`);
  };
  const exception = record('uncaught exception');
  const rejection = record('unhandled rejection');
  process.on('uncaughtException', exception);
  process.on('unhandledRejection', rejection);
  void door.exited.then((component) => {
    if (!watching) return;
    crashes.push(`stopped: ${component}`);
    log?.(`CRASH stopped: ${component}`);
  });
  return () => {
    watching = false;
    process.off('uncaughtException', exception);
    process.off('unhandledRejection', rejection);
  };
}

const messageOf = (xml: string) => /<Message>([^<]*)<\/Message>/.exec(xml)?.[1]?.slice(0, 160) ?? '';

/** The counts, as `npm run fuzz` prints them. */
export function formatApiFuzz(result: ApiFuzzResult): string {
  const kinds = API_CASE_KINDS.map((kind) => `${kind} ${result.byKind[kind]}`).join(', ');
  const statuses = Object.entries(result.statuses)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, count]) => `${status}: ${count}`)
    .join(', ');
  const lines = [
    `elbv2-api: ${result.requests} requests (${kinds}); answers ${statuses}`,
    `requests: ${result.requests}; crashes: ${result.crashes.length}; stalls over ${result.stallMs / 1000} s: ${result.stalls.length}; leaks of state across requests: ${result.leaks.length}; refused at the door: ${result.door.refused}/${result.door.sent}; internal errors (500): ${result.internalErrors.length}; listener requests answered: ${result.dataPlane.answered}/${result.dataPlane.sent}; seed ${result.seed}; ${(result.durationMs / 1000).toFixed(1)} s${result.cutShort ? ' (time bound reached)' : ''}`,
  ];
  for (const problem of [...result.stalls, ...result.leaks, ...result.internalErrors].slice(0, 20))
    lines.push(`  ${problem.case}: ${problem.detail}`);
  for (const crash of result.crashes) lines.push(`  crashed: ${crash.split('\n')[0]}`);
  return lines.join('\n');
}
