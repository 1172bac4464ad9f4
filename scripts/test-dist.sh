#!/usr/bin/env bash
# Checks the release artifacts in build/dist (`make test-dist`, part of `make test`).
# docs/release.md lists what each check means. Needs `make dist` first.
#
#  1. SHA256SUMS covers every artifact and matches.
#  2. Windows desktop exe (from the portable zip): PE32+ GUI x86-64, imports only Windows
#     system DLLs, carries the icon, manifest and version information, and is not built
#     without cgo (go-sqlite3's "requires cgo" stub). The check itself is tested: an exe
#     built with CGO_ENABLED=0 must fail it.
#  3. Windows installer: `7z l` lists the exe, the uninstaller, the licence and the
#     WebView2 bootstrapper; it asks for no administrator rights (asInvoker).
#  4. The .deb: `dpkg-deb -I` metadata (name, version, amd64, Depends) and `dpkg-deb -c`
#     files; as root: `dpkg -i`, `/usr/bin/involve version`, its window under Xvfb
#     (painted, screenshot build/screenshots/deb.png), `dpkg -r`.
#  5. Server binaries: static; linux/amd64 natively and linux/arm64 under qemu-user start
#     and answer /healthz; the windows/amd64 exe is checked like the desktop exe (and run
#     under Wine in 8).
#  6. The systemd unit matches docs/deploy.md; the icons match their SVG source; the
#     third-party licence list names wails, excelize, go-sqlite3 and react.
#  7. Signing: scripts/dist.sh windows with a throwaway self-signed certificate signs the
#     installer, the exe and the uninstaller (SKIP_SIGN_TEST=1 skips it).
#  8. The Windows builds run under Wine (scripts/test-dist-wine.sh): Involve.exe's
#     commands on the shared data set and its console output, the Windows server with
#     Linux laptops syncing through it; exports compared with the Linux build's.
#
# Env: DIST_DIR (default build/dist), SKIP_DEB_INSTALL=1 (no dpkg -i even as root),
# SKIP_WINE=1 (no step 8).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
setup_path
install_cleanup_trap
cd "$ROOT"

DIST="${DIST_DIR:-$ROOT/build/dist}"
# The version make dist built (build/dist/.version), not HEAD's: others may commit meanwhile.
[ -f "$DIST/.version" ] || die "$DIST/.version is missing: run 'make dist' first"
VERSION="$(sed -n 's/^VERSION=//p' "$DIST/.version")"
DEBVER="$(sed -n 's/^DEBVER=//p' "$DIST/.version")"
SHOTS="$ROOT/build/screenshots"; LOGS="$ROOT/build/logs"
artifact_dir "$SHOTS" "$LOGS"
TMP="$(mktemp -d -t involve-test-dist-XXXXXX)"; cleanup_push "rm -rf '$TMP'"
FAILS=0; PASSES=0
ok() { PASSES=$((PASSES + 1)); log "ok: $*"; }
bad() { FAILS=$((FAILS + 1)); log "FAILED: $*"; }
check() { # check DESCRIPTION CMD... : CMD's success is the check
  local d="$1"; shift
  if "$@" >"$TMP/check.out" 2>&1; then ok "$d"; else bad "$d"; sed 's/^/    /' "$TMP/check.out" >&2; fi
}
for c in 7z x86_64-w64-mingw32-objdump file dpkg-deb unzip curl; do
  command -v "$c" >/dev/null || die "$c is missing: run scripts/deps.sh dist"
done
[ -f "$DIST/SHA256SUMS" ] || die "$DIST/SHA256SUMS is missing: run 'make dist' first"

SETUP="$DIST/Involve-$VERSION-windows-amd64-setup.exe"
PORTABLE="$DIST/Involve-$VERSION-windows-amd64-portable.zip"
DEB="$DIST/involve_${DEBVER}_amd64.deb"
LINUX_BIN="$DIST/involve-$VERSION-linux-amd64"
SRV="$DIST/involve-server-$VERSION"
log "checking $DIST (version $VERSION)"

# ---- 1. checksums -------------------------------------------------------------------------
expected=("$SETUP" "$PORTABLE" "$DEB" "$LINUX_BIN" "$SRV-linux-amd64" "$SRV-linux-arm64"
  "$SRV-windows-amd64.exe" "$DIST/involve-server.service")
missing=()
for f in "${expected[@]}"; do [ -n "$f" ] && [ -f "$f" ] || missing+=("${f:-the .deb}"); done
check "every artifact is there" test "${#missing[@]}" = 0 || true
((${#missing[@]} == 0)) || die "missing: ${missing[*]} (was 'make dist' run for version $VERSION?)"
check "SHA256SUMS matches" bash -c "cd '$DIST' && sha256sum --quiet -c SHA256SUMS"
listed() { # every artifact is in SHA256SUMS
  local f
  for f in "${expected[@]}"; do grep -q "  $(basename "$f")\$" "$DIST/SHA256SUMS" || { echo "not listed: $f"; return 1; }; done
}
check "SHA256SUMS lists every artifact" listed

# ---- 2. Windows exe -----------------------------------------------------------------------
# Windows' own DLLs (lower case). Anything else in the import table would have to be shipped.
SYSTEM_DLLS="kernel32.dll msvcrt.dll user32.dll gdi32.dll advapi32.dll shell32.dll ole32.dll
oleaut32.dll comctl32.dll comdlg32.dll ws2_32.dll winmm.dll version.dll shlwapi.dll uxtheme.dll
dwmapi.dll crypt32.dll bcrypt.dll ntdll.dll secur32.dll iphlpapi.dll userenv.dll setupapi.dll
powrprof.dll winspool.drv imm32.dll mswsock.dll dnsapi.dll netapi32.dll"
imports() { x86_64-w64-mingw32-objdump -p "$1" | sed -n 's/^\s*DLL Name: //p' | tr 'A-Z' 'a-z' | sort -u; }

# check_windows_exe FILE gui|console : prints why it fails, returns non-zero
check_windows_exe() {
  local f="$1" kind="$2" d bad_dlls=()
  local t; t="$(file -b "$f")"
  case "$kind" in
    gui) [[ "$t" == "PE32+ executable (GUI) x86-64"* ]] || { echo "not a PE32+ GUI x86-64 binary: $t"; return 1; } ;;
    console) [[ "$t" == "PE32+ executable (console) x86-64"* ]] || { echo "not a PE32+ console x86-64 binary: $t"; return 1; } ;;
  esac
  for d in $(imports "$f"); do
    grep -qw -- "$d" <<<"$SYSTEM_DLLS" || bad_dlls+=("$d")
  done
  ((${#bad_dlls[@]} == 0)) || { echo "imports DLLs that are not part of Windows: ${bad_dlls[*]}"; return 1; }
  if grep -q "go-sqlite3 requires cgo" "$f"; then
    echo "built without cgo: it holds go-sqlite3's 'requires cgo' stub (set CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc)"
    return 1
  fi
  echo "$t; imports: $(imports "$f" | tr '\n' ' ')"
}

unzip -q -o "$PORTABLE" -d "$TMP/portable"
check "portable zip holds exactly Involve.exe" test "$(unzip -Z1 "$PORTABLE")" = "Involve.exe"
EXE="$TMP/portable/Involve.exe"
check "Involve.exe: PE32+ GUI, system DLLs only, cgo SQLite" check_windows_exe "$EXE" gui
resources() { # version information (UTF-16 strings), manifest and icon in the resources
  local s; s="$(strings -el "$1")"
  grep -qx "$VERSION" <<<"$s" || { echo "version $VERSION not in the version information"; return 1; }
  grep -qx "Health Innovation Network South London" <<<"$s" || { echo "CompanyName missing"; return 1; }
  grep -qx "Involve" <<<"$s" || { echo "ProductName missing"; return 1; }
  grep -q "permonitorv2" "$1" || { echo "the DPI-aware manifest is missing"; return 1; }
  local sections; sections="$(x86_64-w64-mingw32-objdump -h "$1")"
  grep -q '\.rsrc' <<<"$sections" || { echo "no .rsrc section (no icon)"; return 1; }
  local n; n="$(awk '$2 == ".rsrc" { print $3 }' <<<"$sections")"
  n=$((16#${n:-0}))
  ((n > 100000)) || { echo ".rsrc is only $n bytes: the icon is missing"; return 1; }
}
check "Involve.exe: icon, manifest, version information" resources "$EXE"

# The check must catch an exe built without cgo: build a small one that way (the overlay
# adds a main package that only opens go-sqlite3, without writing into the work tree).
mkdir -p "$TMP/nocgo"
cat >"$TMP/nocgo/main.go" <<'EOF'
package main

import (
	"database/sql"
	"fmt"

	_ "github.com/mattn/go-sqlite3"
)

func main() { db, _ := sql.Open("sqlite3", "x.db"); fmt.Println(db.Ping()) }
EOF
printf '{"Replace":{"%s":"%s"}}\n' "$ROOT/build/release/nocgo/main.go" "$TMP/nocgo/main.go" >"$TMP/nocgo/overlay.json"
if CGO_ENABLED=0 GOOS=windows GOARCH=amd64 go build -overlay "$TMP/nocgo/overlay.json" -ldflags "-w -s -H windowsgui" \
  -o "$TMP/nocgo/nocgo.exe" ./build/release/nocgo 2>"$TMP/nocgo/build.log"; then
  if check_windows_exe "$TMP/nocgo/nocgo.exe" gui >"$TMP/nocgo/check.out" 2>&1; then
    bad "the exe check passes an exe built without cgo"
  else
    ok "the exe check fails an exe built without cgo ($(cat "$TMP/nocgo/check.out"))"
  fi
else
  bad "could not build the CGO_ENABLED=0 test exe: $(cat "$TMP/nocgo/build.log")"
fi

# ---- 3. Windows installer -----------------------------------------------------------------
7z l "$SETUP" >"$TMP/setup.list" 2>&1 || true
installer_lists() {
  local want
  grep -q '^Type = Nsis' "$TMP/setup.list" || { echo "7z does not see an NSIS installer"; cat "$TMP/setup.list"; return 1; }
  for want in ' Involve.exe$' ' uninstall.exe$' ' LICENSE.txt$' 'webview2bootstrapper/MicrosoftEdgeWebview2Setup.exe$'; do
    grep -q -- "$want" "$TMP/setup.list" || { echo "not in the installer: $want"; cat "$TMP/setup.list"; return 1; }
  done
  sed -n '/^---/,/^---/p' "$TMP/setup.list"
}
check "installer (7z l): Involve.exe, uninstall.exe, LICENSE.txt, WebView2 bootstrapper" installer_lists
installer_user() {
  grep -q 'PE32 executable (GUI)' <<<"$(file -b "$SETUP")" || { echo "not a Windows GUI program: $(file -b "$SETUP")"; return 1; }
  grep -aq 'level="asInvoker"' "$SETUP" || { echo "the installer asks for elevation (no asInvoker in its manifest)"; return 1; }
}
check "installer: per-user (asInvoker, no administrator rights)" installer_user
installed_exe_same() { # the exe inside the installer is the portable one
  7z e -y -o"$TMP/setup" "$SETUP" Involve.exe >/dev/null
  cmp "$TMP/setup/Involve.exe" "$EXE"
}
check "installer: carries the same Involve.exe as the portable zip" installed_exe_same

# ---- 4. the .deb ---------------------------------------------------------------------------
deb_meta() {
  local i; i="$(dpkg-deb -I "$DEB")"
  grep -qx ' Package: involve' <<<"$i" || { echo "Package"; return 1; }
  grep -qx " Version: $DEBVER" <<<"$i" || { echo "Version is not $DEBVER"; echo "$i"; return 1; }
  grep -qx ' Architecture: amd64' <<<"$i" || { echo "Architecture"; return 1; }
  grep -qx ' Depends: libgtk-3-0, libwebkit2gtk-4.1-0' <<<"$i" || { echo "Depends"; echo "$i"; return 1; }
  grep -q '^ Description: ' <<<"$i" || { echo "Description"; return 1; }
}
check "deb: metadata (dpkg-deb -I)" deb_meta
deb_files() {
  local c want; c="$(dpkg-deb -c "$DEB")"
  for want in ./usr/bin/involve ./usr/share/applications/involve.desktop \
    ./usr/share/icons/hicolor/256x256/apps/involve.png ./usr/share/icons/hicolor/scalable/apps/involve.svg \
    ./usr/share/doc/involve/copyright; do
    grep -q " $want\$" <<<"$c" || { echo "missing: $want"; echo "$c"; return 1; }
  done
  grep -q '^-rwxr-xr-x root/root .* ./usr/bin/involve$' <<<"$c" || { echo "/usr/bin/involve is not root-owned 0755"; return 1; }
}
check "deb: files (dpkg-deb -c)" deb_files

if [ "$(id -u)" = 0 ] && [ "${SKIP_DEB_INSTALL:-}" != 1 ]; then
  if [ -e /usr/bin/involve ] && ! dpkg -S /usr/bin/involve >/dev/null 2>&1; then
    bad "deb install: /usr/bin/involve exists and belongs to no package; not overwriting it"
  else
    check "deb: dpkg -i" dpkg -i "$DEB"
    cleanup_push "dpkg -r involve"
    check "deb: /usr/bin/involve version prints $VERSION" bash -c \
      "out=\$(env -u DISPLAY /usr/bin/involve version); echo \"\$out\"; [ \"\$out\" = 'involve $VERSION' ]"
    check "deb: desktop entry is registered" test -f /usr/share/applications/involve.desktop
    deb_window() {
      ensure_display
      local home="$TMP/home" pid wid shot="$SHOTS/deb.png" sd i
      mkdir -p "$home"
      unset DBUS_SESSION_BUS_ADDRESS
      start_bg "$LOGS/deb-window.log" env HOME="$home" XDG_DATA_HOME="$home/.local/share" /usr/bin/involve
      pid=$BG_PID
      cleanup_push "stop_group $pid TERM 5"
      wid="$(wait_window "$pid" 30)" || { cat "$LOGS/deb-window.log"; echo "no window"; return 1; }
      # WM_CLASS "involve": what the desktop entry's StartupWMClass matches (menu icon, grouping)
      grep -qx "$wid" <<<"$(xdotool search --all --class '^involve$' 2>/dev/null || true)" ||
        { echo "the window's class is not 'involve' (StartupWMClass in build/linux/involve.desktop)"; return 1; }
      for ((i = 0; i < 60; i++)); do
        import -window "$wid" "$shot" 2>/dev/null || import -window root "$shot"
        sd="$(png_stddev "$shot")"
        awk -v s="$sd" 'BEGIN { exit !(s > 0.02) }' && break
        sleep 0.25
      done
      sleep 1; import -window "$wid" "$shot" 2>/dev/null || true
      sd="$(png_stddev "$shot")"
      awk -v s="$sd" 'BEGIN { exit !(s > 0.02) }' || { echo "window blank (stddev $sd)"; return 1; }
      is_alive "$pid" || { cat "$LOGS/deb-window.log"; echo "died"; return 1; }
      [ -f "$home/.local/share/involve/involve.db" ] || { echo "no database in the per-user data folder"; return 1; }
      stop_group "$pid" TERM 5
      ! grep -q 'panic:' "$LOGS/deb-window.log" || { cat "$LOGS/deb-window.log"; return 1; }
      echo "window $wid painted (stddev $sd): $shot"
    }
    check "deb: the installed app opens its window under Xvfb" deb_window
    check "deb: dpkg -r" dpkg -r involve
    check "deb: removed" test ! -e /usr/bin/involve
  fi
else
  log "skipped: dpkg -i of the .deb (needs root; SKIP_DEB_INSTALL=${SKIP_DEB_INSTALL:-})"
fi

# ---- 5. server binaries -------------------------------------------------------------------
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null ||
  echo $((20000 + RANDOM % 20000)); }
# serve_healthz LABEL CMD... : starts `CMD serve` on a free port, waits for /healthz to say ok
serve_healthz() {
  local label="$1"; shift
  local port data pid i body=""
  port="$(free_port)"; data="$TMP/server-$label"; mkdir -p "$data"
  "$@" version || return 1
  start_bg "$LOGS/dist-server-$label.log" "$@" serve --addr "127.0.0.1:$port" --data-dir "$data"
  pid=$BG_PID
  cleanup_push "stop_group $pid TERM 5"
  for ((i = 0; i < 300; i++)); do
    body="$(curl -fsS "http://127.0.0.1:$port/healthz" 2>/dev/null || true)"
    [ -n "$body" ] && break
    is_alive "$pid" || break
    sleep 0.1
  done
  stop_group "$pid" TERM 5
  [ -n "$body" ] || { cat "$LOGS/dist-server-$label.log"; echo "no answer on /healthz"; return 1; }
  echo "/healthz: $body"
}
check "server linux/amd64: static" bash -c "grep -q 'x86-64.*statically linked' <<<\"\$(file -b '$SRV-linux-amd64')\""
check "server linux/amd64: starts and answers /healthz" serve_healthz amd64 "$SRV-linux-amd64"
check "server linux/arm64: static" bash -c "grep -q 'ARM aarch64.*statically linked' <<<\"\$(file -b '$SRV-linux-arm64')\""
if command -v qemu-aarch64-static >/dev/null; then
  check "server linux/arm64 (qemu-user): starts and answers /healthz" serve_healthz arm64 qemu-aarch64-static "$SRV-linux-arm64"
else
  bad "qemu-aarch64-static is missing (scripts/deps.sh dist): cannot run the arm64 server"
fi
check "server windows/amd64: PE32+ console, system DLLs only, cgo SQLite" check_windows_exe "$SRV-windows-amd64.exe" console

# ---- 6. unit file, icons, licences ----------------------------------------------------------
unit_matches_docs() {
  diff <(grep -v '^#' build/server/involve-server.service | sed '/^$/d' | grep -v '^# ') \
    <(awk '/^`\/etc\/systemd\/system\/involve-server.service`:/{f=1;next} f&&/^```ini/{g=1;next} g&&/^```/{exit} g{print}' docs/deploy.md |
      grep -v '^#' | sed '/^$/d')
}
check "systemd unit: build/server/involve-server.service matches docs/deploy.md" unit_matches_docs
icons_current() {
  ICON_PNG="$TMP/icons/appicon.png" ICON_ICO="$TMP/icons/icon.ico" scripts/icons.sh 2>/dev/null &&
    cmp build/appicon.png "$TMP/icons/appicon.png" && cmp build/windows/icon.ico "$TMP/icons/icon.ico" ||
    { echo "the icons differ from build/icon/appicon.svg: run 'make icons' and commit"; return 1; }
}
check "icons: build/appicon.png and icon.ico are made from build/icon/appicon.svg" icons_current
licences_listed() {
  local f="$ROOT/frontend/dist/third-party-licences.json" name
  [ -f "$f" ] || { echo "$f is missing (made by scripts/licences.mjs before the frontend build)"; return 1; }
  for name in '"github.com/wailsapp/wails/v2"' '"github.com/xuri/excelize/v2"' '"github.com/mattn/go-sqlite3"' '"react"'; do
    grep -q "\"name\": *$name" "$f" || { echo "not listed: $name"; return 1; }
  done
  # and the app embeds it (the frontend is embedded in the binary)
  grep -q 'github.com/xuri/excelize/v2' "$LINUX_BIN" || { echo "the Linux binary does not embed the list"; return 1; }
}
check "licences: the embedded list names wails, excelize, go-sqlite3 and react" licences_listed

# ---- 7. signing --------------------------------------------------------------------------
# The signing path of scripts/dist.sh, with a throwaway self-signed certificate: the
# Windows part is built again into a temporary folder (the exe comes from Go's cache).
signed_build() {
  local d="$TMP/sign" out f
  mkdir -p "$d"
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$d/key.pem" -out "$d/cert.pem" -days 2 \
    -subj "/CN=Involve test-dist throwaway" >/dev/null 2>&1 || { echo "openssl could not make a certificate"; return 1; }
  openssl pkcs12 -export -out "$d/cert.p12" -inkey "$d/key.pem" -in "$d/cert.pem" -passout pass:throwaway || return 1
  printf throwaway >"$d/pass"
  VERSION="$VERSION" DIST_DIR="$d/dist" INVOLVE_SIGN_PKCS12="$d/cert.p12" INVOLVE_SIGN_PASSWORD_FILE="$d/pass" \
    scripts/dist.sh windows >"$d/dist.log" 2>&1 || { cat "$d/dist.log"; return 1; }
  ! grep -q 'NOT signed' "$d/dist.log" || { echo "dist.sh says unsigned although a certificate was given"; return 1; }
  out="$d/dist/Involve-$VERSION-windows-amd64-setup.exe"
  7z e -y -o"$d/inside" "$out" Involve.exe uninstall.exe >/dev/null || return 1
  # (verify exits non-zero for a self-signed certificate: read what it says instead)
  local v
  for f in "$out" "$d/inside/Involve.exe" "$d/inside/uninstall.exe"; do
    v="$(osslsigncode verify -in "$f" 2>&1 || true)"
    grep -q 'Subject: /CN=Involve test-dist throwaway' <<<"$v" || { echo "not signed: $f"; tail -5 <<<"$v"; return 1; }
  done
  v="$(osslsigncode verify -in "$SETUP" 2>&1 || true)"
  ! grep -q 'Subject: ' <<<"$v" || { echo "the unsigned build's installer has a signature"; return 1; }
  echo "installer, Involve.exe and uninstall.exe signed by CN=Involve test-dist throwaway"
}
if [ "${SKIP_SIGN_TEST:-}" = 1 ]; then
  log "skipped: the signing check (SKIP_SIGN_TEST=1)"
else
  check "signing: with INVOLVE_SIGN_PKCS12 the installer, exe and uninstaller are signed (osslsigncode)" signed_build
fi

# ---- 8. the Windows builds under Wine ------------------------------------------------------
if [ "${SKIP_WINE:-}" = 1 ]; then
  log "skipped: the Windows builds under Wine (SKIP_WINE=1)"
elif DIST_DIR="$DIST" scripts/test-dist-wine.sh; then
  ok "the Windows builds run under Wine (scripts/test-dist-wine.sh, above)"
else
  bad "the Windows builds under Wine (scripts/test-dist-wine.sh, above; logs build/logs/wine-*.log)"
fi

echo "test-dist: $PASSES passed, $FAILS failed"
((FAILS == 0))
