// `npm run fuzz [-- --cases N --seed S --door id,id]`: the hostile-input suite against every front door, with the
// counts printed; exit 1 when anything crashed, a normal request was lost or a forged identity reached a target.
import { formatFuzz, runFuzz } from './run.js';
import { intOption, listOption, openFrontDoors, stopOnSignals } from './setup.js';

const argv = process.argv.slice(2);
const casesPerCategory = intOption(argv, 'cases', 25, 1, 10_000);
const seed = intOption(argv, 'seed', Date.now() % 1_000_000, 0, 2 ** 31);
stopOnSignals();
console.log(`mtls-sandbox fuzz — ${casesPerCategory} case(s) per category per front door, seed ${seed}`);
const { doors, stop } = await openFrontDoors(listOption(argv, 'door'));
try {
  for (const door of doors)
    console.log(`  ${door.door.id}: ${door.door.description} — 127.0.0.1:${door.endpoint.port}`);
  console.log('');
  const result = await runFuzz(doors, { casesPerCategory, seed, log: (line) => console.log(line) });
  console.log(formatFuzz(result));
  process.exitCode = result.crashes.length + result.lost.length + result.leaks.length > 0 ? 1 : 0;
} finally {
  await stop();
}
