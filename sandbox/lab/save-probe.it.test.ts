// Saving console probes into a user's own scenario folder: the file the sandbox owns (lab-probes.ts), scenario.ts
// wired to it once, and the folder still loading — checked by the real CLI (`list --json`), whose loader reads it.
import { execa } from 'execa';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeNewScenario } from '../../cli/new.js';
import { CERT_TRANSCRIPT, probeReport } from '../../cli/testing/tui-fixtures.js';
import { ROOT } from '../elbv2-api/testing-up.js';
import { consoleProbe } from './console.js';
import { appendProbe, LAB_PROBES_HEADER, LabProbeSaveError, saveLabProbe, wireScenario } from './save-probe.js';
import { freshState } from '../testing/suite.js';

const dir = mkdtempSync(join(tmpdir(), 'mtls-save-probe-'));
const state = freshState('mtls-save-probe-state');
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(state, { recursive: true, force: true });
});

const request = {
  via: { loadBalancer: 'Alb', port: 443 },
  certificate: 'clientB' as const,
  path: '/',
  method: 'GET' as const,
  headers: { 'X-Amzn-Mtls-Clientcert-Subject': "CN=clientA,O='quoted'" },
  http: '1.1' as const,
  tls: null,
};

describe('saving a console probe', () => {
  it('appends it to lab-probes.ts, wires scenario.ts once, and the folder still loads with it', async () => {
    const { folder } = await writeNewScenario('saved-probes', dir, null);
    const spec = consoleProbe(request, 1, null);
    // What the lab saw in this very scenario: the starter's target answered (the loader checks the name).
    const seen = probeReport(spec, CERT_TRANSCRIPT);
    const report = { ...seen, target: { ...seen.target!, name: 'echo-1' } };
    const first = saveLabProbe(folder, spec, report, new Date('2026-12-07T10:00:00Z'));
    expect(first).toEqual({ file: join(folder, 'lab-probes.ts'), name: 'lab-20261207-1', wired: true });
    const scenario = readFileSync(join(folder, 'scenario.ts'), 'utf8');
    expect(scenario).toContain("import { labProbes } from './lab-probes.js';");
    expect(scenario).toContain('probes: [\n    ...labProbes,');
    const second = saveLabProbe(folder, spec, report, new Date('2026-12-07T11:00:00Z'));
    expect(second.name).toBe('lab-20261207-2');
    // Wired once: a second save leaves scenario.ts as it was.
    expect(readFileSync(join(folder, 'scenario.ts'), 'utf8')).toBe(scenario);
    const saved = readFileSync(first.file, 'utf8');
    expect(saved).toContain('"status": 200');
    expect(saved).toContain('"oneOf": [\n          "echo-1"');
    expect(saved).toContain('"level": "assumed"');
    expect(saved).toContain("Observed in the sandbox's lab on 2026-12-07");
    expect(saved).not.toContain('unjudged');

    const listed = await execa('node', [join(ROOT, 'bin/mtls-sandbox.js'), 'list', '--json', '--scenarios', dir], {
      cwd: ROOT,
      env: { MTLS_SANDBOX_STATE: state, MTLS_SANDBOX_SCENARIOS: '' },
      reject: false,
    });
    expect(listed.exitCode, listed.stderr).toBe(0);
    const entry = (JSON.parse(listed.stdout) as { id: string; probes?: { name: string }[]; broken?: unknown }[]).find(
      (row) => row.id === 'saved-probes',
    )!;
    expect(entry.broken).toBeUndefined();
    expect(entry.probes!.map((probe) => probe.name).slice(0, 2)).toEqual(['lab-20261207-1', 'lab-20261207-2']);
  }, 120_000);

  it('does not edit a scenario.ts it cannot edit safely, and says so', async () => {
    const { folder } = await writeNewScenario('two-lists', dir, null);
    const file = join(folder, 'scenario.ts');
    const odd = `${readFileSync(file, 'utf8')}\n// probes: [ mentioned twice\n`;
    writeFileSync(file, odd);
    expect(wireScenario(odd)).toBeNull();
    const spec = consoleProbe(request, 2, null);
    const saved = saveLabProbe(folder, spec, probeReport(spec, CERT_TRANSCRIPT));
    expect(saved.wired).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe(odd);
  });

  it('refuses to add to a lab-probes.ts whose closing line is gone', async () => {
    expect(appendProbe(LAB_PROBES_HEADER.replace('\n];', '\n]'), 'x')).toBeNull();
    const { folder } = await writeNewScenario('edited-by-hand', dir, null);
    writeFileSync(join(folder, 'lab-probes.ts'), 'export const labProbes = [];\n');
    const spec = consoleProbe(request, 3, null);
    expect(() => saveLabProbe(folder, spec, probeReport(spec, CERT_TRANSCRIPT))).toThrow(LabProbeSaveError);
  });
});
