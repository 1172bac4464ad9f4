#!/usr/bin/env bash
# End-to-end tests: the real app under `wails dev` (Go bindings + Vite), driven through
# http://localhost:PORT by Debian's Chromium (playwright-core), with axe-core checks.
#
#  1. Starts Xvfb unless $DISPLAY works (`wails dev` needs a display: without one the app
#     panics while wails dev keeps running, so this script watches the log for `panic:`).
#  2. Makes a temporary data folder and passes it to the app as INVOLVE_DATA_DIR, and a
#     folder for exports as INVOLVE_TEST_SAVE_DIR (no save dialogs; tests: E2E_SAVE_DIR),
#     and INVOLVE_E2E_IDLE_SECONDS=10: a minute of the app lock's idle time lasts 10 s
#     (honoured only by this development build; app/desktop/lock_e2e.go).
#  3. Starts `wails dev` in its own process group, waits for the port (timeout), and runs
#     the phase-1 tests (e2e/tests/1-*.test.mjs): create data, a11y on every screen.
#  4. Restarts the app: SIGINT to wails dev's process group, waits for it to exit, starts
#     it again on the same data folder.
#  5. Runs the phase-2 tests (e2e/tests/2-*.test.mjs): everything is still there.
#  6. Always stops wails dev, vite, the app and Xvfb, and removes the data folder (trap).
#
# Screenshots: build/screenshots/*.png. Logs: build/logs/wails-dev-*.log.
# Env: E2E_PORT (default 34115; the next free port is used if it is taken),
#      E2E_START_TIMEOUT (s, default 600: a cold first start compiles SQLite),
#      E2E_ONLY=1|2 runs one phase without the restart (phase 2 needs the data folder of
#      an earlier phase 1: E2E_DATA_DIR=DIR for both), E2E_FILTER=regex passes
#      --test-name-pattern, E2E_FILES=regex runs only the test files whose paths match
#      (e.g. E2E_FILES=lock), KEEP_DATA=1 keeps the temporary data folder,
#      E2E_HEADED=1 shows Chromium on $DISPLAY.
# The sync test also uses build/bin/involve-server and build/bin/involve-cli (built here).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
install_cleanup_trap
setup_path

PORT="${E2E_PORT:-34115}"
START_TIMEOUT="${E2E_START_TIMEOUT:-600}"
LOGS="$ROOT/build/logs"
SHOTS="$ROOT/build/screenshots"
artifact_dir "$LOGS" "$SHOTS"
rm -f "$SHOTS"/FAILED-*.png
cd "$ROOT"

command -v wails >/dev/null || die "the wails CLI is missing: run scripts/deps.sh test"
[ -d "$ROOT/frontend/node_modules" ] || die "frontend/node_modules is missing: run scripts/npm-ci.sh frontend"
[ -d "$ROOT/e2e/node_modules" ] || die "e2e/node_modules is missing: run scripts/npm-ci.sh e2e"
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium is missing: run scripts/deps.sh test"

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if port_busy "$PORT"; then
  for p in $(seq $((PORT + 1)) $((PORT + 60))); do
    port_busy "$p" || { log "port $PORT is taken; using $p"; PORT=$p; break; }
  done
  port_busy "$PORT" && die "no free port near $PORT"
fi
BASE_URL="http://localhost:$PORT"

if [ -n "${E2E_DATA_DIR:-}" ]; then
  DATA="$E2E_DATA_DIR"; mkdir -p "$DATA" # reused (e.g. E2E_ONLY=2 after E2E_ONLY=1): kept
else
  DATA="$(mktemp -d -t involve-e2e-XXXXXX)"
  [ "${KEEP_DATA:-}" = 1 ] || cleanup_push "rm -rf '$DATA' '$DATA.e2e-state.json'"
fi
STATE="$DATA.e2e-state.json" # what phase 1 made, for phase 2 to find
log "data folder: $DATA"
# Exports (Reports screen) skip their dialogs and land here (INVOLVE_TEST_SAVE_DIR).
EXPORTS="$(mktemp -d -t involve-e2e-exports-XXXXXX)"
[ "${KEEP_DATA:-}" = 1 ] || cleanup_push "rm -rf '$EXPORTS'"

ensure_display

# wails dev rewrites frontend/wailsjs/runtime/* (same content, mode 644): put the modes
# back afterwards so that the work tree stays clean.
for f in frontend/wailsjs/runtime/*; do
  [ -f "$f" ] && cleanup_push "chmod $(stat -c %a "$f") '$ROOT/$f'"
done

WAILS_PID=""
RUN=0
start_app() {
  RUN=$((RUN + 1))
  WAILS_LOG="$LOGS/wails-dev-$RUN.log"
  log "starting wails dev (run $RUN) on $BASE_URL, log $WAILS_LOG"
  local t0=$SECONDS
  # -s: the frontend is served by Vite (npm run dev), no production build needed.
  # -skipbindings: frontend/wailsjs is committed (regenerate it with `wails generate module`).
  # -m / -nosyncgomod: never touch go.mod. -nogorebuild / -noreload: the code under test
  # does not change mid-run even if files in the work tree do.
  # INVOLVE_E2E_IDLE_SECONDS: one minute of the app lock's idle time lasts 10 s here, so
  # tests/8-lock sees the idle lock at its minimum (1 minute) in 10 s; the default 5
  # minutes becomes 50 s (app/desktop/lock_e2e.go; a release build ignores it).
  start_bg "$WAILS_LOG" env INVOLVE_DATA_DIR="$DATA" INVOLVE_TEST_SAVE_DIR="$EXPORTS" INVOLVE_E2E_IDLE_SECONDS=10 \
    wails dev -m -nosyncgomod -s -skipbindings -nogorebuild -noreload -nocolour -viteservertimeout 120 \
    -devserver "localhost:$PORT" -tags "webkit2_41,sqlite_fts5" -loglevel Info
  WAILS_PID=$BG_PID
  cleanup_push "stop_group $WAILS_PID INT 15"
  local code=""
  while :; do
    if grep -q 'panic:' "$WAILS_LOG"; then
      tail -n 60 "$WAILS_LOG" >&2
      die "the app panicked under wails dev (is there a display? log: $WAILS_LOG)"
    fi
    if grep -qE 'Build error|No version running' "$WAILS_LOG"; then
      tail -n 60 "$WAILS_LOG" >&2
      die "wails dev could not build the app (log: $WAILS_LOG)"
    fi
    if ! is_alive "$WAILS_PID"; then
      tail -n 60 "$WAILS_LOG" >&2
      die "wails dev exited before the app was up (log: $WAILS_LOG)"
    fi
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$BASE_URL/" 2>/dev/null || true)"
    [ "$code" = 200 ] && break
    if ((SECONDS - t0 > START_TIMEOUT)); then
      tail -n 60 "$WAILS_LOG" >&2
      die "wails dev did not serve $BASE_URL within $START_TIMEOUT s (last HTTP code: ${code:-none})"
    fi
    sleep 1
  done
  # The UI talks to Go over the dev server; make sure the app window (the Go side) is up.
  wait_window "" 60 >/dev/null || log "note: no 'Involve' window seen (continuing: the port answers)"
  log "app up after $((SECONDS - t0)) s"
}

stop_app() {
  [ -n "$WAILS_PID" ] || return 0
  log "stopping wails dev (SIGINT to process group $WAILS_PID)"
  local t0=$SECONDS
  stop_group "$WAILS_PID" INT 20
  # The port must be free before the next start.
  local i
  for ((i = 0; i < 100; i++)); do port_busy "$PORT" || break; sleep 0.1; done
  port_busy "$PORT" && die "port $PORT still in use after stopping wails dev"
  if grep -q 'panic:' "$WAILS_LOG"; then
    tail -n 60 "$WAILS_LOG" >&2
    die "the app panicked (log: $WAILS_LOG)"
  fi
  log "stopped in $((SECONDS - t0)) s"
  WAILS_PID=""
}

run_phase() {
  local phase="$1" files
  files=$(cd "$ROOT/e2e" && ls tests/$phase-*.test.mjs 2>/dev/null || true) # phase may be a glob: [3-9]
  [ -n "$files" ] || die "no e2e tests for phase $phase (e2e/tests/$phase-*.test.mjs)"
  if [ -n "${E2E_FILES:-}" ]; then
    files=$(grep -E -- "$E2E_FILES" <<<"$files" || true)
    [ -n "$files" ] || { log "phase $phase: no file matches E2E_FILES=$E2E_FILES"; return 0; }
  fi
  log "phase $phase: $(echo $files)"
  # Each test gets E2E_TEST_TIMEOUT (default 120 s); the whole phase at most 15 minutes.
  local args=(--test --test-concurrency=1 --test-reporter=spec --test-timeout="${E2E_TEST_TIMEOUT:-120000}")
  [ -z "${E2E_FILTER:-}" ] || args+=(--test-name-pattern="$E2E_FILTER")
  # shellcheck disable=SC2086
  (cd "$ROOT/e2e" && E2E_BASE_URL="$BASE_URL" E2E_STATE="$STATE" E2E_SCREENSHOT_DIR="$SHOTS" \
    E2E_DATA_DIR="$DATA" E2E_SAVE_DIR="$EXPORTS" timeout --kill-after=10 "${E2E_PHASE_TIMEOUT:-900}" node "${args[@]}" $files)
}

only="${E2E_ONLY:-}"
# The sync test (e2e/tests/1-sync.test.mjs) starts its own involve-server and drives a
# second laptop with the command-line app: build both with the test tag set (seconds
# with a warm Go cache). The test appends the server's pid (a process group) to
# E2E_SYNC_PIDS; whatever is still running at exit is stopped here.
if [ -z "$only" ] || [ "$only" = 1 ]; then
  log "building build/bin/involve-server and build/bin/involve-cli for the sync test"
  go build -tags sqlite_fts5 -o build/bin/involve-server ./cmd/involve-server
  go build -tags sqlite_fts5 -o build/bin/involve-cli .
  export E2E_SERVER_BIN="$ROOT/build/bin/involve-server" E2E_CLI_BIN="$ROOT/build/bin/involve-cli"
  export E2E_SYNC_PIDS="$DATA.e2e-sync.pids"
  cleanup_push "for p in \$(cat '$E2E_SYNC_PIDS' 2>/dev/null); do stop_group \$p TERM 5; done; rm -f '$E2E_SYNC_PIDS'"
fi
start_app
if [ -z "$only" ] || [ "$only" = 1 ]; then
  run_phase 1
  # later screens' files (3-…, 6-people…) run in phase 1 too, after the 1-* files
  if (cd "$ROOT/e2e" && ls tests/[3-9]-*.test.mjs >/dev/null 2>&1); then run_phase '[3-9]'; fi
fi
if [ -z "$only" ] || [ "$only" = 2 ]; then
  if [ -z "$only" ]; then
    stop_app # restart on the same data folder: what was saved must still be there
    start_app
  fi
  run_phase 2
fi
stop_app
log "end-to-end tests passed"
