// Every kind of emulator the drivers can run, by kind: the one table they read (driver.ts). A new front door is a
// folder with its start(config) in the shape of sandbox/emulator/shape.ts, plus a row here; the host driver then runs
// it in process, and the docker driver too unless it has a container recipe for it (sandbox/runtime/docker/).
import { startAlbListener } from '../alb/listener.js';
import { startViewerMtlsDistribution } from '../cloudfront/distribution.js';
import { startEchoTarget } from '../echo/echo-server.js';
import { cloudFrontComponentName } from '../model/cloudfront.js';
import { startNlbTlsListener } from '../nlb/tls-listener.js';
import type { RunningEmulator } from '../emulator/shape.js';

/**
 * A row: a start in the emulator shape, and the component name the driver registers a running one under (what
 * `mtls-sandbox down` lists; by default the config's name).
 */
const row = <C extends { name: string }, R extends RunningEmulator<never, unknown>>(
  start: (config: C) => Promise<R>,
  component: (config: C) => string = (config) => config.name,
) => ({ start, component });

export const EMULATORS = {
  /** One ALB HTTP or HTTPS listener (sandbox/alb/). */
  alb: row(startAlbListener),
  /** One NLB listener with Protocol TLS (sandbox/nlb/). */
  'nlb-tls': row(startNlbTlsListener),
  /** One CloudFront distribution with viewer mutual TLS (sandbox/cloudfront/); its name is the construct path. */
  cloudfront: row(startViewerMtlsDistribution, (config) => cloudFrontComponentName({ path: config.name })),
  /** The echo target that stands in for an application behind a load balancer (sandbox/echo/). */
  echo: row(startEchoTarget),
};

export type EmulatorKind = keyof typeof EMULATORS;
export type EmulatorConfig<K extends EmulatorKind> = Parameters<(typeof EMULATORS)[K]['start']>[0];
export type RunningOf<K extends EmulatorKind> = Awaited<ReturnType<(typeof EMULATORS)[K]['start']>>;

/** The table's row of a kind, typed for that kind. */
function rowOf<K extends EmulatorKind>(
  kind: K,
): { start: (config: EmulatorConfig<K>) => Promise<RunningOf<K>>; component: (config: EmulatorConfig<K>) => string } {
  // The table's rows differ in their types; indexing it by a generic kind loses which row, so say it once here.
  return EMULATORS[kind] as unknown as ReturnType<typeof rowOf<K>>;
}

/** The component name a running emulator of this kind and config is registered under. */
export function componentName<K extends EmulatorKind>(kind: K, config: EmulatorConfig<K>): string {
  return rowOf(kind).component(config);
}

/** Starts one emulator of the table in this process. */
export function startEmulator<K extends EmulatorKind>(kind: K, config: EmulatorConfig<K>): Promise<RunningOf<K>> {
  return rowOf(kind).start(config);
}
