import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePki } from '../../certs/pki.js';
import { findScenario } from '../../scenarios/catalogue.js';
import { CATEGORIES } from './cases.js';
import { FRONT_DOORS, type FrontDoor, openDoor, type OpenDoor } from './doors.js';
import { formatFuzz, type FuzzResult, runFuzz } from './run.js';
import { freshState } from '../testing/suite.js';

const state = freshState('mtls-fuzz');
const doors: OpenDoor[] = [];
let result: FuzzResult;

async function open(door: FrontDoor): Promise<OpenDoor> {
  const opened = await openDoor(door, await findScenario(door.scenario), {
    stateDir: state,
    pki: await ensurePki(join(state, 'certs')),
  });
  doors.push(opened);
  return opened;
}

beforeAll(async () => {
  const all = [];
  for (const door of FRONT_DOORS) all.push(await open(door));
  result = await runFuzz(all, { casesPerCategory: 2, seed: 17 });
  console.log(formatFuzz(result));
}, 300_000);

afterAll(async () => {
  for (const door of doors.splice(0).reverse()) await door.stop();
});

describe('hostile inputs against every front door', () => {
  it('tries every category that applies to each door', () => {
    for (const door of FRONT_DOORS) {
      const tried = result.tried[door.id]!;
      expect(tried['client-hello-random']).toBe(2);
      expect(tried['client-hello-mutated']).toBe(2);
      expect(tried['tls-truncated']).toBe(2);
      expect(tried['http1-header-bomb']).toBe(2);
      expect(tried.smuggling).toBe(2);
      expect(tried['http2-header-bomb']).toBe(door.http2 ? 2 : undefined);
      expect(tried['spoofed-identity']).toBe(door.identityHeaders.length > 0 ? 2 : undefined);
    }
    expect(result.total).toBeGreaterThanOrEqual(FRONT_DOORS.length * (CATEGORIES.length - 2) * 2);
  });

  it('crashes nothing, loses no normal request and lets no forged identity through', () => {
    expect(result.crashes).toEqual([]);
    expect(result.lost).toEqual([]);
    expect(result.leaks).toEqual([]);
    expect(result.normal).toEqual({ sent: result.total, answered: result.total });
  });

  it('the leak check finds forged headers where a door passes them on (an ALB without mutual TLS)', async () => {
    const control = await open({
      id: 'alb-no-mtls',
      description: 'control: ALB without mutual TLS, which forwards client-sent X-Amzn-Mtls-* headers',
      scenario: 'alb-tls-termination',
      via: { loadBalancer: 'Alb', port: 443 },
      client: null,
      http2: true,
      identityHeaders: ['X-Amzn-Mtls-Clientcert-Subject'],
    });
    const leaky = await runFuzz([control], { casesPerCategory: 2, seed: 3, categories: ['spoofed-identity'] });
    expect(leaky.leaks).toHaveLength(2);
    expect(leaky.leaks[0]!.detail).toMatch(/got x-amzn-mtls-clientcert-subject$/);
    expect(leaky.lost).toEqual([]);
  });
});
