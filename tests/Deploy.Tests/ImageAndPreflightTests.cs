namespace Autoscale.Deploy.Tests;

/// <summary>
/// Issue #13: images by a fully qualified, configurable registry (no runtime guesses docker.io), pull secrets, and
/// the preflight hook that keeps an install from taking custom.metrics.k8s.io from prometheus-adapter.
/// </summary>
public sealed class ImageAndPreflightTests
{
    private static IEnumerable<string> Images(IReadOnlyList<KObject> objects) =>
        objects.Where(o => o.Kind is "Deployment" or "Job")
            .SelectMany(o => ((System.Text.Json.Nodes.JsonArray)o["spec.template.spec.containers"]!).Select(c => (string)c!["image"]!));

    [Theory]
    [InlineData("kustomize:.")]
    [InlineData("helm:")]
    public void Every_image_is_fully_qualified(string render)
    {
        var images = Images(WiringTests.Load(render)).ToList();

        Assert.NotEmpty(images);
        // The first path component is a registry host (has a dot or a port), as container runtimes read it.
        Assert.All(images, image => Assert.Matches(@"^[a-z0-9.-]+\.[a-z]{2,}(:\d+)?/.+:.+$", image));
    }

    [Fact]
    public void The_registry_is_one_value_for_every_image()
    {
        var images = Images(Render.Helm("image.registry=ghcr.io/me/", "controller.image.tag=v2")).Order(StringComparer.Ordinal);

        Assert.Equal(
            ["ghcr.io/me/metrics-adapter:0.1.0", "ghcr.io/me/metrics-adapter:0.1.0", "ghcr.io/me/scale-controller:v2"],
            images);
    }

    [Fact]
    public void An_empty_registry_is_refused()
    {
        var result = Render.HelmTemplateRaw("image.registry=");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("at '/image/registry'", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Pull_secrets_reach_every_pod()
    {
        var pods = Render.Helm("imagePullSecrets[0].name=regcred").Where(o => o.Kind is "Deployment" or "Job").ToList();

        Assert.Equal(3, pods.Count);
        Assert.All(pods, p => Assert.Equal("regcred", (string?)p["spec.template.spec.imagePullSecrets[0].name"]));
    }

    [Fact]
    public void Preflight_runs_before_install_and_upgrade_and_fails_the_release_on_a_foreign_APIService()
    {
        var hooks = Render.Helm().Where(o => o.IsHook).ToList();
        var job = hooks.Single(o => o.Kind == "Job");

        Assert.Equal("pre-install,pre-upgrade", (string?)job["metadata.annotations['helm.sh/hook']"]);
        Assert.Equal(0, (int?)job["spec.backoffLimit"]);
        Assert.Equal(
            ["--preflight", "--service=autoscale/autoscale-metrics-adapter"],
            ((System.Text.Json.Nodes.JsonArray)job["spec.template.spec.containers[0].args"]!).Select(a => (string)a!));
        // Its ServiceAccount and rights are hooks too, created first: at pre-install the chart's RBAC does not exist yet.
        Assert.Equal(["ClusterRole", "ClusterRoleBinding", "ServiceAccount"], hooks.Where(o => o.Kind != "Job").Select(o => o.Kind).Order(StringComparer.Ordinal));
        Assert.All(hooks.Where(o => o.Kind != "Job"), o => Assert.True(
            int.Parse((string)o["metadata.annotations['helm.sh/hook-weight']"]!, System.Globalization.CultureInfo.InvariantCulture)
            < int.Parse((string)job["metadata.annotations['helm.sh/hook-weight']"]!, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Preflight_only_reads_the_APIServices_it_checks()
    {
        var grants = Rbac.For(Render.Helm("externalMetrics.enabled=true"), "autoscale", "autoscale-metrics-adapter-preflight");

        Assert.Equal(
            [
                new Grant("*", "apiregistration.k8s.io", "apiservices", "get", "v1beta1.custom.metrics.k8s.io"),
                new Grant("*", "apiregistration.k8s.io", "apiservices", "get", "v1beta1.external.metrics.k8s.io"),
                new Grant("*", "apiregistration.k8s.io", "apiservices", "get", "v1beta2.custom.metrics.k8s.io"),
            ],
            grants.OrderBy(g => g.Name, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("preflight.allowTakeover=true", "--allow-takeover")]
    [InlineData("externalMetrics.enabled=true", "--enable-external-metrics")]
    public void Preflight_flags_follow_the_values(string value, string flag)
    {
        var job = Render.Helm(value).Single(o => o.IsHook && o.Kind == "Job");

        Assert.Contains(flag, ((System.Text.Json.Nodes.JsonArray)job["spec.template.spec.containers[0].args"]!).Select(a => (string)a!));
    }

    [Fact]
    public void Preflight_can_be_turned_off()
    {
        Assert.DoesNotContain(Render.Helm("preflight.enabled=false"), o => o.IsHook);
    }

    [Theory]
    [InlineData("kustomize:overlays/side-by-side")]
    [InlineData("helm:apiService.enabled=false")]
    public void Side_by_side_registers_no_APIService_and_runs_no_preflight(string render)
    {
        var objects = WiringTests.Load(render);

        Assert.DoesNotContain(objects, o => o.Kind == "APIService");
        Assert.DoesNotContain(objects, o => o.IsHook);
        Assert.Contains(objects, o => o.Key == "Deployment autoscale/autoscale-metrics-adapter");
    }
}
