// The host driver (`--runtime host`, the default): nginx, HAProxy and LocalStack as child processes of this machine
// (host-process.ts: process groups, pid files), the ALB emulator, the NLB TLS listener emulator and the echo target
// as servers in this process.
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
import { spawnHostProcess, type HostProcess } from './host-process.js';

export class HostDriver extends DriverBase {
  readonly runtime = 'host' as const;
  /** Children not stopped yet, for the exit hook. */
  private readonly children = new Set<HostProcess>();

  /** `state`: the state dir, whose run/ holds the pid files. */
  constructor(private readonly state: string) {
    super();
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

  async albListener(config: AlbListenerConfig): Promise<AlbListenerHandle> {
    const running = await startAlbListener(config);
    this.adopt(config.name, () => running.close());
    return running;
  }

  async nlbTlsListener(config: NlbTlsListenerConfig): Promise<NlbTlsListenerHandle> {
    const running = await startNlbTlsListener(config);
    this.adopt(config.name, () => running.close());
    return running;
  }

  async echoServer(options: EchoTargetOptions): Promise<EchoServerHandle> {
    const echo = await startEchoTarget(options);
    this.adopt(options.name, () => echo.close());
    return echo;
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
