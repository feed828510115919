// The worker thread that compiles scenarios' topologies for the UI's diagrams (a cold CDK synth takes seconds of
// CPU; on the UI's own thread it would freeze the screen and the keys). Plain JavaScript: it registers tsx for the
// TypeScript it then loads, as bin/mtls-sandbox.js does for the main thread.
const { register } = await import('tsx/esm/api');
register();
await import('./compile-worker-main.ts');
