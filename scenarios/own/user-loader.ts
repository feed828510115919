// How a user's scenario files find the sandbox: the public API's module specifiers and the project's root, for the
// resolution hook (resolve-hook.mjs) that the process running the user's code registers (host-main.ts).

const SOURCES = import.meta.url.endsWith('.ts');
const EXT = SOURCES ? 'ts' : 'js';
/** The project's root (dist/'s parent when compiled): where aws-cdk-lib and the other packages are. */
export const PROJECT_ROOT = new URL(SOURCES ? '../../' : '../../../', import.meta.url).href;
/** The public API's specifiers and the modules behind them. */
export const PUBLIC_ENTRIES: Record<string, string> = {
  'mtls-sandbox/scenario': new URL(`./api-scenario.${EXT}`, import.meta.url).href,
  'mtls-sandbox/stack': new URL(`./api-stack.${EXT}`, import.meta.url).href,
};
