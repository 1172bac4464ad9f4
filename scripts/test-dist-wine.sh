#!/usr/bin/env bash
# Runs the Windows builds of `make dist` under Debian's Wine 8 (part of `make test-dist`;
# alone: scripts/test-dist-wine.sh after make dist). docs/testing.md says what it proves
# and what it cannot.
#
#  1. A private Wine prefix under build/wine/ (made headless with `wineboot -i`, kept
#     between runs, keyed on the Wine version and the shim's source) with the test-only
#     bcryptprimitives.dll shim (scripts/wine/bcryptprimitives.c) in its system32:
#     Wine 8 lacks ProcessPrng, which every Go Windows program calls at start.
#  2. Involve.exe (from the portable zip): `version`; from a Command Prompt in a
#     terminal (`script` gives Wine a console) `start /wait Involve.exe version` and an
#     unknown command print on that console (AttachConsole); a redirect to a file keeps
#     the output in the file.
#  3. Involve.exe on the shared data set (scripts/bench/gen.mjs 1000 42): import,
#     export --xlsx and --csv, which must match the Linux build's exports of the same data
#     (CSV files byte for byte; every part of the workbook, the generated time apart);
#     check; backup, an import after it, restore of the backup (the export matches again).
#  4. involve-server-windows-amd64.exe: `team add` and `enrol` (its admin commands), then
#     `serve` on 127.0.0.1; the Linux involve imports the data set, connects and syncs to
#     it; a second Linux laptop (a fresh data folder, its own enrolment code) connects and
#     pulls it all back, and its exports match the Linux build's.
#
# Every wine call has a timeout (WINE_TIMEOUT, default 120 s); at exit the server is
# stopped and `wineserver -k` ends what is left in the prefix. Logs: build/logs/wine-*.log.
# Env: DIST_DIR (default build/dist), WINE_TIMEOUT, WINE_DIR (default build/wine).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
setup_path
install_cleanup_trap
cd "$ROOT"
T0=$SECONDS

DIST="${DIST_DIR:-$ROOT/build/dist}"
[ -f "$DIST/.version" ] || die "$DIST/.version is missing: run 'make dist' first"
VERSION="$(sed -n 's/^VERSION=//p' "$DIST/.version")"
PORTABLE="$DIST/Involve-$VERSION-windows-amd64-portable.zip"
SRV_EXE="$DIST/involve-server-$VERSION-windows-amd64.exe"
LINUX_BIN="$DIST/involve-$VERSION-linux-amd64"
for f in "$PORTABLE" "$SRV_EXE" "$LINUX_BIN"; do
  [ -f "$f" ] || die "$f is missing: run 'make dist' first"
done
for c in wine wineboot wineserver x86_64-w64-mingw32-gcc unzip curl node script timeout flock; do
  command -v "$c" >/dev/null || die "$c is missing: run scripts/deps.sh dist"
done
LOGS="$ROOT/build/logs"
WINE_DIR="${WINE_DIR:-$ROOT/build/wine}"
artifact_dir "$LOGS" "$WINE_DIR"
WINE_TIMEOUT="${WINE_TIMEOUT:-120}"
TMP="$(mktemp -d -t involve-wine-XXXXXX)"; cleanup_push "rm -rf '$TMP'"
FAILS=0; PASSES=0
ok() { PASSES=$((PASSES + 1)); log "ok: $*"; }
bad() { FAILS=$((FAILS + 1)); log "FAILED: $*"; }
check() { # check DESCRIPTION CMD... : CMD's success is the check; its output is shown when it fails
  local d="$1"; shift
  if "$@" >"$TMP/check.out" 2>&1; then ok "$d"; else bad "$d"; sed 's/^/    /' "$TMP/check.out" >&2; fi
}

# Wine without a display (the programs are console programs; a window would need one),
# quiet, and without the Mono/Gecko installers wineboot would otherwise offer.
unset DISPLAY WAYLAND_DISPLAY
export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
WINE_VERSION="$(wine --version 2>&1)" || die "wine does not run: $WINE_VERSION"
SHIM_SRC="$ROOT/scripts/wine/bcryptprimitives.c"
KEY="$(printf '%s\n%s\nprefix-recipe-1\n' "$WINE_VERSION" "$(sha256sum <"$SHIM_SRC")" | sha256sum | cut -c1-12)"
export WINEPREFIX="$WINE_DIR/prefix-$KEY"
SYS32="$WINEPREFIX/drive_c/windows/system32"

# One run at a time uses the prefix (its wineserver is shared); another waits. Wine's
# processes get `9>&-`: a wineserver that outlived the run must not hold the lock.
exec 9>"$WINE_DIR/lock"
flock -w 600 9 || die "another run has held $WINE_DIR/lock for 10 minutes"
cleanup_push "timeout 20 wineserver -k 9>&-"

# w LOG ARGS... : wine ARGS with a timeout, output (both streams) to build/logs/wine-LOG.log
w() {
  local name="$1"; shift
  timeout -k 5 "$WINE_TIMEOUT" wine "$@" >"$LOGS/wine-$name.log" 2>&1 9>&-
}
winpath() { local p="$1"; printf 'Z:%s' "${p//\//\\}"; }

# ---- 1. the prefix and the shim --------------------------------------------------------------
if [ ! -f "$WINEPREFIX/.involve-ready" ]; then
  log "making the Wine prefix $WINEPREFIX ($WINE_VERSION)"
  t=$SECONDS
  find "$WINE_DIR" -mindepth 1 -maxdepth 1 -type d -name 'prefix-*' -exec rm -rf {} + # older keys
  timeout -k 5 300 wineboot -i >"$LOGS/wine-wineboot.log" 2>&1 9>&- ||
    { cat "$LOGS/wine-wineboot.log" >&2; die "wineboot -i failed or took over 300 s (log above)"; }
  timeout -k 5 120 wineserver -w 9>&- || die "wineserver did not finish setting up the prefix within 120 s"
  [ -d "$SYS32" ] || die "wineboot made no $SYS32 (build/logs/wine-wineboot.log)"
  x86_64-w64-mingw32-gcc -O2 -s -shared -o "$SYS32/bcryptprimitives.dll" "$SHIM_SRC" -ladvapi32 ||
    die "could not build the bcryptprimitives.dll shim from $SHIM_SRC"
  touch "$WINEPREFIX/.involve-ready"
  log "prefix made in $((SECONDS - t)) s"
else
  log "reusing the Wine prefix $WINEPREFIX ($WINE_VERSION)"
fi
# One wineserver (and Wine's services) for the whole run, instead of one per program
# (≈ 4 s each on a busy machine). -p60: it ends by itself 60 s after the last program,
# should the trap's `wineserver -k` never run.
# (Holding the lock, any wineserver of this prefix is left over from a run that was killed.)
timeout -k 5 20 wineserver -k 9>&- 2>/dev/null || true
timeout -k 5 30 wineserver -p60 9>&- || die "wineserver -p60 did not start for $WINEPREFIX"

shim_exports() {
  local p; p="$(x86_64-w64-mingw32-objdump -p "$SYS32/bcryptprimitives.dll")"
  grep -q '\] ProcessPrng$' <<<"$p" || { echo "the shim does not export ProcessPrng"; return 1; }
}
check "shim: $SYS32/bcryptprimitives.dll exports ProcessPrng" shim_exports

unzip -q -o "$PORTABLE" Involve.exe -d "$TMP/win"
EXE="$TMP/win/Involve.exe"
WEXE="$(winpath "$EXE")"

# Without the shim, Wine 8 cannot start a Go program: shows why the shim is there (a
# later Wine that has ProcessPrng makes it unnecessary; this only logs then).
mv "$SYS32/bcryptprimitives.dll" "$SYS32/bcryptprimitives.dll.aside"
cleanup_push "[ -f '$SYS32/bcryptprimitives.dll' ] || mv '$SYS32/bcryptprimitives.dll.aside' '$SYS32/bcryptprimitives.dll'"
if w no-shim "$EXE" version; then
  log "note: Involve.exe starts without the shim: this Wine ($WINE_VERSION) has ProcessPrng"
else
  out="$(cat "$LOGS/wine-no-shim.log")"
  log "without the shim Involve.exe fails as expected: ${out%%$'\n'*}"
fi
mv "$SYS32/bcryptprimitives.dll.aside" "$SYS32/bcryptprimitives.dll"

# ---- 2. Involve.exe version and its console -------------------------------------------------
version_prints() {
  w version "$EXE" version || { cat "$LOGS/wine-version.log"; return 1; }
  grep -qx "involve $VERSION"$'\r'"\?" "$LOGS/wine-version.log" || { echo "printed: $(cat "$LOGS/wine-version.log")"; return 1; }
}
check "Involve.exe version prints 'involve $VERSION'" version_prints

# in_console NAME ARGS... : `wine cmd /c ARGS` under `script`, which gives Wine a terminal
# and so a console; what reached that console goes to build/logs/wine-NAME.log.
in_console() {
  local name="$1" line; shift
  line="$(printf '%q ' wine cmd /c "$@")"
  SHELL=/bin/bash timeout -k 5 "$WINE_TIMEOUT" script -qec "$line" /dev/null </dev/null 2>&1 9>&- |
    tr -d '\r' >"$LOGS/wine-$name.log"
}
# cmd's `start /wait` starts a GUI program the way Explorer would: no standard handles,
# only its parent's console to attach to. Without AttachConsole this prints nothing.
console_version() {
  in_console console-version start /wait "$WEXE" version || true
  grep -q "involve $VERSION" "$LOGS/wine-console-version.log" ||
    { echo "nothing on the console (AttachConsole?):"; cat -A "$LOGS/wine-console-version.log"; return 1; }
}
check "Command Prompt: 'start /wait Involve.exe version' prints on the console it was started from" console_version
console_error() {
  in_console console-error start /wait "$WEXE" no-such-command || true
  grep -q 'unknown command "no-such-command"' "$LOGS/wine-console-error.log" ||
    { echo "no error on the console:"; cat -A "$LOGS/wine-console-error.log"; return 1; }
}
check "Command Prompt: an unknown command's error (stderr) reaches the console" console_error
console_redirect() {
  rm -f "$TMP/redirected.txt"
  in_console console-redirect "$WEXE" version '>' "$(winpath "$TMP/redirected.txt")" || true
  [ "$(tr -d '\r' <"$TMP/redirected.txt" 2>/dev/null)" = "involve $VERSION" ] ||
    { echo "the file has: $(cat "$TMP/redirected.txt" 2>&1)"; return 1; }
  ! grep -q "involve $VERSION" "$LOGS/wine-console-redirect.log" || { echo "redirected output also went to the console"; return 1; }
}
check "Command Prompt: 'Involve.exe version > FILE' writes to the file, not the console" console_redirect

# ---- 3. the data set on the Windows desktop build, against the Linux build -------------------
DATA="$TMP/data.jsonl"; EXTRA="$TMP/extra.jsonl"
node scripts/bench/gen.mjs 1000 42 >"$DATA" || die "scripts/bench/gen.mjs failed"
node scripts/bench/gen.mjs 50 7 >"$EXTRA" || die "scripts/bench/gen.mjs failed"

# The Linux build's exports of the same data: what every Windows export must match.
REF="$TMP/linux"
{
  env -u DISPLAY "$LINUX_BIN" import --data-dir "$REF/data" "$DATA" &&
    env -u DISPLAY "$LINUX_BIN" export --data-dir "$REF/data" --xlsx "$REF/summary.xlsx" --csv "$REF/csv"
} >"$LOGS/wine-linux-reference.log" 2>&1 || { cat "$LOGS/wine-linux-reference.log" >&2; die "the Linux build could not import and export the data set"; }

# same_exports DIR : DIR/summary.xlsx and DIR/csv match the Linux build's. The CSV files
# byte for byte; the workbook part by part, except docProps/core.xml (its creation time),
# the order of [Content_Types].xml's entries (Go map order) and the value of the cells in the
# style of the Summary sheet's B3, the time the workbook was made (there and in Notes).
# Writes the sheets and their row counts to DIR/sheets.txt.
same_exports() {
  local d="$1" part sheets name n style
  diff -r "$REF/csv" "$d/csv" >"$TMP/csv.diff" || { echo "CSV files differ:"; head -c 4000 "$TMP/csv.diff"; return 1; }
  rm -rf "$d/x" "$REF/x"
  unzip -q -o "$d/summary.xlsx" -d "$d/x" && unzip -q -o "$REF/summary.xlsx" -d "$REF/x" || return 1
  (cd "$REF/x" && find . -type f | LC_ALL=C sort) >"$TMP/parts.ref"
  (cd "$d/x" && find . -type f | LC_ALL=C sort) >"$TMP/parts.win"
  diff "$TMP/parts.ref" "$TMP/parts.win" || { echo "the workbooks have different parts"; return 1; }
  style="$(sed -n 's/.*<c r="B3" s="\([0-9]*\)"><v>[0-9.]*<\/v><\/c>.*/\1/p' "$REF/x/xl/worksheets/sheet1.xml")"
  [ -n "$style" ] || { echo "no generated time in the Summary sheet's B3"; return 1; }
  untimed() { sed "s|\(<c r=\"[A-Z]*[0-9]*\" s=\"$style\">\)<v>[0-9.]*</v>|\1<v>TIME</v>|g" "$1"; }
  while IFS= read -r part; do
    case "$part" in
      ./docProps/core.xml) continue ;;
      "./[Content_Types].xml")
        cmp -s <(grep -o '<[DO][a-z]* [^>]*>' "$REF/x/$part" | LC_ALL=C sort) <(grep -o '<[DO][a-z]* [^>]*>' "$d/x/$part" | LC_ALL=C sort) ||
          { echo "the workbooks list different content types"; return 1; } ;;
      ./xl/worksheets/*.xml)
        cmp -s <(untimed "$REF/x/$part") <(untimed "$d/x/$part") ||
          { echo "the workbooks differ in $part (beyond the time they were made)"; return 1; } ;;
      *) cmp -s "$REF/x/$part" "$d/x/$part" || { echo "the workbooks differ in $part"; return 1; } ;;
    esac
  done <"$TMP/parts.ref"
  sheets="$(grep -o '<sheet name="[^"]*"' "$d/x/xl/workbook.xml" | sed 's/<sheet name="//; s/"$//')"
  [ "$(grep -c . <<<"$sheets")" = 11 ] || { echo "not eleven sheets: $sheets"; return 1; }
  n=0
  while IFS= read -r name; do
    n=$((n + 1))
    printf '%s (%s rows)\n' "$name" "$(grep -o '<row ' "$d/x/xl/worksheets/sheet$n.xml" | wc -l)"
  done <<<"$sheets" >"$d/sheets.txt"
}

WD="$TMP/windows"; mkdir -p "$WD"
WDATA="$(winpath "$WD/data")"
win_import() {
  w import "$EXE" import --data-dir "$WDATA" "$(winpath "$DATA")" || { cat "$LOGS/wine-import.log"; return 1; }
  grep -q '^imported 1020 records from 1020 lines' "$LOGS/wine-import.log" || { cat "$LOGS/wine-import.log"; return 1; }
}
check "Involve.exe import of the data set (1 000 items, 20 sessions)" win_import
win_export() { # win_export DIR : export --xlsx and --csv into DIR
  mkdir -p "$1"
  w export "$EXE" export --data-dir "$WDATA" --xlsx "$(winpath "$1/summary.xlsx")" --csv "$(winpath "$1/csv")" ||
    { cat "$LOGS/wine-export.log"; return 1; }
  grep -q '^xlsx: 20 sessions, 1,000 feedback items' "$LOGS/wine-export.log" || { cat "$LOGS/wine-export.log"; return 1; }
  same_exports "$1"
}
check "Involve.exe export --xlsx and --csv: the same sheets, rows and figures as the Linux build" win_export "$WD/export"
[ -f "$WD/export/sheets.txt" ] && log "the workbook's sheets: $(paste -sd ';' "$WD/export/sheets.txt" | sed 's/;/; /g')"
win_check() {
  w check "$EXE" check --data-dir "$WDATA" || { cat "$LOGS/wine-check.log"; return 1; }
  grep -q 'passed integrity_check' "$LOGS/wine-check.log" || { cat "$LOGS/wine-check.log"; return 1; }
}
check "Involve.exe check" win_check
win_backup_restore() {
  local b="$WD/backup.db"
  w backup "$EXE" backup --data-dir "$WDATA" --out "$(winpath "$b")" || { cat "$LOGS/wine-backup.log"; return 1; }
  grep -q '^backup written and checked' "$LOGS/wine-backup.log" && [ -s "$b" ] || { cat "$LOGS/wine-backup.log"; return 1; }
  # a change after the backup, which the restore must undo
  w import-extra "$EXE" import --data-dir "$WDATA" "$(winpath "$EXTRA")" || { cat "$LOGS/wine-import-extra.log"; return 1; }
  # (which the comparison sees: it must fail here)
  mkdir -p "$WD/changed"
  w export-changed "$EXE" export --data-dir "$WDATA" --xlsx "$(winpath "$WD/changed/summary.xlsx")" --csv "$(winpath "$WD/changed/csv")" ||
    { cat "$LOGS/wine-export-changed.log"; return 1; }
  ! same_exports "$WD/changed" >/dev/null || { echo "the comparison does not see 50 more feedback items"; return 1; }
  w restore "$EXE" restore --data-dir "$WDATA" "$(winpath "$b")" || { cat "$LOGS/wine-restore.log"; return 1; }
  grep -q '^restored ' "$LOGS/wine-restore.log" && grep -q '^the previous database was kept as ' "$LOGS/wine-restore.log" ||
    { cat "$LOGS/wine-restore.log"; return 1; }
  ls "$WD/data"/involve-replaced-*.db >/dev/null 2>&1 || { echo "no involve-replaced-*.db in the data folder"; ls -la "$WD/data"; return 1; }
  win_export "$WD/restored" || return 1
  w check-restored "$EXE" check --data-dir "$WDATA" || { cat "$LOGS/wine-check-restored.log"; return 1; }
}
check "Involve.exe backup, a later import, restore: the data is the backup's again (exports match Linux's)" win_backup_restore

# ---- 4. the Windows server with Linux laptops -----------------------------------------------
SD="$TMP/server"; mkdir -p "$SD"
SDATA="$(winpath "$SD")"
SRV_PID=""
server_admin() {
  w server-version "$SRV_EXE" version || { cat "$LOGS/wine-server-version.log"; return 1; }
  grep -q "involve-server $VERSION" "$LOGS/wine-server-version.log" || { cat "$LOGS/wine-server-version.log"; return 1; }
  w server-team "$SRV_EXE" team add --data-dir "$SDATA" "Wine team" || { cat "$LOGS/wine-server-team.log"; return 1; }
}
enrol_code() { # prints a new enrolment code for "Wine team"
  w server-enrol "$SRV_EXE" enrol --data-dir "$SDATA" --team "Wine team" --role staff || { cat "$LOGS/wine-server-enrol.log" >&2; return 1; }
  local out; out="$(tr -d '\r' <"$LOGS/wine-server-enrol.log")"
  out="${out##*$'\n'}"
  [[ "$out" =~ ^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$ ]] || { echo "no enrolment code in: $(cat "$LOGS/wine-server-enrol.log")" >&2; return 1; }
  printf '%s\n' "$out"
}
URL=""
server_serve() {
  local i
  # plain HTTP is allowed on loopback only: 127.0.0.1, with a port the system picks
  start_bg "$LOGS/wine-server-serve.log" timeout -k 5 600 wine "$SRV_EXE" serve --addr 127.0.0.1:0 --data-dir "$SDATA" 9>&-
  SRV_PID=$BG_PID
  cleanup_push "stop_group $SRV_PID TERM 5"
  for ((i = 0; i < 600; i++)); do
    URL="$(sed -n 's/.*"involve-server listening" url=\(http:\/\/127\.0\.0\.1:[0-9]*\).*/\1/p' "$LOGS/wine-server-serve.log")"
    [ -n "$URL" ] && curl -fsS "$URL/healthz" >/dev/null 2>&1 && break
    is_alive "$SRV_PID" || break
    sleep 0.1
  done
  [ -n "$URL" ] && curl -fsS "$URL/healthz" || { echo "no answer on /healthz within 60 s"; cat "$LOGS/wine-server-serve.log"; return 1; }
  SERVER_UP=1
}
laptop() { # laptop NAME ARGS... : the Linux involve, output to build/logs/wine-laptop-NAME.log
  local name="$1"; shift
  timeout -k 5 120 env -u DISPLAY "$LINUX_BIN" "$@" >>"$LOGS/wine-laptop-$name.log" 2>&1
}
sync_up() {
  local code l="$TMP/laptop1"; : >"$LOGS/wine-laptop-1.log"
  code="$(enrol_code)" || return 1
  laptop 1 import --data-dir "$l" "$DATA" && laptop 1 connect --data-dir "$l" "$URL" "$code" && laptop 1 sync --data-dir "$l" ||
    { cat "$LOGS/wine-laptop-1.log"; return 1; }
  grep -q '^sync: pushed 1024 (1024 applied)' "$LOGS/wine-laptop-1.log" || { cat "$LOGS/wine-laptop-1.log"; return 1; }
}
pull_back() {
  local code l="$TMP/laptop2"; : >"$LOGS/wine-laptop-2.log"
  code="$(enrol_code)" || return 1
  laptop 2 connect --data-dir "$l" "$URL" "$code" && laptop 2 sync --data-dir "$l" ||
    { cat "$LOGS/wine-laptop-2.log"; return 1; }
  grep -q '^sync: pushed 0, pulled 1024, 0 conflicts, 0 rejected' "$LOGS/wine-laptop-2.log" || { cat "$LOGS/wine-laptop-2.log"; return 1; }
  mkdir -p "$TMP/pulled"
  laptop 2 export --data-dir "$l" --xlsx "$TMP/pulled/summary.xlsx" --csv "$TMP/pulled/csv" || { cat "$LOGS/wine-laptop-2.log"; return 1; }
  same_exports "$TMP/pulled"
}
SERVER_UP=0
check "server exe: version, team add" server_admin
check "server exe: serve on 127.0.0.1 answers /healthz" server_serve
if ((SERVER_UP)); then
  check "server exe: a Linux laptop imports the data set, enrols and syncs it up" sync_up
  check "server exe: a second Linux laptop enrols, pulls it all back, and its exports match" pull_back
fi
[ -z "$SRV_PID" ] || stop_group "$SRV_PID" TERM 5

timeout 20 wineserver -k 9>&- 2>/dev/null || true
log "test-dist-wine: $PASSES passed, $FAILS failed in $((SECONDS - T0)) s"
((FAILS == 0))
