// How Route 53 turns health-check results into a health status, and a failover record set into an answer. Pure.
// AWS references (Route 53 Developer Guide):
// - "How Amazon Route 53 determines whether a health check is healthy": a new health check is healthy until there is
//   enough data; the status changes after FailureThreshold consecutive checks that pass or fail (the failure
//   threshold counts both ways); a TCP check passes when the TCP connection is established within 10 s; an HTTP(S)
//   check needs the connection within 4 s and a 2xx/3xx status within 2 s more (certificates are not validated).
// - "How Amazon Route 53 chooses records when health checking is configured": a record without a health check is
//   always healthy; when every record of the group is unhealthy, all of them are considered healthy.
// - "Active-active and active-passive failover": the primary while it is healthy, else the secondary.
// Route 53 aggregates many checkers (healthy when more than 18% report healthy); the sandbox has one checker, so its
// status is that checker's.
import { type Message, msg } from '../messages.js';
import type { Route53HealthCheck, Route53Record } from '../model/dns-topology.js';

export type HealthStatus = 'Healthy' | 'Unhealthy';

export interface HealthState {
  status: HealthStatus;
  /** Consecutive results that disagree with the current status (they change it on reaching the threshold). */
  against: number;
  checks: number;
}

export function initialHealth(): HealthState {
  return { status: 'Healthy', against: 0, checks: 0 };
}

export interface CheckOutcome {
  state: HealthState;
  /** The new status when this result changed it. */
  changedTo: HealthStatus | null;
}

/** One check result (`passed`, already inverted for an Inverted health check) against the current state. */
export function recordCheck(state: HealthState, passed: boolean, failureThreshold: number): CheckOutcome {
  const agrees = passed === (state.status === 'Healthy');
  if (agrees) return { state: { status: state.status, against: 0, checks: state.checks + 1 }, changedTo: null };
  const against = state.against + 1;
  if (against >= failureThreshold) {
    const status: HealthStatus = passed ? 'Healthy' : 'Unhealthy';
    return { state: { status, against: 0, checks: state.checks + 1 }, changedTo: status };
  }
  return { state: { status: state.status, against, checks: state.checks + 1 }, changedTo: null };
}

export interface Answer {
  record: Route53Record;
  /** Why this record: the rule that chose it. */
  why: Message;
}

/**
 * The record Route 53 answers with for `name` (type A), given each health check's status (by logical id). Failover
 * records: PRIMARY while healthy, else SECONDARY while healthy, else — every record unhealthy — as if all were
 * healthy, so PRIMARY. A simple record (no failover) is the answer as it is. Null: no record of that name.
 */
export function resolveName(
  records: readonly Route53Record[],
  name: string,
  statusOf: (healthCheckId: string) => HealthStatus | null,
): Answer | null {
  const wanted = name.replace(/\.$/, '').toLowerCase();
  const group = records.filter((record) => record.name === wanted && record.type === 'A');
  if (group.length === 0) return null;
  const healthy = (record: Route53Record) =>
    record.healthCheckId === null || statusOf(record.healthCheckId) !== 'Unhealthy';
  const primary = group.find((record) => record.failover === 'PRIMARY');
  const secondary = group.find((record) => record.failover === 'SECONDARY');
  if (!primary && !secondary) return { record: group[0]!, why: msg('r53.simple-record') };
  if (primary && healthy(primary))
    return {
      record: primary,
      why: msg(primary.healthCheckId ? 'r53.primary-healthy' : 'r53.primary-unchecked'),
    };
  if (secondary && healthy(secondary)) {
    return {
      record: secondary,
      why: msg(primary ? 'r53.secondary-primary-unhealthy' : 'r53.secondary-no-primary'),
    };
  }
  return {
    record: primary ?? secondary!,
    why: msg('r53.all-unhealthy'),
  };
}

/** The checks a health check needs, in sandbox milliseconds, for a given time scale. Pure. */
export function checkTimings(
  check: Pick<Route53HealthCheck, 'type' | 'requestIntervalSeconds'>,
  timeScale: number,
): { intervalMs: number; connectTimeoutMs: number; responseTimeoutMs: number } {
  const scale = (seconds: number, floor: number) => Math.max(floor, Math.round((seconds * 1000) / timeScale));
  return {
    intervalMs: scale(check.requestIntervalSeconds, 50),
    // TCP: connection within 10 s; HTTP(S): within 4 s, then the status within 2 s. Loopback needs little, but a
    // floor keeps a busy machine from failing checks that AWS would pass.
    connectTimeoutMs: scale(check.type === 'TCP' ? 10 : 4, 250),
    responseTimeoutMs: scale(2, 250),
  };
}
