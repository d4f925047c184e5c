#!/usr/bin/env bash
# Smoke checks of the two OCI archives scripts/build-images.sh writes, run with buildah (no daemon):
# each image runs as non-root uid 1654, its program starts and prints its version and commit, the adapter reads
# the shipped config, and the controller resolves the IANA zone Europe/Berlin (warm-pool schedules; an image
# without tzdata refuses it) while still refusing an unknown zone. Prints one "PASS name" or "FAIL name: why"
# line per check and "image checks: N passed, N failed"; exits 1 when any failed. Nothing is tolerated: a missing
# tool or archive is a failure.
set -uo pipefail
cd "$(dirname "$0")/.."
adapter_archive="${1:?usage: smoke-images.sh METRICS_ADAPTER.oci.tar SCALE_CONTROLLER.oci.tar}"
controller_archive="${2:?usage: smoke-images.sh METRICS_ADAPTER.oci.tar SCALE_CONTROLLER.oci.tar}"
commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
passed=0 failed=0
pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }

work="$(mktemp -d /tmp/autoscale-smoke.XXXXXX)"
bh() { buildah --root "$work/storage" --runroot "$work/run" --storage-driver vfs "$@"; }
cleanup() { bh rm --all >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
export BUILDAH_ISOLATION=chroot

# Inputs mounted read-only into the containers.
mkdir -p "$work/in"
cp deploy/apiservice/adapter-config.yaml "$work/in/adapter-config.yaml"
zone_config() {
  cat <<YAML
workloads:
  - namespace: llm
    name: vllm-llama
    warmPool:
      maxGpus: 4
      schedules:
        - { days: [Mon, Tue, Wed, Thu, Fri], start: "08:00", end: "18:00", timeZone: $1, size: 2 }
YAML
}
zone_config Europe/Berlin > "$work/in/berlin.yaml"
zone_config Mars/Olympus > "$work/in/mars.yaml"
chmod -R a+rX "$work/in"

# run CONTAINER ARGS...: the image's entrypoint and user, as a pod would run it (no --user override).
run() { local ctr="$1"; shift; bh run --isolation chroot -v "$work/in:/smoke:ro" "$ctr" -- "$@"; }

check_image() {
  local name="$1" archive="$2" product="$3"
  if [ ! -f "$archive" ]; then fail "$name archive" "$archive does not exist"; return 1; fi
  local ctr
  if ! ctr="$(bh from --quiet "oci-archive:$archive" 2>"$work/err")"; then fail "$name loads" "$(tail -1 "$work/err")"; return 1; fi
  pass "$name loads from $archive ($(du -h "$archive" | cut -f1))"

  local user entrypoint
  user="$(bh inspect --format '{{.OCIv1.Config.User}}' "$ctr")"
  entrypoint="$(bh inspect --format '{{.OCIv1.Config.Entrypoint}}' "$ctr")"
  [ "$user" = "1654:1654" ] && pass "$name image user is 1654:1654" || fail "$name image user" "\"$user\", expected 1654:1654"

  local uid
  uid="$(run "$ctr" id -u 2>&1)"
  [ "$uid" = "1654" ] && pass "$name runs as uid 1654 (non-root)" || fail "$name runs as non-root" "id -u printed \"$uid\""

  local version
  version="$(run "$ctr" dotnet "/app/$product.dll" --version 2>&1)"
  if [[ "$version" == "$product 0."*" (commit $commit)" ]]; then
    pass "$name starts and prints its version: $version"
  else
    fail "$name --version" "printed \"$version\", expected \"$product <version> (commit $commit)\""
  fi
  [ "$entrypoint" = "[dotnet /app/$product.dll]" ] && pass "$name entrypoint $entrypoint" || fail "$name entrypoint" "$entrypoint"
  echo "$ctr" > "$work/$name.ctr"
}

if ! command -v buildah >/dev/null; then
  fail "buildah" "not installed (scripts/install-test-deps.sh installs it)"
else
  check_image metrics-adapter "$adapter_archive" Autoscale.MetricsAdapter
  check_image scale-controller "$controller_archive" Autoscale.ScaleController

  if [ -f "$work/metrics-adapter.ctr" ]; then
    out="$(run "$(cat "$work/metrics-adapter.ctr")" dotnet /app/Autoscale.MetricsAdapter.dll --check --config=/smoke/adapter-config.yaml 2>&1)"
    [[ "$out" == "config ok: source pod scraping"* ]] && pass "metrics-adapter reads the shipped config: $out" || fail "metrics-adapter --check" "$out"
  fi
  if [ -f "$work/scale-controller.ctr" ]; then
    ctr="$(cat "$work/scale-controller.ctr")"
    out="$(run "$ctr" dotnet /app/Autoscale.ScaleController.dll --check --config=/smoke/berlin.yaml 2>&1)"; rc=$?
    [ "$rc" = 0 ] && pass "scale-controller resolves Europe/Berlin (tzdata in the image)" || fail "scale-controller resolves Europe/Berlin" "exit $rc: $out"
    out="$(run "$ctr" dotnet /app/Autoscale.ScaleController.dll --check --config=/smoke/mars.yaml 2>&1)"; rc=$?
    [ "$rc" != 0 ] && [[ "$out" == *"Mars/Olympus"*"is not a known IANA time zone"* ]] \
      && pass "scale-controller refuses an unknown zone (the check can fail)" || fail "scale-controller refuses Mars/Olympus" "exit $rc: $out"
  fi
fi

echo "image checks: $passed passed, $failed failed"
[ "$failed" = 0 ]
