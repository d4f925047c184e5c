#!/usr/bin/env bash
# The one test command: installs what the tests need, builds everything and runs every test.
# .ci/run calls exactly this. Ends with a plain "N passed, N failed, N skipped" line.
set -euo pipefail
cd "$(dirname "$0")"

scripts/install-test-deps.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet build Autoscale.sln -c Release -nologo -clp:ErrorsOnly

rm -rf TestResults
status=0
dotnet test Autoscale.sln -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory TestResults || status=$?

passed=0 failed=0 skipped=0 total=0
for trx in TestResults/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  t=$(get total); e=$(get executed); p=$(get passed); f=$(get failed)
  total=$((total + t)); passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + t - e))
done
if [ "$total" -eq 0 ]; then echo "no tests ran"; exit 1; fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit $status
