#!/usr/bin/env bash
# Runs every benchmark in bench/ against the local services (or MONGODB_URI / REDIS_URL when set).
# Each benchmark uses a database of its own and drops it when done. Pass names to run a subset:
#   npm run bench -- metrics-ingestion
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/services.sh up >/dev/null
if [[ -z "${MONGODB_URI:-}" || -z "${REDIS_URL:-}" ]]; then
  set -a; source .data/services.env; set +a
fi
npm run --silent build
export LOG_LEVEL="${LOG_LEVEL:-warn}"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr), node $(node --version)"
shopt -s nullglob
for file in dist/bench/*.bench.js; do
  name=$(basename "$file" .bench.js)
  if [[ $# -gt 0 && ! " $* " == *" $name "* ]]; then continue; fi
  echo; echo "== $name"
  node "$file"
done
