#!/usr/bin/env bash
# Installs LocalStack for `--localstack host`: a Python virtual environment in .sandbox/localstack-venv with
# localstack-core[runtime]==2026.3.0 (the last open-source release), about 330 MB, and the AWS CLI v1 (awscli from
# PyPI) that the ELBv2 API tests drive. Idempotent: a finished install is recognised by its marker file and left
# alone (the AWS CLI is added to one that lacks it).
#
# Why it is done this way (docs/localstack.md):
# - localstack-core 2026.3.0 says Python >=3.10 but uses Python 3.12 syntax: it needs Python 3.12 or newer.
# - A plain pip install resolves today's dependency versions (cbor2 6, pyOpenSSL 26...), which break it. uv's
#   --exclude-newer resolves every dependency as of the release date instead.
#
#   scripts/setup-localstack.sh            install if missing
#   scripts/setup-localstack.sh --check    only say whether it is installed (exit 0 yes, 1 no)
#   scripts/setup-localstack.sh --force    reinstall
set -euo pipefail
cd "$(dirname "$0")/.."

LOCALSTACK_SPEC='localstack-core[runtime]==2026.3.0'
EXCLUDE_NEWER='2026-03-24'
UV_SPEC='uv==0.13.9'
# The version localstack-core 2026.3.0's runtime extra pins, so it resolves with the same botocore.
AWSCLI_SPEC='awscli==1.44.62'
VENV="${MTLS_SANDBOX_LOCALSTACK_VENV:-$PWD/.sandbox/localstack-venv}"
MARKER="$VENV/.mtls-sandbox-installed"

say() { printf 'setup-localstack: %s\n' "$*"; }

mode=install
for arg in "$@"; do
  case "$arg" in
    --check) mode=check ;;
    --force) mode=force ;;
    *) echo "setup-localstack.sh: unknown option $arg (use --check, --force or nothing)" >&2; exit 2 ;;
  esac
done

installed() { [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$LOCALSTACK_SPEC --exclude-newer $EXCLUDE_NEWER" ] && [ -x "$VENV/bin/python" ]; }

if [ "$mode" = check ]; then
  if installed; then say "installed: $VENV ($LOCALSTACK_SPEC)"; exit 0; fi
  say "not installed ($VENV)"; exit 1
fi
if [ "$mode" = install ] && installed; then
  say "LocalStack is installed ($VENV, $LOCALSTACK_SPEC)"
  if [ ! -x "$VENV/bin/aws" ]; then
    say "installing $AWSCLI_SPEC into $VENV"
    if [ -x "$VENV/bin/uv" ]; then
      "$VENV/bin/uv" pip install -q --python "$VENV/bin/python" --exclude-newer "$EXCLUDE_NEWER" "$AWSCLI_SPEC"
    else
      "$VENV/bin/python" -m pip install -q --disable-pip-version-check "$AWSCLI_SPEC"
    fi
  fi
  exit 0
fi

# --- a Python 3.12 or newer: python3.13/python3.12 on PATH, then pyenv's builds, then `uv python find` ---
is_new_enough() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; }
python=''
# pyenv's shims are on PATH but fail unless that version is selected, so each candidate is run, not just found.
for candidate in python3.14 python3.13 python3.12; do
  if command -v "$candidate" >/dev/null 2>&1 && is_new_enough "$candidate"; then python=$(command -v "$candidate"); break; fi
done
if [ -z "$python" ]; then
  for dir in $(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[2-9]* 2>/dev/null | sort -rV); do
    if [ -x "$dir/bin/python3" ] && is_new_enough "$dir/bin/python3"; then python="$dir/bin/python3"; break; fi
  done
fi
if [ -z "$python" ] && command -v uv >/dev/null 2>&1; then
  found=$(uv python find '>=3.12' 2>/dev/null || true)
  if [ -n "$found" ] && is_new_enough "$found"; then python="$found"; fi
fi
if [ -z "$python" ]; then
  say "LocalStack 2026.3.0 needs Python 3.12 or newer, and none was found"
  say "  looked for: python3.14/python3.13/python3.12 on PATH, ${PYENV_ROOT:-$HOME/.pyenv}/versions/3.12+, \`uv python find '>=3.12'\`"
  say "  found instead: $(python3 --version 2>&1 || echo 'no python3') (Debian 12's python3 is 3.11)"
  say "  install one of: \`uv python install 3.13\`, \`pyenv install 3.13\`, \`sudo apt-get install python3.12\` (Ubuntu 24.04),"
  say "  \`brew install python@3.13\` (macOS); then run scripts/setup-localstack.sh again."
  say "  Without it the sandbox still runs every scenario that does not need LocalStack (--localstack off)."
  exit 2
fi
say "using $python ($("$python" --version 2>&1))"

started=$(date +%s)
rm -rf "$VENV"
mkdir -p "$(dirname "$VENV")"
# The stdlib venv brings pip, which installs uv into the same venv; uv then resolves LocalStack's dependencies
# as of its release date. Nothing is installed outside the venv.
if ! "$python" -m venv "$VENV" 2>/dev/null; then
  say "\`$python -m venv\` failed (Debian: sudo apt-get install python3-venv); trying uv"
  command -v uv >/dev/null 2>&1 || { say "no uv on PATH either: install python3-venv or uv (pip install --user uv)"; exit 2; }
  uv venv -q -p "$python" "$VENV"
  "$VENV/bin/python" -m ensurepip -q 2>/dev/null || true
fi
uv_bin="$VENV/bin/uv"
if ! "$VENV/bin/python" -m pip install -q --disable-pip-version-check "$UV_SPEC"; then
  if command -v uv >/dev/null 2>&1; then uv_bin=$(command -v uv); else say "could not install $UV_SPEC with pip (is PyPI reachable?)"; exit 2; fi
fi
say "installing $LOCALSTACK_SPEC with dependencies as of $EXCLUDE_NEWER (about 330 MB)"
"$uv_bin" pip install -q --python "$VENV/bin/python" --exclude-newer "$EXCLUDE_NEWER" "$LOCALSTACK_SPEC" "$AWSCLI_SPEC"

# The plugin loader hides import errors behind "No component plugins found"; import the component module here
# so a broken dependency shows its real ImportError now rather than at start.
if ! "$VENV/bin/python" -c 'import localstack.aws.components' 2>"$VENV/import-check.log"; then
  say "the install finished but LocalStack does not import:"
  tail -5 "$VENV/import-check.log" | sed 's/^/    /'
  exit 2
fi
printf '%s' "$LOCALSTACK_SPEC --exclude-newer $EXCLUDE_NEWER" > "$MARKER"
say "installed LocalStack in $VENV ($(du -sm "$VENV" | cut -f1) MB, $(( $(date +%s) - started )) s)"
