# shellcheck shell=bash
# Helpers shared by the scripts in scripts/. Source it; it does nothing by itself.
#
# What it gives:
#   ROOT                  the repository root
#   log / die             messages on stderr with the script's name and a clock
#   setup_path            Go at /usr/local/go and GOPATH/bin on PATH
#   cleanup_push CMD      run CMD at exit (last pushed runs first); install_cleanup_trap
#   ensure_display        use a working $DISPLAY or start our own Xvfb (killed at exit)
#   start_bg LOG CMD...   start CMD in its own process group, output to LOG; sets BG_PID
#   stop_group PID [SIG]  signal PID's process group, wait, then SIGKILL what is left
#   is_alive PID          true if PID runs and is not a zombie
#   wait_window PID TIMEOUT   wait for the window titled exactly "Involve" of
#                             process PID (any process if PID is empty); prints its id
#   png_stddev FILE       standard deviation of the pixels (0 = one flat colour)
#   artifact_dir DIR...   mkdir -p DIR with a .gitignore of "*" (test output stays untracked)
#   npm_ci_if_needed DIR  `npm ci` in DIR unless node_modules matches package-lock.json

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCRIPT_NAME="$(basename "${0}")"

log() { printf '[%s %s] %s\n' "$(date +%H:%M:%S)" "$SCRIPT_NAME" "$*" >&2; }
die() { log "FAIL: $*"; exit 1; }

setup_path() {
  if [ -x /usr/local/go/bin/go ]; then
    case ":$PATH:" in *:/usr/local/go/bin:*) ;; *) PATH="/usr/local/go/bin:$PATH" ;; esac
  fi
  if command -v go >/dev/null 2>&1; then
    local gobin
    gobin="$(go env GOBIN)"; [ -n "$gobin" ] || gobin="$(go env GOPATH)/bin"
    case ":$PATH:" in *:"$gobin":*) ;; *) PATH="$PATH:$gobin" ;; esac
  fi
  export PATH
}

# ---- cleanup stack ------------------------------------------------------------------
_CLEANUPS=()
cleanup_push() { _CLEANUPS+=("$1"); }
_run_cleanups() {
  local rc=$? i
  trap - EXIT INT TERM HUP
  for ((i = ${#_CLEANUPS[@]} - 1; i >= 0; i--)); do
    eval "${_CLEANUPS[$i]}" >/dev/null 2>&1 || true
  done
  exit "$rc"
}
install_cleanup_trap() {
  trap _run_cleanups EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  trap 'exit 129' HUP
}

# ---- processes -----------------------------------------------------------------------
is_alive() {
  local pid="$1" state
  [ -n "$pid" ] && [ -r "/proc/$pid/stat" ] || return 1
  # The state is the field after the last ')' (the command name may hold spaces).
  state="$(sed -e 's/.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f1)"
  [ -n "$state" ] && [ "$state" != Z ] && [ "$state" != X ]
}

# start_bg LOGFILE CMD ARGS... : CMD runs in a new session/process group (its pid is the
# group id), stdin from /dev/null. Sets BG_PID.
start_bg() {
  local logfile="$1"; shift
  setsid "$@" </dev/null >"$logfile" 2>&1 &
  BG_PID=$!
}

# group_alive PGID : true while any live (non-zombie) process is in process group PGID.
group_alive() {
  # In /proc/PID/stat, after "pid (comm) " come: state ppid pgrp ...
  cat /proc/[0-9]*/stat 2>/dev/null | awk -v g="$1" '
    { sub(/^.*\) /, ""); if ($3 == g && $1 != "Z" && $1 != "X") found = 1 }
    END { exit !found }'
}

# stop_group PID [SIGNAL] [GRACE_SECONDS] : sends SIGNAL to the process group PID leads
# (start_bg makes one), waits until every process in it has exited (at most GRACE
# seconds), then SIGKILLs whatever is left.
stop_group() {
  local pid="$1" sig="${2:-TERM}" grace="${3:-10}" i
  [ -n "$pid" ] || return 0
  kill "-$sig" -- "-$pid" 2>/dev/null || kill "-$sig" "$pid" 2>/dev/null || true
  for ((i = 0; i < grace * 10; i++)); do
    is_alive "$pid" || group_alive "$pid" || break
    sleep 0.1
  done
  if is_alive "$pid" || group_alive "$pid"; then
    log "process group $pid did not stop after SIG$sig within $grace s: SIGKILL"
    kill -KILL -- "-$pid" 2>/dev/null || true
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

# ---- X display -----------------------------------------------------------------------
XVFB_PID=""
display_works() { [ -n "${DISPLAY:-}" ] && xdotool getdisplaygeometry >/dev/null 2>&1; }

# Uses $DISPLAY when it works (unless XVFB=1), else starts Xvfb on the first free display
# number (-displayfd, so parallel runs and other sessions do not collide). 1280x900x24.
# -noreset: by default Xvfb resets when its last client disconnects (our xdotool probe, or
# the app between two launches) and refuses connections meanwhile: GTK then fails with
# "failed to init GTK".
ensure_display() {
  if [ "${XVFB:-}" != 1 ] && display_works; then
    log "using DISPLAY=$DISPLAY"
    return 0
  fi
  command -v Xvfb >/dev/null || die "Xvfb is missing: run scripts/deps.sh test"
  local fifo dir num=""
  dir="$(mktemp -d)"; fifo="$dir/displayfd"; mkfifo "$fifo"
  setsid Xvfb -displayfd 3 -screen 0 "${XVFB_SCREEN:-1280x900x24}" -nolisten tcp -noreset \
    3>"$fifo" </dev/null >"$dir/xvfb.log" 2>&1 &
  XVFB_PID=$!
  cleanup_push "stop_group $XVFB_PID TERM 3; rm -rf '$dir'"
  read -r -t 15 num <"$fifo" || true
  [ -n "$num" ] || { cat "$dir/xvfb.log" >&2; die "Xvfb did not start"; }
  export DISPLAY=":$num"
  local i
  for ((i = 0; i < 50; i++)); do display_works && break; sleep 0.1; done
  display_works || { cat "$dir/xvfb.log" >&2; die "Xvfb on $DISPLAY does not answer"; }
  log "started Xvfb on DISPLAY=$DISPLAY (pid $XVFB_PID)"
}

# wait_window PID TIMEOUT_SECONDS : prints the id of the first window titled exactly
# "Involve" (of process PID when given). Returns 1 on timeout or if PID died first.
wait_window() {
  local pid="$1" timeout="${2:-30}" deadline ids
  deadline=$((SECONDS + timeout))
  while ((SECONDS < deadline)); do
    if [ -n "$pid" ]; then
      ids="$(xdotool search --all --onlyvisible --pid "$pid" --name '^Involve$' 2>/dev/null || true)"
      # The window may belong to a child (wails dev): fall back to any "Involve" window.
      [ -n "$ids" ] || ids="$(xdotool search --onlyvisible --name '^Involve$' 2>/dev/null || true)"
      is_alive "$pid" || { [ -n "$ids" ] || return 1; }
    else
      ids="$(xdotool search --onlyvisible --name '^Involve$' 2>/dev/null || true)"
    fi
    if [ -n "$ids" ]; then printf '%s\n' "${ids%%$'\n'*}"; return 0; fi
    sleep 0.05
  done
  return 1
}

# ---- images --------------------------------------------------------------------------
# Uses identify (ImageMagick): /usr/local/bin/convert may be a stand-in on some machines.
png_stddev() { identify -format '%[fx:standard_deviation]' "$1" 2>/dev/null; }
png_size() { identify -format '%wx%h' "$1" 2>/dev/null; }

# ---- artifacts -----------------------------------------------------------------------
# artifact_dir DIR... : mkdir -p, with a .gitignore of "*" so that test output (screenshots,
# logs) under build/ never shows up in `git status`.
artifact_dir() {
  local d
  for d in "$@"; do
    mkdir -p "$d"
    [ -f "$d/.gitignore" ] || printf '*\n' >"$d/.gitignore"
  done
}

# ---- npm -----------------------------------------------------------------------------
# npm ci in DIR only when node_modules does not match package-lock.json (+ node version).
npm_ci_if_needed() {
  local dir="$1" stamp want have
  [ -f "$dir/package.json" ] || die "$dir/package.json is missing"
  [ -f "$dir/package-lock.json" ] || die "$dir/package-lock.json is missing (npm ci needs it)"
  stamp="$dir/node_modules/.involve-npm-ci.stamp"
  want="$(cat "$dir/package-lock.json" "$dir/package.json" | sha256sum | cut -d' ' -f1) node=$(node --version)"
  have="$(cat "$stamp" 2>/dev/null || true)"
  if [ "$want" = "$have" ]; then
    log "$dir: node_modules is up to date"
    return 0
  fi
  log "$dir: npm ci"
  (cd "$dir" && npm ci --no-audit --no-fund --prefer-offline --loglevel=error) || die "npm ci failed in $dir"
  printf '%s\n' "$want" >"$stamp"
}
