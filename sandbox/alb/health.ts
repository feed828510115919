// Background health checks per target (ELB "Health checks for your target groups"): a request to the ping path
// every HealthCheckIntervalSeconds, failed after HealthCheckTimeoutSeconds, success when the status matches the
// Matcher; the connection is closed after each check. The first check runs at start so targets leave "initial"
// quickly. The port is always the target's own: a numeric HealthCheckPort from the template has no local mapping.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { parseMatcher, type TargetGroupBase, type TargetGroupRuntime, type TargetRuntime } from './targets.js';

/** The User-Agent of the health checks, as AWS's load balancers send it. */
export const HEALTH_CHECK_AGENT = 'ELB-HealthChecker/2.0';

export class HealthChecker {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inflight = new Set<{ destroy(): void }>();
  private stopped = false;
  private readonly firstRound: Promise<void>;

  constructor(readonly groups: TargetGroupRuntime<TargetGroupBase>[]) {
    const firsts: Promise<void>[] = [];
    for (const group of groups) {
      for (const target of group.targets) firsts.push(this.loop(group, target));
    }
    this.firstRound = Promise.all(firsts).then(() => undefined);
  }

  /** Resolves when every target has had its first check. */
  firstChecks(): Promise<void> {
    return this.firstRound;
  }

  private loop(group: TargetGroupRuntime<TargetGroupBase>, target: TargetRuntime): Promise<void> {
    const run = async (): Promise<void> => {
      if (this.stopped) return;
      const result = await this.check(group, target);
      if (this.stopped) return;
      group.record(target.key, result.ok, result.reason);
    };
    const schedule = () => {
      if (this.stopped) return;
      const timer = setTimeout(
        () => {
          this.timers.delete(timer);
          void run().then(schedule);
        },
        Math.max(50, group.healthCheck.intervalSeconds * 1000),
      );
      timer.unref();
      this.timers.add(timer);
    };
    return run().then(schedule);
  }

  private check(
    group: TargetGroupRuntime<TargetGroupBase>,
    target: TargetRuntime,
  ): Promise<{ ok: boolean; reason?: string }> {
    const hc = group.healthCheck;
    const timeoutMs = Math.max(50, hc.timeoutSeconds * 1000);
    const { host, port } = target.target;
    return new Promise((resolve) => {
      let settled = false;
      let handle: { destroy(): void } | null = null;
      const timer = setTimeout(() => done(false, 'Target.Timeout'), timeoutMs);
      timer.unref();
      this.timers.add(timer);
      const done = (ok: boolean, reason?: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.timers.delete(timer);
        if (handle) {
          this.inflight.delete(handle);
          handle.destroy();
        }
        resolve({ ok, reason });
      };
      try {
        if (hc.protocol === 'TCP') {
          const socket = net.connect({ host, port }, () => done(true));
          socket.on('error', () => done(false, 'Target.FailedHealthChecks'));
          handle = socket;
        } else {
          const lib = hc.protocol === 'HTTPS' ? https : http;
          const matches = parseMatcher(hc.matcher);
          const req = lib.request(
            {
              host,
              port,
              method: 'GET',
              path: hc.path ?? '/',
              agent: false,
              rejectUnauthorized: false, // ALBs do not validate target certificates
              headers: { 'User-Agent': HEALTH_CHECK_AGENT, Connection: 'close', Accept: '*/*' },
            },
            (res) => {
              res.resume();
              const ok = matches(res.statusCode ?? 0);
              done(ok, ok ? undefined : 'Target.ResponseCodeMismatch');
            },
          );
          req.on('error', () => done(false, 'Target.FailedHealthChecks'));
          req.end();
          handle = req;
        }
      } catch {
        // A target the check cannot even address (a port out of range): it fails, the checker goes on.
        done(false, 'Target.FailedHealthChecks');
        return;
      }
      if (!settled && handle) this.inflight.add(handle);
    });
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const h of this.inflight) h.destroy();
    this.inflight.clear();
  }
}
