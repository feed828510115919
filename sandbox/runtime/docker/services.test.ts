// The docker driver's container templates: every variable explained, the images setup-docker.sh makes, and filled in
// as the driver creates them. Pure: no engine needed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../state-dir.js';
import { IMAGES } from './images.js';
import { SERVICES, binds, instantiate, templateVariables, TemplateError } from './services.js';

describe("the docker driver's container templates", () => {
  it('explain every variable they use', () => {
    for (const template of Object.values(SERVICES))
      for (const variable of templateVariables(template))
        expect(Object.keys(template.variables), `${template.service} uses \${${variable}}`).toContain(variable);
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
      NODE_MODULES_DIR: '/main/node_modules',
      ALB_CONFIG: '/s/a.json',
    });
    // The PKI inside the state dir mounts once, writable; node_modules from where it really is.
    expect(binds(alb)).toEqual(['/p:/mtls-sandbox:ro', '/main/node_modules:/mtls-sandbox/node_modules:ro', '/s:/s']);
    expect(alb.readyFile).toBe('/s/a.json.ready');
    expect(spec.readyFile).toBeUndefined();
  });
});
