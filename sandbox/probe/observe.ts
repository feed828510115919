// One request and everything it left behind: the curl transcript, the request the target logged, and the load
// balancer's own records (connection log, AWS WAF log). Probes run one at a time, so the lines that appear while
// curl runs are the probe's own.
import {
  fileOffsets,
  jsonLinesSince,
  logOffsets,
  observationsSince,
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

/** Runs one curl and reads what the topology logged meanwhile. `connectionLog: false` skips waiting for that log. */
export async function observe(
  prepared: PreparedCurl,
  logs: ObservedLogs,
  options: { connectionLog: boolean } = { connectionLog: true },
): Promise<Observation> {
  const targetOffsets = logOffsets(logs.targets);
  const connectionOffsets = fileOffsets(logs.connectionLogFiles);
  const wafOffsets = fileOffsets(logs.wafLogFiles);
  const requestOffsets = fileOffsets(logs.requestLogFiles);
  const curl = await runPreparedCurl(prepared);
  // nginx logs after it answers, so give it a moment when there was an answer.
  const seen = await observationsSince(logs.targets, targetOffsets, curl.parsed.response ? 500 : 50);
  const connectionLog = options.connectionLog
    ? await jsonLinesSince(logs.connectionLogFiles, connectionOffsets, 500)
    : [];
  // Written before the ALB answers, so no wait is needed.
  const wafLog = await jsonLinesSince<WafLogEntry>(logs.wafLogFiles, wafOffsets, 0);
  // Written when the response has gone out: there was one, so wait a moment for its line.
  const requests = await jsonLinesSince<RequestRecord>(
    logs.requestLogFiles,
    requestOffsets,
    curl.parsed.response ? 500 : 0,
  );
  return { curl, target: seen[seen.length - 1] ?? null, connectionLog, wafLog, requests };
}
