namespace Autoscale.Deploy.Tests;

public sealed class RenderTests
{
    public static TheoryData<string> KustomizeDirs => new()
    {
        ".", "overlays/external-metrics", "overlays/no-cert-manager", "overlays/side-by-side", "monitoring", "examples",
        "rbac", "apiservice", "controller",
    };

    public static TheoryData<string> HelmValueSets => new()
    {
        "",
        "externalMetrics.enabled=true",
        string.Join(';', Render.NoCertManager),
        "controller.enabled=false",
        "apiService.enabled=false",
        "monitoring.prometheusRule.enabled=true;monitoring.dashboard.enabled=true",
        "controller.placeholderNamespaces={llm,batch}",
        "adapter.scrapeInterval=5s;adapter.replicas=3;adapter.image.tag=dev",
        "kedaScaler.enabled=true;kedaScaler.plaintext=true",
    };

    [Theory]
    [MemberData(nameof(KustomizeDirs))]
    public void Kustomize_renders(string dir)
    {
        var objects = Render.Kustomize(dir);
        Assert.NotEmpty(objects);
        Assert.All(objects, o => Assert.False(string.IsNullOrEmpty(o.Name), $"{o.Kind} without a name"));
        Assert.Equal(objects.Count, objects.Select(o => o.Key).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(HelmValueSets))]
    public void Helm_lint_passes(string values)
    {
        var args = new List<string> { "lint", Path.Combine(Repo.Deploy, "chart"), "--strict", "--namespace", Render.Namespace };
        foreach (var set in Sets(values))
        {
            args.AddRange(["--set", set]);
        }

        var result = Tool.Run(Repo.Helm, args, Repo.HelmEnvironment);
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
    }

    [Theory]
    [MemberData(nameof(HelmValueSets))]
    public void Helm_template_renders(string values)
    {
        var objects = Render.Helm(Sets(values));
        Assert.NotEmpty(objects);
        Assert.Equal(objects.Count, objects.Select(o => o.Key).Distinct().Count());
    }

    [Fact]
    public void Helm_without_cert_manager_requires_a_ca_bundle()
    {
        var result = Render.HelmTemplateRaw("certManager.enabled=false");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("apiService.caBundle is required", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Helm_values_reach_the_objects()
    {
        var objects = Render.Helm("adapter.scrapeInterval=5s", "adapter.replicas=3", "adapter.image.tag=dev");
        var adapter = objects.Single(o => o.Key == "Deployment autoscale/autoscale-metrics-adapter");
        Assert.Equal(3, (int?)adapter["spec.replicas"]);
        Assert.Equal("registry.example.com/autoscale/metrics-adapter:dev", (string?)adapter["spec.template.spec.containers[0].image"]);
        var config = (string?)objects.Single(o => o.Name == "autoscale-metrics-adapter-config")["data['config.yaml']"];
        Assert.Contains("interval: 5s ", config, StringComparison.Ordinal);
    }

    [Fact]
    public void Helm_placeholder_namespaces_replace_the_cluster_wide_binding()
    {
        var objects = Render.Helm("controller.placeholderNamespaces={llm,batch}");
        Assert.DoesNotContain(objects, o => o.Key == "ClusterRoleBinding /autoscale-scale-controller-placeholders");
        Assert.Contains(objects, o => o.Key == "RoleBinding llm/autoscale-scale-controller-placeholders");
        Assert.Contains(objects, o => o.Key == "RoleBinding batch/autoscale-scale-controller-placeholders");
    }

    [Fact]
    public void Helm_controller_can_be_disabled()
    {
        var objects = Render.Helm("controller.enabled=false");
        Assert.DoesNotContain(objects, o => o.Name.StartsWith("autoscale-scale-controller", StringComparison.Ordinal));
        Assert.DoesNotContain(objects, o => o.Kind == "PriorityClass");
        Assert.Contains(objects, o => o.Key == "Deployment autoscale/autoscale-metrics-adapter");
    }

    internal static string[] Sets(string values) => values.Split(';', StringSplitOptions.RemoveEmptyEntries);
}
