#!/usr/bin/env bash
# Runs every test: unit specs, then e2e suites against real local services that the e2e harness starts
# (Schemathesis against the live API among them). The build comes first because the e2e suites also run
# the compiled API and worker as separate processes. The pinned Python environment that Schemathesis runs
# from is installed in the background meanwhile.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/services.sh ensure
mkdir -p .data/logs
bash scripts/python-env.sh > .data/logs/python-env.log 2>&1 &
python_env=$!
npm run --silent build
export NODE_OPTIONS=--experimental-vm-modules
npx jest --ci --forceExit --passWithNoTests --selectProjects unit "$@"
if ! wait "$python_env"; then
  cat .data/logs/python-env.log >&2
  echo "test: the Python test environment could not be installed" >&2
  exit 1
fi
npx jest --ci --forceExit --passWithNoTests --selectProjects e2e "$@"
