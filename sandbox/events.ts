// The typed event stream of a run: the TUI and the headless output both consume it.
import type { Message } from './messages.js';
import type { ComponentReport, ProbeReport, ScenarioReport, TopologyReport } from './report.js';

export type RunEvent =
  /** Which LocalStack the sandbox uses, and why (once, when it is decided). */
  | { type: 'localstack'; description: Message }
  | { type: 'scenario-start'; scenario: string; title: string }
  | { type: 'step'; scenario: string; name: string; durationMs: number; detail: Message | null }
  | { type: 'component-starting'; scenario: string; name: string; role: Message }
  | { type: 'component-ready'; scenario: string; component: ComponentReport }
  | { type: 'component-failed'; scenario: string; name: string; error: string; said?: Message }
  /** The topology as realized, with local addresses: every component is up. */
  | { type: 'topology'; scenario: string; topology: TopologyReport }
  | { type: 'probe-start'; scenario: string; probe: string; command: string }
  | { type: 'probe-result'; scenario: string; probe: ProbeReport }
  /** A call to the sandbox's ELBv2 API changed the running topology (`up`): what changed, and by which action. */
  | { type: 'elbv2-change'; scenario: string; change: Message }
  | { type: 'teardown'; scenario: string }
  | { type: 'scenario-end'; report: ScenarioReport };

export type Emit = (event: RunEvent) => void;
