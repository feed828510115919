// For tests: keeps one scenario up (a user's own folder included, which needs the loader hooks of a real process, not
// the test runner's) and checks one of its challenges; prints the result as JSON. Run with bin/run-ts.js:
//   node bin/run-ts.js sandbox/testing/check-challenge.ts <state dir> <scenario id> <challenge id> [scenarios dir]
import { findScenario } from '../../scenarios/catalogue.js';
import { openSandbox } from '../door.js';

const [stateDir, id, challenge, dir] = process.argv.slice(2);
const scenario = await findScenario(id!, { userDirs: dir ? [{ dir, how: '--scenarios' }] : [] });
const sandbox = openSandbox({ stateDir: stateDir!, lang: 'en', localstack: 'off' });
try {
  const session = await sandbox.up(scenario, () => {});
  const result = await session.checkChallenge(challenge!);
  process.stdout.write(
    `${JSON.stringify({
      complete: result.complete,
      parts: result.parts.map((part) => ({ name: part.name, holds: part.holds, mismatches: part.mismatches })),
    })}\n`,
  );
} finally {
  await sandbox.stop();
}
