#!/usr/bin/env bash
# scripts/stage.sh NAME CMD... : runs one stage of `make test` with a banner and its time.
# Appends "NAME<TAB>seconds<TAB>ok|FAILED" to $STAGE_TIMES when that is set.
set -uo pipefail
name="$1"; shift
printf '\n==== %s ====\n' "$name"
t0=$(date +%s.%N)
"$@"
rc=$?
t=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
if [ "$rc" = 0 ]; then status=ok; else status=FAILED; fi
printf '==== %s: %s in %s s ====\n' "$name" "$status" "$t"
[ -n "${STAGE_TIMES:-}" ] && printf '%s\t%s\t%s\n' "$name" "$t" "$status" >>"$STAGE_TIMES"
exit "$rc"
