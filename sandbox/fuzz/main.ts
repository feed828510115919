// `npm run fuzz [-- --cases N --seed S --door id,id --api-requests N --api-seconds T]`: the hostile-input suite
// against every front door, the ELBv2 API's door and the listener-rule matchers, with the counts printed; exit 1 when
// anything crashed, a normal request was lost or stalled, a forged identity reached a target, state leaked from one
// API request to the next, or a matcher disagreed with its reference.
import { formatApiFuzz, runApiFuzz } from './api-run.js';
import { API_DOOR_DESCRIPTION, API_DOOR_ID } from './api-door.js';
import { formatMatcherCounts, runMatcherProperties } from './matchers.js';
import { formatFuzz, runFuzz } from './run.js';
import { intOption, listOption, openApiDoorIfAsked, openFrontDoors, stopOnSignals } from './setup.js';

const argv = process.argv.slice(2);
const casesPerCategory = intOption(argv, 'cases', 25, 1, 10_000);
const seed = intOption(argv, 'seed', Date.now() % 1_000_000, 0, 2 ** 31);
const apiRequests = intOption(argv, 'api-requests', 1000, 1, 1_000_000);
const apiSeconds = intOption(argv, 'api-seconds', 600, 1, 24 * 3600);
const asked = listOption(argv, 'door');
stopOnSignals();
console.log(
  `mtls-sandbox fuzz — ${casesPerCategory} case(s) per category per front door, ${apiRequests} API request(s) at most, seed ${seed}`,
);
let failures = 0;
// The "matchers" door is the listener-rule matchers' properties (no server): 400 cases per property per --cases.
if (!asked || asked.includes('matchers')) {
  const counts = runMatcherProperties({ seed, runsPerProperty: casesPerCategory * 400 });
  console.log(formatMatcherCounts(counts));
  failures += counts.failures.length;
}
const ids = asked?.filter((id) => id !== 'matchers') ?? null;
if (ids?.length === 0) process.exit(failures > 0 ? 1 : 0);
const { doors, stop } = await openFrontDoors(ids);
const api = await openApiDoorIfAsked(ids).catch(async (error: unknown) => {
  await stop();
  throw error;
});
try {
  for (const door of doors)
    console.log(`  ${door.door.id}: ${door.door.description} — 127.0.0.1:${door.endpoint.port}`);
  if (api) console.log(`  ${API_DOOR_ID}: ${API_DOOR_DESCRIPTION} — ${api.endpoint}`);
  console.log('');
  if (doors.length > 0) {
    const result = await runFuzz(doors, { casesPerCategory, seed, log: (line) => console.log(line) });
    console.log(formatFuzz(result));
    failures += result.crashes.length + result.lost.length + result.leaks.length;
  }
  if (api) {
    const result = await runApiFuzz(api, {
      requests: apiRequests,
      seed,
      deadlineMs: apiSeconds * 1000,
      log: (line) => console.log(line.split('\n')[0]),
    });
    console.log(`\n${formatApiFuzz(result)}`);
    failures += result.crashes.length + result.stalls.length + result.leaks.length;
  }
  process.exitCode = failures > 0 ? 1 : 0;
} finally {
  await api?.stop();
  await stop();
}
