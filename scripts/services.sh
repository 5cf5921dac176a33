#!/usr/bin/env bash
# Local MongoDB (mongo-java-server, H2 file backend) and Redis (Debian redis-server)
# for development and tests. No Docker needed.
#
#   scripts/services.sh ensure   install what is missing (redis-server, mongo-java-server jars)
#   scripts/services.sh up       start both (idempotent), write .data/services.env, print it
#   scripts/services.sh down     stop both (idempotent)
#   scripts/services.sh status   show what is running
#   scripts/services.sh env      print .data/services.env (nothing when down)
#
# Environment:
#   MONGODB_URI + REDIS_URL   if both are set, `up` starts nothing and just prints them
#   MONGO_DEV_PORT=27018      preferred ports; a free one is picked if taken by something else
#   REDIS_DEV_PORT=6380
#   MONGO_DEV_JAVA_OPTS       JVM options for the mongo launcher (default: -Xmx1g)
#   SERVICES_START_TIMEOUT=60 seconds to wait for each service to accept connections
set -euo pipefail
cd "$(dirname "$0")/.."

DATA_DIR=.data
LIB_DIR=$DATA_DIR/mongo-dev/lib
CLASSES_DIR=$DATA_DIR/mongo-dev/classes
LOG_DIR=$DATA_DIR/logs
MONGO_DB_FILE=$DATA_DIR/mongo/mlops.h2
REDIS_DIR=$DATA_DIR/redis
ENV_FILE=$DATA_DIR/services.env
POM=docker/mongo-dev/pom.xml
LAUNCHER=docker/mongo-dev/Main.java

MONGO_PID=$LOG_DIR/mongo.pid
MONGO_PORT_FILE=$LOG_DIR/mongo.port
MONGO_LOG=$LOG_DIR/mongo.log
REDIS_PID=$LOG_DIR/redis.pid
REDIS_PORT_FILE=$LOG_DIR/redis.port
REDIS_LOG=$LOG_DIR/redis.log

START_TIMEOUT=${SERVICES_START_TIMEOUT:-60}

log() { echo "services: $*" >&2; }
die() { echo "services: error: $*" >&2; exit 1; }

# ---------------------------------------------------------------- helpers

# Serialise concurrent invocations (e.g. parallel test workers calling `ensure`/`up`).
with_lock() {
  mkdir -p "$DATA_DIR"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$DATA_DIR/.services.lock"
    flock 9
  fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# First port >= $1 that nothing listens on.
free_port_from() {
  local p=$1
  while port_in_use "$p"; do
    p=$((p + 1))
    ((p < 65535)) || die "no free port found from $1"
  done
  echo "$p"
}

# Alive and not a zombie (an exited daemon may linger as a zombie until init reaps it).
pid_alive() {
  local stat
  kill -0 "$1" 2>/dev/null || return 1
  stat=$(<"/proc/$1/stat") 2>/dev/null || return 1
  stat=${stat##*) }
  [[ ${stat:0:1} != Z ]]
}

# is_ours PIDFILE PATTERN: the pid file names a live process whose command line matches.
is_ours() {
  local pidfile=$1 pattern=$2 pid
  [[ -s $pidfile ]] || return 1
  pid=$(<"$pidfile")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  pid_alive "$pid" || return 1
  local cmdline
  cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  [[ $cmdline == *"$pattern"* ]]
}
mongo_running() { is_ours "$MONGO_PID" "mongo-dev/Main.java"; }
redis_running() { is_ours "$REDIS_PID" "redis-server"; }

fail_with_log() {
  local what=$1 logfile=$2
  echo "services: error: $what" >&2
  if [[ -f $logfile ]]; then
    echo "---- last lines of $logfile ----" >&2
    tail -n 30 "$logfile" >&2
  fi
  exit 1
}

as_root() {
  if [[ $(id -u) -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root (or sudo) to run: $*"
  fi
}

stop_pid() {
  local name=$1 pidfile=$2 pattern=$3 pid i
  if is_ours "$pidfile" "$pattern"; then
    pid=$(<"$pidfile")
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 150; i++)); do
      pid_alive "$pid" || break
      sleep 0.1
    done
    if pid_alive "$pid"; then
      log "$name (pid $pid) did not stop after SIGTERM, sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.2
    fi
    log "$name stopped"
  fi
  rm -f "$pidfile"
}

# ---------------------------------------------------------------- ensure

jars_present() {
  [[ -f $LIB_DIR/.pom.sha256 ]] &&
    [[ $(<"$LIB_DIR/.pom.sha256") == "$(sha256sum "$POM" | cut -d' ' -f1)" ]] &&
    compgen -G "$LIB_DIR/mongo-java-server-core-*.jar" >/dev/null &&
    compgen -G "$LIB_DIR/mongo-java-server-memory-backend-*.jar" >/dev/null &&
    compgen -G "$LIB_DIR/mongo-java-server-h2-backend-*.jar" >/dev/null
}

ensure_redis() {
  command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1 && return 0
  log "installing redis-server (apt-get)"
  mkdir -p "$LOG_DIR"
  local apt_log=$LOG_DIR/apt-redis.log
  if ! { as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server; } >"$apt_log" 2>&1; then
    tail -n 30 "$apt_log" >&2
    die "apt-get install redis-server failed (full log: $apt_log)"
  fi
  command -v redis-server >/dev/null 2>&1 || die "redis-server still not on PATH after apt-get install"
}

ensure_java() {
  command -v java >/dev/null 2>&1 ||
    die "java not found: a JDK 17+ is required for the local MongoDB (apt-get install -y openjdk-17-jdk-headless)"
}

ensure_jars() {
  jars_present && return 0
  command -v mvn >/dev/null 2>&1 ||
    die "mvn not found: Maven is required to fetch mongo-java-server (apt-get install -y maven)"
  log "fetching mongo-java-server jars into $LIB_DIR (maven)"
  local tmp=$DATA_DIR/mongo-dev/lib.tmp.$$
  rm -rf "$tmp"
  mkdir -p "$tmp"
  if ! mvn -q -B -f "$POM" dependency:copy-dependencies -DoutputDirectory="$PWD/$tmp" >"$tmp.log" 2>&1; then
    cat "$tmp.log" >&2
    rm -rf "$tmp" "$tmp.log"
    die "maven could not fetch the mongo-java-server jars"
  fi
  sha256sum "$POM" | cut -d' ' -f1 >"$tmp/.pom.sha256"
  rm -rf "$LIB_DIR" "$CLASSES_DIR" "$tmp.log"
  mv "$tmp" "$LIB_DIR"
}

# Optional speed-up used by test/harness/local-services.ts: a precompiled launcher starts
# ~1s faster than `java Main.java` (which compiles in memory on every start).
ensure_classes() {
  command -v javac >/dev/null 2>&1 || return 0
  [[ -f $CLASSES_DIR/Main.class && $CLASSES_DIR/Main.class -nt $LAUNCHER ]] && return 0
  local tmp=$CLASSES_DIR.tmp.$$
  rm -rf "$tmp"
  mkdir -p "$tmp"
  if javac -nowarn -d "$tmp" -cp "$LIB_DIR/*" "$LAUNCHER" >"$tmp.log" 2>&1; then
    rm -rf "$CLASSES_DIR"
    mv "$tmp" "$CLASSES_DIR"
  else
    log "warning: javac failed, the source launcher will be used:"
    cat "$tmp.log" >&2
    rm -rf "$tmp"
  fi
  rm -f "$tmp.log"
}

cmd_ensure() {
  ensure_redis
  ensure_java
  ensure_jars
  ensure_classes
}

# ---------------------------------------------------------------- up

start_mongo() {
  if mongo_running; then
    return 0
  fi
  local port
  port=$(free_port_from "${MONGO_DEV_PORT:-27018}")
  mkdir -p "$(dirname "$MONGO_DB_FILE")" "$LOG_DIR"
  [[ -f $MONGO_LOG ]] && mv -f "$MONGO_LOG" "$MONGO_LOG.1"
  # shellcheck disable=SC2086 # word-splitting of JVM options is intended
  setsid nohup java ${MONGO_DEV_JAVA_OPTS:--Xmx1g} -cp "$LIB_DIR/*" "$LAUNCHER" \
    "$port" "$MONGO_DB_FILE" 127.0.0.1 >"$MONGO_LOG" 2>&1 </dev/null 9>&- &
  local pid=$!
  echo "$pid" >"$MONGO_PID"
  echo "$port" >"$MONGO_PORT_FILE"

  local deadline=$((SECONDS + START_TIMEOUT))
  until grep -q "mongo-dev listening on" "$MONGO_LOG" 2>/dev/null; do
    pid_alive "$pid" || { rm -f "$MONGO_PID"; fail_with_log "mongo-dev exited during startup" "$MONGO_LOG"; }
    ((SECONDS < deadline)) || fail_with_log "mongo-dev did not start listening within ${START_TIMEOUT}s" "$MONGO_LOG"
    sleep 0.2
  done
  log "mongo-dev started (pid $pid, port $port, data $MONGO_DB_FILE)"
}

start_redis() {
  if redis_running; then
    return 0
  fi
  local port
  port=$(free_port_from "${REDIS_DEV_PORT:-6380}")
  mkdir -p "$REDIS_DIR" "$LOG_DIR"
  rm -f "$REDIS_PID"
  [[ -f $REDIS_LOG ]] && mv -f "$REDIS_LOG" "$REDIS_LOG.1"
  redis-server --port "$port" --bind 127.0.0.1 --dir "$PWD/$REDIS_DIR" \
    --appendonly yes --appendfsync everysec --save '' --maxmemory-policy noeviction \
    --daemonize yes --pidfile "$PWD/$REDIS_PID" --logfile "$PWD/$REDIS_LOG" >/dev/null 9>&- ||
    fail_with_log "redis-server failed to start" "$REDIS_LOG"
  echo "$port" >"$REDIS_PORT_FILE"

  local deadline=$((SECONDS + START_TIMEOUT))
  until [[ $(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null) == PONG ]]; do
    ((SECONDS < deadline)) || fail_with_log "redis-server did not answer PING within ${START_TIMEOUT}s" "$REDIS_LOG"
    sleep 0.2
  done
  log "redis-server started (pid $(<"$REDIS_PID"), port $port, data $REDIS_DIR)"
}

mongo_uri() { echo "mongodb://127.0.0.1:$(<"$MONGO_PORT_FILE")/mlops"; }
redis_url() { echo "redis://127.0.0.1:$(<"$REDIS_PORT_FILE")"; }

write_env() {
  {
    echo "MONGODB_URI=$(mongo_uri)"
    echo "REDIS_URL=$(redis_url)"
  } >"$ENV_FILE.tmp"
  mv -f "$ENV_FILE.tmp" "$ENV_FILE"
}

cmd_up() {
  if [[ -n ${MONGODB_URI:-} && -n ${REDIS_URL:-} ]]; then
    echo "MONGODB_URI=$MONGODB_URI"
    echo "REDIS_URL=$REDIS_URL"
    return 0
  fi
  cmd_ensure
  start_mongo
  start_redis
  write_env
  cat "$ENV_FILE"
}

# ---------------------------------------------------------------- down / status / env

cmd_down() {
  stop_pid mongo-dev "$MONGO_PID" "mongo-dev/Main.java"
  stop_pid redis-server "$REDIS_PID" "redis-server"
  rm -f "$ENV_FILE" "$MONGO_PORT_FILE" "$REDIS_PORT_FILE"
}

cmd_status() {
  if mongo_running; then
    echo "mongo: running (pid $(<"$MONGO_PID")) $(mongo_uri)"
  else
    echo "mongo: not running"
  fi
  if redis_running; then
    echo "redis: running (pid $(<"$REDIS_PID")) $(redis_url)"
  else
    echo "redis: not running"
  fi
}

cmd_env() {
  if [[ -f $ENV_FILE ]] && mongo_running && redis_running; then
    cat "$ENV_FILE"
  fi
}

case "${1:-}" in
  ensure) with_lock; cmd_ensure ;;
  up) with_lock; cmd_up ;;
  down) with_lock; cmd_down ;;
  status) cmd_status ;;
  env) cmd_env ;;
  *)
    echo "usage: $0 ensure|up|down|status|env" >&2
    exit 2
    ;;
esac
