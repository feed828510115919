// The two other lessons' challenges, reached the way their hints say: who-tells-the-target's with the real AWS CLI
// against up (the passthrough door made to check at the edge), nlb-mtls-identity-filters' by editing a copy of the
// scenario (`new --from`, one identity filter in its stack.ts) and keeping that copy up. Each is "not yet" first.
import { execa } from 'execa';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeNewScenario } from '../../cli/new.js';
import { findScenario } from '../../scenarios/catalogue.js';
import { openSandbox } from '../door.js';
import { AWS, ROOT } from '../elbv2-api/testing-up.js';
import { freshState } from '../testing/suite.js';

const RUN_TS = join(ROOT, 'bin/run-ts.js');
const CHECK = join(ROOT, 'sandbox/testing/check-challenge.ts');

const state = freshState('mtls-challenges');
const mine = mkdtempSync(join(tmpdir(), 'mtls-challenges-own-'));

afterAll(() => {
  rmSync(state, { recursive: true, force: true });
  rmSync(mine, { recursive: true, force: true });
});

describe('challenges', () => {
  it('who-tells-the-target: the passthrough door checks at the edge after one ModifyListener', async () => {
    const sandbox = openSandbox({ stateDir: state, lang: 'en', localstack: 'off' });
    try {
      const session = await sandbox.up(await findScenario('who-tells-the-target', { userDirs: [] }), () => {});
      const first = await session.checkChallenge('check-at-the-edge');
      expect(first.parts.map((part) => [part.name, part.holds])).toEqual([
        ['no-certificate-refused', false],
        ['untrusted-refused', false],
        ['clientA-verified-at-the-edge', false],
      ]);
      const env = { ...session.elbv2Api!.env, AWS_CONFIG_FILE: '/dev/null' };
      const listener = session.listeners.find((l) => l.label === 'Alb HTTPS:8443')!.arn!;
      const store = session.elbv2Api!.trustStores[0]!.arn;
      const cli = await execa(
        AWS,
        [
          'elbv2',
          'modify-listener',
          '--listener-arn',
          listener,
          '--mutual-authentication',
          `Mode=verify,TrustStoreArn=${store}`,
        ],
        { env, reject: false },
      );
      expect(cli.exitCode, cli.stderr).toBe(0);
      const done = await session.checkChallenge('check-at-the-edge');
      expect(done.parts.filter((part) => !part.holds).map((part) => part.mismatches)).toEqual([]);
      expect(done.complete).toBe(true);
    } finally {
      await sandbox.stop();
    }
  }, 300_000);

  it('nlb-mtls-identity-filters: not in the original; done in a copy with one SAN URI filter', async () => {
    const original = await findScenario('nlb-mtls-identity-filters', { userDirs: [] });
    await writeNewScenario('only-billing', mine, original);
    const stack = join(mine, 'only-billing', 'stack.ts');
    const text = readFileSync(stack, 'utf8');
    const before = 'mutualTls: { trustStore: store, identityFilters: [] },';
    expect(text).toContain(before);
    writeFileSync(
      stack,
      text.replace(
        before,
        "mutualTls: { trustStore: store, identityFilters: [{ field: 'san-uri', matchType: 'exact', value: 'spiffe://example.org/ns/prod/sa/billing' }] },",
      ),
    );
    // A user's folder loads through the sandbox's loader hooks: in a process of its own, as the CLI does.
    const check = async (id: string, dir?: string) => {
      const result = await execa('node', [RUN_TS, CHECK, state, id, 'only-billing-in-prod', ...(dir ? [dir] : [])], {
        cwd: ROOT,
        reject: false,
      });
      expect(result.exitCode, result.stderr).toBe(0);
      return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as {
        complete: boolean;
        parts: { name: string; holds: boolean; mismatches: unknown[] }[];
      };
    };
    const first = await check('nlb-mtls-identity-filters');
    expect(first.complete).toBe(false);
    expect(first.parts.find((part) => part.name === 'billing-in-prod-admitted')!.holds).toBe(true);
    expect(first.parts.find((part) => part.name === 'clientA-refused')!.holds).toBe(false);
    expect(first.parts.find((part) => part.name === 'billing-in-staging-refused')!.holds).toBe(false);

    const done = await check('only-billing', mine);
    expect(done.parts.filter((part) => !part.holds)).toEqual([]);
    expect(done.complete).toBe(true);
  }, 400_000);
});
