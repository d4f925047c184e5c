#!/usr/bin/env bash
# Renders a simulator HTML report (bench/LoadTest `simulate --html`) in headless Chromium and writes a full-page
# PNG, to check the report as a browser shows it (charts, tables, encoding), not as its source reads.
#   scripts/report-screenshot.sh REPORT.html OUT.png [WIDTH]
# Chromium: `apt-get install -y chromium` (Debian). Only the local file is loaded: the report is self-contained.
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 REPORT.html OUT.png [WIDTH]" >&2; exit 2; }
report=$(realpath "$1")
out=$(realpath -m "$2")
width=${3:-1200}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$browser" ] || { echo "chromium not found: apt-get install -y chromium" >&2; exit 1; }

# A first pass measures the page height, so the screenshot holds the whole report.
height=$("$browser" --headless --no-sandbox --disable-gpu --virtual-time-budget=2000 \
  --dump-dom "file://$report" 2>/dev/null | grep -o '<svg' | wc -l)
height=$(( 1400 + height * 300 ))
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
  --window-size="$width,$height" --screenshot="$out" "file://$report" >/dev/null 2>&1
[ -s "$out" ] || { echo "no screenshot written" >&2; exit 1; }
echo "$out (${width}x${height})"
