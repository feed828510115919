// What a scenario of a run shares with the others (pure): scenarios that share a resource never run at the same
// time. Each run has its own components, ports (the kernel's free ones), directory, driver and registry entry, and
// the synth cache and the certificates are taken under a lock, so only these are shared.
import { availableParallelism } from 'node:os';
import type { ScenarioDefinition } from '../scenario.js';
import type { Job } from './schedule.js';

export interface RunShape {
  /** A LocalStack serves this run (its scenarios deploy to one LocalStack, one stack after another). */
  localstack: boolean;
  /** Deploy every scenario's stack, not only those that need LocalStack. */
  deployAll: boolean;
  runtime: 'host' | 'docker';
  /** --pcap: every probe captured on the loopback interface. */
  pcap: boolean;
}

export function jobOf(scenario: ScenarioDefinition, run: RunShape): Job {
  const resources = new Set(scenario.shares ?? []);
  // One LocalStack takes the deploys: a deploy waits for the one before (cdklocal, CloudFormation).
  if (run.localstack && (scenario.needs?.localstack || run.deployAll)) resources.add('localstack');
  // The Docker engine builds images and networks by name for each scenario: one at a time.
  if (run.runtime === 'docker') resources.add('docker-engine');
  // A capture per probe (tshark on the loopback interface) is heavy and the point is to read it: one at a time.
  if (run.pcap) resources.add('pcap');
  // Probe hooks nobody here wrote may touch anything of the machine: such a scenario runs alone of its kind.
  if (scenario.origin?.kind === 'user' && scenario.probes.some((probe) => probe.before)) resources.add('user-hooks');
  return { resources: [...resources], cost: costOf(scenario) };
}

/** Requests the scenario sends, plus one per probe for its set-up: a guess at its length (the catalogue's longest
 * runs are its distributions). */
export function costOf(scenario: ScenarioDefinition): number {
  return scenario.probes.reduce(
    (sum, probe) => sum + 1 + (probe.client.sources?.length ?? 1) * Math.max(1, probe.client.repeat ?? 1),
    0,
  );
}

/** How many scenarios run at once unless told: twice the cores, at least 2, at most 4 (each scenario starts several
 * processes). A scenario spends much of its time waiting (components starting, curl, records being written), so on
 * 2 cores 4 at once kept them busier than 2: 0.86x the wall time (load ~5, 6 runs of each, alternating). */
export const defaultConcurrency = (): number => Math.min(4, Math.max(2, 2 * availableParallelism()));

/** Requests of one probe in flight at once (a distribution's clients, where it allows): none side by side in a
 * serial run (--concurrency 1), else 8 — enough to keep two cores busy with curl, few enough not to queue at a
 * target's accept. */
export const requestsAtOnceFor = (concurrency: number): number => (concurrency <= 1 ? 1 : 8);
