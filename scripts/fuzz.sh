#!/usr/bin/env bash
# Fuzzes a running API from its own OpenAPI document with Schemathesis: every phase (examples,
# coverage, fuzzing, stateful) and every check but the response-time one, once per credential.
# Exits non-zero when any check failed; each run leaves its reports in .data/fuzz/<credential>/.
#
# Environment:
#   FUZZ_BASE_URL          required; the API's origin, which must be on loopback (http://127.0.0.1:PORT)
#   FUZZ_ADMIN_KEY         bearer API key of an admin; one run with it when set
#   FUZZ_VIEWER_KEY        bearer API key of a viewer; one run with it when set
#                          (with neither key set, one run without credentials)
#   FUZZ_MAX_TIME=120      seconds for each run, all phases together; fuzzing and stateful repeat until spent
#   FUZZ_MAX_EXAMPLES=100  test cases per operation in each pass of a phase
#   FUZZ_WORKERS=1         concurrent requests (one draws more cases per second on 2 cores, and Python
#                          3.11's ast module, which Hypothesis calls, is not safe across worker threads)
#   FUZZ_SEED=1            seed of the generated data; the same seed draws the same cases
#   FUZZ_REQUEST_TIMEOUT=10  seconds before one request counts as failed
#   FUZZ_REPORT_DIR=.data/fuzz
#
# A failure prints a curl command that reproduces it; `st replay <id>` also does, run from the
# run's directory: cd .data/fuzz/admin && ../../venv/bin/st --config-file ../../../schemathesis.toml replay <id>
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

die() { echo "fuzz: error: $*" >&2; exit 1; }

BASE_URL=${FUZZ_BASE_URL:-}
MAX_TIME=${FUZZ_MAX_TIME:-120}
MAX_EXAMPLES=${FUZZ_MAX_EXAMPLES:-100}
WORKERS=${FUZZ_WORKERS:-1}
SEED=${FUZZ_SEED:-1}
REQUEST_TIMEOUT=${FUZZ_REQUEST_TIMEOUT:-10}
REPORT_DIR=${FUZZ_REPORT_DIR:-.data/fuzz}

# `--checks all` would also turn on max_response_time (a 10 s limit that timing on a loaded 2-core
# machine makes flaky), and --exclude-checks cannot name that one: so every other check by name.
CHECKS=not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance
CHECKS+=,response_schema_conformance,negative_data_rejection,positive_data_acceptance,missing_required_header
CHECKS+=,unsupported_method,allow_header_conformance,use_after_free,ensure_resource_availability,ignored_auth
CHECKS+=,object_level_authorization

[[ -n $BASE_URL ]] || die "FUZZ_BASE_URL is required (the running API, e.g. http://127.0.0.1:3000)"
for name in MAX_TIME MAX_EXAMPLES WORKERS SEED REQUEST_TIMEOUT; do
  [[ ${!name} =~ ^[0-9]+$ && ${!name} -gt 0 ]] || die "FUZZ_$name must be a positive integer, got '${!name}'"
done

bash scripts/python-env.sh
PYTHON=$ROOT/.data/venv/bin/python
ST=$ROOT/.data/venv/bin/st

# Fuzzed requests may only reach this machine. The schema's `servers` are ignored (--url below),
# redirects are not followed, and no proxy is used, so the URL given here is the only destination.
BASE_URL=$("$PYTHON" - "$BASE_URL" <<'EOF'
import sys
from urllib.parse import urlsplit

url = sys.argv[1]
try:
    parts = urlsplit(url)
    port = parts.port
except ValueError as error:
    sys.exit(f"fuzz: error: FUZZ_BASE_URL {url!r} is not a URL: {error}")
if parts.scheme not in ("http", "https") or parts.username is not None or parts.query or parts.fragment:
    sys.exit(f"fuzz: error: FUZZ_BASE_URL must be http(s)://HOST[:PORT][/PATH] without credentials, got {url!r}")
if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
    sys.exit(f"fuzz: error: FUZZ_BASE_URL must be on loopback (127.0.0.1, localhost or [::1]), got host {parts.hostname!r}")
print(url.rstrip("/"))
EOF
)

runs=()
[[ -n ${FUZZ_ADMIN_KEY:-} ]] && runs+=(admin)
[[ -n ${FUZZ_VIEWER_KEY:-} ]] && runs+=(viewer)
((${#runs[@]})) || {
  echo "fuzz: FUZZ_ADMIN_KEY and FUZZ_VIEWER_KEY are unset: one run without credentials"
  runs=(anonymous)
}

failed=()
for run in "${runs[@]}"; do
  dir=$REPORT_DIR/$run
  rm -rf "$dir"
  mkdir -p "$dir"
  auth=()
  case $run in
    admin) auth=(--header "Authorization: Bearer $FUZZ_ADMIN_KEY") ;;
    viewer) auth=(--header "Authorization: Bearer $FUZZ_VIEWER_KEY") ;;
  esac
  echo "fuzz: $run: $BASE_URL for up to ${MAX_TIME}s (seed $SEED, $WORKERS workers)"
  started=$SECONDS
  status=0
  # Run from the run's own directory: Schemathesis and Hypothesis keep their caches (.schemathesis/,
  # .hypothesis/) in the working directory, so each run starts from nothing and the work tree stays clean.
  (
    cd "$dir"
    exec env -u HTTP_PROXY -u http_proxy -u HTTPS_PROXY -u https_proxy -u ALL_PROXY -u all_proxy NO_PROXY='*' \
      "$ST" --config-file "$ROOT/schemathesis.toml" run "$BASE_URL/api/docs-json" \
      --url "$BASE_URL" \
      "${auth[@]}" \
      --phases examples,coverage,fuzzing,stateful \
      --checks "$CHECKS" \
      --mode all \
      --max-time "$MAX_TIME" \
      --max-examples "$MAX_EXAMPLES" \
      --continue-on-failure \
      --workers "$WORKERS" \
      --seed "$SEED" \
      --generation-database none \
      --request-timeout "$REQUEST_TIMEOUT" \
      --max-redirects 0 \
      --wait-for-schema 30 \
      --output-sanitize true \
      --report junit,json --report-junit-path junit.xml --report-json-path summary.json \
      --no-color
  ) 2>&1 | tee "$dir/output.txt" || status=$?
  echo "fuzz: $run: finished in $((SECONDS - started))s with exit code $status;" \
    "reports $dir/junit.xml, $dir/summary.json, $dir/output.txt"
  ((status == 0)) || failed+=("$run")
done

if ((${#failed[@]})); then
  echo "fuzz: failures in: ${failed[*]} (reports under $REPORT_DIR/)" >&2
  exit 1
fi
echo "fuzz: no failures (${runs[*]})"
