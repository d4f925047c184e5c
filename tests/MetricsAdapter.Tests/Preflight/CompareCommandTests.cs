using System.Net;
using Autoscale.MetricsAdapter.Preflight;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Autoscale.MetricsAdapter.Tests.Preflight;

/// <summary>
/// <c>compare</c> over two loopback adapters answering as prometheus-adapter and this adapter do: discovery side by
/// side, pod values side by side, exit 0 only when the new one serves what the old one does.
/// </summary>
public sealed class CompareCommandTests : IAsyncDisposable
{
    private readonly List<WebApplication> _apps = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Same_metrics_and_close_values_exit_0()
    {
        var old = await StartAsync(["pods/vllm_queue_depth", "namespaces/vllm_queue_depth"], new() { ["vllm_queue_depth"] = [("vllm-0", "3"), ("vllm-1", "2")] });
        var @new = await StartAsync(["pods/vllm_queue_depth", "namespaces/vllm_queue_depth", "pods/vllm_kv_cache_usage"], new() { ["vllm_queue_depth"] = [("vllm-0", "3050m"), ("vllm-1", "2")] });

        var (rc, output, errors) = await RunAsync(old, @new, "--namespace=llm");

        Assert.Equal(0, rc);
        Assert.Empty(errors);
        Assert.Contains("  pods/vllm_kv_cache_usage     -    yes", output, StringComparison.Ordinal);
        Assert.Contains("  vllm_queue_depth  vllm-0  3    3.05  1.6 %", output, StringComparison.Ordinal);
        Assert.Contains("summary: 2 metrics in both, 0 only in old, 1 only in new; 2 pod values compared, 0 differ by more than 10 %, 0 missing in new: the new adapter serves what the old one does", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_metric_only_the_old_adapter_serves_exits_1_and_is_named()
    {
        var old = await StartAsync(["pods/http_requests_per_second", "pods/vllm_queue_depth"], new() { ["vllm_queue_depth"] = [("vllm-0", "3")] });
        var @new = await StartAsync(["pods/vllm_queue_depth"], new() { ["vllm_queue_depth"] = [("vllm-0", "3")] });

        var (rc, output, _) = await RunAsync(old, @new, "--namespace=llm");

        Assert.Equal(1, rc);
        Assert.Contains("pods/http_requests_per_second  yes  -    HPAs on it lose it after the switch", output, StringComparison.Ordinal);
        Assert.Contains("1 only in old", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Values_beyond_tolerance_and_missing_pods_exit_1()
    {
        var old = await StartAsync(["pods/vllm_queue_depth"], new() { ["vllm_queue_depth"] = [("vllm-0", "10"), ("vllm-1", "4")] });
        var @new = await StartAsync(["pods/vllm_queue_depth"], new() { ["vllm_queue_depth"] = [("vllm-0", "5")] });

        var (rc, output, _) = await RunAsync(old, @new, "--namespace=llm");

        Assert.Equal(1, rc);
        Assert.Contains("vllm_queue_depth  vllm-0  10   5    50 % (beyond tolerance)", output, StringComparison.Ordinal);
        Assert.Contains("vllm_queue_depth  vllm-1  4    -    missing in new", output, StringComparison.Ordinal);
        Assert.Contains("1 differ by more than 10 %, 1 missing in new: NOT the same", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wider_tolerance_accepts_the_difference()
    {
        var old = await StartAsync(["pods/vllm_queue_depth"], new() { ["vllm_queue_depth"] = [("vllm-0", "10")] });
        var @new = await StartAsync(["pods/vllm_queue_depth"], new() { ["vllm_queue_depth"] = [("vllm-0", "7")] });

        var (rc, _, _) = await RunAsync(old, @new, "--namespace=llm", "--tolerance=0.5");

        Assert.Equal(0, rc);
    }

    [Fact]
    public async Task A_NotFound_Status_from_the_new_adapter_is_shown_with_its_message()
    {
        var old = await StartAsync(["pods/vllm_queue_depth"], new() { ["vllm_queue_depth"] = [("vllm-0", "1")] });
        var @new = await StartAsync(["pods/vllm_queue_depth"], []);

        var (rc, output, _) = await RunAsync(old, @new, "--namespace=llm");

        Assert.Equal(1, rc);
        Assert.Contains("vllm_queue_depth  *    1 pods  404: the server could not find the metric vllm_queue_depth for pods  not served by new", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metric_selector_and_version_reach_the_adapters()
    {
        var seen = new List<string>();
        var old = await StartAsync(["pods/a", "pods/b"], new() { ["a"] = [("p", "1")], ["b"] = [("p", "1")] }, seen);
        var @new = await StartAsync(["pods/a", "pods/b"], new() { ["a"] = [("p", "1")], ["b"] = [("p", "1")] }, seen);

        var (rc, _, _) = await RunAsync(old, @new, "--namespace=llm", "--metric=b", "--selector=app=vllm", "--api-version=v1beta2");

        Assert.Equal(0, rc);
        Assert.Equal(
            ["/apis/custom.metrics.k8s.io/v1beta2", "/apis/custom.metrics.k8s.io/v1beta2/namespaces/llm/pods/*/b?labelSelector=app%3Dvllm"],
            seen.Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_unreachable_adapter_exits_3()
    {
        var old = await StartAsync(["pods/a"], []);
        var closed = await StartAsync(["pods/a"], []);
        await closed.StopAsync();

        var (rc, _, errors) = await RunAsync(old, closed, "--namespace=llm");

        Assert.Equal(3, rc);
        Assert.StartsWith("compare: cannot read http://127.0.0.1:", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_required_flags_are_usage_errors()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => CompareCommand.RunAsync(["--old=http://127.0.0.1:1"], TextWriter.Null, TextWriter.Null));

        Assert.Equal("compare needs --old=URL, --new=URL and --namespace=NS", ex.Message);
    }

    private static async Task<(int Rc, string Output, string Errors)> RunAsync(WebApplication old, WebApplication @new, params string[] flags)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var rc = await CompareCommand.RunAsync([$"--old={Address(old)}", $"--new={Address(@new)}", .. flags], output, errors);
        return (rc, output.ToString(), errors.ToString());
    }

    private static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

    /// <summary>An adapter's custom.metrics.k8s.io: a resource list, and MetricValueLists or a NotFound Status.</summary>
    private async Task<WebApplication> StartAsync(string[] resources, Dictionary<string, (string Pod, string Value)[]> values, List<string>? seen = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            lock (seen ?? [])
            {
                seen?.Add(context.Request.Path + context.Request.QueryString);
            }

            await next(context);
        });
        app.MapGet("/apis/custom.metrics.k8s.io/{version}", (string version) => Results.Json(new
        {
            kind = "APIResourceList",
            groupVersion = $"custom.metrics.k8s.io/{version}",
            resources = resources.Select(r => new { name = r, namespaced = true, kind = "MetricValueList", verbs = new[] { "get" } }),
        }));
        app.MapGet("/apis/custom.metrics.k8s.io/{version}/namespaces/{ns}/pods/*/{metric}", (string ns, string metric) =>
            values.TryGetValue(metric, out var pods)
                ? Results.Json(new
                {
                    kind = "MetricValueList",
                    items = pods.Select(p => new { describedObject = new { kind = "Pod", @namespace = ns, name = p.Pod, apiVersion = "/v1" }, metricName = metric, timestamp = "2026-12-07T12:00:00Z", value = p.Value }),
                })
                : Results.Json(new { kind = "Status", status = "Failure", reason = "NotFound", code = 404, message = $"the server could not find the metric {metric} for pods" }, statusCode: 404));
        await app.StartAsync();
        _apps.Add(app);
        return app;
    }
}
