// The images of `--runtime docker`, in one place: the driver (driver.ts), the compose projects of `mtls-sandbox
// compose` (their services are the driver's containers) and scripts/setup-docker.sh (kept in step by
// services.test.ts) all use these names.
//
// On a normal machine they are the official images, pulled once. Where no registry is reachable,
// `scripts/setup-docker.sh` builds local stand-ins from Debian bookworm packages and tags them with these names
// (inside: nginx 1.22, HAProxy 2.6, and the host's Node 20 binary); components report the version the container's
// binary prints, never the tag.
export const IMAGES = {
  nginx: 'nginx:1.27',
  haproxy: 'haproxy:2.6',
  node: 'node:20',
} as const;

/**
 * LocalStack for `--localstack docker` (sandbox/localstack/docker.ts): the last open-source release, pinned. Not in
 * IMAGES (those are --runtime docker's); where no registry is reachable setup-docker.sh tags a stand-in with this name.
 */
export const LOCALSTACK_IMAGE = 'localstack/localstack:2026.3.0';

/** The one command that makes the engine and the images available on this machine. */
export const SETUP_DOCKER_COMMAND = 'sudo bash scripts/setup-docker.sh';
