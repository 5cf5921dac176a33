#!/usr/bin/env bash
# Runs every test: unit specs, then e2e suites against real local services that the e2e harness starts.
# The build comes first because the e2e suites also run the compiled worker as separate processes.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/services.sh ensure
npm run --silent build
NODE_OPTIONS=--experimental-vm-modules npx jest --ci --forceExit "$@"
