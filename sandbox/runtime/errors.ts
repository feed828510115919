// A topology the sandbox cannot realize as written: the message names the resource and what to change.
export class TopologyError extends Error {}
