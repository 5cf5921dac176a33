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
# Every request authenticates: a fresh admin API key for this run, which each benchmark's API makes in the
# benchmark's own database at boot and which the benchmarks send as their bearer credential. A fresh audit
# checkpoint key too, so the API is configured as in production; only the worker signs checkpoints, and no
# benchmark starts one, so it costs no request anything.
BOOTSTRAP_ADMIN_KEY="mlp_bench_$(node -e "process.stdout.write(require('node:crypto').randomBytes(32).toString('base64url'))")"
AUDIT_CHECKPOINT_KEY="$(node -e "process.stdout.write(require('node:crypto').generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }))")"
export BOOTSTRAP_ADMIN_KEY AUDIT_CHECKPOINT_KEY
# The rate limiter stays in the request path (one Redis script call per request, part of the real cost of a
# request), with budgets far above what any benchmark sends in a minute (at most a few tens of thousands), so
# no request is refused. 1,000,000 a minute is the highest budget the configuration accepts.
export RATE_LIMIT_ENABLED=true
export RATE_LIMIT_READS_PER_MINUTE=1000000
export RATE_LIMIT_WRITES_PER_MINUTE=1000000
export RATE_LIMIT_INGESTION_PER_MINUTE=1000000
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr), node $(node --version)"
shopt -s nullglob
for file in dist/bench/*.bench.js; do
  name=$(basename "$file" .bench.js)
  if [[ $# -gt 0 && ! " $* " == *" $name "* ]]; then continue; fi
  echo; echo "== $name"
  node "$file"
done
