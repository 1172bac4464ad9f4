#!/usr/bin/env bash
# Prints Involve's version (used by the Makefile for -X main.version, and by make dist).
#   a tag vX.Y.Z on HEAD (or before it): git describe without the v
#                                        (0.2.0, or 0.2.0-3-gabc1234 three commits on)
#   no release tag yet:                  VERSION file + -dev+<commit> (0.1.0-dev+abc1234)
#   not a git checkout (a source tarball): the VERSION file as it is
# ".dirty" / "-dirty" is added when tracked files differ from the commit.
#   scripts/version.sh --windows   the numeric form Windows resources need: 0.2.0.3
#   scripts/version.sh --deb       the form dpkg orders correctly: 0.1.0~dev+abc1234
set -euo pipefail
cd "$(dirname "$0")/.."
base="$(tr -d ' \r\n' <VERSION 2>/dev/null || true)"
[ -n "$base" ] || base=0.0.0
if v="$(git describe --tags --match 'v[0-9]*' --dirty 2>/dev/null)"; then
  v="${v#v}"
elif h="$(git rev-parse --short=7 HEAD 2>/dev/null)"; then
  v="$base-dev+$h"
  git diff --quiet HEAD -- 2>/dev/null || v="$v.dirty"
else
  v="$base"
fi
case "${1:-}" in
  --windows)
    # X.Y.Z from the front, and the number of commits since the tag (git describe) as the 4th
    IFS=. read -r a b c <<<"$(sed -E 's/^([0-9]+)\.([0-9]+)\.([0-9]+).*/\1.\2.\3/' <<<"$v")"
    n="$(sed -nE 's/^[0-9]+\.[0-9]+\.[0-9]+-([0-9]+)-g[0-9a-f]+.*/\1/p' <<<"$v")"
    echo "${a:-0}.${b:-0}.${c:-0}.${n:-0}" ;;
  --deb)
    # dev builds sort before the release (~), later commits after it (+)
    d="${v/-dev+/\~dev+}"; d="${d//-/+}"; echo "$d" ;;
  "") echo "$v" ;;
  *) echo "usage: $0 [--windows|--deb]" >&2; exit 2 ;;
esac
