// Synthesizes a scenario's CDK stack in process (no AWS account, no network) and caches the template by a hash
// of the scenario's source, so a warm run never loads aws-cdk-lib at all. The cache is shared by every run of the
// state dir: written under a lock (one synthesis at a time, the others then read it), whole (write, then rename),
// with a digest beside it; a cache file that is not valid is said so and made again.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CfnTemplate } from '../model/cfn.js';
import type { ScenarioDefinition } from '../scenario.js';
import { type Message, msg } from '../messages.js';
import { withLock } from '../../certs/lock.js';
import { firstLine, formatLocation, locateError, type SourceLocation } from './source-location.js';

export interface SynthResult {
  template: CfnTemplate;
  stackName: string;
  cached: boolean;
  durationMs: number;
  cacheFile: string;
  /** What the template was made from (the scenario's files, CDK's version, the context); also in its Metadata. */
  sourceHash: string;
  /** The template was given as it is (--template): cacheFile is the user's file. */
  given?: boolean;
  /** Why the cache file there was not used and was made again, if it was not. */
  remade?: SynthCacheProblem;
}

/** The template's Metadata key that carries the source hash, so a deployed stack says what it was made from. */
export const SOURCE_METADATA = 'MtlsSandbox::Source';

/** Why a cache file is not used: unreadable, no digest beside it (older version, or cut short), content that does
 * not match its digest (edited, corrupted), not JSON, or JSON that is not a synthesized template. */
export type SynthCacheProblem = 'unreadable' | 'no-digest' | 'digest-mismatch' | 'not-json' | 'not-template';

const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
/**
 * Context a `cdk synth` against a real account would have looked up. Without it a VPC's subnets get the
 * placeholder zones "dummy1a"…, which a deploy (to LocalStack) rejects. Part of the cache key.
 */
const CONTEXT = {
  'aws:cdk:enable-path-metadata': true,
  [`availability-zones:account=${ACCOUNT}:region=${REGION}`]: [`${REGION}a`, `${REGION}b`, `${REGION}c`],
};

/** Part of the cache key: templates synthesized another way are not reused. */
const SYNTHESIZER = 'bootstrapless';

export function stackNameOf(scenario: ScenarioDefinition): string {
  return scenario.id.replace(/(^|-)([a-z0-9])/g, (_, __, letter: string) => letter.toUpperCase());
}

export async function synthesize(scenario: ScenarioDefinition, stateDir: string): Promise<SynthResult> {
  const started = performance.now();
  if (scenario.synthesized) {
    // A template given as it is (--template): nothing to synthesize, nothing to cache.
    const { template, stackName } = scenario.synthesized;
    const file = scenario.origin?.kind === 'template' ? scenario.origin.file : fileURLToPath(scenario.stackModule);
    const digest = createHash('sha256').update(JSON.stringify(template)).digest('hex').slice(0, 16);
    return { template, stackName, cached: true, given: true, durationMs: 0, cacheFile: file, sourceHash: digest };
  }
  const stackName = stackNameOf(scenario);
  const hash = await sourceHash(scenario);
  const cacheFile = join(stateDir, 'synth-cache', `${scenario.id}-${hash}.template.json`);
  const result = (template: CfnTemplate, cached: boolean, remade?: SynthCacheProblem): SynthResult => ({
    template,
    stackName,
    cached,
    durationMs: performance.now() - started,
    cacheFile,
    sourceHash: hash,
    ...(remade ? { remade } : {}),
  });
  const first = await readCache(cacheFile);
  if (first.template) return result(first.template, true);
  await mkdir(dirname(cacheFile), { recursive: true });
  return withSynthLock(stateDir, async () => {
    // Another run may have made it while this one waited for the lock.
    const again = await readCache(cacheFile);
    if (again.template) return result(again.template, true);
    const template = await synthesizeFresh(scenario, stackName, join(stateDir, 'cdk.out', scenario.id), hash);
    await writeCache(cacheFile, template);
    return result(template, false, first.problem ?? again.problem);
  });
}

/**
 * Puts a template made elsewhere from the same stack code into the state dir's cache, as `synthesize` would have
 * written it for this scenario: under its source hash, which the template's Metadata then carries. The test suite's
 * fixture uses it for dist/'s scenarios, whose template is the TypeScript sources' with another source hash.
 */
export async function seedSynthCache(scenario: ScenarioDefinition, stateDir: string, template: CfnTemplate) {
  const hash = await sourceHash(scenario);
  const cacheFile = join(stateDir, 'synth-cache', `${scenario.id}-${hash}.template.json`);
  await mkdir(dirname(cacheFile), { recursive: true });
  await writeCache(cacheFile, { ...template, Metadata: { ...template.Metadata, [SOURCE_METADATA]: hash } });
  return cacheFile;
}

/** One synthesis at a time per state dir: they share the cache and cdk.out. */
export async function withSynthLock<T>(stateDir: string, fn: () => Promise<T>): Promise<T> {
  const dir = join(stateDir, 'synth-cache');
  await mkdir(dir, { recursive: true });
  return withLock(dir, fn);
}

const digestOf = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The cached template if the file is there and valid; else why not (`problem`), or nothing when it is missing. */
export async function readCache(cacheFile: string): Promise<{ template?: CfnTemplate; problem?: SynthCacheProblem }> {
  if (!existsSync(cacheFile)) return {};
  let text: string;
  let digest: string;
  try {
    text = await readFile(cacheFile, 'utf8');
    digest = (await readFile(`${cacheFile}.sha256`, 'utf8').catch(() => '')).trim();
  } catch {
    return { problem: 'unreadable' };
  }
  if (!digest) return { problem: 'no-digest' };
  if (digest !== digestOf(text)) return { problem: 'digest-mismatch' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { problem: 'not-json' };
  }
  return isTemplate(parsed) ? { template: parsed } : { problem: 'not-template' };
}

/** A JSON object with at least one resource, each with a Type: what a synthesized scenario stack always is. Pure. */
export function isTemplate(parsed: unknown): parsed is CfnTemplate {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return false;
  const resources = (parsed as { Resources?: unknown }).Resources;
  if (typeof resources !== 'object' || resources === null || Object.keys(resources).length === 0) return false;
  return Object.values(resources).every(
    (resource) => typeof (resource as { Type?: unknown } | null)?.Type === 'string',
  );
}

async function writeCache(cacheFile: string, template: CfnTemplate): Promise<void> {
  const text = JSON.stringify(template, null, 1);
  const tmp = `${cacheFile}.${process.pid}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, cacheFile);
  await writeFile(`${tmp}.sha256`, `${digestOf(text)}\n`);
  await rename(`${tmp}.sha256`, `${cacheFile}.sha256`);
}

/**
 * Synthesizes without the cache, writing the cloud assembly (what `cdklocal deploy --app` reads) to `outdir`. A
 * user's stack runs in a process of its own (ScenarioDefinition.codeHost): it cannot stop or hang this one.
 */
export async function synthesizeFresh(
  scenario: ScenarioDefinition,
  stackName: string,
  outdir: string,
  sourceHash: string,
): Promise<CfnTemplate> {
  if (scenario.codeHost) return scenario.codeHost.synthesize({ stackName, outdir, sourceHash });
  const { App, BootstraplessSynthesizer, Stack } = await import('aws-cdk-lib');
  const stackFile = fileURLToPath(scenario.stackModule);
  const fail = (error: unknown): never => {
    throw new StackSourceError(scenario.id, locateError(error, dirname(stackFile), stackFile), firstLine(error), error);
  };
  const module = (await import(loadableModule(scenario.stackModule).href).catch(fail)) as {
    default?: (stack: InstanceType<typeof Stack>) => void;
  };
  if (typeof module.default !== 'function') {
    throw new Error(
      `${stackFile} must default-export a function (stack: Stack) => void that adds the scenario's constructs.`,
    );
  }
  // Path metadata lets the compiler name resources by construct path; the CLI turns it on the same way. CDK's
  // built-in template validation (a WebAssembly linter, since 2.27x) is off: it can only warn here, it writes its
  // warnings straight to stderr (untranslated, across the terminal UI), and it costs ~3 s of CPU to start plus ~1 s
  // a template. The sandbox's own compiler checks what it reads, and says so in the user's language.
  const app = new App({ outdir, context: CONTEXT, builtinCloudFormationValidation: false });
  // No bootstrap stack: the stacks have no file or image assets (the sandbox uploads its objects itself), so the
  // deploy needs neither the CDK's staging bucket nor its roles, and LocalStack need not be bootstrapped first.
  const stack = new Stack(app, stackName, {
    env: { account: ACCOUNT, region: REGION },
    analyticsReporting: false,
    synthesizer: new BootstraplessSynthesizer(),
  });
  stack.templateOptions.metadata = { [SOURCE_METADATA]: sourceHash };
  try {
    module.default(stack);
    return app.synth({ validateOnSynthesis: false }).getStackByName(stackName).template as CfnTemplate;
  } catch (error) {
    return fail(error);
  }
}

/** A scenario's stack that does not load or synthesize: the file and line its error names, and the error. */
export class StackSourceError extends Error {
  constructor(
    readonly scenario: string,
    readonly where: SourceLocation,
    readonly reason: string,
    cause: unknown,
  ) {
    super(`Scenario ${scenario}: its stack does not synthesize: ${formatLocation(where)}: ${reason}`, { cause });
  }

  /** The same, as a message code, for the command line in the user's language. */
  get said(): Message {
    return msg('topo.stack-no-synth', {
      scenario: this.scenario,
      where: formatLocation(this.where),
      reason: this.reason,
    });
  }
}

/** A scenario names its stack module ./stack.ts; running compiled (dist/), that is the stack.js beside it. */
function loadableModule(url: URL): URL {
  if (!url.pathname.endsWith('.ts') || existsSync(url)) return url;
  const compiled = new URL(url.href.replace(/\.ts$/, '.js'));
  return existsSync(compiled) ? compiled : url;
}

/**
 * Hash of every file in the scenario's folder and in scenarios/common (shared CDK building blocks), plus the CDK
 * version: everything the template depends on.
 */
async function sourceHash(scenario: ScenarioDefinition): Promise<string> {
  const folder = dirname(fileURLToPath(scenario.stackModule));
  const hash = createHash('sha256');
  // A user's folder outside the project builds on the project's scenarios/common as the project's own do.
  const sharedDirs = [join(dirname(folder), 'common'), ...(scenario.origin?.kind === 'user' ? [COMMON] : [])];
  for (const dir of [...new Set([folder, ...sharedDirs])]) {
    if (!existsSync(dir)) continue;
    for (const name of (await readdir(dir)).sort()) {
      if (name.endsWith('.test.ts')) continue;
      hash.update(name).update(await readFile(join(dir, name)));
    }
  }
  hash
    .update(await cdkVersion())
    .update(JSON.stringify(CONTEXT))
    .update(SYNTHESIZER);
  return hash.digest('hex').slice(0, 16);
}

const COMMON = fileURLToPath(new URL('../../scenarios/common', import.meta.url));

let cachedCdkVersion: string | undefined;
async function cdkVersion(): Promise<string> {
  if (cachedCdkVersion) return cachedCdkVersion;
  const manifest = createRequire(import.meta.url).resolve('aws-cdk-lib/package.json');
  cachedCdkVersion = (JSON.parse(await readFile(manifest, 'utf8')) as { version: string }).version;
  return cachedCdkVersion;
}
