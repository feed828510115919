// Target group state: health as the health checker reports it, and which target gets the next request. Pure (no
// timers or sockets), so selection and health transitions are unit-tested directly.
// Sources: ELB "Health checks for your target groups" (a registered target must pass one health check to be
// healthy; thresholds; reason codes; with only unhealthy targets the load balancer routes to all of them) and
// ELB "Troubleshoot your Application Load Balancers" (503 when no targets are registered).
import type { HealthCheck } from '../model/topology.js';
import type { AlbTarget, AlbTargetGroup } from './config.js';

export type TargetState = 'initial' | 'healthy' | 'unhealthy';

export interface TargetHealthView {
  target: string;
  healthy: boolean;
  state: TargetState;
  /** "" when healthy, else an ELB reason code such as Elb.InitialHealthChecking or Target.Timeout. */
  reason: string;
  /** host:port of the target. */
  address: string;
}

export interface TargetRuntime {
  target: AlbTarget;
  key: string;
  state: TargetState;
  reason: string;
  successes: number;
  failures: number;
}

export function targetKey(t: AlbTarget): string {
  return `${t.host}:${t.port}`;
}

/** What health checks and target selection need of a target group (an ALB's, or an NLB TLS listener's). */
export type TargetGroupBase = Pick<AlbTargetGroup, 'id' | 'targets' | 'healthCheck'>;

export class TargetGroupRuntime<G extends TargetGroupBase = AlbTargetGroup> {
  readonly targets: TargetRuntime[];
  private next = 0;
  /** Keys of targets taken out of the group (DeregisterTargets): still health-checked, never routed to. */
  private readonly deregistered = new Set<string>();

  constructor(readonly group: G) {
    this.targets = group.targets.map((target) => ({
      target,
      key: targetKey(target),
      state: 'initial',
      reason: 'Elb.InitialHealthChecking',
      successes: 0,
      failures: 0,
    }));
  }

  get healthCheck(): HealthCheck {
    return this.group.healthCheck;
  }

  /** Applies one health check result; returns true when the target's state changed. */
  record(key: string, ok: boolean, failureReason = 'Target.FailedHealthChecks'): boolean {
    const t = this.targets.find((x) => x.key === key);
    if (!t) return false;
    const before = t.state;
    const hc = this.group.healthCheck;
    if (ok) {
      t.successes++;
      t.failures = 0;
      // initial → healthy after one passed check; unhealthy → healthy after HealthyThresholdCount in a row.
      if (t.state === 'initial' || (t.state === 'unhealthy' && t.successes >= hc.healthyThreshold)) t.state = 'healthy';
      if (t.state === 'healthy') t.reason = '';
    } else {
      t.failures++;
      t.successes = 0;
      if (t.state !== 'unhealthy' && t.failures >= hc.unhealthyThreshold) t.state = 'unhealthy';
      if (t.state === 'unhealthy') t.reason = failureReason;
    }
    return t.state !== before;
  }

  /** Registers or deregisters targets by name (the sandbox's ELBv2 API); names not in the group are ignored. */
  setRegistered(names: string[], registered: boolean): void {
    for (const t of this.targets.filter((candidate) => names.includes(candidate.target.name))) {
      if (registered) this.deregistered.delete(t.key);
      else this.deregistered.add(t.key);
    }
  }

  /** The targets that are registered (all, unless some were deregistered). */
  registered(): TargetRuntime[] {
    return this.deregistered.size === 0 ? this.targets : this.targets.filter((t) => !this.deregistered.has(t.key));
  }

  hasHealthy(): boolean {
    return this.registered().some((t) => t.state === 'healthy');
  }

  /** Targets requests may go to: the healthy registered ones, or all registered ones when none is healthy (fail
   * open); none when no target is registered (→ 503). */
  eligible(): TargetRuntime[] {
    const registered = this.registered();
    const healthy = registered.filter((t) => t.state === 'healthy');
    return healthy.length > 0 ? healthy : registered;
  }

  find(key: string): TargetRuntime | undefined {
    return this.targets.find((t) => t.key === key);
  }

  /** Round robin over the eligible targets; null when the group has no registered target (→ 503). */
  pick(): TargetRuntime | null {
    const pool = this.eligible();
    if (pool.length === 0) return null;
    const chosen = pool[this.next % pool.length]!;
    this.next = (this.next + 1) % 1_000_000_007;
    return chosen;
  }

  /** True when a sticky target may still be used: registered, and healthy unless no target is. */
  usable(key: string): TargetRuntime | null {
    const t = this.find(key);
    if (!t) return null;
    return this.eligible().includes(t) ? t : null;
  }

  view(): TargetHealthView[] {
    return this.targets.map((t) => ({
      target: t.target.name,
      healthy: t.state === 'healthy',
      state: t.state,
      reason: t.reason,
      address: t.key,
    }));
  }
}

/** Smooth weighted round robin over the target groups of a forward action (weight 0 never chosen). */
export class WeightedPicker {
  private readonly current = new Map<string, number>();

  pick(entries: { targetGroupId: string; weight: number }[]): string | null {
    const live = entries.filter((e) => e.weight > 0);
    if (live.length === 0) return entries[0]?.targetGroupId ?? null;
    if (live.length === 1) return live[0]!.targetGroupId;
    const total = live.reduce((sum, e) => sum + e.weight, 0);
    let best: { id: string; score: number } | null = null;
    for (const e of live) {
      const score = (this.current.get(e.targetGroupId) ?? 0) + e.weight;
      this.current.set(e.targetGroupId, score);
      if (!best || score > best.score) best = { id: e.targetGroupId, score };
    }
    this.current.set(best!.id, best!.score - total);
    return best!.id;
  }
}

/** Parses a Matcher ("200", "200,202", "200-299") into a predicate. Default 200 (ELB health check settings). */
export function parseMatcher(matcher: string | null): (status: number) => boolean {
  const spec = (matcher ?? '200').trim() || '200';
  const parts = spec.split(',').map((p) => p.trim());
  return (status) =>
    parts.some((p) => {
      const range = /^(\d{3})-(\d{3})$/.exec(p);
      return range ? status >= Number(range[1]) && status <= Number(range[2]) : Number(p) === status;
    });
}
