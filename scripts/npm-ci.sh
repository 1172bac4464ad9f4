#!/usr/bin/env bash
# scripts/npm-ci.sh DIR... : `npm ci` in each DIR unless its node_modules already matches
# package-lock.json (a stamp in node_modules holds the lock's hash and the node version).
# npm's own cache (~/.npm) makes a needed `npm ci` mostly offline.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
[ "$#" -gt 0 ] || { echo "usage: $0 DIR..." >&2; exit 2; }
for d in "$@"; do
  case "$d" in /*) ;; *) d="$ROOT/$d" ;; esac
  npm_ci_if_needed "$d"
done
