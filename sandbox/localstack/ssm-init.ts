// Seed 001's start-up, done the same way: ECS reads the task definition's `secrets` from SSM Parameter Store into
// environment variables, then /docker-entrypoint.d/init.sh writes them to the files nginx is configured with.
// Here the sandbox plays ECS (GetParameters through LocalStack) and runs the seed's init.sh with the real `sh`,
// only with /etc/nginx/certs replaced by the target's own directory.
import { type Message, msg } from '../messages.js';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import type { SsmCertificates } from '../scenario.js';
import type { LocalStackClient } from './client.js';

/** Seed 001's init.sh, verbatim but for the certificate directory. Pure. */
export function renderInitScript(certsDir: string): string {
  return `#!/bin/sh
set -e

: "\${SSL_SERVER_CERTIFICATE:=}"
: "\${SSL_SERVER_KEY:=}"
: "\${SSL_CLIENT_CERTIFICATE:=}"

mkdir -p ${certsDir}

echo "\${SSL_SERVER_CERTIFICATE}" > ${certsDir}/server_cert.cer
echo "\${SSL_SERVER_KEY}" > ${certsDir}/server_key.key
echo "\${SSL_CLIENT_CERTIFICATE}" > ${certsDir}/client_cert.pem
`;
}

export interface SsmStartup {
  serverCertificate: string;
  serverKey: string;
  clientCa: string;
  /** One line for the run's output: what was read (parameter versions) and what init.sh wrote. */
  detail: Message;
  durationMs: number;
}

export class SecretsError extends Error {}

/** GetParameters → environment → init.sh → files, for one target whose files live under `prefix`. */
export async function ssmStartup(
  client: LocalStackClient,
  certificates: SsmCertificates,
  prefix: string,
): Promise<SsmStartup> {
  const started = performance.now();
  const wanted = Object.entries(certificates.secrets);
  const parameters = await client.getParameters(wanted.map(([, parameter]) => parameter));
  const env: Record<string, string> = {};
  const versions: string[] = [];
  for (const [variable, parameter] of wanted) {
    const found = parameters.find((p) => p.name === parameter);
    // ECS refuses to start a task whose secret cannot be read (ResourceInitializationError); so do we.
    if (!found)
      throw new SecretsError(
        `SSM parameter ${parameter} (for ${variable}) is not in LocalStack at ${client.endpoint}: ECS would not start the task ("ResourceInitializationError: unable to pull secrets"). Was the stack deployed?`,
      );
    env[variable] = found.value;
    versions.push(`${parameter} v${found.version}`);
  }
  const certsDir = join(prefix, 'certs');
  await mkdir(certsDir, { recursive: true });
  const script = join(prefix, 'init.sh');
  await writeFile(script, renderInitScript(certsDir));
  await chmod(script, 0o755);
  // Only what ECS would give the container: the secrets, and a PATH for mkdir.
  const result = await execa('sh', [script], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
    extendEnv: false,
    reject: false,
    all: true,
  });
  if (result.exitCode !== 0) throw new SecretsError(`init.sh failed (exit ${result.exitCode}): ${result.all}`);
  await chmod(join(certsDir, 'server_key.key'), 0o600);
  return {
    serverCertificate: join(certsDir, 'server_cert.cer'),
    serverKey: join(certsDir, 'server_key.key'),
    clientCa: join(certsDir, 'client_cert.pem'),
    detail: msg('localstack.ssm-init', { versions: versions.join(', '), script, dir: certsDir }),
    durationMs: Math.round(performance.now() - started),
  };
}
