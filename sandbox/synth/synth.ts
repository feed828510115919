// Synthesizes a scenario's CDK stack in process (no AWS account, no network) and caches the template by a hash
// of the scenario's source, so a warm run never loads aws-cdk-lib at all.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CfnTemplate } from '../model/cfn.js';
import type { ScenarioDefinition } from '../scenario.js';

export interface SynthResult {
  template: CfnTemplate;
  stackName: string;
  cached: boolean;
  durationMs: number;
  cacheFile: string;
  /** What the template was made from (the scenario's files, CDK's version, the context); also in its Metadata. */
  sourceHash: string;
}

/** The template's Metadata key that carries the source hash, so a deployed stack says what it was made from. */
export const SOURCE_METADATA = 'MtlsSandbox::Source';

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
  const stackName = stackNameOf(scenario);
  const hash = await sourceHash(scenario);
  const cacheFile = join(stateDir, 'synth-cache', `${scenario.id}-${hash}.template.json`);
  if (existsSync(cacheFile)) {
    const template = JSON.parse(await readFile(cacheFile, 'utf8')) as CfnTemplate;
    return { template, stackName, cached: true, durationMs: performance.now() - started, cacheFile, sourceHash: hash };
  }
  const template = await synthesizeFresh(scenario, stackName, join(stateDir, 'cdk.out', scenario.id), hash);
  await mkdir(dirname(cacheFile), { recursive: true });
  await writeFile(cacheFile, JSON.stringify(template, null, 1));
  return { template, stackName, cached: false, durationMs: performance.now() - started, cacheFile, sourceHash: hash };
}

/** Synthesizes without the cache, writing the cloud assembly (what `cdklocal deploy --app` reads) to `outdir`. */
export async function synthesizeFresh(
  scenario: ScenarioDefinition,
  stackName: string,
  outdir: string,
  sourceHash: string,
): Promise<CfnTemplate> {
  const { App, BootstraplessSynthesizer, Stack } = await import('aws-cdk-lib');
  const module = (await import(loadableModule(scenario.stackModule).href)) as {
    default?: (stack: InstanceType<typeof Stack>) => void;
  };
  if (typeof module.default !== 'function') {
    throw new Error(
      `${fileURLToPath(scenario.stackModule)} must default-export a function (stack: Stack) => void that adds the scenario's constructs.`,
    );
  }
  // Path metadata lets the compiler name resources by construct path; the CLI turns it on the same way.
  const app = new App({ outdir, context: CONTEXT });
  // No bootstrap stack: the stacks have no file or image assets (the sandbox uploads its objects itself), so the
  // deploy needs neither the CDK's staging bucket nor its roles, and LocalStack need not be bootstrapped first.
  const stack = new Stack(app, stackName, {
    env: { account: ACCOUNT, region: REGION },
    analyticsReporting: false,
    synthesizer: new BootstraplessSynthesizer(),
  });
  stack.templateOptions.metadata = { [SOURCE_METADATA]: sourceHash };
  module.default(stack);
  return app.synth({ validateOnSynthesis: false }).getStackByName(stackName).template as CfnTemplate;
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
  for (const dir of [folder, join(dirname(folder), 'common')]) {
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

let cachedCdkVersion: string | undefined;
async function cdkVersion(): Promise<string> {
  if (cachedCdkVersion) return cachedCdkVersion;
  const manifest = createRequire(import.meta.url).resolve('aws-cdk-lib/package.json');
  cachedCdkVersion = (JSON.parse(await readFile(manifest, 'utf8')) as { version: string }).version;
  return cachedCdkVersion;
}
