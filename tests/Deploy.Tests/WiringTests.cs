using System.Text.Json.Nodes;

namespace Autoscale.Deploy.Tests;

/// <summary>APIService -> Service -> Deployment ports -> certificate names line up, in every render.</summary>
public sealed class WiringTests
{
    public static TheoryData<string> Renders => new()
    {
        "kustomize:.", "kustomize:overlays/external-metrics", "kustomize:overlays/no-cert-manager",
        "helm:", "helm:externalMetrics.enabled=true", "helm:" + string.Join(';', Render.NoCertManager),
    };

    [Theory]
    [MemberData(nameof(Renders))]
    public void APIServices_point_at_the_adapter_Service_and_its_pods(string render)
    {
        var objects = Load(render);
        var apiServices = objects.Where(o => o.Kind == "APIService").ToList();
        Assert.NotEmpty(apiServices);
        foreach (var api in apiServices)
        {
            Assert.Equal($"{api["spec.version"]}.{api["spec.group"]}", api.Name);
            Assert.Null(api["spec.insecureSkipTLSVerify"]);
            var service = objects.Single(o => o.Kind == "Service"
                && o.Name == (string?)api["spec.service.name"] && o.Namespace == (string?)api["spec.service.namespace"]);
            var port = ((JsonArray)service["spec.ports"]!).Single(p => (int?)p!["port"] == ((int?)api["spec.service.port"] ?? 443))!;

            var deployment = SelectedDeployment(objects, service);
            var container = deployment["spec.template.spec.containers[0]"]!;
            var targetPort = (string?)port["targetPort"];
            var containerPort = ((JsonArray)container["ports"]!).Single(p => (string?)p!["name"] == targetPort)!;
            Assert.Equal(6443, (int?)containerPort["containerPort"]);
            Assert.Contains("--secure-port=6443", Args(container));
        }
    }

    [Theory]
    [MemberData(nameof(Renders))]
    public void Serving_certificate_covers_the_name_the_aggregator_dials(string render)
    {
        var objects = Load(render);
        var adapter = objects.Single(o => o.Key == "Deployment autoscale/autoscale-metrics-adapter");
        var secretName = (string?)((JsonArray)adapter["spec.template.spec.volumes"]!)
            .Single(v => (string?)v!["name"] == "serving-cert")!["secret"]!["secretName"];
        Assert.Equal("autoscale-metrics-adapter-serving-cert", secretName);

        var certificate = objects.SingleOrDefault(o => o.Kind == "Certificate" && (string?)o["spec.secretName"] == secretName);
        foreach (var api in objects.Where(o => o.Kind == "APIService"))
        {
            var inject = (string?)api["metadata.annotations['cert-manager.io/inject-ca-from']"];
            if (render.Contains("no-cert-manager", StringComparison.Ordinal) || render.Contains("certManager.enabled=false", StringComparison.Ordinal))
            {
                Assert.Null(certificate);
                Assert.Null(inject);
                continue;
            }

            Assert.NotNull(certificate);
            Assert.Equal($"{certificate.Namespace}/{certificate.Name}", inject);
            var dnsNames = ((JsonArray)certificate["spec.dnsNames"]!).Select(n => (string?)n).ToList();
            var svc = $"{api["spec.service.name"]}.{api["spec.service.namespace"]}.svc";
            Assert.Contains(svc, dnsNames);
            Assert.Contains(svc + ".cluster.local", dnsNames);
            Assert.Contains("server auth", ((JsonArray)certificate["spec.usages"]!).Select(n => (string?)n));

            // The serving certificate is signed by the CA Issuer, whose CA comes from the self-signed root.
            var issuer = objects.Single(o => o.Kind == "Issuer" && o.Name == (string?)certificate["spec.issuerRef.name"]);
            var ca = objects.Single(o => o.Kind == "Certificate" && (string?)o["spec.secretName"] == (string?)issuer["spec.ca.secretName"]);
            Assert.True((bool?)ca["spec.isCA"]);
            Assert.NotNull(objects.Single(o => o.Kind == "Issuer" && o.Name == (string?)ca["spec.issuerRef.name"])["spec.selfSigned"]);
        }
    }

    [Fact]
    public void Custom_metrics_versions_and_priorities()
    {
        var api = Render.Kustomize(".").Where(o => o.Kind == "APIService").ToDictionary(o => o.Name);
        Assert.Equal(["v1beta1.custom.metrics.k8s.io", "v1beta2.custom.metrics.k8s.io"], api.Keys.Order());
        Assert.Equal(200, (int?)api["v1beta2.custom.metrics.k8s.io"]["spec.versionPriority"]);
        Assert.Equal(100, (int?)api["v1beta1.custom.metrics.k8s.io"]["spec.versionPriority"]);
        Assert.All(api.Values, a => Assert.Equal(100, (int?)a["spec.groupPriorityMinimum"]));
    }

    [Fact]
    public void External_metrics_are_opt_in()
    {
        static KObject Adapter(IEnumerable<KObject> o) => o.Single(x => x.Key == "Deployment autoscale/autoscale-metrics-adapter");

        var root = Render.Kustomize(".");
        Assert.DoesNotContain(root, o => o.Name == "v1beta1.external.metrics.k8s.io");
        Assert.DoesNotContain("--enable-external-metrics", Args(Adapter(root)["spec.template.spec.containers[0]"]!));

        var overlay = Render.Kustomize("overlays/external-metrics");
        var external = overlay.Single(o => o.Name == "v1beta1.external.metrics.k8s.io");
        Assert.Equal(100, (int?)external["spec.versionPriority"]);
        Assert.Contains("--enable-external-metrics", Args(Adapter(overlay)["spec.template.spec.containers[0]"]!));
    }

    [Theory]
    [InlineData("kustomize:.")]
    [InlineData("kustomize:examples")]
    [InlineData("helm:")]
    public void Probes_use_ports_the_container_declares(string render)
    {
        foreach (var deployment in Load(render).Where(o => o.Kind == "Deployment"))
        {
            foreach (var container in (JsonArray)deployment["spec.template.spec.containers"]!)
            {
                var ports = ((JsonArray)container!["ports"]!).Select(p => p!).ToList();
                foreach (var probe in new[] { "startupProbe", "livenessProbe", "readinessProbe" })
                {
                    if (container[probe] is not { } p)
                    {
                        continue;
                    }

                    var port = p["httpGet"]!["port"]!;
                    Assert.True(
                        ports.Any(cp => port.GetValueKind() == System.Text.Json.JsonValueKind.String
                            ? (string?)cp["name"] == (string?)port
                            : (int?)cp["containerPort"] == (int?)port),
                        $"{deployment.Key} {probe} port {port} is not a container port");
                }

                Assert.NotNull(container["livenessProbe"]);
                Assert.NotNull(container["readinessProbe"]);
            }
        }
    }

    [Fact]
    public void Adapter_runs_with_the_agreed_flags_ports_and_probes()
    {
        var adapter = Render.Kustomize(".").Single(o => o.Key == "Deployment autoscale/autoscale-metrics-adapter");
        var c = adapter["spec.template.spec.containers[0]"]!;
        Assert.Equal(
            ["serve", "--secure-port=6443", "--tls-cert-file=/var/run/serving-cert/tls.crt",
             "--tls-private-key-file=/var/run/serving-cert/tls.key", "--metrics-port=8080",
             "--config=/etc/autoscale/adapter/config.yaml"],
            Args(c));
        Assert.Equal([("https", 6443), ("metrics", 8080)], Ports(c));
        Assert.Equal("/livez", (string?)c["livenessProbe"]!["httpGet"]!["path"]);
        Assert.Equal("/readyz", (string?)c["readinessProbe"]!["httpGet"]!["path"]);
        Assert.Equal("HTTPS", (string?)c["readinessProbe"]!["httpGet"]!["scheme"]);
        Assert.Equal("https", (string?)c["readinessProbe"]!["httpGet"]!["port"]);
        Assert.Equal(2, (int?)adapter["spec.replicas"]);
        Assert.Equal("RollingUpdate", (string?)adapter["spec.strategy.type"]);
        Assert.Equal("250m", (string?)c["resources"]!["requests"]!["cpu"]);
        Assert.Equal("256Mi", (string?)c["resources"]!["requests"]!["memory"]);
        Assert.Equal("512Mi", (string?)c["resources"]!["limits"]!["memory"]);
        Assert.Equal("/etc/autoscale/adapter", Mount(c, "config"));
        Assert.Equal("/var/run/serving-cert", Mount(c, "serving-cert"));

        var pdb = Render.Kustomize(".").Single(o => o.Key == "PodDisruptionBudget autoscale/autoscale-metrics-adapter");
        Assert.Equal(1, (int?)pdb["spec.minAvailable"]);
        Assert.Equal(Manifest.Canonical(adapter["spec.selector.matchLabels"]), Manifest.Canonical(pdb["spec.selector.matchLabels"]));
    }

    [Fact]
    public void Controller_runs_with_the_agreed_flags_ports_and_probes()
    {
        var objects = Render.Kustomize(".");
        var controller = objects.Single(o => o.Key == "Deployment autoscale/autoscale-scale-controller");
        var c = controller["spec.template.spec.containers[0]"]!;
        Assert.Equal(
            ["--config=/etc/autoscale/controller/config.yaml", "--health-port=8081", "--leader-election-namespace=autoscale"],
            Args(c));
        Assert.Equal([("metrics", 8081)], Ports(c));
        Assert.Equal("/healthz", (string?)c["livenessProbe"]!["httpGet"]!["path"]);
        Assert.Equal("/readyz", (string?)c["readinessProbe"]!["httpGet"]!["path"]);
        Assert.Equal(2, (int?)controller["spec.replicas"]);
        Assert.Equal("/etc/autoscale/controller", Mount(c, "config"));
        Assert.Equal("autoscale-scale-controller-config",
            (string?)((JsonArray)controller["spec.template.spec.volumes"]!).Single(v => (string?)v!["name"] == "config")!["configMap"]!["name"]);
        Assert.NotNull(objects.Single(o => o.Key == "ConfigMap autoscale/autoscale-scale-controller-config")["data['config.yaml']"]);
        Assert.NotNull(objects.Single(o => o.Key == "ConfigMap autoscale/autoscale-metrics-adapter-config")["data['config.yaml']"]);

        var placeholder = objects.Single(o => o.Kind == "PriorityClass");
        Assert.Equal("autoscale-placeholder", placeholder.Name);
        Assert.Equal(-10, (int?)placeholder["value"]);
        Assert.Equal("Never", (string?)placeholder["preemptionPolicy"]);
        Assert.False((bool?)placeholder["globalDefault"]);
    }

    [Theory]
    [InlineData("kustomize:.")]
    [InlineData("helm:")]
    public void Programs_run_locked_down(string render)
    {
        foreach (var deployment in Load(render).Where(o => o.Kind == "Deployment"))
        {
            var pod = deployment["spec.template.spec"]!;
            Assert.True((bool?)pod["securityContext"]!["runAsNonRoot"], deployment.Key);
            Assert.Equal("RuntimeDefault", (string?)pod["securityContext"]!["seccompProfile"]!["type"]);
            foreach (var c in (JsonArray)pod["containers"]!)
            {
                var sc = c!["securityContext"]!;
                Assert.True((bool?)sc["runAsNonRoot"], deployment.Key);
                Assert.True((bool?)sc["readOnlyRootFilesystem"], deployment.Key);
                Assert.False((bool?)sc["allowPrivilegeEscalation"], deployment.Key);
                Assert.Equal(["ALL"], ((JsonArray)sc["capabilities"]!["drop"]!).Select(d => (string?)d));
                Assert.Null(sc["capabilities"]!["add"]);
                Assert.Equal("RuntimeDefault", (string?)sc["seccompProfile"]!["type"]);
                Assert.Equal("/tmp", Mount(c, "tmp"));
                Assert.NotNull(((JsonArray)pod["volumes"]!).Single(v => (string?)v!["name"] == "tmp")!["emptyDir"]);
                Assert.NotNull(c["resources"]!["limits"]!["memory"]);
            }
        }
    }

    internal static IReadOnlyList<KObject> Load(string render) =>
        render.StartsWith("kustomize:", StringComparison.Ordinal)
            ? Render.Kustomize(render["kustomize:".Length..])
            : Render.Helm(RenderTests.Sets(render["helm:".Length..]));

    private static KObject SelectedDeployment(IReadOnlyList<KObject> objects, KObject service)
    {
        var selector = ((JsonObject)service["spec.selector"]!).ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
        return objects.Single(o => o.Kind == "Deployment" && o.Namespace == service.Namespace
            && selector.All(kv => (string?)o[$"spec.template.metadata.labels['{kv.Key}']"] == kv.Value));
    }

    private static List<string?> Args(JsonNode container) => ((JsonArray)container["args"]!).Select(a => (string?)a).ToList();

    private static List<(string?, int?)> Ports(JsonNode container) =>
        ((JsonArray)container["ports"]!).Select(p => ((string?)p!["name"], (int?)p["containerPort"])).ToList();

    private static string? Mount(JsonNode container, string volume) =>
        (string?)((JsonArray)container["volumeMounts"]!).SingleOrDefault(m => (string?)m!["name"] == volume)?["mountPath"];
}
