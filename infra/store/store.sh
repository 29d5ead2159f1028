#!/usr/bin/env bash
# The local MongoDB-wire store: FerretDB 1.24 on a PostgreSQL cluster of our
# own, behind the zone-store front. See README.md beside this script.
#
#   store.sh install   build the zone-store binary (cached) and check PostgreSQL
#   store.sh start     start PostgreSQL and the store; wait until it answers (idempotent)
#   store.sh stop      stop the store and PostgreSQL (idempotent)
#   store.sh status    one line per component; exit 0 ready, 3 stopped, 1 otherwise
#   store.sh reset     stop, then delete the data and logs (the binary cache stays)
#   store.sh logs [-f] the end of the store and PostgreSQL logs
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"

CACHE="$ROOT/.cache/store"
BIN="$CACHE/zone-store"
HASHFILE="$CACHE/zone-store.hash"
RUN="$ROOT/.run/store"
LOGDIR="$RUN/logs"
LOG="$LOGDIR/store.log"
PIDFILE="$RUN/store.pid"
READYFILE="$RUN/store.ready" # written by the front once it accepts clients
PGPATHFILE="$RUN/pg.path"

PORT="${STORE_PORT:-27017}"
PG_PORT="${STORE_PG_PORT:-54329}"
ADDR="127.0.0.1:$PORT"
# Front <-> FerretDB child. Named after the port: the front binds its port
# before it starts a child, so two fronts can never share this socket.
SOCKET="${TMPDIR:-/tmp}/zone-store-$PORT.sock"
PG_URL="postgres://postgres@127.0.0.1:$PG_PORT/ferretdb?pool_max_conns=50"
# FerretDB's default pool is 50 connections; the cluster allows 200 so that
# psql, a restarted child and the old one's leftovers all fit.

say() { echo "store: $*"; }
die() { echo "store: $*" >&2; exit 1; }

# ---- PostgreSQL binaries and user --------------------------------------------

find_pgbin() {
  local p
  if p="$(command -v initdb 2>/dev/null)"; then
    # pg_ctl finds `postgres` next to its real path, so resolve symlinks
    # (/usr/local/bin/initdb -> /usr/lib/postgresql/15/bin/initdb).
    dirname "$(readlink -f "$p")"
    return
  fi
  for p in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V -r); do
    if [ -x "$p/initdb" ]; then echo "$p"; return; fi
  done
  return 1
}

# PostgreSQL refuses to run as root: as root, run its tools as `postgres`.
if [ "$(id -u)" = 0 ]; then
  PGUSER_OS=postgres
  # From / : postgres may not be allowed into the caller's directory.
  as_pg() { (cd / && runuser -u postgres -- "$@"); }
else
  PGUSER_OS="$(id -un)"
  as_pg() { "$@"; }
fi

# ---- where the cluster lives ---------------------------------------------------

# The data folder must be reachable by the postgres user. $ROOT/.run/store/pg
# when it is; otherwise (a repo under /root, mode 0700, or wherever CI clones)
# a folder in /var/tmp named after a hash of $ROOT, recorded in pg.path.
pg_data() {
  if [ -f "$PGPATHFILE" ]; then cat "$PGPATHFILE"; return; fi
  if [ -f "$RUN/pg/PG_VERSION" ]; then echo "$RUN/pg"; return; fi
  mkdir -p "$RUN"
  if as_pg test -x "$RUN" 2>/dev/null && as_pg test -r "$RUN" 2>/dev/null; then
    echo "$RUN/pg"
  else
    echo "/var/tmp/zone-risk-$(printf '%s' "$ROOT" | sha1sum | cut -c1-10)/pg"
  fi
}

# PostgreSQL's own log sits beside the data folder, where postgres can write.
pg_log() { echo "$(dirname "$1")/postgres.log"; }

pg_running() { # $1 = data folder
  [ -f "$1/PG_VERSION" ] && as_pg "$PGBIN/pg_ctl" -D "$1" status >/dev/null 2>&1
}

# ---- the binary ------------------------------------------------------------------

source_hash() {
  ( cd "$HERE" && { go version; printf '%s\n' go.mod go.sum ./*.go | LC_ALL=C sort | xargs cat; } | sha256sum | cut -c1-64 )
}

install_bin() {
  command -v go >/dev/null || die "go is not installed (needed to build $BIN)"
  mkdir -p "$CACHE"
  local want have=""
  want="$(source_hash)"
  [ -f "$HASHFILE" ] && have="$(cat "$HASHFILE")"
  if [ -x "$BIN" ] && [ "$want" = "$have" ]; then
    return
  fi
  say "building zone-store (first build fetches modules and takes a few minutes)"
  # ferretdb_no_sqlite: the SQLite backend is not wanted, and leaving it out
  # saves most of the build time.
  ( cd "$HERE" && GOFLAGS="${GOFLAGS:+$GOFLAGS }-mod=mod" \
      go build -trimpath -tags ferretdb_no_sqlite -o "$BIN.tmp" . )
  mv -f "$BIN.tmp" "$BIN"
  echo "$want" > "$HASHFILE"
  say "built $BIN"
}

check_pg() {
  if ! PGBIN="$(find_pgbin)"; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      say "PostgreSQL not found; installing it with apt-get"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
      PGBIN="$(find_pgbin)" || die "PostgreSQL still not found after apt-get install"
    else
      die "PostgreSQL server binaries (initdb, pg_ctl) not found"
    fi
  fi
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    die "user 'postgres' missing: PostgreSQL cannot run as root"
  fi
  export PGBIN
}

cmd_install() {
  install_bin
  check_pg
  say "PostgreSQL binaries in $PGBIN"
}

# ---- start -------------------------------------------------------------------------

init_cluster() { # $1 = data folder
  local data="$1" base
  base="$(dirname "$data")"
  mkdir -p "$data"
  if [ "$data" != "$RUN/pg" ]; then
    echo "$data" > "$PGPATHFILE"
    chown "$PGUSER_OS" "$base"
    chmod 700 "$base"
  fi
  chown "$PGUSER_OS" "$data"
  chmod 700 "$data"
  say "creating a PostgreSQL cluster in $data"
  as_pg "$PGBIN/initdb" -D "$data" --auth=trust -U postgres --encoding=UTF8 --locale=C >/dev/null
  # The socket path must stay under ~107 bytes; fall back to /tmp for deep folders.
  local sockdir="$data"
  [ "${#data}" -gt 80 ] && sockdir=/tmp
  as_pg tee -a "$data/postgresql.conf" >/dev/null <<EOF

# --- zone-store: a development cluster (trust auth, loopback only) ---
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$sockdir'
max_connections = 200
shared_buffers = 128MB
# A killed FerretDB child leaves backends behind; notice the dead socket soon.
client_connection_check_interval = 2s
# Dev data: a crash may lose the last few hundred ms of commits (never
# corrupts); each FerretDB write commits on its own, and waiting for the disk
# flush made it several times slower here.
synchronous_commit = off
EOF
}

start_pg() {
  local data log
  data="$(pg_data)"
  [ -f "$data/PG_VERSION" ] || init_cluster "$data"
  log="$(pg_log "$data")"
  if ! pg_running "$data"; then
    touch "$log"; chown "$PGUSER_OS" "$log"
    # -p on the command line so that STORE_PG_PORT wins over the file.
    as_pg "$PGBIN/pg_ctl" -D "$data" -l "$log" -w -t 60 -o "-p $PG_PORT" start >/dev/null \
      || { tail -n 20 "$log" >&2; die "PostgreSQL did not start (log: $log)"; }
  fi
  local psql=(env PGCONNECT_TIMEOUT=5 "$PGBIN/psql" -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres)
  if [ -z "$("${psql[@]}" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'ferretdb'")" ]; then
    "${psql[@]}" -d postgres -c "CREATE DATABASE ferretdb" >/dev/null
  fi
  # Indexed lookups by _id (see the comments in pg-setup.sql).
  "${psql[@]}" -d ferretdb -v ON_ERROR_STOP=1 -f "$HERE/pg-setup.sql" >/dev/null \
    || die "pg-setup.sql failed"
}

front_pid() { # prints the pid if our front runs
  local pid
  [ -f "$PIDFILE" ] || return 1
  pid="$(cat "$PIDFILE")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  # A recycled pid is not ours.
  grep -q zone-store "/proc/$pid/cmdline" 2>/dev/null || return 1
  echo "$pid"
}

ping_store() { "$BIN" ping -q --addr "$ADDR" --timeout 2s >/dev/null 2>&1; }

cmd_start() {
  install_bin
  check_pg
  mkdir -p "$LOGDIR"
  start_pg
  local pid
  if ! pid="$(front_pid)"; then
    rm -f "$PIDFILE" "$READYFILE"
    # setsid: the store outlives this shell and its process group. The
    # front ignores SIGHUP itself; it starts and supervises the FerretDB child.
    STORE_LISTEN="$ADDR" STORE_PG_URL="$PG_URL" STORE_SOCKET="$SOCKET" STORE_READY_FILE="$READYFILE" \
      setsid "$BIN" serve >>"$LOG" 2>&1 </dev/null &
    pid=$!
    echo "$pid" > "$PIDFILE"
  fi
  for _ in $(seq 1 240); do
    # Our front holds the port once it wrote the ready file: only then does
    # an answer on the port come from it and not from another store.
    if [ "$(cat "$READYFILE" 2>/dev/null)" = "$pid" ] && ping_store; then
      say "ready on mongodb://$ADDR (FerretDB $("$BIN" version | cut -d' ' -f2) on PostgreSQL at 127.0.0.1:$PG_PORT, data in $(pg_data))"
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$PIDFILE"
      echo "store: the store exited during startup; last log lines ($LOG):" >&2
      tail -n 25 "$LOG" >&2 || true
      exit 1
    fi
    sleep 0.5
  done
  echo "store: no answer on $ADDR after 120 s; last log lines ($LOG):" >&2
  tail -n 25 "$LOG" >&2 || true
  stop_front >/dev/null
  exit 1
}

# ---- stop / status / reset / logs ---------------------------------------------------

stop_front() {
  local pid
  if pid="$(front_pid)"; then
    kill -TERM "$pid"
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null; then
      say "store front $pid ignored SIGTERM for 20 s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    say "store stopped (pid $pid)"
  fi
  rm -f "$PIDFILE"
  # Left behind only if the front was killed.
  [ -S "$SOCKET" ] && ! pid="$(front_pid)" && rm -f "$SOCKET"
  return 0
}

stop_pg() {
  local data
  data="$(pg_data)"
  if [ -n "${PGBIN:-}" ] && pg_running "$data"; then
    as_pg "$PGBIN/pg_ctl" -D "$data" -m fast -w -t 60 stop >/dev/null
    say "PostgreSQL stopped ($data)"
  fi
}

cmd_stop() {
  PGBIN="$(find_pgbin)" || PGBIN=""
  stop_front
  stop_pg
}

cmd_status() {
  PGBIN="$(find_pgbin)" || PGBIN=""
  local data pid front=stopped pg=stopped
  data="$(pg_data)"
  if [ -n "$PGBIN" ] && pg_running "$data"; then
    pg=running
    echo "postgresql: running on 127.0.0.1:$PG_PORT, data in $data"
  else
    echo "postgresql: stopped (data in $data$([ -f "$data/PG_VERSION" ] || echo ', not created'))"
  fi
  if pid="$(front_pid)"; then
    if [ -x "$BIN" ] && ping_store; then
      front=ready
      echo "store: ready on mongodb://$ADDR (pid $pid)"
    else
      front=running
      echo "store: running (pid $pid) but not answering on $ADDR"
    fi
  else
    echo "store: stopped"
  fi
  if [ "$front" = ready ] && [ "$pg" = running ]; then return 0; fi
  if [ "$front" = stopped ] && [ "$pg" = stopped ]; then return 3; fi
  return 1
}

cmd_reset() {
  cmd_stop
  local data
  data="$(pg_data)"
  if [ -e "$data" ]; then
    rm -rf "$data" "$(pg_log "$data")"
    # The /var/tmp fallback folder is ours alone; remove it if now empty.
    if [ "$data" != "$RUN/pg" ]; then rmdir "$(dirname "$data")" 2>/dev/null || true; fi
    say "deleted the PostgreSQL data in $data"
  fi
  rm -f "$PGPATHFILE"
  rm -rf "$LOGDIR"
  say "reset done (binary cache kept in $CACHE)"
}

cmd_logs() {
  local data pglog
  data="$(pg_data)"
  pglog="$(pg_log "$data")"
  if [ "${1:-}" = "-f" ]; then
    exec tail -n 50 -F "$LOG" "$pglog"
  fi
  echo "== $LOG"
  tail -n "${LINES_SHOWN:-60}" "$LOG" 2>/dev/null || echo "(none)"
  echo "== $pglog"
  tail -n 20 "$pglog" 2>/dev/null || echo "(none)"
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  reset) cmd_reset ;;
  logs) shift; cmd_logs "$@" ;;
  *) echo "usage: $0 install|start|stop|status|reset|logs [-f]" >&2; exit 2 ;;
esac
