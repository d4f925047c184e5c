#!/usr/bin/env bash
# The repeated-runs scan over src/ and tests/ (issue #14): copies the files git tracks (and the untracked ones it does
# not ignore) under src/ and tests/ into a scratch folder, so pairs across the two are seen, and lists the pairs of
# places sharing six or more identical or same-shape lines. Usage: scripts/duplicate-scan.sh [--most N]
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
git ls-files -z --cached --others --exclude-standard -- src tests | while IFS= read -r -d '' f; do
  [ -f "$f" ] && mkdir -p "$scratch/$(dirname "$f")" && cp "$f" "$scratch/$f"
done
[ "$#" -gt 0 ] || set -- --most 200
duplicates --repo "$scratch" --seconds 300 "$@"
