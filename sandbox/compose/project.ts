// `mtls-sandbox compose <id>`: a scenario written out as a self-contained compose project — the configurations a run
// renders, the certificates, and compose.yaml with one service per container `--runtime docker` would run — so that
// `docker compose up` gives the same topology. The scenario is realized with the docker driver's recorder
// (DockerDriver.recorder), which renders everything and starts nothing; render.ts writes the services.
//
// The folder is the project's state directory, mounted into the containers at the absolute path it had when it was
// written (the rendered configurations name files by that path), from a source relative to compose.yaml: the folder
// can be moved and still comes up. The Node services (ALB emulator, echo target) run this checkout's code, mounted
// read-only from where it is, as the docker runtime does.
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type Message, msg } from '../messages.js';
import { ensurePki } from '../../certs/pki.js';
import type { Pki } from '../../certs/types.js';
import type { Emit } from '../events.js';
import type { Topology } from '../model/topology.js';
import { prepareCurl } from '../probe/curl-runner.js';
import { curlRequestFor } from '../probe/request.js';
import type { ScenarioReport } from '../report.js';
import { DockerDriver } from '../runtime/docker/driver.js';
import { PROJECT_MOUNT } from '../runtime/docker/services.js';
import { realize, type Realized } from '../runtime/realize.js';
import { certsDir } from '../runtime/state-dir.js';
import { compileTemplate } from '../model/compile.js';
import { probePrepared, type Prepared } from '../run.js';
import { synthesize } from '../synth/synth.js';
import type { ScenarioDefinition } from '../scenario.js';
import { pick, type Lang, type Text } from '../text.js';
import { renderComposeFile, serviceName } from './render.js';

/** Refused input: a scenario a compose project cannot hold, or a folder that is not ours to write. */
export class ComposeError extends Error {
  constructor(
    message: string,
    readonly said?: Message,
  ) {
    super(message);
  }
}

export interface ComposeOptions {
  /** The sandbox's state directory: the synth cache, and the certificates the project gets a copy of. */
  stateDir: string;
  /** The project's folder (made, or rewritten when it holds an earlier project). */
  out: string;
  lang: Lang;
}

export interface ComposeService {
  service: string;
  container: string;
  component: string;
  image: string;
  /** host:port addresses it listens on. */
  listens: string[];
}

/** What `compose` wrote, for the CLI to describe (README.md) and for a caller to probe once it is up. */
export interface ComposeProject {
  scenario: { id: string; title: Text; explain: Text };
  /** Absolute path of the folder, and of compose.yaml in it. */
  dir: string;
  composeFile: string;
  /** The compose project's name. */
  project: string;
  services: ComposeService[];
  /** The mtls-sandbox checkout the Node services run (mounted read-only), or null when no service needs it. */
  checkout: string | null;
  /** Each probe as a command line to run from the project's folder (certificate paths relative to it). */
  probes: { name: string; description: Text; command: string }[];
  /**
   * Runs the scenario's probes against the project as it runs now (it must be up: `docker compose up -d --wait`)
   * and judges them as a run does: the report a run makes, with the compose services as its components.
   */
  probe(emit?: Emit, lang?: Lang): Promise<ScenarioReport>;
}

/** The first line of every compose.yaml this writes: how a folder is known to be ours to rewrite. */
const MARK = '# A compose project of the mtls-sandbox scenario ';

export async function writeComposeProject(
  scenario: ScenarioDefinition,
  options: ComposeOptions,
): Promise<ComposeProject> {
  if (scenario.needs?.localstack)
    throw new ComposeError(
      `${scenario.id} needs LocalStack: the sandbox deploys its stack there and reads what the targets need from it while the topology starts, which a compose project cannot do. Run it with \`mtls-sandbox up ${scenario.id} --runtime docker\` instead.`,
      msg('setup.compose-needs-localstack', { scenario: scenario.id }),
    );
  const synth = await synthesize(scenario, options.stateDir);
  const topology = compileTemplate(synth.template, synth.stackName);
  if (topology.dns || topology.cloudFront)
    throw new ComposeError(
      `${scenario.id} has Route 53 records or CloudFront distributions, which the sandbox serves from its own process (their health checks and answers change during the run), not as containers. Run it with \`mtls-sandbox up ${scenario.id} --runtime docker\` instead.`,
      msg('setup.compose-own-process', { scenario: scenario.id }),
    );
  const dir = resolve(options.out);
  await clearFolder(dir);
  const pki = await copyCertificates(certsDir(options.stateDir), join(dir, 'certs'));
  const project = `mtls-sandbox-${scenario.id}`;
  const driver = DockerDriver.recorder({
    state: dir,
    pkiDir: pki.dir,
    containerName: (name) => `${project}-${serviceName(name)}`,
  });
  let realized: Realized;
  try {
    realized = await realize(scenario, topology, pki, driver, join(dir, 'scenarios', scenario.id), {
      starting: () => {},
      // Says image and container in the components of the reports `probe` makes.
      ready: (component) => driver.describe(component),
    });
  } finally {
    // A recorder started nothing; this only forgets what it wrote down.
    await driver.stopAll();
  }
  const containers = driver.recorded;
  const composeFile = join(dir, 'compose.yaml');
  await writeFile(composeFile, renderComposeFile({ project, scenario: scenario.id, dir, containers }));
  const relativePki = rebase(pki, `${dir}/`, '');
  return {
    scenario: { id: scenario.id, title: scenario.title, explain: scenario.explain },
    dir,
    composeFile,
    project,
    services: containers.map((container) => ({
      service: serviceName(container.name),
      container: container.containerName,
      component: container.component,
      image: container.spec.image,
      listens: container.listens.map((address) => `${address.host}:${address.port}`),
    })),
    checkout:
      containers.flatMap((container) => container.spec.mounts).find((mount) => mount.target === PROJECT_MOUNT)
        ?.source ?? null,
    probes: scenario.probes.map((probe) => ({
      name: probe.name,
      description: probe.description,
      command: prepareCurl({
        ...curlRequestFor(probe, realized.endpoint(probe.via.loadBalancer, probe.via.port), relativePki),
        noProgressMeter: false,
      }).command,
    })),
    probe: (emit = () => {}, lang = options.lang) =>
      probeProject(scenario, { synth, topology, realized, driver, pki, dir }, emit, lang),
  };
}

/** The scenario's probes against the running project, judged and reported as runScenario does. */
async function probeProject(
  scenario: ScenarioDefinition,
  made: {
    synth: Prepared['synth'];
    topology: Topology;
    realized: Realized;
    driver: DockerDriver;
    pki: Pki;
    dir: string;
  },
  emit: Emit,
  lang: Lang,
): Promise<ScenarioReport> {
  const started = performance.now();
  emit({ type: 'scenario-start', scenario: scenario.id, title: pick(scenario.title, lang) });
  const steps: Prepared['steps'] = [];
  const prepared: Prepared = {
    synth: made.synth,
    topology: made.topology,
    realized: made.realized,
    driver: made.driver,
    aws: null,
    steps,
    dir: made.dir,
    recordStep: (name, detail, durationMs) => {
      steps.push({ name, durationMs, detail });
      emit({ type: 'step', scenario: scenario.id, name, durationMs, detail });
    },
    // compose runs and stops the containers (`docker compose down`), not this process.
    ended: new Promise(() => {}),
    stop: async () => {},
  };
  return probePrepared(
    scenario,
    prepared,
    { stateDir: made.dir, pki: made.pki, lang, emit, runtime: 'docker' },
    started,
  );
}

/** Makes the folder, or empties one that holds an earlier project of ours; anything else there is refused. */
async function clearFolder(dir: string): Promise<void> {
  const entries = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw new ComposeError(
      `Cannot use ${dir} for the compose project: ${error.message}`,
      msg('setup.compose-cannot-use', { dir, error: error.message }),
    );
  });
  if (entries.length > 0) {
    const first = await readFile(join(dir, 'compose.yaml'), 'utf8').catch(() => '');
    if (!first.startsWith(MARK))
      throw new ComposeError(
        `${dir} is not empty and holds no compose project of mtls-sandbox; give --out a new or empty folder.`,
        msg('setup.compose-not-ours', { dir }),
      );
    await rm(dir, { recursive: true, force: true }).catch((error: Error) => {
      throw new ComposeError(
        `Cannot rewrite ${dir}: ${error.message}. Its containers wrote files there as root; bring it down (\`docker compose -f ${join(dir, 'compose.yaml')} down\`) and remove it (\`sudo rm -rf ${dir}\`).`,
        msg('setup.compose-cannot-rewrite', { dir, error: error.message, file: join(dir, 'compose.yaml') }),
      );
    });
  }
  await mkdir(dir, { recursive: true });
}

/** The sandbox's certificates (made once, as every run uses them), copied into the project. */
async function copyCertificates(from: string, to: string): Promise<Pki> {
  const source = await ensurePki(from);
  await cp(source.dir, to, { recursive: true, filter: (path) => !path.endsWith('/.lock') });
  // Checks the copy and reads it: the same files, so nothing is remade.
  return ensurePki(to);
}

/** The same value with every path string under `from` moved under `to`. */
function rebase<T>(value: T, from: string, to: string): T {
  return JSON.parse(JSON.stringify(value), (_key, item: unknown) =>
    typeof item === 'string' && item.startsWith(from) ? `${to}${item.slice(from.length)}` : item,
  ) as T;
}
