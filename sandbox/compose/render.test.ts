// compose.yaml from recorded containers: every value written out, mounts from the folder relative, start order kept by
// health checks and dependencies. Pure: the containers are filled-in templates of services.ts.
import { describe, expect, it } from 'vitest';
import type { RecordedContainer } from '../runtime/docker/driver.js';
import { instantiate, SERVICES } from '../runtime/docker/services.js';
import { healthTest, renderComposeFile, serviceName, volume } from './render.js';

const DIR = '/home/me/lesson 1';
const common = {
  STATE_DIR: DIR,
  PKI_DIR: `${DIR}/certs`,
  PROJECT_DIR: '/src/mtls',
  NODE_MODULES_DIR: '/src/mtls/node_modules',
};

const nginx = (name: string, port: number): RecordedContainer => ({
  name,
  component: name,
  containerName: `mtls-sandbox-x-${name}`,
  spec: instantiate(SERVICES['nginx-target'], { ...common, TARGET_DIR: `${DIR}/scenarios/x/${name}` }),
  listens: [{ host: '127.0.0.1', port }],
});
const alb: RecordedContainer = {
  name: 'alb-alb-443',
  component: 'alb-alb',
  containerName: 'mtls-sandbox-x-alb-alb-443',
  spec: instantiate(SERVICES.alb, { ...common, ALB_CONFIG: `${DIR}/scenarios/x/alb-alb/listener-443.json` }),
  listens: [{ host: '127.0.0.1', port: 40443 }],
};
const haproxy: RecordedContainer = {
  name: 'haproxy-nlb',
  component: 'haproxy-nlb',
  containerName: 'mtls-sandbox-x-haproxy-nlb',
  spec: instantiate(SERVICES['haproxy-lb'], { ...common, LB_DIR: `${DIR}/scenarios/x/haproxy-nlb` }),
  listens: [
    { host: '127.0.0.1', port: 40001 },
    { host: '127.0.0.1', port: 40002 },
  ],
};

const render = (containers: RecordedContainer[]) =>
  renderComposeFile({ project: 'mtls-sandbox-x', scenario: 'x', dir: DIR, containers });

describe('renderComposeFile', () => {
  it('writes each container as a service with everything filled in, in start order', () => {
    const text = render([nginx('web-1', 40101), nginx('web-2', 40102), haproxy]);
    expect(text).not.toMatch(/\$\{/);
    expect(text).toContain('name: "mtls-sandbox-x"\n');
    expect([...text.matchAll(/^ {2}([a-z0-9-]+):$/gm)].map((match) => match[1])).toEqual([
      'web-1',
      'web-2',
      'haproxy-nlb',
    ]);
    expect(text).toContain(
      `    command: ["nginx", "-p", "${DIR}/scenarios/x/web-1/", "-c", "${DIR}/scenarios/x/web-1/nginx.conf", "-e", "${DIR}/scenarios/x/web-1/logs/error.log", "-g", "daemon off;"]\n`,
    );
    expect(text).toContain('    container_name: "mtls-sandbox-x-haproxy-nlb"\n');
    expect(text).toContain('    cap_add: ["NET_ADMIN"]\n    stop_signal: "SIGUSR1"\n');
    // The folder at its own path, from a source relative to compose.yaml.
    expect(text).toContain(`      - ".:${DIR}"\n      - "./certs:${DIR}/certs:ro"\n`);
    expect(text).toContain('      mtls-sandbox.compose: "x"\n');
  });

  it('starts each service once the one before it is healthy', () => {
    const text = render([nginx('web-1', 40101), nginx('web-2', 40102), haproxy]);
    const service = (name: string) => text.slice(text.indexOf(`  ${name}:\n`)).split(/\n {2}[a-z]/)[0]!;
    expect(service('web-1')).not.toContain('depends_on');
    expect(service('web-2')).toContain('    depends_on:\n      web-1:\n        condition: service_healthy\n');
    expect(service('haproxy-nlb')).toContain('      web-2:\n        condition: service_healthy\n');
    expect(service('haproxy-nlb')).toContain(
      '      test: ["CMD", "bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/40001 && exec 3<>/dev/tcp/127.0.0.1/40002"]\n',
    );
  });

  it("mounts the checkout the Node services run from where it is, and waits for the ALB emulator's ready file", () => {
    const text = render([alb]);
    expect(text).toContain('      - "/src/mtls:/mtls-sandbox:ro"\n');
    expect(text).toContain('      - "/src/mtls/node_modules:/mtls-sandbox/node_modules:ro"\n');
    expect(text).toContain(`      test: ["CMD", "test", "-f", "${DIR}/scenarios/x/alb-alb/listener-443.json.ready"]\n`);
    expect(text).toContain('    environment:\n      HOME: "/tmp"\n      NODE_ENV: "production"\n');
  });

  it('doubles $ so compose interpolates nothing', () => {
    const dollar = nginx('web-1', 1);
    dollar.spec = { ...dollar.spec, command: ['nginx', '-g', 'env $HOME;'] };
    expect(render([dollar])).toContain('    command: ["nginx", "-g", "env $$HOME;"]\n');
  });

  it('refuses two containers that would be one service', () => {
    expect(() => render([nginx('Web-1', 1), nginx('web-1', 2)])).toThrow(/both be compose service "web-1"/);
  });
});

describe('the parts of a service', () => {
  it('names services in lower case with dashes', () => {
    expect(serviceName('alb-Alb-443')).toBe('alb-alb-443');
    expect(serviceName('echo target/1')).toBe('echo-target-1');
  });

  it('writes mounts inside the folder relative to it, others as they are', () => {
    expect(volume({ source: DIR, target: DIR, readOnly: false }, DIR)).toBe(`.:${DIR}`);
    expect(volume({ source: `${DIR}/certs`, target: '/c', readOnly: true }, `${DIR}/`)).toBe('./certs:/c:ro');
    expect(volume({ source: `${DIR}-other`, target: '/o', readOnly: false }, DIR)).toBe(`${DIR}-other:/o`);
  });

  it('checks readiness as the driver does', () => {
    expect(healthTest(nginx('web-1', 40101))).toEqual(['CMD', 'bash', '-c', 'exec 3<>/dev/tcp/127.0.0.1/40101']);
    expect(healthTest(alb)[2]).toBe('-f');
    expect(healthTest({ ...nginx('quiet', 1), listens: [] })).toEqual(['CMD', 'true']);
  });
});
