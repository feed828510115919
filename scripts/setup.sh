#!/usr/bin/env bash
# Installs what mtls-sandbox needs and is missing: Node packages, nginx, HAProxy, curl, openssl (and for the
# tests: Chromium with Japanese fonts for the HTML report test, poppler-utils to render its PDF back, tmux for the TUI
# end-to-end test, tshark and tcpdump for the packet capture test).
# Debian/Ubuntu as root: apt-get. Elsewhere: says exactly what to install (Debian packages and Homebrew names).
#   scripts/setup.sh              what the sandbox needs
#   scripts/setup.sh --for-tests  the same, plus what the test suite needs
#   scripts/setup.sh --pcap       the same, plus dumpcap/tshark and tcpdump for `run --pcap`
set -euo pipefail
cd "$(dirname "$0")/.."

for_tests=false
pcap=false
for arg in "$@"; do
  case "$arg" in
    --for-tests) for_tests=true ;;
    --pcap) pcap=true ;;
    *) echo "setup.sh: unknown option $arg (use --for-tests, --pcap or nothing)" >&2; exit 2 ;;
  esac
done

say() { printf 'setup: %s\n' "$*"; }

# --- Node ---
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  say "Node.js 20 or newer is needed (found: $(node --version 2>/dev/null || echo none)). Install it from your package manager or nodejs.org."
  exit 2
fi
if [ ! -d node_modules/aws-cdk-lib ] || [ ! -d node_modules/aws-cdk-local ] || [ ! -d node_modules/tsx ] || { $for_tests && [ ! -d node_modules/vitest ]; }; then
  say "installing Node packages (npm ci)"
  npm ci --no-audit --no-fund
fi

# --- the TypeScript compiled into dist/ (npm install's prepare does it too), so the bin starts as plain JavaScript ---
node scripts/build.mjs --if-stale || say "continuing without dist/: the bin runs the TypeScript sources (slower to start)"

# --- LocalStack (host mode) in .sandbox/localstack-venv: needed by the tests; without it `npm start` skips what needs it ---
bash scripts/setup-localstack.sh || { $for_tests && exit 2; say "continuing without LocalStack: scenarios that need it are reported as skipped"; }

# --- Docker runtime and Docker Compose v2, for their integration tests: engine packages, Compose, images (a daemon
# it starts is stopped again; the tests start and stop their own). Not fatal here: without it the Docker tests fail
# and say what to do. ---
if $for_tests; then
  bash scripts/setup-docker.sh --for-tests || say "continuing without the Docker runtime: sandbox/runtime/docker/*.it.test.ts and cli/compose.it.test.ts will fail and say how to make it runnable"
fi

# --- system tools: command → Debian package / Homebrew formula ---
declare -A debian=([nginx]=nginx-light [haproxy]=haproxy [curl]=curl [openssl]=openssl [chromium]=chromium [cjk-fonts]=fonts-noto-cjk [tmux]=tmux [pdftoppm]=poppler-utils [tshark]=tshark [tcpdump]=tcpdump)
declare -A brew=([nginx]=nginx [haproxy]=haproxy [curl]=curl [openssl]=openssl [chromium]=chromium [cjk-fonts]=font-noto-sans-cjk [tmux]=tmux [pdftoppm]=poppler [tshark]=wireshark [tcpdump]=tcpdump)
needed=(nginx haproxy curl openssl)
# The HTML report test renders in headless Chromium (Japanese text needs CJK fonts) and its PDF back with pdftoppm;
# the TUI e2e test drives tmux; the --pcap test captures with dumpcap (tshark's package) and reads with tshark.
$for_tests && needed+=(chromium cjk-fonts tmux pdftoppm tshark tcpdump)
$pcap && needed+=(tshark tcpdump)

has() {
  case "$1" in
    chromium) [ -x /usr/bin/chromium ] ;; # the test launches this path
    cjk-fonts) { command -v fc-list >/dev/null 2>&1 && fc-list :lang=ja family | grep -q .; } || ls /usr/share/fonts/opentype/noto/NotoSansCJK* >/dev/null 2>&1 ;;
    *) command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || [ -x "/usr/local/sbin/$1" ] ;;
  esac
}

missing=()
for tool in "${needed[@]}"; do has "$tool" || missing+=("$tool"); done
if [ ${#missing[@]} -eq 0 ]; then
  say "installed: ${needed[*]}"
  exit 0
fi

packages=(); formulas=()
for tool in "${missing[@]}"; do packages+=("${debian[$tool]}"); formulas+=("${brew[$tool]}"); done

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  say "installing ${packages[*]} with apt-get"
  # Keep the packages' own services (nginx on port 80, haproxy) from starting: the sandbox runs its own
  # instances on 127.0.0.1. policy-rc.d is Debian's switch for that; put back whatever was there.
  restore_policy=false
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && restore_policy=true
  fi
  trap '$restore_policy && rm -f /usr/sbin/policy-rc.d' EXIT
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
  for tool in "${missing[@]}"; do
    has "$tool" || { say "$tool is still missing after apt-get install ${debian[$tool]}"; exit 2; }
  done
  say "installed ${packages[*]}"
  exit 0
fi

say "missing: ${missing[*]}"
if command -v apt-get >/dev/null 2>&1; then
  say "install them with: sudo apt-get install ${packages[*]}   (then run this again)"
elif command -v brew >/dev/null 2>&1 || [ "$(uname)" = Darwin ]; then
  say "install them with: brew install ${formulas[*]}"
else
  say "install these with your package manager: ${missing[*]} (Debian: ${packages[*]}; Homebrew: ${formulas[*]})"
fi
exit 2
