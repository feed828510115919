// The host driver (`--runtime host`, the default): nginx, HAProxy and LocalStack as child processes of this machine
// (host-process.ts: process groups, pid files, readiness by who listens), the ALB emulator, the NLB TLS listener
// emulator and the echo target as servers in this process. A new in-process component goes through serveInProcess():
// it is then stopped with the run, listed in the run's registration (`mtls-sandbox down` stops it), and a taken port
// is a PortInUseError that says who holds it (withFreshPorts in ports.ts retries on another).
import type { AlbListenerConfig } from '../alb/config.js';
import { startAlbListener } from '../alb/listener.js';
import { startEchoTarget, type EchoTargetOptions } from '../echo/echo-server.js';
import type { NlbTlsListenerConfig } from '../nlb/tls-config.js';
import { startNlbTlsListener } from '../nlb/tls-listener.js';
import type { ComponentReport } from '../report.js';
import { toolVersion, type Tool } from './binaries.js';
import {
  DriverBase,
  type AlbListenerHandle,
  type EchoServerHandle,
  type ManagedProcess,
  type NlbTlsListenerHandle,
  type ProcessSpec,
} from './driver.js';
import { PortInUseError } from './errors.js';
import { spawnHostProcess, type HostProcess } from './host-process.js';
import { describePortHolder } from './port-holder.js';

export class HostDriver extends DriverBase {
  readonly runtime = 'host' as const;
  /** Children not stopped yet, for the exit hook. */
  private readonly children = new Set<HostProcess>();

  /** `state`: the state dir, whose run/ holds the pid files. */
  constructor(state: string) {
    super(state);
  }

  async start(spec: ProcessSpec): Promise<ManagedProcess> {
    const child = spawnHostProcess(spec, this.state, () => this.componentExited(spec.name));
    this.children.add(child);
    const stop = async () => {
      await child.stop();
      this.children.delete(child);
    };
    // Listed before it is ready, so a stop while it starts (Ctrl-C) stops it too.
    this.adopt(spec.name, stop);
    try {
      await child.ready();
    } catch (error) {
      this.children.delete(child);
      this.forget(stop);
      throw error;
    }
    const managed: ManagedProcess = { spec, pid: child.pid, exited: child.exited };
    this.bind(managed, stop);
    return managed;
  }

  albListener(config: AlbListenerConfig): Promise<AlbListenerHandle> {
    return this.serveInProcess(config.name, config, () => startAlbListener(config));
  }

  nlbTlsListener(config: NlbTlsListenerConfig): Promise<NlbTlsListenerHandle> {
    return this.serveInProcess(config.name, { host: config.host, port: config.port }, () =>
      startNlbTlsListener(config),
    );
  }

  echoServer(options: EchoTargetOptions): Promise<EchoServerHandle> {
    return this.serveInProcess(options.name, { host: options.host ?? '127.0.0.1', port: options.port ?? 0 }, () =>
      startEchoTarget(options),
    );
  }

  /** Starts a server in this process and adopts its close(); EADDRINUSE becomes a PortInUseError naming the holder. */
  async serveInProcess<T extends { close(): Promise<void> }>(
    name: string,
    where: { host: string; port: number },
    start: () => Promise<T>,
  ): Promise<T> {
    let running: T;
    try {
      running = await start();
    } catch (error) {
      if ((error as { code?: string }).code !== 'EADDRINUSE') throw error;
      const holder = describePortHolder(this.state, where.host, where.port);
      throw new PortInUseError(
        `${name} could not listen on ${where.host}:${where.port}: the port is held by ${holder.who}. ${holder.advice}`,
        where.port,
        [],
      );
    }
    this.adopt(name, () => running.close());
    return running;
  }

  toolVersion(tool: Tool): Promise<string> {
    return toolVersion(tool);
  }

  /** Runs here, as the component modules describe it. */
  describe(component: ComponentReport): ComponentReport {
    return component;
  }

  protected killNow(): void {
    for (const child of this.children) child.killNow();
  }
}
