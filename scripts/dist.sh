#!/usr/bin/env bash
# Builds the release artifacts into build/dist/ (`make dist`; docs/release.md says what
# each one is). Expects the frontend to be built (frontend/dist, `make frontend`) and the
# Debian packages of `scripts/deps.sh dist`.
#
#   scripts/dist.sh [windows] [linux] [server]     (default: all three, then SHA256SUMS)
#
# Env: VERSION (default scripts/version.sh), DIST_DIR (default build/dist).
# Code signing (Windows exe, uninstaller and installer, with osslsigncode) happens only when
#   INVOLVE_SIGN_PKCS12=/path/cert.p12  and  INVOLVE_SIGN_PASSWORD=…  (or _PASSWORD_FILE)
# are set; INVOLVE_SIGN_TIMESTAMP_URL adds an RFC 3161 timestamp. Otherwise the build says
# that the Windows files are unsigned.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
setup_path
install_cleanup_trap
cd "$ROOT"

VERSION="${VERSION:-$(scripts/version.sh)}"
WINVER="$(VERSION="$VERSION" scripts/version.sh --windows)"
DEBVER="$(scripts/version.sh --deb)"
# A VERSION given from outside (make dist VERSION=1.2.3) wins for the .deb too.
[ "$VERSION" = "$(scripts/version.sh)" ] || DEBVER="${VERSION//-/+}"
DIST="${DIST_DIR:-$ROOT/build/dist}"
WORK="$DIST/.work"
TAGS_DESKTOP_WIN=desktop,production,sqlite_fts5
TAGS_DESKTOP_LINUX=desktop,production,webkit2_41,sqlite_fts5
TAGS_SERVER=sqlite_fts5
LDFLAGS="-w -s -X main.version=$VERSION"
WINRES_VERSION=v0.3.3 # github.com/tc-hib/go-winres (docs/decisions.md)
# The times inside the .deb and the zip: the commit's, so the same commit gives the same files.
SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}"
export SOURCE_DATE_EPOCH

targets=("$@")
((${#targets[@]})) || targets=(windows linux server)
want() { local t; for t in "${targets[@]}"; do [ "$t" = "$1" ] && return 0; done; return 1; }

[ -f frontend/dist/index.html ] || die "frontend/dist is not built: run 'make frontend' (or make dist)"
mkdir -p "$DIST" "$WORK"
# A full build starts from an empty folder, so SHA256SUMS never lists an older version's files.
((${#targets[@]} == 3)) && find "$DIST" -maxdepth 1 -type f ! -name .gitignore -delete
[ -f "$DIST/.gitignore" ] || printf '*\n' >"$DIST/.gitignore"
# What was built, for scripts/test-dist.sh (HEAD may move on before the checks run).
printf 'VERSION=%s\nDEBVER=%s\n' "$VERSION" "$DEBVER" >"$DIST/.version"
log "version $VERSION (Windows $WINVER, Debian $DEBVER) into $DIST"

timed() { # timed LABEL CMD... : runs CMD and logs how long it took
  local label="$1" t0=$SECONDS; shift
  "$@"
  log "$label: $((SECONDS - t0)) s"
}

# ---- signing ------------------------------------------------------------------------------
SIGN=0
if [ -n "${INVOLVE_SIGN_PKCS12:-}" ]; then
  [ -f "$INVOLVE_SIGN_PKCS12" ] || die "INVOLVE_SIGN_PKCS12=$INVOLVE_SIGN_PKCS12 is not a file"
  command -v osslsigncode >/dev/null || die "osslsigncode is missing: run scripts/deps.sh dist"
  if [ -z "${INVOLVE_SIGN_PASSWORD_FILE:-}" ]; then
    INVOLVE_SIGN_PASSWORD_FILE="$WORK/sign-pass"
    (umask 077; printf '%s' "${INVOLVE_SIGN_PASSWORD:-}" >"$INVOLVE_SIGN_PASSWORD_FILE")
    cleanup_push "rm -f '$INVOLVE_SIGN_PASSWORD_FILE'"
  fi
  SIGN=1
fi
# sign FILE : signs FILE in place (Authenticode, SHA-256) when a certificate is configured.
sign() {
  ((SIGN)) || return 0
  local f="$1" ts=()
  [ -z "${INVOLVE_SIGN_TIMESTAMP_URL:-}" ] || ts=(-ts "$INVOLVE_SIGN_TIMESTAMP_URL")
  osslsigncode sign -pkcs12 "$INVOLVE_SIGN_PKCS12" -readpass "$INVOLVE_SIGN_PASSWORD_FILE" \
    -h sha256 -n "Involve" -i "https://github.com/hin-south-london/involve" "${ts[@]}" \
    -in "$f" -out "$f.signed" >/dev/null
  mv "$f.signed" "$f"
  log "signed $(basename "$f")"
}

# zip_one ZIP FILE... : a zip with fixed times and no extra attributes (same input, same zip).
zip_one() {
  local zip="$1"; shift
  local f
  for f in "$@"; do touch -d "@$SOURCE_DATE_EPOCH" "$f"; done
  rm -f "$zip"
  TZ=UTC zip -X -j -q -9 "$zip" "$@"
}

# ---- Windows: desktop exe, installer, portable zip ----------------------------------------
build_windows() {
  command -v x86_64-w64-mingw32-gcc >/dev/null || die "x86_64-w64-mingw32-gcc is missing: run scripts/deps.sh dist"
  command -v makensis >/dev/null || die "makensis is missing: run scripts/deps.sh dist"
  local w="$WORK/windows" syso="$ROOT/zz_involve_release_windows_amd64.syso"
  rm -rf "$w"; mkdir -p "$w"
  # Fill the Wails templates (NSIS script, manifest, version info) from wails.json.
  go run ./build/release -root "$ROOT" -version "$VERSION" -out "$w"
  # Icon, manifest and version information as a .syso beside main.go (linked only into
  # windows/amd64 builds; removed again at exit).
  cleanup_push "rm -f '$syso'"
  (cd "$w" && go run "github.com/tc-hib/go-winres@$WINRES_VERSION" make --in winres.json \
    --arch amd64 --out "$w/rsrc")
  cp "$w/rsrc_windows_amd64.syso" "$syso"
  timed "windows desktop exe" env CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc GOOS=windows GOARCH=amd64 \
    go build -tags "$TAGS_DESKTOP_WIN" -ldflags "$LDFLAGS -H windowsgui" -o "$w/Involve.exe" .
  rm -f "$syso"
  sign "$w/Involve.exe"

  local setup="$DIST/Involve-$VERSION-windows-amd64-setup.exe"
  local signdef=()
  if ((SIGN)); then
    # makensis runs this on the uninstaller it writes into the installer (%1 = its path).
    printf '#!/bin/sh\nset -e\n%s sign -pkcs12 "%s" -readpass "%s" -h sha256 -n Involve -in "$1" -out "$1.signed"\nmv "$1.signed" "$1"\n' \
      "$(command -v osslsigncode)" "$INVOLVE_SIGN_PKCS12" "$INVOLVE_SIGN_PASSWORD_FILE" >"$w/sign-uninstaller.sh"
    chmod +x "$w/sign-uninstaller.sh"
    signdef=("-DARG_SIGN_UNINSTALLER=$w/sign-uninstaller.sh")
  fi
  timed "windows installer" makensis -V2 -INPUTCHARSET UTF8 \
    "-DARG_WAILS_AMD64_BINARY=$w/Involve.exe" "-DARG_OUTFILE=$setup" \
    "-DARG_LICENSE=$ROOT/LICENSE" "-DARG_VERSION_TEXT=$VERSION" "${signdef[@]}" \
    "$w/installer/project.nsi"
  sign "$setup"

  mkdir -p "$w/portable"
  cp "$w/Involve.exe" "$w/portable/Involve.exe"
  zip_one "$DIST/Involve-$VERSION-windows-amd64-portable.zip" "$w/portable/Involve.exe"
  ((SIGN)) || log "NOTE: the Windows exe and installer are NOT signed (no INVOLVE_SIGN_PKCS12); Windows SmartScreen will warn on first run"
}

# ---- Linux: desktop binary and .deb --------------------------------------------------------
build_linux() {
  local l="$WORK/linux"
  rm -rf "$l"; mkdir -p "$l"
  # Same tags and flags as `make build`: the compiled packages come from Go's cache.
  timed "linux desktop binary" env CGO_ENABLED=1 go build -tags "$TAGS_DESKTOP_LINUX" -ldflags "$LDFLAGS" \
    -o "$l/involve" .
  cp "$l/involve" "$DIST/involve-$VERSION-linux-amd64"

  local root="$l/deb" pkg="$DIST/involve_${DEBVER}_amd64.deb" s
  install -D -m 0755 "$l/involve" "$root/usr/bin/involve"
  install -D -m 0644 build/linux/involve.desktop "$root/usr/share/applications/involve.desktop"
  install -D -m 0644 build/icon/appicon.svg "$root/usr/share/icons/hicolor/scalable/apps/involve.svg"
  for s in 16 32 48 64 128 256 512; do
    mkdir -p "$root/usr/share/icons/hicolor/${s}x${s}/apps"
    rsvg-convert -w "$s" -h "$s" build/icon/appicon.svg -o "$root/usr/share/icons/hicolor/${s}x${s}/apps/involve.png"
  done
  install -D -m 0644 LICENSE "$root/usr/share/doc/involve/copyright"
  mkdir -p "$root/DEBIAN"
  local size
  size="$(du -sk --exclude=DEBIAN "$root" | cut -f1)"
  sed -e "s/@VERSION@/$DEBVER/" -e "s/@SIZE@/$size/" build/linux/control.in >"$root/DEBIAN/control"
  find "$root" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
  find "$root" -type d -exec chmod 0755 {} +
  dpkg-deb --build --root-owner-group -Zxz "$root" "$pkg" >/dev/null
  log "built $(basename "$pkg")"
}

# ---- server: static binaries for linux/amd64, linux/arm64, windows/amd64 -------------------
build_server() {
  local s="$WORK/server" out
  mkdir -p "$s"
  # Static: glibc's static libraries are enough for what go-sqlite3 and the Go runtime use;
  # netgo and osusergo keep the resolver and user lookup in Go (no NSS at run time). The
  # linker warns that SQLite's dlopen needs glibc's shared libraries at run time: only for
  # loading SQLite extensions, which the server never does. (These tags leave go-sqlite3's
  # files alone, so its compiled C is shared with the tests' build in Go's cache.)
  out="$DIST/involve-server-$VERSION-linux-amd64"
  timed "server linux/amd64" env CGO_ENABLED=1 GOOS=linux GOARCH=amd64 CC=gcc \
    go build -tags "$TAGS_SERVER,netgo,osusergo" -ldflags "$LDFLAGS -linkmode external -extldflags -static" \
    -o "$out" ./cmd/involve-server
  command -v aarch64-linux-gnu-gcc >/dev/null || die "aarch64-linux-gnu-gcc is missing: run scripts/deps.sh dist"
  out="$DIST/involve-server-$VERSION-linux-arm64"
  timed "server linux/arm64" env CGO_ENABLED=1 GOOS=linux GOARCH=arm64 CC=aarch64-linux-gnu-gcc \
    go build -tags "$TAGS_SERVER,netgo,osusergo" -ldflags "$LDFLAGS -linkmode external -extldflags -static" \
    -o "$out" ./cmd/involve-server
  out="$DIST/involve-server-$VERSION-windows-amd64.exe"
  timed "server windows/amd64" env CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
    go build -tags "$TAGS_SERVER" -ldflags "$LDFLAGS -extldflags -static" \
    -o "$out" ./cmd/involve-server
  sign "$out"
  install -m 0644 build/server/involve-server.service "$DIST/involve-server.service"
}

t0=$SECONDS
# The servers build beside the desktop apps: each target compiles SQLite's C (one gcc
# process each, for minutes on a cold cache), so on 2 cores two at once halve the wait.
spid=""
if want server; then
  (build_server) >"$WORK/server.log" 2>&1 &
  spid=$!
fi
want windows && build_windows
want linux && build_linux
if [ -n "$spid" ]; then
  src=0; wait "$spid" || src=$?
  cat "$WORK/server.log" >&2
  ((src == 0)) || die "the server build failed (above)"
fi

# ---- checksums ----------------------------------------------------------------------------
(cd "$DIST" && find . -maxdepth 1 -type f ! -name SHA256SUMS ! -name '.*' -printf '%f\n' | LC_ALL=C sort |
  xargs -r sha256sum >SHA256SUMS)
log "done in $((SECONDS - t0)) s:"
(cd "$DIST" && ls -l --time-style=+ $(cat SHA256SUMS | awk '{print $2}') SHA256SUMS | awk '{printf "  %10s  %s\n", $5, $NF}') >&2
