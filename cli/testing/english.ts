// Test support: the engine's messages in the catalogue's English, so tests can state what a reader sees.
import { say } from '../i18n/messages.js';
import type { Message } from '../../sandbox/messages.js';
import type { Topology } from '../../sandbox/model/topology.js';

/** A topology whose not-realized reasons read as the English a reader sees. */
export type EnglishTopology = Omit<Topology, 'notRealized'> & {
  notRealized: (Omit<Topology['notRealized'][number], 'reason'> & { reason: string })[];
};

export function inEnglish(topology: Topology): EnglishTopology {
  return {
    ...topology,
    notRealized: topology.notRealized.map((entry) => ({ ...entry, reason: say(entry.reason, 'en') })),
  };
}

/** A message (or none) in the catalogue's English. */
export const english = (message: Message | null | undefined): string => (message ? say(message, 'en') : '');
