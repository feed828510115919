// What the compiler found in a template and does not realize, with why: one entry per resource or property. Its own
// file so that the parts of the model that report findings need not import the whole topology.
import type { Message } from '../messages.js';

export interface NotRealized {
  logicalId: string;
  type: string;
  property?: string;
  reason: Message;
}
