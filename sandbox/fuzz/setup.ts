// Opening the front doors for `npm run fuzz` and `npm run soak`: the sandbox's PKI, each door's scenario started
// by the runtime in the state dir (MTLS_SANDBOX_STATE or .sandbox), and one stop for all of them — on Ctrl-C too.
// `npm run fuzz` also opens the ELBv2 API's door (api-door.ts) unless --door leaves it out.
import { ensurePki } from '../../certs/pki.js';
import { findScenario } from '../../scenarios/catalogue.js';
import { stopEveryDriver } from '../runtime/driver.js';
import { certsDir, stateDir } from '../runtime/state-dir.js';
import { API_DOOR_ID, type OpenApiDoor, openApiDoor } from './api-door.js';
import { FRONT_DOORS, openDoor, type OpenDoor } from './doors.js';

export async function openFrontDoors(
  ids: string[] | null,
  state = stateDir(),
): Promise<{ doors: OpenDoor[]; stop(): Promise<void> }> {
  const unknown = (ids ?? []).filter((id) => id !== API_DOOR_ID && !FRONT_DOORS.some((door) => door.id === id));
  if (unknown.length > 0)
    throw new Error(
      `No front door ${unknown.join(', ')}; there are ${[...FRONT_DOORS.map((door) => door.id), API_DOOR_ID].join(', ')}.`,
    );
  const pki = await ensurePki(certsDir(state));
  const doors: OpenDoor[] = [];
  const stop = async () => {
    for (const door of doors.splice(0).reverse()) await door.stop();
  };
  try {
    for (const door of FRONT_DOORS.filter((candidate) => !ids || ids.includes(candidate.id)))
      doors.push(await openDoor(door, await findScenario(door.scenario), { stateDir: state, pki }));
  } catch (error) {
    await stop();
    throw error;
  }
  return { doors, stop };
}

/** The ELBv2 API's door, when `ids` (from --door) is null or names it. */
export async function openApiDoorIfAsked(ids: string[] | null, state = stateDir()): Promise<OpenApiDoor | null> {
  if (ids && !ids.includes(API_DOOR_ID)) return null;
  return openApiDoor({ stateDir: state, pki: await ensurePki(certsDir(state)) });
}

/** Ctrl-C and SIGTERM stop every component before the process exits. */
export function stopOnSignals(): void {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)
    process.on(signal, () => void stopEveryDriver().finally(() => process.exit(code)));
}

/** `--name value` from argv, as a whole number within bounds (or the default). */
export function intOption(argv: string[], name: string, fallback: number, min: number, max: number): number {
  const at = argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(argv[at + 1]);
  if (!Number.isInteger(value) || value < min || value > max) {
    console.error(`--${name} must be a whole number from ${min} to ${max}.`);
    process.exit(2);
  }
  return value;
}

export function listOption(argv: string[], name: string): string[] | null {
  const at = argv.indexOf(`--${name}`);
  return at < 0 ? null : (argv[at + 1] ?? '').split(',').filter(Boolean);
}
