// The README.md of a compose project and what `compose` prints, from a project record; and the repository's docs,
// which must give exactly the compose commands cli/compose.it.test.ts runs. Pure.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ComposeProject } from '../sandbox/compose/project.js';
import { projectRoot } from '../sandbox/runtime/state-dir.js';
import { commandLine, composeCommands, composeReadme, composeSummary, defaultComposeDir } from './compose.js';

const project: ComposeProject = {
  scenario: {
    id: 'nlb-tcp-passthrough',
    title: { en: 'NLB passthrough', ja: 'NLB パススルー' },
    explain: { en: 'What to notice: nginx asks.', ja: '注目点: nginx が要求する。' },
  },
  dir: '/work/repo/.sandbox/compose/nlb-tcp-passthrough',
  composeFile: '/work/repo/.sandbox/compose/nlb-tcp-passthrough/compose.yaml',
  project: 'mtls-sandbox-nlb-tcp-passthrough',
  services: [
    { service: 'web-1', container: 'c-web-1', component: 'web-1', image: 'nginx:1.27', listens: ['127.0.0.1:40001'] },
    {
      service: 'haproxy-nlb',
      container: 'c-haproxy-nlb',
      component: 'haproxy-nlb',
      image: 'haproxy:2.6',
      listens: ['127.0.0.1:40002'],
    },
  ],
  checkout: null,
  probes: [
    {
      name: 'clientA-certificate',
      description: { en: 'clientA gets 200', ja: 'clientA は 200' },
      command:
        'curl -v --key certs/clientA.key --cert certs/clientA.crt --cacert certs/sandboxServerCA.crt https://127.0.0.1:40002/',
    },
  ],
  probe: () => Promise.reject(new Error('not up in a unit test')),
};

describe('composeReadme', () => {
  it('lists the services and gives the commands to run in the folder, and the probes as they run', () => {
    const readme = composeReadme(project, 'en');
    expect(readme).toContain('| `web-1` | `nginx:1.27` | 127.0.0.1:40001 |');
    expect(readme).toContain('```sh\ndocker compose up -d --wait\n```');
    expect(readme).toContain('```sh\ndocker compose down\n```');
    expect(readme).toContain(`# clientA-certificate: clientA gets 200\n${project.probes[0]!.command}\n`);
    expect(readme).toContain('What to notice: nginx asks.');
    expect(readme).toContain('`--cacert certs/sandboxServerCA.crt`, never `-k`');
    // No Node service, so nothing is said about the checkout they run.
    expect(readme).not.toContain('mounted read-only');
  });

  it('speaks Japanese, and names the checkout when Node services run from it', () => {
    const readme = composeReadme({ ...project, checkout: '/work/repo' }, 'ja');
    expect(readme).toContain('# nlb-tcp-passthrough: compose プロジェクト');
    expect(readme).toContain('clientA は 200');
    expect(readme).toContain('注目点: nginx が要求する。');
    expect(readme).toContain('`/work/repo`');
  });
});

describe('composeSummary', () => {
  it('shows paths under the working directory relative to it, with the commands to run next', () => {
    const summary = composeSummary(project, 'en', '/work/repo');
    expect(summary).toContain('to .sandbox/compose/nlb-tcp-passthrough (2 services: web-1, haproxy-nlb)');
    expect(summary).toContain('  docker compose -f .sandbox/compose/nlb-tcp-passthrough/compose.yaml up -d --wait');
    expect(summary).toContain('  docker compose -f .sandbox/compose/nlb-tcp-passthrough/compose.yaml down');
    expect(composeSummary(project, 'en', '/elsewhere')).toContain(`-f ${project.composeFile} up`);
  });

  it('quotes a path the shell would split', () => {
    expect(commandLine(composeCommands('/tmp/lesson 1/compose.yaml').up)).toBe(
      "docker compose -f '/tmp/lesson 1/compose.yaml' up -d --wait",
    );
  });
});

describe('the docs give the compose commands the compose test runs', () => {
  const file = '.sandbox/compose/nlb-tcp-passthrough/compose.yaml';
  const { up, down } = composeCommands(file);
  const write = 'npx mtls-sandbox compose nlb-tcp-passthrough';

  it.each(['docs/guide.md', 'docs/docker.md', 'docker-compose.yml'])('%s', (page) => {
    const text = readFileSync(join(projectRoot(), page), 'utf8');
    expect(text).toContain(write);
    expect(text).toContain(commandLine(up));
    if (page !== 'docker-compose.yml') expect(text).toContain(commandLine(down));
    // The old way needed variables no run wrote.
    expect(text).not.toContain('--env-file');
    expect(text).not.toContain('compose.env');
  });

  it('writes by default where the docs say', () => {
    expect(defaultComposeDir('.sandbox', 'nlb-tcp-passthrough')).toBe('.sandbox/compose/nlb-tcp-passthrough');
    expect(join(defaultComposeDir('.sandbox', 'nlb-tcp-passthrough'), 'compose.yaml')).toBe(file);
  });
});
