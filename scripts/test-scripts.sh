#!/usr/bin/env bash
# Checks the shell scripts themselves (part of `make vet`, well under a second):
#  1. No pipeline in scripts/*.sh, the Makefile or .ci/run ends in a reader that stops
#     early (grep -q/-m/-l, head, sed …q). They all run under `set -o pipefail`: when the
#     reader exits, the writer is killed by SIGPIPE and the whole pipeline fails at random
#     (`wails version | grep -q` on a fresh machine). Capture the output first
#     (out="$(cmd)"), then look at "$out".
#  2. scripts/deps.sh's wails_is finds the version of a `wails` that prints its version
#     line and then 200 KB of banner.
set -euo pipefail
cd "$(dirname "$0")/.."

fail=0

# 1. A "|" that is not part of "||", then an early-exiting reader.
early='(^|[^|])\|[[:space:]]*(grep[[:space:]]+([^|]*[[:space:]])?(-[a-zA-Z]*[qml][a-zA-Z]*|--quiet|--silent|--max-count|--files-with-matches)([[:space:]=]|$)|head([[:space:]]|$|\))|sed[[:space:]][^|]*[;{[:space:]'"'"'"]q[;}[:space:]'"'"'"0-9])'
for f in scripts/*.sh Makefile .ci/run; do
  [ -f "$f" ] || continue
  hits="$(grep -nE -- "$early" "$f" || true)"
  while IFS= read -r hit; do
    [ -n "$hit" ] || continue
    line="${hit#*:}"
    [[ "$line" =~ ^[[:space:]]*# ]] && continue # a comment
    echo "$f:${hit%%:*}: a pipeline into a reader that stops early, under pipefail (capture the output first):" >&2
    echo "    ${line#"${line%%[![:space:]]*}"}" >&2
    fail=1
  done <<<"$hits"
done

# 2. wails_is with a chatty fake wails.
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/wails" <<'EOF'
#!/usr/bin/env bash
echo "v2.11.0"
echo
banner="$(printf 'If Wails is useful to you or your company, please consider sponsoring the project %.0s' {1..40})"
for ((i = 0; i < 60; i++)); do echo "$banner"; done # about 200 KB
EOF
chmod +x "$tmp/wails"
sed -n '/^wails_is() {$/,/^}$/p' scripts/deps.sh >"$tmp/wails_is.sh"
[ -s "$tmp/wails_is.sh" ] || { echo "scripts/deps.sh: no wails_is function" >&2; exit 1; }
if ! PATH="$tmp:$PATH" bash -c 'set -euo pipefail; source "$1"; wails_is v2.11.0' _ "$tmp/wails_is.sh"; then
  echo "scripts/deps.sh: wails_is does not see v2.11.0 in a wails that prints a long banner" >&2
  fail=1
fi
if PATH="$tmp:$PATH" bash -c 'set -euo pipefail; source "$1"; wails_is v2.9.0' _ "$tmp/wails_is.sh"; then
  echo "scripts/deps.sh: wails_is takes v2.11.0 for v2.9.0" >&2
  fail=1
fi

exit "$fail"
