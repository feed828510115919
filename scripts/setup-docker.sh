#!/usr/bin/env bash
# Makes `--runtime docker` and `mtls-sandbox compose` work on this machine: the Docker engine, Docker Compose v2, and
# the images the driver and the compose projects name (sandbox/runtime/docker/images.ts).
#   scripts/setup-docker.sh              install, start the engine if none runs (it is left running: you asked
#                                        for docker mode; stop it with `kill $(cat .sandbox/dockerd.pid)`),
#                                        make the images
#   scripts/setup-docker.sh --for-tests  the same, but a daemon this script started is stopped again at the end:
#                                        the Docker integration tests start their own and stop it afterwards
#
# Images: on a normal machine the official images are pulled (nginx:1.27, haproxy:2.6, node:20). Where no registry
# is reachable, local stand-ins are built from Debian packages and tagged with the same names:
#   - a debootstrap minbase root filesystem of bookworm with nginx-light, haproxy, curl and openssl, imported twice
#     (as nginx:1.27 and haproxy:2.6 — inside it is Debian's nginx 1.22 and HAProxy 2.6; components report the
#     version the container's binary prints, so nothing pretends to be 1.27);
#   - the same root filesystem plus this machine's node binary, imported as node:20. Debian bookworm's nodejs is
#     18, and the project needs Node >= 20 (package.json engines), so the host's Node 20 binary is copied in
#     (it is linked against glibc, which the bookworm root filesystem has);
#   - the same root filesystem as localstack/localstack:2026.3.0 (for --localstack docker), plus the shared libraries
#     the host's LocalStack venv's Python needs that minbase lacks (libexpat, libsqlite3…, copied from this machine).
#     Bookworm's Python is 3.11 and LocalStack 2026.3.0 needs 3.12+, so the container runs the host's venv and its
#     Python, mounted read-only at run time (sandbox/localstack/docker.ts); without the venv it is not built.
# Images that exist are never rebuilt or pulled again (MTLS_SANDBOX_REBUILD_IMAGES=1 forces a rebuild).
#
# Docker Compose v2 (`docker compose`, for the projects `mtls-sandbox compose <id>` writes): kept when `docker compose
# version` works; else a package when apt has one with v2; else built from its Go module with a Go of 1.21
# or newer (a few minutes) and installed as a CLI plugin (as root in /usr/local/lib/docker/cli-plugins, else in
# ~/.docker/cli-plugins). Without it only compose projects and their tests are missing: this says so and goes on.
# Debian's docker-compose 1.29 is not used: it rejects Compose v2 files.
set -euo pipefail
cd "$(dirname "$0")/.."

for_tests=false
for arg in "$@"; do
  case "$arg" in
    --for-tests) for_tests=true ;;
    *) echo "setup-docker.sh: unknown option $arg (use --for-tests or nothing)" >&2; exit 2 ;;
  esac
done

say() { printf 'setup-docker: %s\n' "$*"; }
state=${MTLS_SANDBOX_STATE:-.sandbox}
mkdir -p "$state"
state=$(cd "$state" && pwd)

# Keep these in step with sandbox/runtime/docker/images.ts (a test checks).
NGINX_IMAGE=nginx:1.27
HAPROXY_IMAGE=haproxy:2.6
NODE_IMAGE=node:20
LOCALSTACK_IMAGE=localstack/localstack:2026.3.0
LOCALSTACK_VENV=${MTLS_SANDBOX_LOCALSTACK_VENV:-$PWD/.sandbox/localstack-venv}
SUITE=bookworm
MIRROR=${MTLS_SANDBOX_DEBIAN_MIRROR:-http://deb.debian.org/debian}

is_root() { [ "$(id -u)" -eq 0 ]; }

# --- packages: docker.io (engine 20.10 on bookworm) and debootstrap ---
need=()
command -v dockerd >/dev/null 2>&1 || need+=(docker.io)
command -v debootstrap >/dev/null 2>&1 || need+=(debootstrap)
command -v docker >/dev/null 2>&1 || need+=(docker.io)
if [ ${#need[@]} -gt 0 ]; then
  if is_root && command -v apt-get >/dev/null 2>&1; then
    say "installing ${need[*]} with apt-get"
    restore_policy=false
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      # Do not let the package start its own service: this script starts the daemon it needs.
      printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && restore_policy=true
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
    $restore_policy && rm -f /usr/sbin/policy-rc.d
  else
    say "missing: ${need[*]}. Install them (as root: apt-get install docker.io debootstrap), then run this again."
    exit 2
  fi
fi

# --- Docker Compose v2 ---
COMPOSE_VERSION=v2.29.7
compose_works() { docker compose version >/dev/null 2>&1; }
# A Go that can build Compose (its go.mod says go 1.21): on PATH, in /usr/local/go, or a Debian golang-1.x.
find_go() {
  local candidate minor
  for candidate in "$(command -v go 2>/dev/null || true)" /usr/local/go/bin/go /usr/lib/go-1.*/bin/go; do
    { [ -n "$candidate" ] && [ -x "$candidate" ]; } || continue
    minor=$("$candidate" env GOVERSION 2>/dev/null | sed -n 's/^go1\.\([0-9]*\).*/\1/p')
    if [ -n "$minor" ] && [ "$minor" -ge 21 ]; then echo "$candidate"; return 0; fi
  done
  return 1
}
# A package with Compose v2 where apt has one: Docker's docker-compose-plugin, or Debian's docker-compose from 2.x on
# (trixie; bookworm's is 1.29).
compose_package() {
  local candidate
  apt-cache show docker-compose-plugin >/dev/null 2>&1 && { echo docker-compose-plugin; return 0; }
  candidate=$(apt-cache policy docker-compose 2>/dev/null | awk '/Candidate:/ {print $2}')
  case "$candidate" in 2.*|[0-9]:2.*) echo docker-compose; return 0 ;; esac
  return 1
}
install_compose() {
  local package
  if is_root && command -v apt-get >/dev/null 2>&1 && package=$(compose_package); then
    say "installing $package with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$package" >/dev/null || true
    compose_works && return 0
  fi
  local go plugins build t0
  if ! go=$(find_go); then
    say "docker compose (v2) is missing, and no Go 1.21 or newer is here to build it (Debian bookworm's golang-go is 1.19). Install Go 1.21+ (e.g. in /usr/local/go) or Docker's docker-compose-plugin, then run this again. Only \`mtls-sandbox compose\` projects and their tests need it."
    return 1
  fi
  if is_root; then plugins=/usr/local/lib/docker/cli-plugins; else plugins=${HOME:?}/.docker/cli-plugins; fi
  build=$(mktemp -d)
  say "building Docker Compose $COMPOSE_VERSION from its Go module with $("$go" env GOVERSION) (a few minutes; log: $state/compose-build.log)"
  t0=$(date +%s)
  # Go keeps its module and build caches under $HOME; without one (a bare CI environment), under the state dir.
  [ -n "${HOME:-}" ] || export GOPATH="$state/go" GOCACHE="$state/go-build-cache"
  if ! GOBIN="$build" GOTOOLCHAIN=local CGO_ENABLED=0 "$go" install \
      -ldflags "-s -w -X github.com/docker/compose/v2/internal.Version=$COMPOSE_VERSION" \
      "github.com/docker/compose/v2/cmd@$COMPOSE_VERSION" >"$state/compose-build.log" 2>&1; then
    say "building Docker Compose failed; see $state/compose-build.log"
    rm -rf "$build"
    return 1
  fi
  mkdir -p "$plugins"
  install -m 0755 "$build/cmd" "$plugins/docker-compose"
  rm -rf "$build"
  compose_works || { say "installed $plugins/docker-compose, but \`docker compose version\` still fails"; return 1; }
  say "installed $(docker compose version) as $plugins/docker-compose in $(( $(date +%s) - t0 )) s"
}
if compose_works; then say "$(docker compose version)"; else install_compose || true; fi

# --- the engine ---
started=false
engine_up() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }
stop_engine() {
  if $started && [ -f "$state/dockerd.pid" ]; then
    pid=$(cat "$state/dockerd.pid")
    say "stopping the dockerd this script started (pid $pid)"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    rm -f "$state/dockerd.pid"
  fi
}
if ! engine_up; then
  if ! is_root; then
    say "no Docker engine is running and starting one needs root. Start it (sudo systemctl start docker, or sudo dockerd --iptables=false --bridge=none &) and run this again."
    exit 2
  fi
  say "starting dockerd --iptables=false --bridge=none (log: $state/dockerd.log)"
  t0=$(date +%s.%N)
  nohup dockerd --iptables=false --bridge=none >"$state/dockerd.log" 2>&1 &
  echo $! > "$state/dockerd.pid"
  started=true
  for _ in $(seq 1 300); do engine_up && break; sleep 0.1; done
  engine_up || { say "dockerd did not come up; see $state/dockerd.log"; stop_engine; exit 2; }
  say "engine $(docker version --format '{{.Server.Version}}') ready in $(echo "$(date +%s.%N) - $t0" | bc 2>/dev/null || echo '?') s"
fi
$for_tests && trap stop_engine EXIT

# --- images ---
have() { docker image inspect "$1" >/dev/null 2>&1; }
rebuild=${MTLS_SANDBOX_REBUILD_IMAGES:-0}
missing=()
for image in "$NGINX_IMAGE" "$HAPROXY_IMAGE" "$NODE_IMAGE" "$LOCALSTACK_IMAGE"; do
  { [ "$rebuild" = 1 ] || ! have "$image"; } && missing+=("$image")
done
if [ ${#missing[@]} -eq 0 ]; then
  say "images present: $NGINX_IMAGE $HAPROXY_IMAGE $NODE_IMAGE $LOCALSTACK_IMAGE"
  exit 0
fi

# A registry first (a normal machine), unless told to build locally.
if [ "$rebuild" != 1 ] && [ "${MTLS_SANDBOX_BUILD_IMAGES:-0}" != 1 ]; then
  still=()
  for image in "${missing[@]}"; do
    say "pulling $image"
    timeout 60 docker pull -q "$image" >/dev/null 2>&1 || still+=("$image")
  done
  missing=("${still[@]+"${still[@]}"}")
  [ ${#missing[@]} -eq 0 ] && { say "images pulled"; exit 0; }
  say "no registry reachable for ${missing[*]}: building local stand-ins from Debian packages"
fi

is_root || { say "building the local images needs root (debootstrap)."; exit 2; }
build="$state/docker-build"
rootfs="$build/rootfs-$SUITE"
if [ ! -x "$rootfs/usr/sbin/nginx" ] || [ ! -x "$rootfs/usr/sbin/haproxy" ]; then
  rm -rf "$rootfs"
  mkdir -p "$build"
  say "debootstrap --variant=minbase --include=nginx-light,haproxy,curl,openssl $SUITE (about 40 s, 250 MB)"
  t0=$(date +%s)
  debootstrap --variant=minbase --include=nginx-light,haproxy,curl,openssl,ca-certificates "$SUITE" "$rootfs" "$MIRROR" >"$build/debootstrap.log" 2>&1 \
    || { say "debootstrap failed; see $build/debootstrap.log"; exit 2; }
  # Trim what a container never needs.
  rm -rf "$rootfs/var/cache/apt/archives/"*.deb "$rootfs/var/lib/apt/lists/"* "$rootfs/usr/share/doc" "$rootfs/usr/share/man"
  say "root filesystem ready in $(( $(date +%s) - t0 )) s"
fi

labels=(--change 'LABEL org.opencontainers.image.description="mtls-sandbox local stand-in built by scripts/setup-docker.sh from Debian bookworm packages"'
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin')
import_tree() { # DIR IMAGE
  tar -C "$1" -c . | docker import "${labels[@]}" --change "LABEL mtls-sandbox.image=$2" - "$2" >/dev/null
  say "imported $2 ($(docker image inspect --format '{{.Size}}' "$2" | awk '{printf "%d MB", $1/1e6}'))"
}
for image in "${missing[@]}"; do
  case "$image" in
    "$NGINX_IMAGE"|"$HAPROXY_IMAGE") import_tree "$rootfs" "$image" ;;
    "$NODE_IMAGE")
      node_bin=$(command -v node)
      node_major=$("$node_bin" -p 'process.versions.node.split(".")[0]')
      [ "$node_major" -ge 20 ] || { say "the host's node is $("$node_bin" --version); Node 20+ is needed for $NODE_IMAGE"; exit 2; }
      install -m 0755 "$(readlink -f "$node_bin")" "$rootfs/usr/local/bin/node"
      import_tree "$rootfs" "$NODE_IMAGE"
      rm -f "$rootfs/usr/local/bin/node"
      ;;
    "$LOCALSTACK_IMAGE")
      if [ ! -f "$LOCALSTACK_VENV/.mtls-sandbox-installed" ]; then
        say "no LocalStack venv ($LOCALSTACK_VENV): not building the $LOCALSTACK_IMAGE stand-in (run scripts/setup-localstack.sh, then this again)"
        continue
      fi
      prefix=$(dirname "$(dirname "$(readlink -f "$LOCALSTACK_VENV/bin/python")")")
      added=()
      while read -r lib path; do
        [ -e "$rootfs/lib/x86_64-linux-gnu/$lib" ] || [ -e "$rootfs/usr/lib/x86_64-linux-gnu/$lib" ] || [ -e "$rootfs$path" ] && continue
        case "$path" in "$prefix"/*|"$LOCALSTACK_VENV"/*) continue ;; esac
        install -D -m 0644 "$(readlink -f "$path")" "$rootfs$path" && added+=("$rootfs$path")
      done < <(find "$prefix/bin" "$prefix/lib/python3"*/lib-dynload "$LOCALSTACK_VENV" -name '*.so*' -type f ! -name '_tkinter*' -print0 2>/dev/null \
               | xargs -0 ldd 2>/dev/null | awk '/=> \//{print $1, $3}' | sort -u)
      say "LocalStack stand-in: Python from $prefix (mounted at run time), ${#added[@]} shared libraries added"
      import_tree "$rootfs" "$LOCALSTACK_IMAGE"
      rm -f "${added[@]+"${added[@]}"}"
      ;;
  esac
done
say "images ready: $NGINX_IMAGE $HAPROXY_IMAGE $NODE_IMAGE $LOCALSTACK_IMAGE"
