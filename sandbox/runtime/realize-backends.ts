// The backends behind target groups: the scenario's mapping (scenario.targets) checked against the template, and each
// backend started once — an nginx target or an echo target — however many groups it stands behind.
import { type Message, msg } from '../messages.js';
import type { ComponentReport } from '../report.js';
import type { BackendSpec, ScenarioDefinition } from '../scenario.js';
import { startEcho } from './echo-target.js';
import { TopologyError } from './errors.js';
import { startNginxTarget } from './nginx-target.js';
import { componentReady, type Realization, type RunningBackend } from './realization.js';
import type { TargetHandle } from './target-log.js';

/** Starts one backend, or returns it when an earlier target group already started it. */
export async function startBackend(
  run: Realization,
  spec: BackendSpec,
  role: Message,
  proxyProtocol = false,
): Promise<RunningBackend> {
  const existing = run.backends.get(spec.name);
  if (existing && existing.proxyProtocol !== proxyProtocol) {
    throw new TopologyError(
      `${spec.name} stands behind one target group that sends Proxy Protocol and another that does not; give each group its own backends.`,
      msg('topo.proxy-mixed', { name: spec.name }),
    );
  }
  if (existing) return existing;
  // A stand-in says so on its component line: what it stands in for and what AWS would do instead.
  if (spec.standIn) role = { ...spec.standIn, inner: role };
  run.events.starting(spec.name, role);
  let running: Omit<RunningBackend, 'proxyProtocol'> & { handle: TargetHandle; component: ComponentReport };
  if (spec.kind === 'echo') {
    if (proxyProtocol)
      throw new TopologyError(
        `${spec.name} is an echo target, which cannot read the Proxy Protocol header its target group sends; use an nginx target.`,
        msg('topo.echo-proxy', { name: spec.name }),
      );
    running = await startEcho(run.driver, spec.name, run.dir, role);
  } else {
    const fromSsm = spec.certificates && run.extras.certificates;
    if (spec.certificates && !fromSsm)
      throw new TopologyError(
        `${spec.name} reads its certificates from SSM Parameter Store, which needs LocalStack (run with --localstack auto or host).`,
        msg('topo.ssm-needs-localstack', { name: spec.name }),
      );
    const nginx = await startNginxTarget(run.driver, {
      name: spec.name,
      profile: spec.profile,
      dir: run.dir,
      pki: run.pki,
      role,
      routes: spec.routes,
      proxyProtocol,
      ...(fromSsm ? { certificates: (prefix: string) => fromSsm(spec, prefix) } : {}),
    });
    run.nginx.set(spec.name, nginx);
    running = nginx;
  }
  run.backends.set(spec.name, { ...running, proxyProtocol });
  run.targets.push(running.handle);
  componentReady(run, running.component);
  return { ...running, proxyProtocol };
}

/** The backends the scenario puts behind a target group (or CLB), one per target the template registers. */
export function backendsFor(scenario: ScenarioDefinition, groupPath: string, templateCount: number): BackendSpec[] {
  const specs = scenario.targets[groupPath];
  if (!specs || specs.length === 0) {
    throw new TopologyError(
      `Scenario ${scenario.id} says nothing about what stands behind ${groupPath}. Add targets["${groupPath}"] with one backend per registered target.`,
      msg('topo.no-backends', { scenario: scenario.id, group: groupPath }),
    );
  }
  if (templateCount > 0 && specs.length !== templateCount) {
    throw new TopologyError(
      `${groupPath} registers ${templateCount} targets in the stack but the scenario maps ${specs.length} backends to it; make them match.`,
      msg('topo.backend-count', { group: groupPath, count: templateCount, backends: specs.length }),
    );
  }
  return specs;
}
