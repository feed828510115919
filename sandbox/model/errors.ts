// The compiler's errors: a topology the sandbox cannot realize as written, and a resource AWS's API would refuse.
// Pure: thrown by the model, reported by the CLI as set-up errors.
import { type Message, msg } from '../messages.js';

/**
 * A topology the sandbox cannot realize as written: the message names the resource and what to change; `said`, where
 * given, says the same as a message code, for the command line in the user's language.
 */
export class TopologyError extends Error {
  constructor(
    message: string,
    readonly said?: Message,
  ) {
    super(message);
  }
}

/**
 * A resource AWS's API would refuse as the stack declares it: the deploy would fail, so the set-up does, with the
 * operation, AWS's error code and message, and what in the resource breaks which rule.
 */
export class AwsApiError extends TopologyError {
  constructor(
    /** The resource as the scenario author names it, e.g. "TrustStore (AWS::ElasticLoadBalancingV2::TrustStore)". */
    readonly resource: string,
    readonly operation: string,
    readonly code: string,
    readonly awsMessage: string,
    readonly detail: string,
    /** The rule is AWS's, the error code it yields is the sandbox's choice. */
    readonly assumed: boolean,
  ) {
    super(
      `${resource}: ${operation} would fail with ${code} ("${awsMessage}", HTTP 400): ${detail}.${assumed ? " AWS documents the rule but not which error breaking it gives; this one is the sandbox's assumption (docs/aws-facts.md)." : ''}`,
      msg('topo.aws-refuses', { resource, operation, code, awsMessage, detail, assumed }),
    );
    this.name = 'AwsApiError';
  }
}

/**
 * Something in a template the sandbox cannot realize (a UDP listener, a Gateway Load Balancer…), though AWS would
 * deploy it: with a template nobody here wrote it becomes a finding on that resource, and the rest still runs.
 */
export class Unrealizable extends TopologyError {
  constructor(
    readonly resource: string,
    readonly reason: Message,
  ) {
    super(`${resource}: not realized (${reason.code} ${JSON.stringify(reason.params ?? {})})`);
    this.name = 'Unrealizable';
  }
}
