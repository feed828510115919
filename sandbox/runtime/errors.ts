// A topology the sandbox cannot realize as written: the message names the resource and what to change.
export class TopologyError extends Error {}

/** A component that could not be started (or did not become ready): the message says why and what to do. */
export class StartError extends Error {}
