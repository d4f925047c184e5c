namespace Autoscale.Deploy.Tests;

/// <summary>
/// Every rendered object against the Kubernetes OpenAPI schema of its kind (offline, see validate-k8s.mjs).
/// Built-in kinds: schema + unknown fields. cert-manager and prometheus-operator kinds: their CRD schemas
/// (unknown fields not checked: those schemas allow extra properties and the packages keep no field list).
/// </summary>
public sealed class SchemaTests
{
    private static readonly HashSet<string> CrdKinds = ["Certificate", "Issuer", "PrometheusRule", "PodMonitor", "ServiceMonitor"];

    public static TheoryData<string> Renders => new()
    {
        "kustomize:.", "kustomize:overlays/external-metrics", "kustomize:overlays/no-cert-manager",
        "kustomize:monitoring", "kustomize:examples",
        "helm:", "helm:externalMetrics.enabled=true", "helm:" + string.Join(';', Render.NoCertManager),
        "helm:monitoring.prometheusRule.enabled=true;monitoring.dashboard.enabled=true;controller.placeholderNamespaces={llm}",
        "helm:monitoring.podMonitor.enabled=true;monitoring.serviceMonitor.enabled=true;imagePullSecrets[0].name=regcred",
        "kustomize:overlays/side-by-side", "helm:apiService.enabled=false",
        "helm:kedaScaler.enabled=true;kedaScaler.plaintext=true;adapter.routerMetricsAccess=true",
    };

    [Theory]
    [MemberData(nameof(Renders))]
    public void Every_object_is_valid_for_its_kind(string render)
    {
        var yaml = render.StartsWith("kustomize:", StringComparison.Ordinal)
            ? Render.KustomizeYaml(render["kustomize:".Length..])
            : Render.HelmYaml(RenderTests.Sets(render["helm:".Length..]));
        var reports = SchemaValidator.Validate(yaml);

        Assert.Equal(Manifest.Parse(yaml).Count, reports.Count);
        Assert.All(reports, r =>
        {
            Assert.True(r.Errors.Count == 0, $"{r.Key}: {string.Join("; ", r.Errors)}");
            Assert.True(r.Schema == "validated", $"{r.Key}: no schema for {r.ApiVersion} {r.Kind}");
            var strictExpected = CrdKinds.Contains(r.Kind) ? "skipped" : "validated";
            Assert.True(r.Strict == strictExpected, $"{r.Key}: unknown-field check {r.Strict}");
        });
    }

    [Fact]
    public void The_validator_rejects_unknown_fields_wrong_types_and_missing_required_fields()
    {
        const string Bad = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: typo}
            spec:
              selector: {matchLabels: {a: b}}
              template:
                metadata: {labels: {a: b}}
                spec:
                  containers:
                    - name: c
                      image: i
                      readinessProb: {httpGet: {path: /readyz, port: 80}}
            ---
            apiVersion: apiregistration.k8s.io/v1
            kind: APIService
            metadata: {name: wrong-type}
            spec: {group: g, version: v, groupPriorityMinimum: "high", versionPriority: 1}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: missing-port}
            spec: {ports: [{name: https}]}
            ---
            apiVersion: cert-manager.io/v1
            kind: Certificate
            metadata: {name: missing-issuer}
            spec: {secretName: s}
            """;

        var reports = SchemaValidator.Validate(Bad).ToDictionary(r => r.Name);

        Assert.Contains(reports["typo"].Errors, e => e.Contains("readinessProb: unknown field", StringComparison.Ordinal));
        Assert.Contains(reports["wrong-type"].Errors, e => e.Contains("groupPriorityMinimum", StringComparison.Ordinal));
        Assert.Contains(reports["missing-port"].Errors, e => e.Contains("port", StringComparison.Ordinal));
        Assert.Equal("failed", reports["missing-issuer"].Schema);
    }
}
