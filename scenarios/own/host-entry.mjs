// The process that runs a user's scenario code for the sandbox (host.ts starts it, host-main.ts is what it does).
// Plain JavaScript: it must be there before any TypeScript loader. A user's scenario.ts and stack.ts are TypeScript,
// so tsx is registered here whether the sandbox runs from its sources or compiled (dist/).
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

// Dies with the sandbox, even while the user's code keeps this thread busy: a watchdog thread notices that the
// parent is gone (this process was re-parented) and kills this process group, the user's children with it.
new Worker(
  `const parent = process.ppid;
   setInterval(() => {
     if (process.ppid === parent) return;
     try { process.kill(-process.pid, 'SIGKILL'); } catch { process.kill(process.pid, 'SIGKILL'); }
   }, 250);`,
  { eval: true },
).unref();

const { register } = await import('tsx/esm/api');
register();
const compiled = new URL('./host-main.js', import.meta.url);
await import(existsSync(compiled) ? compiled.href : new URL('./host-main.ts', import.meta.url).href);
