#!/usr/bin/env bash
# The one test command: installs what the tests need, builds everything and runs every test.
# .ci/run calls exactly this. Ends with a plain "N passed, N failed, N skipped" line.
set -euo pipefail
cd "$(dirname "$0")"

scripts/install-test-deps.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet build Autoscale.sln -c Release -nologo -clp:ErrorsOnly

status=0
dotnet test Autoscale.sln -c Release --no-build -nologo --logger "console;verbosity=minimal" 2>&1 | tee .tools/test-output.log || status=$?

# Sum the per-assembly summaries ("Passed!  - Failed:     0, Passed:    48, Skipped:     0, Total:    48 ...").
read -r passed failed skipped < <(grep -E '^(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' .tools/test-output.log \
  | sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\2 \1 \3/' \
  | awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
if [ "$((passed + failed + skipped))" -eq 0 ]; then echo "no tests ran"; exit 1; fi

# Images: both programs built with buildah from deploy/docker/*.Dockerfile into OCI archives (.tools/images/) and
# smoke-tested (starts, --version, Europe/Berlin, non-root); each check counts as a test.
images=0
scripts/build-images.sh --tool buildah --no-build --smoke 2>&1 | tee .tools/images-output.log || images=$?
read -r ipassed ifailed < <(sed -nE 's/^image checks: ([0-9]+) passed, ([0-9]+) failed$/\1 \2/p' .tools/images-output.log | tail -1; echo "0 1")
if [ "$images" -ne 0 ] && [ "$ifailed" -eq 0 ]; then ifailed=1; fi
passed=$((passed + ipassed)); failed=$((failed + ifailed))
if [ "$images" -ne 0 ]; then status=1; fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit $status
