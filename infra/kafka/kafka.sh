#!/usr/bin/env bash
# Local single-node Apache Kafka (KRaft, no ZooKeeper, no Docker) for development and CI.
#
#   kafka.sh install        fetch the Kafka jars into .cache/kafka/libs (once)
#   kafka.sh start          start the broker in the background, wait until it serves metadata
#   kafka.sh stop           stop the broker this script started
#   kafka.sh status         exit 0 ready, 1 running but not answering, 3 stopped
#   kafka.sh reset          stop, then delete the broker's data (keeps the jar cache)
#   kafka.sh logs [ARGS]    tail server.log (ARGS go to tail, e.g. -f or -n 500)
#
# See infra/kafka/README.md for the environment variables.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/infra/kafka"

KAFKA_VERSION=3.9.1
KAFKA_JAR="kafka_2.13-$KAFKA_VERSION.jar"

CACHE_DIR="$ROOT/.cache/kafka"
LIBS="$CACHE_DIR/libs"
MARKER_NAME=".complete"

RUN_DIR="$ROOT/.run/kafka"
DATA_DIR="$RUN_DIR/data"
LOG_DIR="$RUN_DIR/logs"
PROPS="$RUN_DIR/server.properties"
PID_FILE="$RUN_DIR/kafka.pid"
CLUSTER_ID_FILE="$RUN_DIR/cluster.id"

HOST=127.0.0.1
PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
STOP_TIMEOUT=30
HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
EXTRA_JVM_OPTS="${KAFKA_JVM_OPTS:-}"
USE_CDS="${KAFKA_CDS:-1}"

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
  JAVA="$JAVA_HOME/bin/java"
else
  JAVA=java
fi

say() { printf 'kafka: %s\n' "$*"; }
die() { printf 'kafka: error: %s\n' "$*" >&2; exit 1; }
rel() { printf '%s' "${1#"$ROOT"/}"; }

need() {
  command -v "$1" >/dev/null 2>&1 || die "'$1' is not installed or not on PATH ($2)"
}

check_number() {
  [[ "$2" =~ ^[0-9]+$ ]] || die "$1 must be a whole number, got '$2'"
}

# ---------------------------------------------------------------------------
# jar cache

# Changes whenever pom.xml changes, so an edited pom re-populates the cache.
fingerprint() {
  printf '%s %s\n' "$KAFKA_VERSION" "$(cksum <"$HERE/pom.xml")"
}

libs_complete() {
  [[ -f "$LIBS/$KAFKA_JAR" && -f "$LIBS/$MARKER_NAME" ]] &&
    [[ "$(cat "$LIBS/$MARKER_NAME")" == "$(fingerprint)" ]]
}

cmd_install() {
  if libs_complete; then
    say "jars already in $(rel "$LIBS")"
    return 0
  fi
  need mvn "needed once to download the Kafka jars from Maven Central"
  local pid
  if pid="$(running_pid)"; then
    die "the broker (pid $pid) runs from $(rel "$LIBS"), which needs replacing; run 'kafka.sh stop' first"
  fi
  mkdir -p "$CACHE_DIR"

  # Two concurrent installs (parallel CI steps) must not interleave.
  if command -v flock >/dev/null 2>&1; then
    exec 8>"$CACHE_DIR/.install.lock"
    flock 8
    if libs_complete; then
      say "jars already in $(rel "$LIBS")"
      return 0
    fi
  fi

  # Copy into a scratch folder and swap it in only when complete, so an
  # interrupted download never leaves a half-filled libs/ that looks usable.
  local partial="$CACHE_DIR/libs.partial"
  rm -rf "$partial"
  say "downloading Kafka $KAFKA_VERSION jars into $(rel "$LIBS") (Maven, ~46 MB) ..."
  local mvn_args=(-q -B -Dstyle.color=never -f "$HERE/pom.xml" dependency:copy-dependencies "-Dkafka.libs.dir=$partial")
  if [[ -n "${KAFKA_MAVEN_REPO:-}" ]]; then
    mvn_args+=("-Dmaven.repo.local=$KAFKA_MAVEN_REPO")
  fi
  if ! mvn "${mvn_args[@]}"; then
    rm -rf "$partial"
    die "Maven could not download the Kafka jars (see the output above)"
  fi
  [[ -f "$partial/$KAFKA_JAR" ]] || die "Maven finished but $KAFKA_JAR is missing from $(rel "$partial")"
  fingerprint >"$partial/$MARKER_NAME"
  rm -rf "$LIBS"
  mv "$partial" "$LIBS"
  say "installed $(find "$LIBS" -name '*.jar' | wc -l | tr -d ' ') jars in $(rel "$LIBS")"
}

# ---------------------------------------------------------------------------
# process helpers

cmdline_of() {
  if [[ -r "/proc/$1/cmdline" ]]; then
    tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null || true
  else
    ps -o command= -p "$1" 2>/dev/null || true
  fi
}

# True when PID is alive and is the broker started with our server.properties.
is_our_broker() {
  local pid="$1" cmd
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  cmd="$(cmdline_of "$pid")"
  [[ "$cmd" == *" kafka.Kafka "* && "$cmd" == *"$PROPS"* ]]
}

# Prints the pid of our running broker, or returns 1. Falls back to scanning
# /proc when the pid file is missing or stale (e.g. it was deleted by hand).
running_pid() {
  local pid=""
  if [[ -f "$PID_FILE" ]]; then
    pid="$(tr -dc '0-9' <"$PID_FILE")"
    if is_our_broker "$pid"; then
      printf '%s\n' "$pid"
      return 0
    fi
  fi
  if [[ -d /proc ]]; then
    local f
    # One grep over all command lines; candidates are then checked properly.
    while IFS= read -r f; do
      pid="${f#/proc/}"
      pid="${pid%/cmdline}"
      if is_our_broker "$pid"; then
        printf '%s\n' "$pid" >"$PID_FILE"
        printf '%s\n' "$pid"
        return 0
      fi
    done < <(grep -laF -e "$PROPS" /proc/[0-9]*/cmdline 2>/dev/null || true)
  fi
  return 1
}

# The client port a running broker actually uses (from its server.properties),
# which may differ from $KAFKA_PORT in the current environment.
running_port() {
  local line
  line="$(grep -E '^advertised\.listeners=' "$PROPS" 2>/dev/null || true)"
  if [[ "$line" =~ :([0-9]+)$ ]]; then
    printf '%s\n' "${BASH_REMATCH[1]}"
  else
    printf '%s\n' "$PORT"
  fi
}

port_in_use() {
  (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null
}

# Resolved once: version-manager shims (pyenv, asdf) cost ~0.5 s per call.
PYTHON=""
is_ready() {
  if [[ -z "$PYTHON" ]]; then
    PYTHON="$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null || true)"
    [[ -x "$PYTHON" ]] || PYTHON=python3
  fi
  "$PYTHON" -S "$HERE/kafka_ready.py" --host "$HOST" --port "$1" --timeout 2
}

# Size of server.log before this start, so failures show only this run's lines.
SERVER_LOG_OFFSET=0
file_size() {
  if [[ -f "$1" ]]; then wc -c <"$1" | tr -d ' '; else echo 0; fi
}

show_logs_tail() {
  local f="$LOG_DIR/server.log" offset="$SERVER_LOG_OFFSET"
  if (($(file_size "$f") < offset)); then
    offset=0  # rolled over meanwhile
  fi
  local lines=""
  if [[ -s "$f" ]]; then
    lines="$(tail -c "+$((offset + 1))" "$f" | tail -n 40)"
  fi
  if [[ -n "$lines" ]]; then
    printf -- '----- last 40 lines of %s -----\n%s\n' "$(rel "$f")" "$lines" >&2
  fi
  f="$LOG_DIR/stdout.log"
  if [[ -s "$f" ]]; then
    printf -- '----- last 40 lines of %s -----\n' "$(rel "$f")" >&2
    tail -n 40 "$f" >&2
  fi
}

# ---------------------------------------------------------------------------
# start

write_server_properties() {
  local tmp="$PROPS.tmp"
  cat >"$tmp" <<EOF
# Generated by infra/kafka/kafka.sh on every start; edits are overwritten.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$PORT,CONTROLLER://$HOST:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$DATA_DIR

# Single node: every replication factor is 1.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
default.replication.factor=1
min.insync.replicas=1

# Few internal partitions so the first consumer group / transaction is quick.
offsets.topic.num.partitions=10
transaction.state.log.num.partitions=10
group.initial.rebalance.delay.ms=0

# Topics are created explicitly by the services, never by a stray producer.
auto.create.topics.enable=false
num.partitions=3
delete.topic.enable=true
EOF
  mv "$tmp" "$PROPS"
}

format_storage_if_needed() {
  if [[ -f "$DATA_DIR/meta.properties" ]]; then
    # Already formatted; recover cluster.id if it was deleted.
    if [[ ! -s "$CLUSTER_ID_FILE" ]]; then
      sed -n 's/^cluster\.id=//p' "$DATA_DIR/meta.properties" >"$CLUSTER_ID_FILE"
    fi
    return 0
  fi
  local cluster_id=""
  if [[ -s "$CLUSTER_ID_FILE" ]]; then
    cluster_id="$(tr -d '[:space:]' <"$CLUSTER_ID_FILE")"
  fi
  if [[ -z "$cluster_id" ]]; then
    cluster_id="$("$JAVA" -cp "$LIBS/*" -Dlog4j.configuration="file:$HERE/log4j.properties" -Dkafka.logs.dir="$LOG_DIR" \
      kafka.tools.StorageTool random-uuid 2>>"$LOG_DIR/stdout.log" | tr -d '[:space:]')"
    [[ -n "$cluster_id" ]] || die "StorageTool random-uuid printed nothing (see $(rel "$LOG_DIR")/stdout.log)"
    printf '%s\n' "$cluster_id" >"$CLUSTER_ID_FILE"
  fi
  mkdir -p "$DATA_DIR"
  if ! "$JAVA" -cp "$LIBS/*" -Dlog4j.configuration="file:$HERE/log4j.properties" -Dkafka.logs.dir="$LOG_DIR" \
    kafka.tools.StorageTool format -t "$cluster_id" -c "$PROPS" --ignore-formatted >>"$LOG_DIR/stdout.log" 2>&1; then
    show_logs_tail
    die "formatting the storage in $(rel "$DATA_DIR") failed"
  fi
  say "formatted $(rel "$DATA_DIR") (cluster id $cluster_id)"
}

# Class-data sharing roughly halves JVM startup. The first start records the
# loaded classes (-XX:ArchiveClassesAtExit); the archive is written when that
# broker exits and kept only after a clean `stop`. Later starts map it. The
# archive lives in libs/ (a re-install drops it) and its name includes a
# checksum of `java -version`, so another JDK gets its own archive. Needs JDK 13+.
CDS_OPTS=()
choose_cds_opts() {
  CDS_OPTS=()
  [[ "$USE_CDS" == 1 ]] || return 0
  local version key archive
  version="$("$JAVA" -version 2>&1 || true)"
  if [[ ! "$version" =~ version\ \"([0-9]+) ]] || ((BASH_REMATCH[1] < 13)); then
    return 0
  fi
  key="$(printf '%s\n%s\n' "$version" "$(command -v "$JAVA")" | cksum | cut -d' ' -f1)"
  archive="$LIBS/cds-$key.jsa"
  if [[ -s "$archive" ]]; then
    CDS_OPTS=("-XX:SharedArchiveFile=$archive")
  else
    rm -f "$LIBS"/cds-*.jsa "$LIBS"/cds-*.jsa.tmp
    # -Xlog:cds=error hides hundreds of "class not supported by CDS" warnings.
    CDS_OPTS=("-XX:ArchiveClassesAtExit=$archive.tmp" -Xlog:cds=error)
  fi
}

# After our broker has exited: keep a freshly dumped archive if the exit was
# clean (CLEAN=1), otherwise throw it away so the next start records anew.
settle_cds_archive() {
  local clean="$1" f
  for f in "$LIBS"/cds-*.jsa.tmp; do
    [[ -e "$f" ]] || continue
    if [[ "$clean" == 1 && -s "$f" ]]; then
      mv -f "$f" "${f%.tmp}"
    else
      rm -f "$f"
    fi
  done
}

launch() {
  local launcher=()
  if command -v setsid >/dev/null 2>&1; then
    launcher=(setsid)  # own session: a Ctrl-C in this terminal does not reach the broker
  fi
  # shellcheck disable=SC2206  # the option strings are deliberately split into words
  local jvm_opts=($HEAP_OPTS $EXTRA_JVM_OPTS)
  # The inner shell writes its own pid and then execs java, so the pid file
  # names the JVM even if setsid had to fork.
  # shellcheck disable=SC2016  # $$ and $@ are expanded by the inner shell
  nohup ${launcher[@]+"${launcher[@]}"} bash -c 'echo $$ >"$0"; exec "$@"' "$PID_FILE" \
    "$JAVA" \
    -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
    -XX:+ExplicitGCInvokesConcurrent \
    -Djava.awt.headless=true \
    ${jvm_opts[@]+"${jvm_opts[@]}"} \
    ${CDS_OPTS[@]+"${CDS_OPTS[@]}"} \
    -Dlog4j.configuration="file:$HERE/log4j.properties" \
    -Dkafka.logs.dir="$LOG_DIR" \
    -cp "$LIBS/*" \
    kafka.Kafka "$PROPS" \
    >>"$LOG_DIR/stdout.log" 2>&1 </dev/null 8>&- 9>&- &
}

# Waits until the broker on PORT answers a metadata request. PID is the broker;
# STARTED_HERE=1 means this invocation launched it (and stops it on timeout).
wait_ready() {
  local pid="$1" port="$2" started_here="$3"
  local deadline=$((SECONDS + START_TIMEOUT))
  while true; do
    if is_ready "$port"; then
      return 0
    fi
    if ! is_our_broker "$pid"; then
      rm -f "$PID_FILE"
      show_logs_tail
      die "the broker exited during startup (logs in $(rel "$LOG_DIR"))"
    fi
    if ((SECONDS >= deadline)); then
      show_logs_tail
      if [[ "$started_here" == 1 ]]; then
        say "stopping the broker that did not become ready" >&2
        stop_pid "$pid" >&2
      fi
      die "the broker did not answer a metadata request on $HOST:$port within ${START_TIMEOUT}s"
    fi
    sleep 0.25
  done
}

cmd_start() {
  check_number KAFKA_PORT "$PORT"
  check_number KAFKA_CONTROLLER_PORT "$CONTROLLER_PORT"
  check_number KAFKA_START_TIMEOUT "$START_TIMEOUT"
  need python3 "used to probe broker readiness"
  mkdir -p "$DATA_DIR" "$LOG_DIR"

  local pid port
  if pid="$(running_pid)"; then
    port="$(running_port)"
    if [[ "$port" != "$PORT" ]]; then
      say "note: the running broker uses port $port, not KAFKA_PORT=$PORT; stop it first to change ports" >&2
    fi
    say "already running (pid $pid); waiting until it is ready"
    wait_ready "$pid" "$port" 0
    say "ready on $HOST:$port (pid $pid, logs $(rel "$LOG_DIR"))"
    return 0
  fi
  rm -f "$PID_FILE"

  local p
  for p in "$PORT" "$CONTROLLER_PORT"; do
    if port_in_use "$p"; then
      die "port $p on $HOST is already in use by another process (not the broker of $ROOT); stop it or set KAFKA_PORT / KAFKA_CONTROLLER_PORT"
    fi
  done

  libs_complete || cmd_install
  need "$JAVA" "Kafka $KAFKA_VERSION needs Java 11 or newer"

  : >"$LOG_DIR/stdout.log"
  SERVER_LOG_OFFSET="$(file_size "$LOG_DIR/server.log")"
  write_server_properties
  format_storage_if_needed
  choose_cds_opts
  launch
  # Give the inner shell a moment to write the pid file.
  local tries=0
  while [[ ! -s "$PID_FILE" ]] && ((tries < 40)); do
    sleep 0.05
    tries=$((tries + 1))
  done
  [[ -s "$PID_FILE" ]] || die "the broker process did not start (no pid file written)"
  pid="$(tr -dc '0-9' <"$PID_FILE")"

  wait_ready "$pid" "$PORT" 1
  say "ready on $HOST:$PORT (pid $pid, logs $(rel "$LOG_DIR"))"
}

# ---------------------------------------------------------------------------
# stop / status / reset / logs

stop_pid() {
  local pid="$1" waited=0 clean=1
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do
    if ((waited >= STOP_TIMEOUT * 4)); then
      say "pid $pid did not exit within ${STOP_TIMEOUT}s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      clean=0
      sleep 0.5
      break
    fi
    sleep 0.25
    waited=$((waited + 1))
  done
  rm -f "$PID_FILE"
  settle_cds_archive "$clean"
}

cmd_stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$PID_FILE"
    say "not running"
    return 0
  fi
  if [[ "$(cmdline_of "$pid")" == *ArchiveClassesAtExit* ]]; then
    say "stopping (pid $pid; this first stop also writes the JVM class-data archive, ~10 s) ..."
  else
    say "stopping (pid $pid) ..."
  fi
  stop_pid "$pid"
  say "stopped"
}

cmd_status() {
  need python3 "used to probe broker readiness"
  local pid port
  if pid="$(running_pid)"; then
    port="$(running_port)"
    if is_ready "$port"; then
      say "running, ready on $HOST:$port (pid $pid, logs $(rel "$LOG_DIR"))"
      return 0
    fi
    say "running (pid $pid) but not answering metadata requests on $HOST:$port"
    return 1
  fi
  if port_in_use "$PORT"; then
    say "stopped (port $PORT is in use by another process)"
  else
    say "stopped"
  fi
  return 3
}

cmd_reset() {
  cmd_stop
  rm -rf "$DATA_DIR" "$CLUSTER_ID_FILE"
  say "deleted $(rel "$DATA_DIR") and $(rel "$CLUSTER_ID_FILE") (jar cache kept)"
}

cmd_logs() {
  local f="$LOG_DIR/server.log"
  [[ -f "$f" ]] || die "no log yet at $(rel "$f")"
  if (($# == 0)); then
    set -- -n 100
  fi
  exec tail "$@" "$f"
}

usage() {
  cat <<EOF
usage: $(rel "$HERE")/kafka.sh <command>

  install   download the Kafka $KAFKA_VERSION jars into .cache/kafka/libs (once)
  start     start the broker on $HOST:$PORT and wait until it is ready
  stop      stop the broker started by this script
  status    report state; exit 0 ready, 1 running but not ready, 3 stopped
  reset     stop and delete the broker data (topics, offsets)
  logs      show server.log; extra arguments go to tail (e.g. logs -f)
EOF
}

# Serialises start/stop/reset of this checkout's broker (where flock exists).
# The broker itself must not inherit this descriptor (see launch).
lock_run_dir() {
  mkdir -p "$RUN_DIR"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$RUN_DIR/.lock"
    flock 9
  fi
}

main() {
  local cmd="${1:-}"
  shift || true
  case "$cmd" in
    install) cmd_install ;;
    start) lock_run_dir && cmd_start ;;
    stop) lock_run_dir && cmd_stop ;;
    status) cmd_status ;;
    reset) lock_run_dir && cmd_reset ;;
    logs) cmd_logs "$@" ;;
    -h | --help | help) usage ;;
    *)
      usage >&2
      exit 2
      ;;
  esac
}

main "$@"
