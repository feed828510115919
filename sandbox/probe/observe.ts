// One request and everything it left behind: the curl transcript, the request the target logged, and the load
// balancer's own records (connection log, AWS WAF log). Probes run one at a time, so the lines that appear while
// curl runs are the probe's own.
import {
  fileOffsets,
  jsonLinesSince,
  logOffsets,
  observationsSince,
  type RequestIdTail,
  type TargetHandle,
} from '../runtime/target-log.js';
import type { RequestRecord } from '../alb/request-log.js';
import type { TargetObservation, WafLogEntry } from '../report.js';
import { runPreparedCurl, type CurlResult, type PreparedCurl } from './curl-runner.js';

/** Where a realized topology writes what it saw. */
export interface ObservedLogs {
  targets: readonly TargetHandle[];
  connectionLogFiles: readonly string[];
  wafLogFiles: readonly string[];
  /** The ALB emulator's request logs: each request and the listener rules it met. */
  requestLogFiles: readonly string[];
}

export interface Observation {
  curl: CurlResult;
  target: TargetObservation | null;
  connectionLog: Record<string, string | number>[];
  wafLog: WafLogEntry[];
  /** The load balancer's records of the requests (ALB emulator), oldest first. */
  requests: RequestRecord[];
}

/**
 * Which of the load balancer's own records this request can leave, from the listener it calls: an ALB writes a
 * request record for every request it answers and a connection log entry for every TLS connection; an NLB TLS
 * listener a connection log entry; HAProxy and a Route 53 name neither. Waiting only for records that will come is
 * what lets a probe finish as soon as it is done.
 */
export interface ExpectedRecords {
  connectionLog: boolean;
  requestLog: boolean;
}

/** How long a record written just after curl returns may take to appear (the writer is another process or the
 * event loop's next turn); a record that is there returns at once. */
const RECORD_GRACE_MS = 500;
/** The same with requests in flight side by side: an in-process target (the echo target) writes its line from an
 * event loop that is busy with the other requests, so a line that is due may take longer; one that is there returns
 * at once, so only a request no target logged waits this long. */
const SIDE_BY_SIDE_RECORD_GRACE_MS = 3000;
/** A target that got nothing: how long to look anyway, for a request still being logged by a passthrough target. */
const NO_ANSWER_GRACE_MS = 50;

/**
 * How long to wait for a target's line of a request that got no answer: none when curl never sent the request (its
 * handshake failed first), as no target can have logged it; else NO_ANSWER_GRACE_MS.
 */
const noAnswerGrace = (curl: CurlResult): number =>
  curl.parsed.steps.some((step) => step.kind === 'http-request') ? NO_ANSWER_GRACE_MS : 0;

/** Runs one curl and reads what the topology logged meanwhile, waiting only for records the request can leave. */
export async function observe(
  prepared: PreparedCurl,
  logs: ObservedLogs,
  expected: ExpectedRecords,
): Promise<Observation> {
  const targetOffsets = logOffsets(logs.targets);
  const connectionOffsets = fileOffsets(logs.connectionLogFiles);
  const wafOffsets = fileOffsets(logs.wafLogFiles);
  const requestOffsets = fileOffsets(logs.requestLogFiles);
  const curl = await runPreparedCurl(prepared);
  const answered = curl.parsed.response !== null;
  // The ALB writes the request's record as its response goes out: there was one, so the record is due.
  const requests = await jsonLinesSince<RequestRecord>(
    logs.requestLogFiles,
    requestOffsets,
    expected.requestLog && answered ? RECORD_GRACE_MS : 0,
  );
  // The record says whether a target was involved: an ALB that answered itself (fixed response, redirect, AWS WAF,
  // 5xx) sent nothing on, so there is nothing to wait for.
  const answeredItself = requests.length > 0 && requests.every((request) => request.target === '-');
  const targetGrace = !answered ? noAnswerGrace(curl) : answeredItself ? 0 : RECORD_GRACE_MS;
  const seen = await observationsSince(logs.targets, targetOffsets, targetGrace);
  // Written as the connection closes, which curl's exit has done; a curl that sent no ClientHello (it could not load
  // the certificate, or found no one listening) left no connection to log.
  const helloSent = curl.parsed.steps.some((step) => step.kind === 'client-hello');
  const connectionLog = await jsonLinesSince(
    logs.connectionLogFiles,
    connectionOffsets,
    expected.connectionLog && helloSent ? RECORD_GRACE_MS : 0,
  );
  // Written before the ALB answers, so no wait is needed.
  const wafLog = await jsonLinesSince<WafLogEntry>(logs.wafLogFiles, wafOffsets, 0);
  return { curl, target: seen[seen.length - 1] ?? null, connectionLog, wafLog, requests };
}

/**
 * One request among others in flight to the same targets: what its target logged, found by the id it carries in the
 * logs as they grew since before any of them was sent (`tail`). The load balancer's own records carry no such id and
 * are left out: a probe sends so only when it expects nothing of them (sandbox/probe/side-by-side.ts).
 */
export async function observeOne(prepared: PreparedCurl, tail: RequestIdTail, requestId: string): Promise<Observation> {
  const curl = await runPreparedCurl(prepared);
  const grace = curl.parsed.response !== null ? SIDE_BY_SIDE_RECORD_GRACE_MS : noAnswerGrace(curl);
  const target = await tail.find(requestId, grace);
  return { curl, target, connectionLog: [], wafLog: [], requests: [] };
}
