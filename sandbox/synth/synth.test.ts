// Synthesizes the real scenarios' CDK stacks in process (aws-cdk-lib, ~2 s each) and compiles the templates.
import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync, cpSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import clbScenario from '../../scenarios/clb-tcp-passthrough/scenario.js';
import nlbScenario from '../../scenarios/nlb-tcp-passthrough/scenario.js';
import { compileTemplate as compileMessages } from '../model/compile.js';
import { inEnglish, type EnglishTopology } from '../../cli/testing/english.js';

/** The compiled topology with its not-realized reasons in the words a reader sees. */
const compileTemplate = (...args: Parameters<typeof compileMessages>) => inEnglish(compileMessages(...args));
import { SOURCE_METADATA, stackNameOf, synthesize, type SynthResult } from './synth.js';

const SYNTH_TIMEOUT = 120_000;
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const temps: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe('stackNameOf', () => {
  it('turns the scenario id into a PascalCase stack name', () => {
    expect(stackNameOf(nlbScenario)).toBe('NlbTcpPassthrough');
    expect(stackNameOf(clbScenario)).toBe('ClbTcpPassthrough');
    expect(stackNameOf({ ...nlbScenario, id: 'alb-mtls-2-verify' })).toBe('AlbMtls2Verify');
  });
});

describe('synthesize + compile: nlb-tcp-passthrough', () => {
  const state = tempDir('mtls-synth-nlb-');
  let first: SynthResult;
  let topology: EnglishTopology;
  beforeAll(async () => {
    first = await synthesize(nlbScenario, state);
    topology = compileTemplate(first.template, first.stackName);
  }, SYNTH_TIMEOUT);

  it('synthesizes fresh into the state dir cache, named by scenario id and a 16-hex hash', () => {
    expect(first.cached).toBe(false);
    expect(first.stackName).toBe('NlbTcpPassthrough');
    expect(dirname(first.cacheFile)).toBe(join(state, 'synth-cache'));
    expect(basename(first.cacheFile)).toMatch(/^nlb-tcp-passthrough-[0-9a-f]{16}\.template\.json$/);
    expect(JSON.parse(readFileSync(first.cacheFile, 'utf8'))).toEqual(first.template);
    expect(first.durationMs).toBeGreaterThan(0);
  });

  it('compiles to one network load balancer with a TCP:443 listener forwarding to WebTargets', () => {
    expect(topology.stackName).toBe('NlbTcpPassthrough');
    expect(topology.loadBalancers).toHaveLength(1);
    const nlb = topology.loadBalancers[0]!;
    expect(nlb).toMatchObject({ kind: 'network', path: 'Nlb', scheme: 'internet-facing' });
    expect(nlb.listeners).toHaveLength(1);
    const listener = nlb.listeners[0]!;
    expect(listener).toMatchObject({
      path: 'Nlb/Tcp443',
      port: 443,
      protocol: 'TCP',
      certificates: [],
      mutualAuthentication: null,
      rules: [],
    });
    const webTargets = topology.targetGroups.find((group) => group.path === 'WebTargets');
    expect(webTargets).toBeDefined();
    expect(listener.defaultActions).toEqual([
      { type: 'forward', targetGroups: [{ targetGroupId: webTargets!.logicalId, weight: 1 }], groupStickiness: null },
    ]);
  });

  it('compiles the target group with its IP targets and the TCP health check the stack sets', () => {
    expect(topology.targetGroups).toHaveLength(1);
    const group = topology.targetGroups[0]!;
    expect(group).toMatchObject({
      path: 'WebTargets',
      protocol: 'TCP',
      port: 443,
      targetType: 'ip',
      proxyProtocolV2: false,
    });
    expect(group.targets).toEqual([
      { id: '10.0.0.10', port: 443 },
      { id: '10.0.0.11', port: 443 },
    ]);
    expect(group.healthCheck).toEqual({
      protocol: 'TCP',
      port: 'traffic-port',
      path: null,
      intervalSeconds: 10,
      timeoutSeconds: 10,
      healthyThreshold: 2,
      unhealthyThreshold: 2,
      matcher: null,
    });
    expect(group.stickiness.enabled).toBe(false);
  });

  it('has no trust stores or parameters, and reports the VPC and subnets as networking', () => {
    expect(topology.trustStores).toEqual([]);
    expect(topology.parameters).toEqual([]);
    const vpc = topology.notRealized.find((entry) => entry.type === 'AWS::EC2::VPC');
    expect(vpc?.reason).toMatch(/^networking:/);
    expect(
      topology.notRealized.some(
        (entry) => entry.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer' && entry.property === 'Subnets',
      ),
    ).toBe(true);
    expect(
      topology.notRealized.some(
        (entry) => entry.type === 'AWS::ElasticLoadBalancingV2::TargetGroup' && entry.property === 'VpcId',
      ),
    ).toBe(true);
  });

  it('answers a second call from the cache with the identical template', async () => {
    const second = await synthesize(nlbScenario, state);
    expect(second.cached).toBe(true);
    expect(second.cacheFile).toBe(first.cacheFile);
    expect(second.stackName).toBe(first.stackName);
    expect(second.template).toEqual(first.template);
  });

  describe('a copy of the scenario folder', () => {
    const sourceFolder = dirname(fileURLToPath(nlbScenario.stackModule));
    const copyOf = (edit?: (stack: string) => string) => {
      const root = tempDir('mtls-synth-copy-');
      // The copied stack.ts imports aws-cdk-lib: let it resolve to this project's node_modules.
      symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
      const folder = join(root, 'nlb-tcp-passthrough');
      cpSync(sourceFolder, folder, { recursive: true });
      // Shared building blocks beside the scenario folders, as in scenarios/.
      cpSync(join(dirname(sourceFolder), 'common'), join(root, 'common'), { recursive: true });
      if (edit) {
        const file = join(folder, 'stack.ts');
        const edited = edit(readFileSync(file, 'utf8'));
        writeFileSync(file, edited);
      }
      return { ...nlbScenario, stackModule: pathToFileURL(join(folder, 'stack.ts')) };
    };

    it('unchanged, hashes the same: the cache key is the content, not the location', async () => {
      const copy = await synthesize(copyOf(), state);
      expect(copy.cacheFile).toBe(first.cacheFile);
      expect(copy.cached).toBe(true);
    });

    it(
      'with an edited stack.ts, gets a different cache file and a template with the edit',
      async () => {
        const scenario = copyOf((stack) => {
          const edited = stack.replace(
            "{ targetIps: ['10.0.0.10', '10.0.0.11'] }",
            "{ targetIps: ['10.0.0.10', '10.0.0.11'], listenerPort: 8443 }",
          );
          expect(edited).not.toBe(stack);
          return edited;
        });
        const result = await synthesize(scenario, state);
        expect(result.cached).toBe(false);
        expect(result.cacheFile).not.toBe(first.cacheFile);
        expect(basename(result.cacheFile)).toMatch(/^nlb-tcp-passthrough-[0-9a-f]{16}\.template\.json$/);
        expect(existsSync(first.cacheFile)).toBe(true);
        const edited = compileTemplate(result.template, result.stackName);
        expect(edited.loadBalancers[0]!.listeners.map((listener) => listener.port)).toEqual([8443]);
        expect(result.template).not.toEqual(first.template);
      },
      SYNTH_TIMEOUT,
    );

    it(
      'with an extra file in the folder, gets a different cache file too',
      async () => {
        const scenario = copyOf();
        writeFileSync(join(dirname(fileURLToPath(scenario.stackModule)), 'notes.md'), 'a new file changes the hash\n');
        const result = await synthesize(scenario, state);
        expect(result.cacheFile).not.toBe(first.cacheFile);
        expect(result.cached).toBe(false);
        // The same resources; only the Metadata naming the sources differs.
        expect(result.template.Metadata).toEqual({ [SOURCE_METADATA]: result.sourceHash });
        expect({ ...result.template, Metadata: null }).toEqual({ ...first.template, Metadata: null });
      },
      SYNTH_TIMEOUT,
    );

    it(
      'with an edited shared file in scenarios/common, gets a different cache file',
      async () => {
        const scenario = copyOf();
        const common = join(dirname(dirname(fileURLToPath(scenario.stackModule))), 'common');
        writeFileSync(
          join(common, 'client-auth-probes.ts'),
          `${readFileSync(join(common, 'client-auth-probes.ts'), 'utf8')}\n// edited\n`,
        );
        const result = await synthesize(scenario, state);
        expect(result.cacheFile).not.toBe(first.cacheFile);
        expect(result.cached).toBe(false);
      },
      SYNTH_TIMEOUT,
    );

    it('ignores test files when hashing', async () => {
      const scenario = copyOf();
      writeFileSync(
        join(dirname(fileURLToPath(scenario.stackModule)), 'extra.test.ts'),
        '// a test does not change the template\n',
      );
      const result = await synthesize(scenario, state);
      expect(result.cacheFile).toBe(first.cacheFile);
      expect(result.cached).toBe(true);
    });
  });
});

describe('synthesize + compile: clb-tcp-passthrough', () => {
  const state = tempDir('mtls-synth-clb-');
  let first: SynthResult;
  let topology: EnglishTopology;
  beforeAll(async () => {
    first = await synthesize(clbScenario, state);
    topology = compileTemplate(first.template, first.stackName);
  }, SYNTH_TIMEOUT);

  it('compiles to one classic load balancer with a TCP:443 → TCP:443 listener', () => {
    expect(first.cached).toBe(false);
    expect(first.stackName).toBe('ClbTcpPassthrough');
    expect(topology.loadBalancers).toHaveLength(1);
    const clb = topology.loadBalancers[0]!;
    expect(clb).toMatchObject({
      kind: 'classic',
      path: 'Clb',
      name: 'Clb',
      scheme: 'internet-facing',
      classicProxyProtocolPorts: [],
    });
    expect(
      clb.listeners.map((listener) => [
        listener.path,
        listener.port,
        listener.protocol,
        listener.instancePort,
        listener.instanceProtocol,
      ]),
    ).toEqual([['Clb/Listener443', 443, 'TCP', 443, 'TCP']]);
    expect(clb.listeners[0]!.defaultActions).toEqual([
      { type: 'forward', targetGroups: [{ targetGroupId: clb.logicalId, weight: 1 }], groupStickiness: null },
    ]);
  });

  it('has the health check TCP:443 every 10 s, 2/2, with the Classic 5 s timeout default', () => {
    expect(topology.loadBalancers[0]!.classicHealthCheck).toEqual({
      protocol: 'TCP',
      port: 443,
      path: null,
      intervalSeconds: 10,
      timeoutSeconds: 5,
      healthyThreshold: 2,
      unhealthyThreshold: 2,
      matcher: null,
    });
  });

  it('registers the two instances by logical id, and reports them as local processes', () => {
    const instances = topology.loadBalancers[0]!.classicInstances;
    expect(instances).toHaveLength(2);
    expect(instances.map((id) => first.template.Resources?.[id]?.Type)).toEqual([
      'AWS::EC2::Instance',
      'AWS::EC2::Instance',
    ]);
    expect(instances.map((id) => first.template.Resources?.[id]?.Metadata?.['aws:cdk:path'])).toEqual([
      'ClbTcpPassthrough/Web1/Resource',
      'ClbTcpPassthrough/Web2/Resource',
    ]);
    for (const id of instances) {
      expect(topology.notRealized.find((entry) => entry.logicalId === id)?.reason).toMatch(/local process/);
    }
    expect(topology.targetGroups).toEqual([]);
  });

  it('reports IAM roles and security groups with their reasons, never dropping a resource', () => {
    const resources = Object.entries(first.template.Resources ?? {});
    const realized = new Set(topology.loadBalancers.map((lb) => lb.logicalId));
    for (const [id] of resources) {
      if (realized.has(id)) continue;
      expect(
        topology.notRealized.some((entry) => entry.logicalId === id && entry.property === undefined),
        id,
      ).toBe(true);
    }
    expect(
      topology.notRealized.some((entry) => entry.type === 'AWS::IAM::Role' && /^permissions:/.test(entry.reason)),
    ).toBe(true);
    expect(
      topology.notRealized.some(
        (entry) => entry.type === 'AWS::EC2::SecurityGroup' && /^networking:/.test(entry.reason),
      ),
    ).toBe(true);
  });

  it('answers a second call from the cache with the identical template', async () => {
    const second = await synthesize(clbScenario, state);
    expect(second.cached).toBe(true);
    expect(second.cacheFile).toBe(first.cacheFile);
    expect(second.template).toEqual(first.template);
  });
});
