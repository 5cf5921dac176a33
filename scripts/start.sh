#!/usr/bin/env bash
# Starts the platform on the local default services: MongoDB-compatible server and Redis (started
# unless MONGODB_URI and REDIS_URL are set), then the API and one worker; Ctrl-C or SIGTERM stops both.
# On first run it makes a local admin API key and an audit checkpoint key under .data/ and prints how to
# use the key; set BOOTSTRAP_ADMIN_KEY or AUDIT_CHECKPOINT_KEY to use your own instead.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/services.sh up
if [[ -z "${MONGODB_URI:-}" || -z "${REDIS_URL:-}" ]]; then
  set -a; source .data/services.env; set +a
fi
eval "$(node scripts/local-credentials.mjs)"
export BOOTSTRAP_ADMIN_KEY="${BOOTSTRAP_ADMIN_KEY:-$LOCAL_ADMIN_KEY}"
export AUDIT_CHECKPOINT_KEY="${AUDIT_CHECKPOINT_KEY:-$LOCAL_CHECKPOINT_KEY}"
# Webhook trainers may run on this machine, and nowhere else, unless you say otherwise.
export RETRAINING_WEBHOOK_ALLOWED_HOSTS="${RETRAINING_WEBHOOK_ALLOWED_HOSTS:-127.0.0.1,::1}"
npm run --silent build
export LOG_FORMAT="${LOG_FORMAT:-pretty}"

cat <<MESSAGE

  Local admin API key (kept in .data/local-admin.key):
    $BOOTSTRAP_ADMIN_KEY
  Use it as a bearer credential, e.g.
    curl -H "Authorization: Bearer \$(cat .data/local-admin.key)" http://localhost:${PORT:-3000}/api/v1/identity/me
  or paste it into the Authorize button of http://localhost:${PORT:-3000}/api/docs.

MESSAGE

node dist/src/main.js & api=$!
node dist/src/worker.js & worker=$!
stop() { kill -TERM "$api" "$worker" 2>/dev/null || true; }
trap stop INT TERM
status=0
wait -n "$api" "$worker" || status=$?
stop
wait "$api" "$worker" 2>/dev/null || true
exit "$status"
