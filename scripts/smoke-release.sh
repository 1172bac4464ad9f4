#!/usr/bin/env bash
# Release smoke test: runs the real release binary (build/bin/involve) in a real X display.
#
#  1. `involve version` works without a display.
#  2. Starts Xvfb (1280x900x24) unless $DISPLAY works (XVFB=1 forces our own Xvfb).
#  3. Launches `involve --data-dir TMP`, waits for the window titled exactly "Involve",
#     waits until it is painted (not one flat colour), saves build/screenshots/release.png.
#  4. Checks the app is still running and did not panic.
#  5. Launches a second copy on the same data folder: it must refuse — exit non-zero, or
#     stay up showing its "already open" screen after saying on stderr that the data
#     folder is in use — and the first copy must survive. (Run without a D-Bus session
#     bus, so it is the data folder lock that is tested.)
#  6. Stops everything it started and removes the temporary data folder (trap).
#
# Env: INVOLVE_BIN (default build/bin/involve), SMOKE_TIMEOUT (window wait, s, default 30),
#      SMOKE_MIN_STDDEV (blank threshold, default 0.02), KEEP_DATA=1 keeps the data folder.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
install_cleanup_trap

BIN="${INVOLVE_BIN:-$ROOT/build/bin/involve}"
TIMEOUT="${SMOKE_TIMEOUT:-30}"
MIN_STDDEV="${SMOKE_MIN_STDDEV:-0.02}"
SHOTS="$ROOT/build/screenshots"
LOGS="$ROOT/build/logs"
artifact_dir "$SHOTS" "$LOGS"

[ -x "$BIN" ] || die "$BIN is missing: run 'make build' first"
for c in xdotool import identify; do
  command -v "$c" >/dev/null || die "$c is missing: run scripts/deps.sh test"
done

DATA="$(mktemp -d -t involve-smoke-XXXXXX)"
[ "${KEEP_DATA:-}" = 1 ] || cleanup_push "rm -rf '$DATA'"
log "data folder: $DATA"

# ---- 1. CLI without a display -----------------------------------------------------------
out="$(env -u DISPLAY -u WAYLAND_DISPLAY timeout 20 "$BIN" version 2>&1)" \
  || die "'involve version' failed: $out"
log "involve version: $out"

# ---- 2./3. first launch -----------------------------------------------------------------
ensure_display
# Test the data folder lock itself, not the desktop's D-Bus single-instance hand-over.
unset DBUS_SESSION_BUS_ADDRESS
FIRST_LOG="$LOGS/smoke-first.log"
t0=$(date +%s%N)
start_bg "$FIRST_LOG" "$BIN" --data-dir "$DATA"
FIRST=$BG_PID
cleanup_push "stop_group $FIRST TERM 5"
log "started $BIN (pid $FIRST)"

if ! WID="$(wait_window "$FIRST" "$TIMEOUT")"; then
  cat "$FIRST_LOG" >&2
  is_alive "$FIRST" || die "the app exited before showing its window (log above)"
  die "no window titled 'Involve' within ${TIMEOUT} s (log above)"
fi
t_window=$(( ($(date +%s%N) - t0) / 1000000 ))
log "window $WID appeared after ${t_window} ms"

# Wait until the web view has painted something: poll screenshots of the window.
SHOT="$SHOTS/release.png"
deadline=$((SECONDS + TIMEOUT))
sd=0
while :; do
  import -window "$WID" "$SHOT" 2>/dev/null || import -window root "$SHOT"
  sd="$(png_stddev "$SHOT")"
  awk -v s="$sd" -v m="$MIN_STDDEV" 'BEGIN { exit !(s > m) }' && break
  ((SECONDS < deadline)) || { cat "$FIRST_LOG" >&2; die "window still blank after ${TIMEOUT} s (stddev $sd): $SHOT"; }
  is_alive "$FIRST" || { cat "$FIRST_LOG" >&2; die "the app died while loading its page"; }
  sleep 0.25
done
t_painted=$(( ($(date +%s%N) - t0) / 1000000 ))
# Give late requests (fonts, first data load) a moment, then take the picture we keep.
sleep "${SMOKE_SETTLE:-2}"
import -window "$WID" "$SHOT" 2>/dev/null || import -window root "$SHOT"
import -window root "$SHOTS/release-root.png" 2>/dev/null || true
sd="$(png_stddev "$SHOT")"
log "painted after ${t_painted} ms; screenshot $SHOT ($(png_size "$SHOT"), stddev $sd)"
awk -v s="$sd" -v m="$MIN_STDDEV" 'BEGIN { exit !(s > m) }' || die "final screenshot is blank (stddev $sd)"

# ---- 4. still alive, no panic ----------------------------------------------------------
is_alive "$FIRST" || { cat "$FIRST_LOG" >&2; die "the app died after showing its window"; }
if grep -q 'panic:' "$FIRST_LOG"; then cat "$FIRST_LOG" >&2; die "the app logged a panic"; fi

# ---- 5. second launch on the same data folder -------------------------------------------
SECOND_LOG="$LOGS/smoke-second.log"
start_bg "$SECOND_LOG" "$BIN" --data-dir "$DATA"
SECOND=$BG_PID
cleanup_push "stop_group $SECOND TERM 3"
second_rc=""
# Wait until it exits, or says the folder is in use and shows its window (at most 20 s).
deadline=$((SECONDS + ${SMOKE_SECOND_WAIT:-20}))
while ((SECONDS < deadline)); do
  if ! is_alive "$SECOND"; then
    second_rc=0; wait "$SECOND" || second_rc=$?
    break
  fi
  if grep -qiE 'already open|in use' "$SECOND_LOG" &&
    [ -n "$(xdotool search --all --onlyvisible --pid "$SECOND" --name '^Involve$' 2>/dev/null)" ]; then
    sleep 2 # let it paint its message
    is_alive "$SECOND" || continue
    break
  fi
  sleep 0.1
done
second_out="$(cat "$SECOND_LOG")"
if [ -n "$second_rc" ]; then
  # Where a D-Bus session bus exists, Wails' single-instance lock makes the second copy
  # hand over to the first and exit 1 before the app prints anything.
  log "second launch exited with $second_rc: ${second_out//$'\n'/ | }"
  [ "$second_rc" != 0 ] || die "second launch on the same data folder exited 0 (it should refuse)"
else
  # Still running: it must be showing its "already open" message (the data folder lock
  # is held by the first copy) and have said so on stderr.
  grep -qiE 'already open|in use' <<<"$second_out" \
    || die "second launch is running but did not say that the data folder is in use; its output: $second_out"
  WID2="$(xdotool search --all --onlyvisible --pid "$SECOND" --name '^Involve$' 2>/dev/null || true)"
  WID2="${WID2%%$'\n'*}"
  [ -n "$WID2" ] || die "second launch is running but shows no window"
  # Painting can lag on a loaded machine: look again until it is painted (at most 20 s).
  paint_deadline=$((SECONDS + ${SMOKE_PAINT_WAIT:-20}))
  while :; do
    import -window "$WID2" "$SHOTS/release-second-launch.png"
    sd2="$(png_stddev "$SHOTS/release-second-launch.png")"
    awk -v s="$sd2" -v m="$MIN_STDDEV" 'BEGIN { exit !(s > m) }' && break
    ((SECONDS < paint_deadline)) || die "the second launch's window is blank (stddev $sd2): $SHOTS/release-second-launch.png"
    sleep 0.5
  done
  log "second launch shows its 'already open' window: ${second_out//$'\n'/ | }"
  stop_group "$SECOND" TERM 3
fi
is_alive "$FIRST" || { cat "$FIRST_LOG" >&2; die "the first copy died when the second was launched"; }
log "second launch refused; first copy still running"

# ---- 6. stop ---------------------------------------------------------------------------
stop_group "$FIRST" TERM 5
if grep -q 'panic:' "$FIRST_LOG"; then cat "$FIRST_LOG" >&2; die "the app panicked while stopping"; fi
echo "smoke: window ${t_window} ms, painted ${t_painted} ms, screenshot $SHOT"
echo "smoke: ok"
