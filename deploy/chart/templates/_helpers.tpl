{{/* Object names are fixed: the programs look them up by these names (Lease, ConfigMaps, Secret). */}}
{{- define "autoscale.adapterName" -}}autoscale-metrics-adapter{{- end -}}
{{- define "autoscale.controllerName" -}}autoscale-scale-controller{{- end -}}
{{- define "autoscale.servingCertName" -}}autoscale-metrics-adapter-serving-cert{{- end -}}

{{- define "autoscale.labels" -}}
app.kubernetes.io/part-of: autoscale
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* <registry>/<repository>:<tag>; the registry is fully qualified so no runtime guesses docker.io. */}}
{{- define "autoscale.image" -}}
{{- $registry := required "image.registry is required (the registry you pushed the images to, e.g. ghcr.io/you)" .registry -}}
{{- printf "%s/%s:%s" (trimSuffix "/" $registry) .image.repository (default .appVersion .image.tag) -}}
{{- end -}}

{{/* APIService pieces shared by every group/version. */}}
{{- define "autoscale.apiServiceAnnotations" -}}
{{- if .Values.certManager.enabled -}}
annotations:
  cert-manager.io/inject-ca-from: {{ .Release.Namespace }}/{{ include "autoscale.servingCertName" . }}
{{- end -}}
{{- end -}}

{{- define "autoscale.apiServiceSpec" -}}
service:
  name: {{ include "autoscale.adapterName" . }}
  namespace: {{ .Release.Namespace }}
  port: 443
groupPriorityMinimum: {{ .Values.apiService.groupPriorityMinimum }}
{{- if not .Values.certManager.enabled }}
caBundle: {{ required "apiService.caBundle is required when certManager.enabled=false (see deploy/apiservice/no-cert-manager)" .Values.apiService.caBundle }}
{{- end -}}
{{- end -}}

{{- define "autoscale.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 1654
runAsGroup: 1654
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "autoscale.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop: ["ALL"]
seccompProfile:
  type: RuntimeDefault
{{- end -}}
