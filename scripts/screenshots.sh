#!/usr/bin/env bash
# Copies the chosen screenshots from build/screenshots/ (made by smoke-release.sh and the
# end-to-end tests) to docs/img/ for the README. `make screenshots` runs both first.
# Env: SCREENSHOTS="name ..." overrides the list (names without .png).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

SRC="$ROOT/build/screenshots"
DST="$ROOT/docs/img"
# release = the real desktop window (release binary under Xvfb); the rest are pages of
# the app in Chromium at 1280x900, captured by the end-to-end tests.
LIST="${SCREENSHOTS:-release home projects session quick-capture search themes sync conflicts reports kiosk reach}"
mkdir -p "$DST"
n=0
for name in $LIST; do
  f="$SRC/$name.png"
  [ -s "$f" ] || die "$f is missing: run 'make screenshots' (smoke + e2e make it)"
  out="$DST/$name.png"
  [ "$name" = release ] && out="$DST/window.png"
  # Strip metadata (timestamps) so an unchanged screen gives an unchanged file.
  if convert "$f" -strip "png:$out.tmp" 2>/dev/null && [ -s "$out.tmp" ]; then mv "$out.tmp" "$out"; else rm -f "$out.tmp"; cp "$f" "$out"; fi
  log "$out ($(png_size "$out"))"
  n=$((n + 1))
done
log "copied $n screenshots to docs/img/"
