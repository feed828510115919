// docker-compose.yml and the docker driver's container templates describe the same services: images, commands,
// mounts, environment (and working directory, user, capabilities). Pure: no engine needed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../state-dir.js';
import { IMAGES } from './images.js';
import {
  SERVICES,
  binds,
  instantiate,
  readCompose,
  renderCompose,
  templateVariables,
  TemplateError,
} from './services.js';

const composeText = readFileSync(join(projectRoot(), 'docker-compose.yml'), 'utf8');

describe('docker-compose.yml and the docker driver', () => {
  it("is exactly what the driver's templates render (regenerate with services-cli.ts)", () => {
    expect(
      composeText,
      'docker-compose.yml is out of step: node bin/run-ts.js sandbox/runtime/docker/services-cli.ts > docker-compose.yml',
    ).toBe(renderCompose());
  });

  it("states each service's image, command, mounts and environment as the driver starts them", () => {
    const compose = readCompose(composeText);
    expect(Object.keys(compose).sort()).toEqual(Object.keys(SERVICES).sort());
    for (const template of Object.values(SERVICES)) {
      const service = compose[template.service]!;
      expect(service.image, template.service).toBe(template.image);
      expect(service.command, template.service).toEqual(template.command);
      expect(service.volumes, template.service).toEqual(
        template.mounts.map((mount) => `${mount.source}:${mount.target}${mount.readOnly ? ':ro' : ''}`),
      );
      expect(service.environment, template.service).toEqual(template.environment);
      expect(service.workingDir, template.service).toBe(template.workingDir);
      expect(service.user, template.service).toBe(template.user);
      expect(service.capAdd, template.service).toEqual(template.capAdd);
      expect(service.stopSignal, template.service).toBe(template.stopSignal);
      // Every variable the service uses is explained in the file's header.
      for (const variable of templateVariables(template)) expect(composeText).toContain(`#   ${variable}: `);
    }
  });

  it('uses the image names of images.ts, which scripts/setup-docker.sh builds', () => {
    const script = readFileSync(join(projectRoot(), 'scripts', 'setup-docker.sh'), 'utf8');
    expect(script).toContain(`NGINX_IMAGE=${IMAGES.nginx}\n`);
    expect(script).toContain(`HAPROXY_IMAGE=${IMAGES.haproxy}\n`);
    expect(script).toContain(`NODE_IMAGE=${IMAGES.node}\n`);
    expect(new Set(Object.values(SERVICES).map((service) => service.image))).toEqual(new Set(Object.values(IMAGES)));
  });

  it("fills a template into the container the driver creates, with the host driver's nginx command line", () => {
    const spec = instantiate(SERVICES['nginx-target'], {
      STATE_DIR: '/s',
      PKI_DIR: '/s/certs',
      TARGET_DIR: '/s/scenarios/x/web-1',
    });
    expect(spec.command).toEqual([
      'nginx',
      '-p',
      '/s/scenarios/x/web-1/',
      '-c',
      '/s/scenarios/x/web-1/nginx.conf',
      '-e',
      '/s/scenarios/x/web-1/logs/error.log',
      '-g',
      'daemon off;',
    ]);
    expect(binds(spec)).toEqual(['/s:/s', '/s/certs:/s/certs:ro']);
    expect(() => instantiate(SERVICES['haproxy-lb'], { STATE_DIR: '/s' })).toThrow(TemplateError);
    const alb = instantiate(SERVICES.alb, {
      STATE_DIR: '/s',
      PKI_DIR: '/s',
      PROJECT_DIR: '/p',
      ALB_CONFIG: '/s/a.json',
    });
    // The PKI inside the state dir mounts once, writable.
    expect(binds(alb)).toEqual(['/p:/mtls-sandbox:ro', '/s:/s']);
  });
});
