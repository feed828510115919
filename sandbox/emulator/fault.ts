// When an emulator itself fails on one request or connection (an unexpected exception in its request path): that
// one request is answered as an ALB answers its own failures, and its log entry says so. ALB troubleshooting: 500
// when the load balancer fails executing what it was configured with (documented for the web ACL rules), 502 when
// something goes wrong towards the target (a malformed or invalid response from it). The log entry carries the
// message code and its parameters as fields, so a renderer says it in English and Japanese (faultMessage).
import { type Message, msg } from '../messages.js';

/** The message a log entry carries when the emulator failed on it. */
export const FAULT_CODE = 'log.emulator-fault';

/** What a log entry gets when the emulator failed on it (flat fields: connection and request logs hold strings;
 * a type, not an interface, so that it fits their index signatures). */
export type FaultFields = {
  fault: typeof FAULT_CODE;
  /** Where it failed: a request stage ("rules", "forward", …) or a connection step ("TLS front", …). */
  fault_stage: string;
  fault_error: string;
};

/** Where the request path failed → the status that request gets: towards the target 502, anywhere else 500. */
export function faultStatus(stage: string): 500 | 502 {
  return stage === 'forward' ? 502 : 500;
}

export function faultFields(stage: string, error: unknown): FaultFields {
  return { fault: FAULT_CODE, fault_stage: stage, fault_error: errorText(error) };
}

/** The note the entry's `notes` field gets (the sandbox's notes are English; the message is for renderers). */
export function faultNote(stage: string, error: unknown): string {
  return `internal error in ${stage}: ${errorText(error)} (only this request or connection was affected)`;
}

/** The fault of a log entry (request log: with its status; connection log: the connection), or null. */
export function faultMessage(entry: Record<string, unknown>): Message | null {
  if (entry.fault !== FAULT_CODE) return null;
  const status = typeof entry.elb_status_code === 'number' ? entry.elb_status_code : null;
  return msg(FAULT_CODE, {
    stage: String(entry.fault_stage ?? ''),
    error: String(entry.fault_error ?? ''),
    status,
    connection: status === null,
  });
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  // One line, bounded: log fields are read by people and written to files on every fault.
  return text.replace(/\s+/g, ' ').slice(0, 300);
}
