// The host driver (`--runtime host`, the default): nginx, HAProxy and LocalStack as child processes of this machine
// (host-process.ts: process groups, pid files, readiness by who listens), and every emulator of the table
// (sandbox/runtime/emulator-table.ts: ALB, NLB TLS listener, CloudFront, echo target) as a server in this process
// (DriverBase.runHere): stopped with the run, listed in the run's registration (`mtls-sandbox down` stops it), and a
// taken port is a PortInUseError that says who holds it (withFreshPorts in ports.ts retries on another).
import type { EmulatorConfig, EmulatorKind } from './emulator-table.js';
import type { ComponentReport } from '../report.js';
import { toolVersion, type Tool } from './binaries.js';
import { DriverBase, type EmulatorHandle, type ManagedProcess, type ProcessSpec } from './driver.js';
import { spawnHostProcess, type HostProcess } from './host-process.js';

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

  emulator<K extends EmulatorKind>(kind: K, config: EmulatorConfig<K>): Promise<EmulatorHandle<K>> {
    return this.runHere(kind, config);
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
