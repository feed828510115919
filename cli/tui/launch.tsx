// Opens the UI on the terminal: renders at once from the catalogue, records the first paint, and on the way out
// stops every component before returning.
import { appendFileSync, mkdirSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { format } from 'node:util';
import { render } from 'ink';
import type { ScenarioDefinition } from '../../sandbox/scenario.js';
import { App } from './App.js';
import { hostEngine } from './engine.js';
import type { OpenOptions } from './index.js';
import { colorEnabled } from './theme.js';
import { saveFirstFrame } from './frame-cache.js';

/** What openTui (index.ts) hands over: its options, with the catalogue loaded and the state directory checked. */
export type LaunchOptions = Omit<OpenOptions, 'loadScenarios' | 'stateDir'> & {
  scenarios: ScenarioDefinition[];
  stateDir: string;
};

// The alternate screen keeps the user's scrollback intact and is left on every way out. The bin may have drawn a
// cached first frame there already: cleared just before Ink's first render, which follows at once.
const ENTER_ALT_SCREEN = '\x1b[?1049h\x1b[H\x1b[J';
const LEAVE_ALT_SCREEN = '\x1b[?1049l';

export async function launch({
  scenarios,
  lang,
  stateDir,
  localstack,
  runtime,
  scenarioDirs,
  startIn,
  onInteractive,
}: LaunchOptions): Promise<number> {
  const launchedMs = performance.now();
  const engine = hostEngine({ stateDir, localstack, runtime, lang, scenarioDirs });
  const leave = () => process.stdout.write(LEAVE_ALT_SCREEN);
  process.stdout.write(ENTER_ALT_SCREEN);
  process.once('exit', leave);
  const restoreConsole = captureConsole(join(stateDir, 'tui.log'));
  let painted = false;
  let keyHandled = false;
  const onKeyHandled = () => {
    if (keyHandled) return;
    keyHandled = true;
    void recordFirstKey(stateDir);
  };
  const instance = render(
    <App
      scenarios={scenarios}
      lang={lang}
      engine={engine}
      color={colorEnabled()}
      onKeyHandled={onKeyHandled}
      {...(startIn ? { startIn } : {})}
    />,
    {
      exitOnCtrlC: false, // Ctrl-C is a key like q: stop the components first, then leave
      patchConsole: false, // captureConsole has it
      onRender: () => {
        if (painted) return;
        painted = true;
        // After this render's effects (useInput puts the terminal in raw mode there): keys are read from now on.
        if (onInteractive) setImmediate(onInteractive);
        // The cached first frame and its timing are the browser's: a UI opened in the lab (up) keeps neither.
        if (startIn) return;
        void recordFirstPaint(stateDir, launchedMs);
        saveFirstFrame(stateDir, scenarios, lang, colorEnabled(), {
          columns: process.stdout.columns ?? 80,
          rows: process.stdout.rows ?? 24,
        });
      },
    },
  );
  try {
    await instance.waitUntilExit();
  } finally {
    leave();
    process.off('exit', leave);
    restoreConsole();
    await engine.stop();
  }
  return 0;
}

/**
 * Whatever the engine's libraries print (CDK synth warnings, say) goes to a log file while the UI owns the screen:
 * a stray line would tear the full-screen frame.
 */
function captureConsole(file: string): () => void {
  mkdirSync(dirname(file), { recursive: true });
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const saved = methods.map((name) => console[name]);
  for (const name of methods) {
    console[name] = (...args: unknown[]) =>
      appendFileSync(file, `${new Date().toISOString()} ${name} ${format(...args)}\n`);
  }
  return () => {
    for (const [index, name] of methods.entries()) console[name] = saved[index]!;
  };
}

/**
 * Time from process start until the first key was decided, for the bench (.sandbox/tui-first-key.json): a key typed
 * at launch waits in the terminal until the UI reads it, so this is the time to interactive.
 */
async function recordFirstKey(stateDir: string): Promise<void> {
  const firstKeyMs = Math.round(performance.now());
  const binStartMs = (globalThis as { __mtlsStart?: number }).__mtlsStart;
  const record = {
    firstKeyMs,
    fromBinStartMs: binStartMs === undefined ? null : Math.round(firstKeyMs - binStartMs),
    measuredFrom: 'process start (performance.timeOrigin)',
    at: new Date().toISOString(),
  };
  try {
    await writeWhole(join(stateDir, 'tui-first-key.json'), `${JSON.stringify(record, null, 2)}\n`);
  } catch {
    // A measurement must never break the UI.
  }
}

/** Time from process start to Ink's first frame, for reporting (.sandbox/tui-first-paint.json). */
async function recordFirstPaint(stateDir: string, launchedMs: number): Promise<void> {
  const inkFirstFrameMs = Math.round(performance.now());
  const marks = globalThis as { __mtlsStart?: number; __mtlsCachedFrame?: number };
  const binStartMs = marks.__mtlsStart;
  // The first paint is the cached frame the bin drew, when there was one; Ink's own first frame follows.
  const cachedFrameMs = marks.__mtlsCachedFrame === undefined ? null : Math.round(marks.__mtlsCachedFrame);
  const firstPaintMs = cachedFrameMs ?? inkFirstFrameMs;
  const record = {
    firstPaintMs,
    firstPaint: cachedFrameMs === null ? 'ink' : 'cached-frame',
    cachedFrameMs,
    inkFirstFrameMs,
    fromBinStartMs: binStartMs === undefined ? null : Math.round(firstPaintMs - binStartMs),
    // Where the time went: everything up to here is loading code (Ink, tsx, the CLI, the catalogue).
    uiLaunchedMs: Math.round(launchedMs),
    renderMs: Math.round(inkFirstFrameMs - launchedMs),
    measuredFrom: 'process start (performance.timeOrigin)',
    terminal: { columns: process.stdout.columns, rows: process.stdout.rows },
    at: new Date().toISOString(),
  };
  try {
    await mkdir(stateDir, { recursive: true });
    await writeWhole(join(stateDir, 'tui-first-paint.json'), `${JSON.stringify(record, null, 2)}\n`);
  } catch {
    // A measurement must never break the UI.
  }
}

/** Written beside, then renamed: the bench and the tests read these while a second start may be writing them. */
async function writeWhole(file: string, text: string): Promise<void> {
  const partial = `${file}.${process.pid}.partial`;
  await writeFile(partial, text);
  await rename(partial, file);
}
