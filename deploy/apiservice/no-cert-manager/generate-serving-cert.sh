#!/usr/bin/env bash
# For clusters without cert-manager: makes a private CA and a serving certificate for the adapter,
# stores them in Secret autoscale/autoscale-metrics-adapter-serving-cert and writes the CA into the
# APIServices' caBundle. Nothing it makes is committed: keys live in a temporary folder (or --out-dir).
#
#   generate-serving-cert.sh                    apply to the current kubectl context
#   generate-serving-cert.sh --out-dir DIR      only write ca.crt, tls.crt, tls.key to DIR (no cluster)
#   NAMESPACE=x SERVICE=y DAYS=n ...            override the defaults below
#
# Re-run before DAYS runs out (default 365): the adapter reloads the files from the Secret on its own.
set -euo pipefail

NAMESPACE=${NAMESPACE:-autoscale}
SERVICE=${SERVICE:-autoscale-metrics-adapter}
SECRET=${SECRET:-autoscale-metrics-adapter-serving-cert}
DAYS=${DAYS:-365}
APISERVICES=${APISERVICES:-v1beta2.custom.metrics.k8s.io v1beta1.custom.metrics.k8s.io}

out_dir=""
if [ "${1:-}" = "--out-dir" ]; then out_dir=${2:?--out-dir needs a folder}; fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
umask 077

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -sha256 -days "$((DAYS * 2))" \
  -subj "/CN=autoscale-ca" -keyout "$work/ca.key" -out "$work/ca.crt" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null

# The aggregator dials <service>.<namespace>.svc and verifies that name (kube-aggregator ServerName).
cat > "$work/ext.cnf" <<CNF
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=DNS:${SERVICE}.${NAMESPACE}.svc,DNS:${SERVICE}.${NAMESPACE}.svc.cluster.local
CNF
openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -sha256 \
  -subj "/CN=${SERVICE}.${NAMESPACE}.svc" -keyout "$work/tls.key" -out "$work/tls.csr" 2>/dev/null
openssl x509 -req -in "$work/tls.csr" -CA "$work/ca.crt" -CAkey "$work/ca.key" -CAcreateserial \
  -days "$DAYS" -sha256 -extfile "$work/ext.cnf" -out "$work/tls.crt" 2>/dev/null
openssl verify -CAfile "$work/ca.crt" "$work/tls.crt" >/dev/null

if [ -n "$out_dir" ]; then
  mkdir -p "$out_dir"
  cp "$work/ca.crt" "$work/tls.crt" "$work/tls.key" "$out_dir/"
  echo "wrote $out_dir/{ca.crt,tls.crt,tls.key}; helm: --set certManager.enabled=false --set apiService.caBundle=$(base64 -w0 "$work/ca.crt")"
  exit 0
fi

kubectl -n "$NAMESPACE" create secret generic "$SECRET" --type=kubernetes.io/tls \
  --from-file=tls.crt="$work/tls.crt" --from-file=tls.key="$work/tls.key" --from-file=ca.crt="$work/ca.crt" \
  --dry-run=client -o yaml | kubectl apply -f -

ca_bundle=$(base64 -w0 "$work/ca.crt")
for apiservice in $APISERVICES; do
  if kubectl get apiservice "$apiservice" >/dev/null 2>&1; then
    kubectl patch apiservice "$apiservice" --type=merge -p "{\"spec\":{\"caBundle\":\"${ca_bundle}\",\"insecureSkipTLSVerify\":false}}"
  fi
done
# Pods mount the Secret; restart so a first install does not wait for the kubelet's sync.
kubectl -n "$NAMESPACE" rollout restart deployment "$SERVICE"
