using System.Net;
using Autoscale.ScaleController.Hosting;
using Autoscale.ScaleController.Tests.Kube;

namespace Autoscale.ScaleController.Tests.Controller;

public sealed class HostingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Serves_healthz_readyz_and_metrics_on_loopback()
    {
        await using var h = await ControllerHarness.StartAsync();
        h.ScriptColdStarts();
        var app = await h.StartControllerAsync("pod-a", o => o with { HealthPort = 0 });
        using var http = new HttpClient { BaseAddress = app.HealthAddress };

        Assert.Equal("127.0.0.1", app.HealthAddress!.Host);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
        await Eventually.TrueAsync(() => h.Placeholders().Count == 1, Timeout, "acted");
        var ready = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("autoscale_controller_leader 1", metrics, StringComparison.Ordinal);
        Assert.Contains("autoscale_controller_config_valid 1", metrics, StringComparison.Ordinal);
        Assert.Contains("autoscale_controller_cold_start_seconds{workload=\"llm/qwen\",phase=\"total\"} 150", metrics, StringComparison.Ordinal);
        Assert.Contains("autoscale_controller_scale_down_window_seconds{workload=\"llm/qwen\"} 240", metrics, StringComparison.Ordinal);
        Assert.Contains("autoscale_controller_warm_pool_placeholders{workload=\"llm/qwen\",state=\"wanted\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("autoscale_controller_decisions_total{kind=\"create_placeholder\",outcome=\"applied\"} 1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Not_ready_until_the_caches_have_listed()
    {
        await using var h = await ControllerHarness.StartAsync();
        h.Server.InjectFaults(r => r.Verb == "list" ? new Autoscale.Testing.KubeApi.InjectedFault(503) : null);
        var app = await h.StartControllerAsync("pod-a", o => o with { LeaderElect = false });
        await Task.Delay(TimeSpan.FromMilliseconds(300), TimeProvider.System);

        Assert.Equal((false, "caches not synced"), app.Parts.Readiness());
        h.Server.InjectFaults(null);
        await Eventually.TrueAsync(() => app.Parts.Readiness().Ready, Timeout, "ready after the lists");
    }

    [Fact]
    public async Task Local_file_mode_hot_reloads_and_keeps_the_last_good_config()
    {
        await using var h = await ControllerHarness.StartAsync(config: null);
        var file = Path.Combine(Path.GetTempPath(), $"autoscale-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, ControllerHarness.Config);
        try
        {
            var app = await h.StartControllerAsync("pod-a", o => o with { ConfigFile = file, ConfigFileInterval = TimeSpan.FromMilliseconds(100), LeaderElect = false });
            await Eventually.TrueAsync(() => h.Placeholders().Count == 1, Timeout, "file config acts");

            await File.WriteAllTextAsync(file, "workloads: 7");
            await Eventually.TrueAsync(() => app.Parts.Metrics.ConfigValid.Value == 0, Timeout, "refused");
            Assert.Single(app.Parts.Config.Store.Current.Workloads);

            await File.WriteAllTextAsync(file, ControllerHarness.Config.Replace("minimum: 1", "minimum: 2", StringComparison.Ordinal));
            await Eventually.TrueAsync(() => h.Placeholders().Count == 2, Timeout, "reloaded");
            Assert.DoesNotContain(h.Server.Requests, r => r.Resource == "configmaps");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Parses_the_flags()
    {
        var o = CommandLine.Parse(["--config=/etc/c.yaml", "--kubeconfig", "/k", "--health-port=9090", "--leader-election-namespace=ops", "--dry-run", "--lease-duration=20s", "--interval=500ms"]);

        Assert.Equal(("/etc/c.yaml", "/k", 9090, "ops", true), (o.ConfigFile, o.Kubeconfig, o.HealthPort, o.LeaderElectionNamespace, o.DryRun));
        Assert.Equal((TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(500)), (o.LeaseDuration, o.Loop.Interval));
        Assert.Contains("--nope", Assert.ThrowsAny<ArgumentException>(() => CommandLine.Parse(["--nope"])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => CommandLine.Parse(["--renew-deadline=20s"]));
        Assert.Throws<ArgumentException>(() => CommandLine.Parse(["--health-port=x"]));
    }

    [Theory]
    [InlineData("--interval=1m30s", 90_000)]
    [InlineData("--interval=1.5s", 1_500)]
    public void Durations_read_as_in_the_config_files(string flag, long ms) =>
        Assert.Equal(TimeSpan.FromMilliseconds(ms), CommandLine.Parse([flag]).Loop.Interval);

    [Theory]
    [InlineData("--interval=0s")]
    [InlineData("--interval=5")]
    [InlineData("--interval=soon")]
    public void Durations_must_be_positive_go_durations(string flag) =>
        Assert.Contains("is not a positive duration", Assert.Throws<ArgumentException>(() => CommandLine.Parse([flag])).Message, StringComparison.Ordinal);
}
