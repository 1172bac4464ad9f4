#!/usr/bin/env bash
# Installs what Involve needs on Debian 12, and only what is missing. Idempotent: a
# second run installs nothing and does not touch the network.
#
#   scripts/deps.sh build   C toolchain + GTK/WebKitGTK 4.1 headers (build the desktop app)
#   scripts/deps.sh dist    build + what `make dist` / `make test-dist` need: MinGW-w64 (Windows
#                           cross-compiler), NSIS, 7-Zip, osslsigncode, the arm64 cross-compiler,
#                           qemu-user (runs the arm64 server), librsvg (icons), zip, Wine
#                           (runs the Windows builds), curl
#   scripts/deps.sh test    build + dist + Xvfb, xdotool, ImageMagick, Debian's Chromium, sqlite3,
#                           curl, PostgreSQL (scripts/with-postgres.sh starts a throwaway
#                           cluster for the Go tests), and the wails CLI (for `wails dev`
#                           in the end-to-end tests)
#   scripts/deps.sh bench   test + GNU time (peak memory)
#
# Go (/usr/local/go) and Node 20 / npm are expected on the machine; they are checked,
# not installed. npm packages are installed by the Makefile (npm ci, skipped when
# node_modules is up to date). DEPS_DRY_RUN=1 prints what would be installed.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
setup_path

LEVEL="${1:-build}"
WAILS_VERSION="${WAILS_VERSION:-v2.11.0}"

APT_BUILD=(build-essential pkg-config libgtk-3-dev libwebkit2gtk-4.1-dev)
APT_TEST=(xvfb xauth xdotool imagemagick chromium sqlite3 curl postgresql libreoffice-calc-nogui libreoffice-draw-nogui libreoffice-writer-nogui poppler-utils python3-openpyxl)
APT_BENCH=(time)
APT_DIST=(gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 nsis p7zip-full osslsigncode dpkg-dev file zip unzip
  gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user-static librsvg2-bin wine wine64 curl)

case "$LEVEL" in
  build) APT=("${APT_BUILD[@]}"); WANT_WAILS=0 ;;
  dist) APT=("${APT_BUILD[@]}" "${APT_DIST[@]}"); WANT_WAILS=0 ;;
  test) APT=("${APT_BUILD[@]}" "${APT_TEST[@]}" "${APT_DIST[@]}"); WANT_WAILS=1 ;;
  bench) APT=("${APT_BUILD[@]}" "${APT_TEST[@]}" "${APT_DIST[@]}" "${APT_BENCH[@]}"); WANT_WAILS=1 ;;
  *) echo "usage: $0 build|dist|test|bench" >&2; exit 2 ;;
esac

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "need root (or sudo) to run: $*"
  fi
}

# Under pipefail no pipeline may end in a reader that stops early (grep -q, head, sed …q):
# the writer is killed by SIGPIPE and the pipeline fails (docs/testing.md, scripts/test-scripts.sh).
pkg_installed() { local s; s="$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" || return 1; [[ "$s" == *' ok installed' ]]; }

# wails_is VERSION : true if the wails on PATH is VERSION. `wails version` prints a sponsor
# banner after the version line: read all of it, then look.
wails_is() {
  local out
  command -v wails >/dev/null || return 1
  out="$(wails version 2>/dev/null)" || return 1
  grep -q "^$1\b" <<<"$out"
}

# ---- Debian packages --------------------------------------------------------------------
missing=()
for p in "${APT[@]}"; do pkg_installed "$p" || missing+=("$p"); done
if ((${#missing[@]})); then
  if [ "${DEPS_DRY_RUN:-}" = 1 ]; then
    log "would install: ${missing[*]}"
  else
    log "installing Debian packages: ${missing[*]}"
    t0=$SECONDS
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null
    for p in "${missing[@]}"; do pkg_installed "$p" || die "apt-get did not install $p"; done
    log "Debian packages installed in $((SECONDS - t0)) s"
  fi
else
  log "Debian packages ($LEVEL): all present"
fi

# ---- Go and Node (checked, not installed) -----------------------------------------------
command -v go >/dev/null || die "Go is missing: expected at /usr/local/go (see go.mod for the version)"
need_go="$(sed -n 's/^go \([0-9.]*\).*/\1/p;T;q' "$ROOT/go.mod")"
have_go="$(go env GOVERSION | sed 's/^go//')"
lowest_go="$(printf '%s\n%s\n' "$need_go" "$have_go" | sort -V)"
if [ -n "$need_go" ] && [ "${lowest_go%%$'\n'*}" != "$need_go" ]; then
  log "note: go.mod asks for go $need_go, /usr/local/go is $have_go (GOTOOLCHAIN may fetch it)"
fi
command -v node >/dev/null || die "Node.js is missing (Node 20 + npm expected)"
command -v npm >/dev/null || die "npm is missing"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
((node_major >= 20)) || die "Node $node_major is too old: Node 20 or newer is needed"

# ---- wails CLI (only for `wails dev`) ---------------------------------------------------
if ((WANT_WAILS)); then
  if wails_is "$WAILS_VERSION"; then
    log "wails $WAILS_VERSION: present ($(command -v wails))"
  elif [ "${DEPS_DRY_RUN:-}" = 1 ]; then
    log "would install: wails $WAILS_VERSION (go install)"
  else
    log "installing the wails CLI $WAILS_VERSION (go install, about 90 s)"
    t0=$SECONDS
    go install "github.com/wailsapp/wails/v2/cmd/wails@$WAILS_VERSION"
    wails_is "$WAILS_VERSION" || die "wails $WAILS_VERSION did not install"
    log "wails installed in $((SECONDS - t0)) s"
  fi
fi
