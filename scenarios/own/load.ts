// Loads a user's own scenario folders (`--scenarios DIR`, MTLS_SANDBOX_SCENARIOS) into the catalogue. Each folder's
// code runs in a process of its own (host.ts), never in the sandbox's: what comes back is the definition as data,
// with its probes' hooks and its stack's synthesis forwarded to that process. A folder that does not load — a syntax
// error, a definition that is not one, a probe naming a certificate the sandbox lacks, or code that exits, hangs,
// starts processes or leaves a rejection unhandled — is reported as broken with the file and line, and the rest load.
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { CfnTemplate } from '../../sandbox/model/cfn.js';
import type { Message } from '../../sandbox/messages.js';
import { probeDigest } from '../../sandbox/probe-digest.js';
import { definitionProblems, problemLine } from '../../sandbox/scenario-checks.js';
import type { ProbeContext, ProbeSetup, ProbeSpec, ScenarioDefinition } from '../../sandbox/scenario.js';
import { firstLine, locateError, type SourceLocation } from '../../sandbox/synth/source-location.js';
import { StackSourceError } from '../../sandbox/synth/synth.js';
import { definitionFromData } from './host-protocol.js';
import { UserCodeError, UserCodeHost } from './host.js';
import { probeLines } from './probe-lines.js';

import type { BrokenScenario } from './folders.js';

/** Loads each folder's scenario.ts; `ids` are those the catalogue has already (a user's id must be new). */
export async function loadUserScenarios(
  folders: readonly string[],
  ids: Promise<ReadonlySet<string>>,
): Promise<{ scenarios: ScenarioDefinition[]; broken: BrokenScenario[] }> {
  const unique = [...new Set(folders)];
  // Each folder in its own process, a few at a time (starting one is most of the cost).
  const loaded = await inTurn(unique, Math.min(2, availableParallelism()), loadFolder);
  const taken = await ids;
  const scenarios: ScenarioDefinition[] = [];
  const broken: BrokenScenario[] = [];
  const seen = new Map<string, string>();
  for (const [index, result] of loaded.entries()) {
    const folder = unique[index]!;
    if ('broken' in result) {
      broken.push(result.broken);
      continue;
    }
    const id = result.scenario.id;
    const clash = taken.has(id)
      ? `"${id}" is already a scenario of the project; give yours another id (and folder name).`
      : seen.has(id)
        ? `"${id}" is also a scenario in ${seen.get(id)}; ids must be unique.`
        : null;
    if (clash) {
      result.close();
      broken.push({ id, folder, file: join(folder, 'scenario.ts'), line: null, column: null, error: clash });
      continue;
    }
    seen.set(id, folder);
    scenarios.push(result.scenario);
  }
  return { scenarios, broken };
}

type Loaded = { scenario: ScenarioDefinition; close(): void } | { broken: BrokenScenario };

/** One folder: its scenario.ts imported in a process of its own, checked, and made a definition that calls back there. */
async function loadFolder(folder: string): Promise<Loaded> {
  const file = join(folder, 'scenario.ts');
  const id = basename(folder);
  const broken = (where: SourceLocation, error: string, said?: Message): Loaded => ({
    broken: { id, folder, ...where, error, ...(said ? { said } : {}) },
  });
  const scope = moduleScopeProblem(folder);
  if (scope) return broken({ file: scope.file ?? file, line: null, column: null }, scope.problem);
  const host = new UserCodeHost(folder);
  const fail = (where: SourceLocation, error: string, said?: Message): Loaded => {
    host.close();
    return broken(where, error, said);
  };
  let data: Awaited<ReturnType<UserCodeHost['load']>>;
  try {
    data = await host.load();
  } catch (error) {
    if (error instanceof UserCodeError) return fail(error.where, error.reason);
    return fail(locateError(error, folder, file), firstLine(error));
  }
  const definition = definitionFromData(data);
  const problem = shapeProblem(definition, id);
  if (problem) return fail({ file, line: null, column: null }, problem);
  const scenario = asUserScenario(definition as ScenarioDefinition, folder, data.hooks, host);
  const first = definitionProblems(scenario)[0];
  if (first) return fail({ file, line: problemLine(scenario, first), column: null }, first.text, first.said);
  return { scenario, close: () => host.close() };
}

/**
 * The definition as the engine runs it: marked as the user's, each probe with where it is written and whether its
 * evidence is still as `new --from` copied it, its hooks and its stack's synthesis forwarded to the folder's process.
 */
function asUserScenario(
  definition: ScenarioDefinition,
  folder: string,
  hooks: readonly string[],
  host: UserCodeHost,
): ScenarioDefinition {
  const file = join(folder, 'scenario.ts');
  const lines = probeLines(
    readText(file),
    definition.probes.map((probe) => probe.name),
  );
  const copied = definition.copiedFrom;
  const probes = definition.probes.map((probe): ProbeSpec => {
    const at = lines.get(probe.name) ?? {};
    return {
      ...probe,
      ...(hooks.includes(probe.name)
        ? {
            before: async (context: ProbeContext) =>
              ((await host.hook(probe.name, context)) ?? undefined) as ProbeSetup | undefined,
          }
        : {}),
      loaded: {
        expectation: { file, line: at.expect ?? at.name ?? null },
        copiedUnchanged: copied?.probes?.[probe.name] !== undefined && copied.probes[probe.name] === probeDigest(probe),
        lines: at,
      },
    };
  });
  return {
    ...definition,
    probes,
    origin: { kind: 'user', folder },
    codeHost: {
      synthesize: async (request) => {
        try {
          return (await host.synthesize({
            scenario: definition.id,
            stackModule: definition.stackModule.href,
            ...request,
          })) as CfnTemplate;
        } catch (error) {
          if (error instanceof UserCodeError)
            throw new StackSourceError(definition.id, error.where, error.reason, error);
          throw error;
        }
      },
    },
  };
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** `work` over `items`, at most `limit` at a time, results in the items' order. */
async function inTurn<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/**
 * The folder's TypeScript must be ES modules (it uses import.meta.url): the nearest package.json says
 * "type": "module", as the one `mtls-sandbox new` writes does. Without it tsx would load the files as CommonJS.
 */
function moduleScopeProblem(folder: string): { file?: string; problem: string } | null {
  for (let dir = folder; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      let type: unknown;
      try {
        type = (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: unknown }).type;
      } catch {
        return {
          file: manifest,
          problem: 'not valid JSON; it must say {"type": "module"} for the scenario\'s TypeScript.',
        };
      }
      return type === 'module'
        ? null
        : {
            file: manifest,
            problem:
              'this package.json does not say "type": "module"; a scenario\'s TypeScript is ES modules (add it, or give the scenario folder its own package.json with {"type": "module"}).',
          };
    }
    if (dirname(dir) === dir)
      return {
        problem: `no package.json says "type": "module" for ${folder}: add one there with {"type": "module"} (mtls-sandbox new writes it).`,
      };
  }
}

/** What is wrong with a scenario.ts's default export, if anything (the types say the rest; tsx does not check them). */
function shapeProblem(loaded: unknown, id: string): string | null {
  if (typeof loaded !== 'object' || loaded === null)
    return 'scenario.ts must `export default defineScenario({ … })` (import defineScenario from "mtls-sandbox/scenario").';
  const definition = loaded as Partial<ScenarioDefinition>;
  if (definition.id !== id)
    return `scenario.ts defines id "${String(definition.id)}" but its folder is "${id}"; the folder and the id must match.`;
  if (!(definition.stackModule instanceof URL))
    return "stackModule must be a URL, e.g. new URL('./stack.ts', import.meta.url).";
  if (!Array.isArray(definition.probes)) return 'probes must be a list of probes.';
  for (const [index, probe] of definition.probes.entries()) {
    const at = `probes[${index}]`;
    if (typeof probe?.name !== 'string') return `${at} needs a name.`;
    if (typeof probe.via?.loadBalancer !== 'string' || typeof probe.via?.port !== 'number')
      return `probe "${probe.name}" needs via: { loadBalancer: 'Alb', port: 443 } (a construct path and a listener port).`;
    if (typeof probe.client !== 'object' || probe.client === null) return `probe "${probe.name}" needs a client.`;
    if (typeof probe.expect !== 'object' || probe.expect === null) return `probe "${probe.name}" needs an expect.`;
    if (typeof probe.evidence?.level !== 'string' || !Array.isArray(probe.evidence.citations))
      return `probe "${probe.name}" needs evidence: documented(cite(…)), observed(cite(…)) or assumed({ en, ja }, …).`;
  }
  for (const field of ['title', 'summary', 'explain'] as const)
    if (typeof definition[field]?.en !== 'string') return `${field} must be a text { en, ja }.`;
  if (typeof definition.story?.id !== 'string')
    return 'story must be a story (e.g. OWN_SCENARIOS from "mtls-sandbox/scenario").';
  if (typeof definition.targets !== 'object' || definition.targets === null)
    return 'targets must say what stands behind each target group, e.g. { Targets: [{ kind: "echo", name: "echo-1" }] }.';
  return null;
}
