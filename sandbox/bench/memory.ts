// The resident memory of a runner holding an ALB scenario `up`: idle, and after N mutual-TLS requests (new
// connections, clientA's certificate, 8 at a time) against its listener. Read from /proc/<pid>/status (VmRSS).
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { execa } from 'execa';
import { join } from 'node:path';
import { ensurePki } from '../../certs/pki.js';

export interface UpMemory {
  scenario: string;
  idleMb: number;
  afterMb: number;
  requests: number;
  failed: number;
  /** The first failure's message, when a request failed. */
  firstError: string | null;
}

const rssMb = (pid: number): number => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('VmRSS:'));
  return Math.round(Number(/(\d+)/.exec(line ?? '')?.[1] ?? 0) / 1024);
};

export async function benchUpMemory(options: {
  root: string;
  stateDir: string;
  scenario: string;
  requests: number;
}): Promise<UpMemory> {
  const env = { ...process.env, MTLS_SANDBOX_STATE: options.stateDir, NO_COLOR: '1' };
  // A user's second start: the PKI and the template are cached, so the runner never loads aws-cdk-lib.
  await execa('node', ['bin/mtls-sandbox.js', 'run', options.scenario, '--localstack', 'off'], {
    cwd: options.root,
    env,
    reject: false,
  });
  const child = execa('node', ['bin/mtls-sandbox.js', 'up', options.scenario, '--localstack', 'off'], {
    cwd: options.root,
    env,
    reject: false,
    stdin: 'ignore',
    buffer: false,
  });
  try {
    const url = await firstProbeUrl(child);
    const pid = child.pid!;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const idleMb = rssMb(pid);
    // The certificates of the up's own state dir (made by it; ensurePki only reads them now).
    const pki = await ensurePki(join(options.stateDir, 'certs'));
    const key = readFileSync(pki.clients.clientA.key);
    const cert = readFileSync(pki.clients.clientA.cert);
    const ca = readFileSync(pki.serverCa.cert);
    let sent = 0;
    let failed = 0;
    let firstError: string | null = null;
    const one = () =>
      new Promise<void>((resolve) => {
        const req = request(url, { key, cert, ca, agent: false, servername: 'localhost' }, (res) => {
          res.resume();
          res.on('end', () => resolve());
        });
        req.on('error', (error) => {
          firstError ??= error.message;
          failed++;
          resolve();
        });
        req.end();
      });
    const worker = async () => {
      while (sent < options.requests) {
        sent++;
        await one();
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    const afterMb = rssMb(pid);
    return { scenario: options.scenario, idleMb, afterMb, requests: sent, failed, firstError };
  } finally {
    child.kill('SIGINT');
    await child;
  }
}

/** Waits for `up` to print its first probe command and returns the URL it calls. */
function firstProbeUrl(child: ReturnType<typeof execa>): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`up printed no probe command in 60 s:\n${seen}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const url = /curl [^\n]* (https:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(seen)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve(url);
      }
    });
    void child.then(() => reject(new Error(`up exited before it was ready:\n${seen}`)));
  });
}
