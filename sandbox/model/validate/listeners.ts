// What CreateListener checks of a listener's place: its port and that no other listener of the load balancer has
// it. Pure. (The mutual authentication mode depends on the load balancer's kind: model/listener-limits.ts.)
// Sources: API model, Port (integer 1–65535); API Reference CreateListener: DuplicateListener "A listener with the
// specified port already exists.".
import { constraint, Refusal, refuse } from './refusal.js';

/** A listener port as written: a whole number 1–65535. */
export function readListenerPort(written: unknown, member = 'port'): number {
  if (written === undefined || written === null || written === '')
    refuse(constraint(null, member, 'Member must not be null'), 'an ALB or NLB listener needs a Port');
  const text = String(written).trim();
  const value = Number(text);
  if (!/^-?\d+$/.test(text))
    refuse(
      constraint(text, member, 'Member must be an integer'),
      `Port ${JSON.stringify(written)} is not a whole number`,
    );
  if (value < 1)
    refuse(constraint(text, member, 'Member must have value greater than or equal to 1'), `Port ${value} is below 1`);
  if (value > 65_535)
    refuse(
      constraint(text, member, 'Member must have value less than or equal to 65535'),
      `Port ${value} is above 65535`,
    );
  return value;
}

/** DuplicateListener when another listener of the load balancer has the port (documented code and message). */
export function checkListenerPortFree(port: number, others: { id: string; port: number }[]): void {
  const taken = others.find((other) => other.port === port);
  if (taken)
    throw new Refusal(
      'DuplicateListener',
      'A listener with the specified port already exists.',
      `listener ${taken.id} of the same load balancer already listens on port ${port}`,
      false,
    );
}
