// What runs a scenario's components: the host driver (host-driver.ts: processes on this machine, servers in this
// process) or the docker driver (docker/driver.ts: each component a container). The component modules
// (nginx-target.ts, haproxy-lb.ts, alb-lb.ts, nlb-tls-lb.ts, cloudfront-lb.ts, echo-target.ts, the LocalStack modules)
// render the same configurations for both and call the driver directly; neither driver leaves anything to a fallback.
// Every emulator (ALB, NLB TLS listener, CloudFront, echo target) is started by kind from one table
// (sandbox/runtime/emulator-table.ts) through Driver.emulator: a new kind needs no new driver method.
//
// DriverBase keeps what both share: every stop in start order, stopped newest first (load balancers before their
// targets), one stop shared by every caller, the first unexpected exit, the last-resort hook on process exit, and the
// list of live drivers that Ctrl-C and SIGTERM stop (stopEveryDriver), and the run's registration (run-registry.ts):
// whatever a driver starts or adopts — a process, a container, a server in this process — is listed in the runner
// record `mtls-sandbox down` reads, so a component added later gets that for free. It also runs an emulator in this
// process (runHere), where a port someone else holds becomes a PortInUseError naming the holder, for every kind.
import { ListenError } from '../emulator/server-base.js';
import type { Address } from '../emulator/shape.js';
import {
  componentName,
  type EmulatorConfig,
  type EmulatorKind,
  type RunningOf,
  startEmulator,
} from './emulator-table.js';
import type { ComponentKind, ComponentReport } from '../report.js';
import type { Tool } from './binaries.js';
import { PortInUseError } from './errors.js';
import { list } from '../messages.js';
import { describePortHolder, holderParts } from './port-holder.js';
import { holdComponent, releaseComponent } from './run-registry.js';
import { liveDrivers } from './live-drivers.js';

export { stopEveryDriver } from './live-drivers.js';

export type { Address } from '../emulator/shape.js';

/** A process component (nginx, HAProxy, LocalStack), the same for every driver. */
export interface ProcessSpec {
  name: string;
  kind: ComponentKind;
  /** A system tool found with findTool, or 'localstack' (run from its venv: give `executable`). */
  tool: Tool | 'localstack';
  /** Run this file instead of looking `tool` up on PATH (e.g. the LocalStack venv's python). */
  executable?: string;
  /** Extra environment variables for the child. */
  env?: Record<string, string>;
  args: string[];
  cwd: string;
  /** Addresses that accept connections once the process is ready. */
  listens: { host: string; port: number }[];
  /** stdout and stderr go here (for a container: its log, copied when it stops). */
  logFile: string;
  startTimeoutMs?: number;
}

/** A started process component; the driver that started it stops it (Driver.stop, Driver.stopAll). */
export interface ManagedProcess {
  readonly spec: ProcessSpec;
  /** The process id on this machine; 0 for a container. */
  readonly pid: number;
  exited(): boolean;
}

/** One running emulator, however the driver runs it (stopped by its driver). */
export interface EmulatorHandle<K extends EmulatorKind> {
  readonly kind: K;
  readonly addresses: readonly Address[];
  /** Resolves once it is ready to be probed (every target has had its first health check). */
  ready(): Promise<void>;
  /** The emulator itself when it runs in this process (its logs, apply(), health); null in a container. */
  readonly local: RunningOf<K> | null;
}

/** A component that stopped without being asked to (its process died, `mtls-sandbox down` killed it). */
export interface ComponentExit {
  name: string;
}

/** Where and how a run's components are started, described and stopped. */
export interface Driver {
  /** Which runtime this is, as the report names it. */
  readonly runtime: 'host' | 'docker';
  /**
   * Starts a process component and resolves once every address in `spec.listens` accepts connections; otherwise
   * stops it and rejects with a StartError that says why (its log's last lines).
   */
  start(spec: ProcessSpec): Promise<ManagedProcess>;
  /**
   * Runs one emulator of the table (sandbox/runtime/emulator-table.ts); resolves once it accepts connections, or rejects
   * (a PortInUseError naming the holder when its port is taken). Stopped with the rest.
   */
  emulator<K extends EmulatorKind>(kind: K, config: EmulatorConfig<K>): Promise<EmulatorHandle<K>>;
  /** The version a tool reports where this driver runs it. */
  toolVersion(tool: Tool): Promise<string>;
  /** Adds where a component runs (runtime, image, container) to its report; mutates and returns it. */
  describe(component: ComponentReport): ComponentReport;
  /** Takes over the stop of a server started in this process that is not an emulator (the ELBv2 API, the Route 53
   * runtime, a LocalStack container): stopped with the rest, in start order. */
  adopt(name: string, stop: () => Promise<void>): void;
  /** Stops one process component and forgets it (a target being replaced, as ECS replaces a task). */
  stop(component: ManagedProcess): Promise<void>;
  /** Stops everything this driver started, newest first; every caller shares one stop. */
  stopAll(): Promise<void>;
  /** Resolves with the first component that exits after it was ready and before it was stopped. */
  exited(): Promise<ComponentExit>;
}

// Every member is a DriverBase: only its constructor and adopt() add to the set.
const live = liveDrivers as Set<DriverBase>;
let exitHookInstalled = false;

/** The bookkeeping both drivers share; each adds how it starts, describes and kills its components. */
export abstract class DriverBase implements Driver {
  abstract readonly runtime: 'host' | 'docker';
  /** Child processes, containers and in-process servers, in start order. */
  private readonly stoppables: { name: string; stop: () => Promise<void> }[] = [];
  /** The stop of each process component, for stop(component). */
  private readonly stops = new WeakMap<ManagedProcess, () => Promise<void>>();
  private stopping: Promise<void> | undefined;
  private readonly firstExit: Promise<ComponentExit>;
  private reportExit: (exit: ComponentExit) => void = () => {};

  /** `state`: the state dir the run registers in (and, for the host driver, where the pid files go). */
  constructor(protected readonly state: string) {
    this.firstExit = new Promise((resolve) => (this.reportExit = resolve));
    live.add(this);
    if (!exitHookInstalled) {
      exitHookInstalled = true;
      // Last resort on any exit path that skipped stopAll(): each driver removes what it runs, synchronously.
      process.on('exit', () => DriverBase.killEveryDriverNow());
    }
  }

  abstract start(spec: ProcessSpec): Promise<ManagedProcess>;
  abstract emulator<K extends EmulatorKind>(kind: K, config: EmulatorConfig<K>): Promise<EmulatorHandle<K>>;
  abstract toolVersion(tool: Tool): Promise<string>;
  abstract describe(component: ComponentReport): ComponentReport;
  /** Kills what is still running, synchronously (the process is exiting; nothing can be awaited). */
  protected abstract killNow(): void;

  adopt(name: string, stop: () => Promise<void>): void {
    live.add(this);
    this.stoppables.push({ name, stop });
    holdComponent(this.state, name);
  }

  /** Runs an emulator in this process and adopts its close(); a taken port becomes a PortInUseError. */
  protected async runHere<K extends EmulatorKind>(kind: K, config: EmulatorConfig<K>): Promise<EmulatorHandle<K>> {
    const name = componentName(kind, config);
    let running: RunningOf<K>;
    try {
      running = await startEmulator(kind, config);
    } catch (error) {
      if (!(error instanceof ListenError) || error.code !== 'EADDRINUSE') throw error;
      const holder = describePortHolder(this.state, error.host, error.port);
      throw new PortInUseError(
        `${name} could not listen on ${error.host}:${error.port}: the port is held by ${holder.who}. ${holder.advice}`,
        error.port,
        [],
        list('start.port-held', { name, where: `${error.host}:${error.port}` }, holderParts(holder)),
      );
    }
    this.adopt(name, () => running.close());
    return { kind, addresses: running.addresses, ready: () => running.ready(), local: running };
  }

  /** Says which adopted stop belongs to a process component, for stop(component). */
  protected bind(component: ManagedProcess, stop: () => Promise<void>): void {
    this.stops.set(component, stop);
  }

  /** Drops an adopted stop without calling it (a start that failed and cleaned up after itself). */
  protected forget(stop: () => Promise<void>): void {
    const index = this.stoppables.findIndex((item) => item.stop === stop);
    if (index < 0) return;
    const [item] = this.stoppables.splice(index, 1);
    releaseComponent(this.state, item!.name);
  }

  async stop(component: ManagedProcess): Promise<void> {
    const stop = this.stops.get(component);
    if (!stop) return;
    await stop();
    this.forget(stop);
    this.stops.delete(component);
  }

  stopAll(): Promise<void> {
    // Two callers (a signal handler and a finally block) share one stop; what is not stopped yet stays listed, so an
    // exit in the middle still lets the exit hook kill what is left.
    this.stopping ??= this.stopEach().finally(() => {
      live.delete(this);
      this.stopping = undefined;
    });
    return this.stopping;
  }

  private async stopEach(): Promise<void> {
    for (let item = this.stoppables.at(-1); item; item = this.stoppables.at(-1)) {
      await item.stop();
      this.forget(item.stop);
    }
  }

  exited(): Promise<ComponentExit> {
    return this.firstExit;
  }

  /** A component exited after it was ready and before anyone stopped it. */
  protected componentExited(name: string): void {
    this.reportExit({ name });
  }

  private static killEveryDriverNow(): void {
    for (const driver of live) {
      try {
        driver.killNow();
      } catch {
        // the next driver's components still need removing
      }
    }
  }
}
