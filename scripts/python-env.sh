#!/usr/bin/env bash
# The project's one Python environment for test tools (Schemathesis), in .data/venv, installed from
# the exact pins of requirements-test.txt. Idempotent: it rebuilds the environment from scratch only
# when the pins or the interpreter changed since the last successful install, and otherwise prints
# one line. Other scripts call it before they run .data/venv/bin/<tool>.
#
# Environment:
#   PYTHON=python3   interpreter the environment is made from (3.11, the version the pins were made on)
set -euo pipefail
cd "$(dirname "$0")/.."

DATA_DIR=.data
VENV=$DATA_DIR/venv
REQUIREMENTS=requirements-test.txt
STAMP=$VENV/.requirements.stamp
LOG=$DATA_DIR/logs/python-env.log
PYTHON=${PYTHON:-python3}

log() { echo "python-env: $*" >&2; }
die() { echo "python-env: error: $*" >&2; exit 1; }

as_root() {
  if [[ $(id -u) -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root (or sudo) to run: $*"
  fi
}

# Serialise concurrent invocations: two installs into one directory would corrupt it.
mkdir -p "$DATA_DIR/logs"
if command -v flock >/dev/null 2>&1; then
  exec 9>"$DATA_DIR/.python-env.lock"
  flock 9
fi

command -v "$PYTHON" >/dev/null 2>&1 || die "$PYTHON not found: Python 3.11 is required (apt-get install -y python3)"
[[ -f $REQUIREMENTS ]] || die "$REQUIREMENTS is missing"

# The pins and the interpreter they are installed for: a change in either rebuilds the environment.
interpreter=$("$PYTHON" -c 'import os, sys; print(os.path.realpath(sys.executable), sys.version.split()[0])')
wanted="$(sha256sum "$REQUIREMENTS" | cut -d' ' -f1) $interpreter"

if [[ -f $STAMP && $(<"$STAMP") == "$wanted" ]] && "$VENV/bin/python" -c '' 2>/dev/null; then
  echo "python-env: $VENV is up to date with $REQUIREMENTS"
  exit 0
fi

# Debian's own Python ships venv without ensurepip, which python3.X-venv provides (python3-venv is a
# dependency-only package that pulls the default version's one). Other builds (pyenv, python.org) have it.
ensure_venv_support() {
  "$PYTHON" -c 'import ensurepip, venv' 2>/dev/null && return 0
  local version
  version=$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
  if ! command -v apt-get >/dev/null 2>&1 || ! dpkg -S "${interpreter% *}" >/dev/null 2>&1; then
    die "$PYTHON ($interpreter) cannot create virtual environments (no ensurepip module)"
  fi
  log "installing python$version-venv (apt-get)"
  if ! { as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "python$version-venv"; } >"$LOG" 2>&1; then
    tail -n 30 "$LOG" >&2
    die "apt-get install python$version-venv failed (full log: $LOG)"
  fi
  "$PYTHON" -c 'import ensurepip, venv' 2>/dev/null || die "ensurepip still missing after installing python$version-venv"
}

# Lowercase, with runs of '-', '_' and '.' as one '-' (PEP 503), so pins and `pip freeze` compare.
normalised() { awk -F'==' '{ name = tolower($1); gsub(/[-_.]+/, "-", name); print name "==" $2 }' | sort; }

ensure_venv_support
started=$SECONDS
log "creating $VENV from $REQUIREMENTS ($interpreter)"
rm -rf "$VENV"
"$PYTHON" -m venv "$VENV" >"$LOG" 2>&1 || { cat "$LOG" >&2; die "python -m venv failed"; }
if ! "$VENV/bin/pip" install --no-input --disable-pip-version-check -r "$REQUIREMENTS" >>"$LOG" 2>&1; then
  tail -n 30 "$LOG" >&2
  die "pip install -r $REQUIREMENTS failed (full log: $LOG)"
fi

# Every installed package must be pinned: an unpinned transitive dependency would float between machines.
unpinned=$(comm -13 \
  <(grep -E '^[A-Za-z0-9]' "$REQUIREMENTS" | sed 's/[[:space:]]*#.*//' | normalised) \
  <("$VENV/bin/pip" freeze --disable-pip-version-check | normalised))
[[ -z $unpinned ]] || die "installed but not pinned in $REQUIREMENTS (add them): $(tr '\n' ' ' <<<"$unpinned")"

echo "$wanted" >"$STAMP"
echo "python-env: $VENV installed from $REQUIREMENTS in $((SECONDS - started))s"
