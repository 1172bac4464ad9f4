#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server for tests:
#
#   scripts/with-postgres.sh CMD [ARGS...]
#   scripts/with-postgres.sh go test -tags sqlite_fts5 ./app/serverpostgres/...
#
# It starts a private cluster (Debian's PostgreSQL packages) in a temporary directory on
# a free loopback port, creates the role `involve` (random password) and the database
# `involve_test`, runs CMD with
#
#   INVOLVE_TEST_POSTGRES_URL=postgres://involve:…@127.0.0.1:PORT/involve_test?sslmode=disable
#
# exported, then stops the cluster and deletes its directory, whatever CMD did (also on
# Ctrl-C or SIGTERM). It exits with CMD's status.
#
# - INVOLVE_TEST_POSTGRES_URL already set: CMD just runs against that database.
# - No PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb): installs Debian's
#   `postgresql` package with apt-get (needs root or sudo; only when missing).
# - As root, the server runs as the `postgres` user (initdb refuses to run as root).
#
# The cluster runs with fsync=off, synchronous_commit=off and full_page_writes=off: fast
# and not crash-safe, which is fine for a database that is deleted after the run and
# NEVER fine for a real one (docs/postgres.md).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

[ "$#" -gt 0 ] || { echo "usage: $0 CMD [ARGS...]   (runs CMD with INVOLVE_TEST_POSTGRES_URL set)" >&2; exit 2; }

if [ -n "${INVOLVE_TEST_POSTGRES_URL:-}" ]; then
  log "INVOLVE_TEST_POSTGRES_URL is set: using that database"
  exec "$@"
fi

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "need root (or sudo) to run: $*"
  fi
}

pg_bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1; }

# ---- the server binaries ------------------------------------------------------------------
BIN="$(pg_bindir)"
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
  if dpkg -s postgresql >/dev/null 2>&1; then
    die "the postgresql package is installed but no /usr/lib/postgresql/*/bin/initdb was found: reinstall it (apt-get install --reinstall postgresql-15)"
  fi
  log "PostgreSQL is not installed: installing Debian's postgresql package (apt-get)"
  t0=$SECONDS
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq ||
    die "apt-get update failed: cannot install PostgreSQL"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null ||
    die "apt-get install postgresql failed"
  BIN="$(pg_bindir)"
  [ -n "$BIN" ] && [ -x "$BIN/initdb" ] || die "apt-get installed postgresql but no /usr/lib/postgresql/*/bin/initdb exists"
  log "PostgreSQL installed in $((SECONDS - t0)) s"
fi
PG_VERSION="$("$BIN/postgres" --version | awk '{print $3}')"

# ---- who runs the server -----------------------------------------------------------------
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || die "running as root, but there is no 'postgres' user to run the server (it comes with Debian's postgresql-common package)"
  # From / : the postgres user may not be allowed into the caller's directory.
  as_pg() { (cd / && runuser -u postgres -- "$@"); }
  PG_OWNER=postgres
else
  as_pg() { "$@"; }
  PG_OWNER="$(id -un)"
fi

# ---- a private cluster --------------------------------------------------------------------
# As root, in /tmp: the postgres user must be able to reach the directory.
if [ "$PG_OWNER" = postgres ] && [ "$(id -un)" != postgres ]; then TMPBASE=/tmp; else TMPBASE="${TMPDIR:-/tmp}"; fi
DIR="$(mktemp -d "$TMPBASE/involve-pg.XXXXXX")"
chmod 700 "$DIR"
[ "$PG_OWNER" = "$(id -un)" ] || chown "$PG_OWNER:" "$DIR"
PG_STARTED=0
stop_cluster() {
  if [ "$PG_STARTED" = 1 ]; then
    as_pg "$BIN/pg_ctl" -D "$DIR/data" -m immediate -t 30 stop >/dev/null 2>&1 || true
  fi
  rm -rf "$DIR"
}
cleanup_push stop_cluster
install_cleanup_trap

# Fails clearly, with the server log, when something does not start.
fail_with_log() {
  log "FAIL: $*"
  if [ -s "$DIR/postgres.log" ]; then
    log "last lines of the PostgreSQL log:"
    tail -n 20 "$DIR/postgres.log" >&2
  fi
  exit 1
}

# Socket connections from the cluster's owner are trusted (the socket lives in the
# private directory); TCP connections need a password, as in production.
as_pg "$BIN/initdb" -D "$DIR/data" -U postgres -E UTF8 --locale=C --no-sync \
  --auth-local=trust --auth-host=scram-sha-256 >"$DIR/initdb.log" 2>&1 ||
  { cat "$DIR/initdb.log" >&2; die "initdb failed (PostgreSQL $PG_VERSION in $BIN)"; }

# port_in_use PORT : true if something listens on the TCP port (IPv4 or IPv6).
port_in_use() {
  local hex
  hex="$(printf ':%04X' "$1")"
  awk -v p="$hex" 'NR > 1 && $4 == "0A" && substr($2, length($2) - 4) == p { found = 1 } END { exit !found }' \
    /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

PORT=""
for attempt in 1 2 3 4 5; do
  port=$((20000 + RANDOM % 40000))
  port_in_use "$port" && continue
  if as_pg "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/postgres.log" -w -t 60 start \
    -o "-k $DIR -p $port -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    >/dev/null 2>&1; then
    PORT="$port"
    PG_STARTED=1
    break
  fi
  # Another process may have taken the port between the check and the start: try another.
  log "PostgreSQL did not start on port $port (attempt $attempt)"
  as_pg "$BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
done
[ -n "$PORT" ] || fail_with_log "PostgreSQL $PG_VERSION did not start"

"$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" -t 30 || fail_with_log "PostgreSQL on 127.0.0.1:$PORT is not ready"

# The password goes through stdin, not the command line (ps shows command lines).
PASSWORD="$(head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
PASSWORD="${PASSWORD:0:24}"
printf '%s\n' "CREATE ROLE involve LOGIN PASSWORD '$PASSWORD';" \
  "CREATE DATABASE involve_test OWNER involve ENCODING 'UTF8' TEMPLATE template0;" |
  as_pg "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$DIR" -p "$PORT" -U postgres -d postgres -f - >/dev/null ||
  fail_with_log "could not create the role and database"

export INVOLVE_TEST_POSTGRES_URL="postgres://involve:$PASSWORD@127.0.0.1:$PORT/involve_test?sslmode=disable"
log "PostgreSQL $PG_VERSION on 127.0.0.1:$PORT (database involve_test, in $DIR); running: $*"

# CMD runs as a child we wait for, so that a signal to this script stops CMD and the
# cluster at once (bash runs traps only between commands; `wait` is interruptible).
"$@" <&0 &
CMD_PID=$!
stop_cmd() {
  local i
  kill -TERM "$CMD_PID" 2>/dev/null || return 0
  for ((i = 0; i < 50; i++)); do is_alive "$CMD_PID" || break; sleep 0.1; done
}
cleanup_push stop_cmd
set +e
wait "$CMD_PID"
status=$?
set -e
exit "$status"
