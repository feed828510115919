// Errors of the runtime. The compiler's own (TopologyError, AwsApiError) live with the model and are passed on here,
// where the runtime and the CLI have always found them.
import type { Message } from '../messages.js';

export { AwsApiError, TopologyError } from '../model/errors.js';

/**
 * A component that could not be started (or did not become ready): the message says why and what to do; `said`, where
 * given, says the same as a message code, for the command line in the user's language.
 */
export class StartError extends Error {
  constructor(
    message: string,
    /** Not readonly: a retry on other ports adds how many it tried (withFreshPorts). */
    public said?: Message,
  ) {
    super(message);
  }
}

/** A component could not have its port: someone else listens there (the message names who). */
export class PortInUseError extends StartError {
  constructor(
    message: string,
    readonly port: number,
    readonly holders: number[],
    said?: Message,
  ) {
    super(message, said);
  }
}
