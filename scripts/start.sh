#!/usr/bin/env bash
# Starts the platform on the local default services: MongoDB-compatible server and Redis (started
# unless MONGODB_URI and REDIS_URL are set), then the API and one worker; Ctrl-C or SIGTERM stops both.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/services.sh up
if [[ -z "${MONGODB_URI:-}" || -z "${REDIS_URL:-}" ]]; then
  set -a; source .data/services.env; set +a
fi
npm run --silent build
export LOG_FORMAT="${LOG_FORMAT:-pretty}"

node dist/src/main.js & api=$!
node dist/src/worker.js & worker=$!
stop() { kill -TERM "$api" "$worker" 2>/dev/null || true; }
trap stop INT TERM
status=0
wait -n "$api" "$worker" || status=$?
stop
wait "$api" "$worker" 2>/dev/null || true
exit "$status"
