#!/usr/bin/env bash
# Regenerates the app icons from their one source, build/icon/appicon.svg (`make icons`):
#   build/appicon.png          1024x1024 (Wails' app icon; the .deb's icons are made from it)
#   build/windows/icon.ico     16, 24, 32, 48, 64, 128 and 256 px (exe and installer)
# Each size is rendered from the SVG by rsvg-convert (librsvg2-bin), so small sizes stay
# crisp; ImageMagick only packs them into the .ico. No timestamps are written, so the
# same SVG always gives the same bytes (checked by scripts/test-dist.sh).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
install_cleanup_trap

SVG="$ROOT/build/icon/appicon.svg"
OUT_PNG="${ICON_PNG:-$ROOT/build/appicon.png}"
OUT_ICO="${ICON_ICO:-$ROOT/build/windows/icon.ico}"
for c in rsvg-convert convert; do
  command -v "$c" >/dev/null || die "$c is missing: run scripts/deps.sh dist"
done
tmp="$(mktemp -d)"; cleanup_push "rm -rf '$tmp'"

rsvg-convert -w 1024 -h 1024 "$SVG" -o "$tmp/appicon.png"
sizes=(16 24 32 48 64 128 256)
pngs=()
for s in "${sizes[@]}"; do
  rsvg-convert -w "$s" -h "$s" "$SVG" -o "$tmp/$s.png"
  pngs+=("$tmp/$s.png")
done
# -define png:exclude-chunks=date,time: no creation times inside the 256 px PNG entry.
convert "${pngs[@]}" -define png:exclude-chunks=date,time "$tmp/icon.ico"
mkdir -p "$(dirname "$OUT_PNG")" "$(dirname "$OUT_ICO")"
cp "$tmp/appicon.png" "$OUT_PNG"
cp "$tmp/icon.ico" "$OUT_ICO"
log "wrote $OUT_PNG ($(identify -format '%wx%h' "$OUT_PNG")) and $OUT_ICO ($(identify "$OUT_ICO" | wc -l) sizes)"
