// The sandbox's Route 53: runs each health check against the realized endpoint on its RequestInterval (divided by the
// time scale), turns the results into a status with the FailureThreshold (evaluator.ts), and answers failover record
// sets accordingly. Every status change and every check that counts towards one goes on a timeline, with the moment
// in sandbox time and the same moment on AWS's clock (sandbox time × time scale).
import { type Message, msg } from '../messages.js';
import type { DnsTopology, Route53HealthCheck } from '../model/dns-topology.js';
import type { Route53View } from '../scenario.js';
import {
  checkTimings,
  initialHealth,
  recordCheck,
  resolveName,
  type HealthState,
  type HealthStatus,
} from './evaluator.js';
import { httpCheck, tcpCheck, type HealthProbeResult } from './health-probe.js';

export interface TimelineEvent {
  /** Milliseconds since the sandbox's Route 53 started, in real (sandbox) time. */
  atMs: number;
  /** The same moment on AWS's clock: atMs × time scale, in seconds. */
  awsSeconds: number;
  kind: 'start' | 'check' | 'status' | 'answer' | 'mark';
  /** The step name the run shows (e.g. "r53-check", "dns", "targets-down"). */
  name: string;
  detail: Message;
}

export interface LocalEndpoint {
  host: string;
  port: number;
  /** What stands there, by kind and construct path: "NLB Nlb", "CloudFront SorrySite", "A 127.0.0.5". */
  label: string;
}

export interface ResolvedName extends LocalEndpoint {
  /** The DNS name the client asked for. */
  hostname: string;
  setIdentifier: string | null;
  why: Message;
}

export interface HeldSettings {
  id: string;
  requestIntervalSeconds: number;
  failureThreshold: number;
}

export interface Route53RuntimeOptions {
  dns: DnsTopology;
  /** How many times faster than AWS the checks run (1 = real time). */
  timeScale: number;
  /** Where an alias target (a load balancer or distribution, by logical id) is reachable locally for a port. */
  targetEndpoint(targetLogicalId: string, port: number): LocalEndpoint | null;
  /** Health check settings as LocalStack's Route 53 holds them, by logical id; the template's otherwise. */
  held?: Map<string, HeldSettings>;
  step(name: string, detail: Message, durationMs: number): void;
}

export class Route53Runtime implements Route53View {
  readonly timeScale: number;
  private readonly origin = performance.now();
  private readonly states = new Map<string, HealthState>();
  private readonly events: TimelineEvent[] = [];
  private readonly answers = new Map<string, string | null>();
  private readonly listeners = new Set<() => void>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(private readonly options: Route53RuntimeOptions) {
    this.timeScale = options.timeScale;
  }

  /** Starts every health check's checker (the first check at once, then every interval). */
  start(): void {
    for (const check of this.options.dns.healthChecks) {
      this.states.set(check.logicalId, initialHealth());
      const settings = this.settings(check);
      const timings = checkTimings({ type: check.type, requestIntervalSeconds: settings.interval }, this.timeScale);
      this.record(
        'start',
        'r53-start',
        {
          code: 'r53.check-start',
          params: {
            check: check.path,
            held: settings.held,
            type: check.type,
            port: check.port,
            interval: settings.interval,
            threshold: settings.threshold,
            inverted: check.inverted,
            every: (timings.intervalMs / 1000).toFixed(2),
            scale: this.timeScale,
          },
          inner: this.describeEndpoint(check),
        },
        0,
      );
      if (check.disabled) {
        this.record('start', 'r53-start', msg('r53.check-disabled', { check: check.path }), 0);
        continue;
      }
      this.loop(check, timings, settings.threshold);
    }
    for (const name of this.names()) {
      const answer = this.answer(name);
      this.answers.set(name, answer?.setIdentifier ?? null);
      if (answer)
        this.record(
          'answer',
          'dns',
          msg(
            'r53.answers',
            { name, failover: answer.record.failover, set: answer.setIdentifier, label: answer.label, now: false },
            answer.why,
          ),
          0,
        );
    }
  }

  private settings(check: Route53HealthCheck): { interval: number; threshold: number; held: string | null } {
    const held = this.options.held?.get(check.logicalId);
    return held
      ? { interval: held.requestIntervalSeconds, threshold: held.failureThreshold, held: held.id }
      : { interval: check.requestIntervalSeconds, threshold: check.failureThreshold, held: null };
  }

  private describeEndpoint(check: Route53HealthCheck): Message {
    if ('unreachable' in check.endpoint)
      return msg('r53.endpoint-unreachable', { endpoint: check.endpoint.unreachable });
    const local = this.options.targetEndpoint(check.endpoint.loadBalancerId, check.port);
    return local
      ? msg('r53.endpoint', { label: local.label, address: `${local.host}:${local.port}` })
      : msg('r53.endpoint-no-listener', { endpoint: check.endpoint.loadBalancerId, port: check.port });
  }

  private loop(check: Route53HealthCheck, timings: ReturnType<typeof checkTimings>, threshold: number): void {
    const run = async () => {
      if (this.stopped) return;
      const result = await this.probe(check, timings);
      if (this.stopped) return;
      this.apply(check, result, threshold);
    };
    const schedule = () => {
      if (this.stopped) return;
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        void run().then(schedule);
      }, timings.intervalMs);
      timer.unref();
      this.timers.add(timer);
    };
    void run().then(schedule);
  }

  private probe(check: Route53HealthCheck, timings: ReturnType<typeof checkTimings>): Promise<HealthProbeResult> {
    if ('unreachable' in check.endpoint)
      return Promise.resolve({
        passed: false,
        detail: msg('r53.endpoint-unreachable', { endpoint: check.endpoint.unreachable }),
        durationMs: 0,
      });
    const local = this.options.targetEndpoint(check.endpoint.loadBalancerId, check.port);
    if (!local)
      return Promise.resolve({
        passed: false,
        detail: msg('r53.endpoint-no-listener', { endpoint: check.endpoint.loadBalancerId, port: check.port }),
        durationMs: 0,
      });
    if (check.type === 'TCP') return tcpCheck(local.host, local.port, timings.connectTimeoutMs);
    return httpCheck(
      check.type,
      local.host,
      local.port,
      check.resourcePath ?? '/',
      local.host,
      timings.connectTimeoutMs,
      timings.responseTimeoutMs,
    );
  }

  /** Applies one result; records it when it counts towards a change, and the change itself. */
  private apply(check: Route53HealthCheck, result: HealthProbeResult, threshold: number): void {
    const before = this.states.get(check.logicalId) ?? initialHealth();
    const passed = check.inverted ? !result.passed : result.passed;
    const outcome = recordCheck(before, passed, threshold);
    this.states.set(check.logicalId, outcome.state);
    const against = passed !== (before.status === 'Healthy');
    if (against || before.checks === 0) {
      this.record(
        'check',
        'r53-check',
        msg(
          'r53.check',
          {
            check: check.path,
            passed: result.passed,
            inverted: check.inverted,
            against,
            count: outcome.changedTo ? threshold : outcome.state.against,
            threshold,
            towards: passed ? 'Healthy' : 'Unhealthy',
            status: before.status,
          },
          result.detail,
        ),
        result.durationMs,
      );
    }
    if (!outcome.changedTo) return;
    this.record(
      'status',
      'r53-status',
      msg('r53.status', { check: check.path, from: before.status, to: outcome.changedTo, threshold, passing: passed }),
      0,
    );
    for (const name of this.names()) {
      const answer = this.answer(name);
      const previous = this.answers.get(name) ?? null;
      const now = answer?.setIdentifier ?? null;
      if (now === previous) continue;
      this.answers.set(name, now);
      if (answer)
        this.record(
          'answer',
          'dns',
          msg(
            'r53.answers',
            { name, failover: answer.record.failover, set: now, label: answer.label, now: true },
            answer.why,
          ),
          0,
        );
    }
    for (const listener of [...this.listeners]) listener();
  }

  private names(): string[] {
    return [...new Set(this.options.dns.records.filter((record) => record.type === 'A').map((record) => record.name))];
  }

  private statusOf = (healthCheckId: string): HealthStatus | null => this.states.get(healthCheckId)?.status ?? null;

  private answer(name: string): (ResolvedName & { record: DnsTopology['records'][number] }) | null {
    const chosen = resolveName(this.options.dns.records, name, this.statusOf);
    if (!chosen) return null;
    const { record } = chosen;
    const target = record.alias?.targetId ? this.options.targetEndpoint(record.alias.targetId, 443) : null;
    return {
      record,
      hostname: name,
      setIdentifier: record.setIdentifier,
      why: chosen.why,
      host: target?.host ?? '-',
      port: target?.port ?? 0,
      label: target?.label ?? (record.values.join(', ') || '-'),
    };
  }

  /** What `name` resolves to right now, with the local address for `port`; null when the sandbox has no such name. */
  resolve(name: string, port: number): ResolvedName | null {
    const chosen = resolveName(this.options.dns.records, name, this.statusOf);
    if (!chosen) return null;
    const { record } = chosen;
    if (record.alias?.targetId) {
      const target = this.options.targetEndpoint(record.alias.targetId, port);
      if (!target) return null;
      return {
        ...target,
        hostname: name.replace(/\.$/, '').toLowerCase(),
        setIdentifier: record.setIdentifier,
        why: chosen.why,
      };
    }
    const loopback = record.values.find((value) => /^127\.\d+\.\d+\.\d+$/.test(value));
    return loopback
      ? {
          host: loopback,
          port,
          label: `A ${loopback}`,
          hostname: name,
          setIdentifier: record.setIdentifier,
          why: chosen.why,
        }
      : null;
  }

  /** The status the sandbox holds for a health check (by construct path or logical id). */
  status(healthCheck: string): HealthStatus | null {
    const check = this.options.dns.healthChecks.find(
      (candidate) => candidate.path === healthCheck || candidate.logicalId === healthCheck,
    );
    return check ? (this.states.get(check.logicalId)?.status ?? null) : null;
  }

  /** Resolves once `name` answers with the record whose SetIdentifier is `setIdentifier`. */
  waitForAnswer(name: string, setIdentifier: string, timeoutMs = this.defaultWaitMs()): Promise<void> {
    const wanted = name.replace(/\.$/, '').toLowerCase();
    const current = () => this.resolve(wanted, 443)?.setIdentifier ?? this.answers.get(wanted) ?? null;
    if (current() === setIdentifier) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (current() !== setIdentifier) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        const tail = this.events
          .slice(-6)
          .map((event) => `    ${event.name} +${(event.atMs / 1000).toFixed(2)} s ${event.detail.code}`)
          .join('\n');
        reject(
          new Error(
            `${wanted} did not switch to ${setIdentifier} within ${timeoutMs} ms (it answers ${current() ?? 'nothing'}). The last Route 53 events:\n${tail}`,
          ),
        );
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
    });
  }

  private defaultWaitMs(): number {
    const longest = Math.max(
      30,
      ...this.options.dns.healthChecks.map(
        (check) => this.settings(check).interval * (this.settings(check).threshold + 2),
      ),
    );
    return Math.round((longest * 1000) / this.timeScale) + 10_000;
  }

  /** Puts something that happened outside Route 53 (targets stopped, restored…) on the same timeline. */
  mark(name: string, detail: string, durationMs = 0): void {
    // The scenario's own words (a scenario text).
    this.record('mark', name, msg('scenario.text', { text: detail }), durationMs);
  }

  timeline(): TimelineEvent[] {
    return this.events.slice();
  }

  private record(kind: TimelineEvent['kind'], name: string, detail: Message, durationMs: number): void {
    const atMs = Math.round(performance.now() - this.origin);
    const awsSeconds = Math.round((atMs * this.timeScale) / 100) / 10;
    this.events.push({ atMs, awsSeconds, kind, name, detail });
    this.options.step(
      name,
      msg('r53.at', { seconds: (atMs / 1000).toFixed(2), awsSeconds, scale: this.timeScale }, detail),
      durationMs,
    );
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.listeners.clear();
  }
}
