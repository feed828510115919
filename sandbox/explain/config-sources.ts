// Reads what config-excerpt.ts picks lines from: the scenario's stack.ts and the shared CDK helpers it imports, and
// the nginx and HAProxy configurations this run rendered; and names resources by construct path from the template.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CfnTemplate } from '../model/cfn.js';
import type { Topology } from '../model/topology.js';
import type { ConfigExcerpt } from '../report.js';
import type { ScenarioDefinition } from '../scenario.js';
import { cdkExcerpts, haproxyExcerpt, nginxExcerpt, type ProbePath, type SourceFile } from './config-excerpt.js';
import { projectRoot } from '../runtime/state-dir.js';

export interface ConfigSources {
  /** The construct path of one of the stack's resources ("Alb/Https/SubjectRuleRule"), or null. */
  constructPath(logicalId: string): string | null;
  /** The configuration lines that decide a probe: CDK, then the load balancer's and the target's rendered files. */
  excerpts(path: Omit<ProbePath, 'listenerPath'>, target: string | null): Promise<ConfigExcerpt[]>;
}

const ROOT = projectRoot();
const DIST = join(ROOT, 'dist') + sep;
/** Running compiled, a scenario's module URL points into dist/; the TypeScript source beside it is what one edits. */
const sourceOf = (file: string): string => (file.startsWith(DIST) ? join(ROOT, file.slice(DIST.length)) : file);

export function configSources(
  scenario: ScenarioDefinition,
  template: CfnTemplate,
  stackName: string,
  topology: Topology,
  runDir: string,
): ConfigSources {
  let stack: Promise<SourceFile[]> | null = null;
  const files = new Map<string, Promise<SourceFile | null>>();
  const rendered = (file: string) => {
    if (!files.has(file))
      files.set(
        file,
        existsSync(file)
          ? readFile(file, 'utf8').then(
              (text) => ({ file, text }),
              () => null,
            )
          : Promise.resolve(null),
      );
    return files.get(file)!;
  };
  return {
    constructPath(logicalId) {
      const path = template.Resources?.[logicalId]?.Metadata?.['aws:cdk:path'];
      if (typeof path !== 'string') return null;
      return path.replace(new RegExp(`^${stackName}/`), '').replace(/\/Resource$/, '');
    },
    async excerpts(probe, target) {
      stack ??= stackSources(scenario);
      const listener = topology.loadBalancers
        .find((balancer) => balancer.path === probe.balancerPath)
        ?.listeners.find((candidate) => candidate.port === probe.listener?.port);
      const path: ProbePath = { ...probe, listenerPath: listener?.path ?? null };
      const out = cdkExcerpts(await stack, path);
      if (path.balancerKind === 'NLB' || path.balancerKind === 'CLB') {
        const name = `haproxy-${path.balancerPath.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
        const source = await rendered(join(runDir, name, 'haproxy.cfg'));
        const excerpt = source && path.listener ? haproxyExcerpt(source, path.listener.port) : null;
        if (excerpt) out.push(excerpt);
      }
      if (target) {
        const source = await rendered(join(runDir, target, 'nginx.conf'));
        const excerpt = source ? nginxExcerpt(source, target, path.verifiedBy) : null;
        if (excerpt) out.push(excerpt);
      }
      return out;
    },
  };
}

/** stack.ts, then each scenarios/common module it imports (where the listeners of shared helpers are built). */
async function stackSources(scenario: ScenarioDefinition): Promise<SourceFile[]> {
  const main = sourceOf(fileURLToPath(scenario.stackModule));
  const read = async (file: string): Promise<SourceFile | null> =>
    existsSync(file) ? { file: relative(ROOT, file), text: await readFile(file, 'utf8') } : null;
  const first = await read(main);
  if (!first) return [];
  const imported = [...first.text.matchAll(/from '(\.\.\/common\/[^']+)\.js'/g)].map((m) =>
    resolve(dirname(main), `${m[1]}.ts`),
  );
  const rest = await Promise.all(imported.map(read));
  return [first, ...rest.filter((file): file is SourceFile => file !== null)];
}
