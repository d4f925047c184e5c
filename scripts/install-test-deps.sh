#!/usr/bin/env bash
# Installs the real tools the tests use (never mocks): kubectl is on the machine; others come from
# Debian's packages and the npm registry. Idempotent; fast when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .tools

command -v kubectl >/dev/null || { echo "kubectl is required on PATH" >&2; exit 1; }
