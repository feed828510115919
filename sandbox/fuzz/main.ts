// `npm run fuzz [-- --cases N --seed S --door id,id]`: the hostile-input suite against every front door, with the
// counts printed; exit 1 when anything crashed, a normal request was lost or a forged identity reached a target.
import { formatMatcherCounts, runMatcherProperties } from './matchers.js';
import { formatFuzz, runFuzz } from './run.js';
import { intOption, listOption, openFrontDoors, stopOnSignals } from './setup.js';

const argv = process.argv.slice(2);
const casesPerCategory = intOption(argv, 'cases', 25, 1, 10_000);
const seed = intOption(argv, 'seed', Date.now() % 1_000_000, 0, 2 ** 31);
stopOnSignals();
console.log(`mtls-sandbox fuzz — ${casesPerCategory} case(s) per category per front door, seed ${seed}`);
// The "matchers" door is the listener-rule matchers' properties (no server): 400 cases per property per --cases.
const asked = listOption(argv, 'door');
if (!asked || asked.includes('matchers')) {
  const counts = runMatcherProperties({ seed, runsPerProperty: casesPerCategory * 400 });
  console.log(formatMatcherCounts(counts));
  if (counts.failures.length > 0) process.exitCode = 1;
  if (asked?.length === 1) process.exit();
}
const { doors, stop } = await openFrontDoors(asked?.filter((id) => id !== 'matchers') ?? null);
try {
  for (const door of doors)
    console.log(`  ${door.door.id}: ${door.door.description} — 127.0.0.1:${door.endpoint.port}`);
  console.log('');
  const result = await runFuzz(doors, { casesPerCategory, seed, log: (line) => console.log(line) });
  console.log(formatFuzz(result));
  if (result.crashes.length + result.lost.length + result.leaks.length > 0) process.exitCode = 1;
} finally {
  await stop();
}
