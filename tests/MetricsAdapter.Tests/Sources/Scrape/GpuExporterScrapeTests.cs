using System.Net;
using Autoscale.MetricsAdapter.Sources;
using Autoscale.MetricsAdapter.Store;
using static Autoscale.MetricsAdapter.Tests.Sources.Scrape.ScrapeHarness;

namespace Autoscale.MetricsAdapter.Tests.Sources.Scrape;

/// <summary>A dcgm-exporter target (served by a stub handler): series go to the pods its labels name.</summary>
public sealed class GpuExporterScrapeTests
{
    [Fact]
    public async Task Gpu_series_go_to_known_workload_pods_and_leave_with_them()
    {
        var handler = new PageHandler();
        await using var h = new ScrapeHarness(handler: handler);
        h.SetInventory("llama-70b-0");
        await h.StartAsync();
        var exporter = new ScrapeTarget(new ObjectKey("gpu-operator", "dcgm-exporter-abc"), TargetKind.GpuExporter, new Uri("http://127.0.0.1:9400/metrics"));
        handler.Page = """
            DCGM_FI_DEV_GPU_UTIL{gpu="0",namespace="llm",pod="llama-70b-0"} 90
            DCGM_FI_DEV_GPU_UTIL{gpu="1",namespace="llm",pod="llama-70b-0"} 70
            DCGM_FI_DEV_GPU_UTIL{gpu="2",namespace="llm",pod="not-in-inventory"} 10
            """;
        h.Targets.Replace([exporter]);
        await Eventually.TrueAsync(() => h.LastTimestamp("llama-70b-0", "gpu_utilization") is not null, "the GPU pod has a value");
        Assert.Equal(80, Assert.Single(h.Series("llama-70b-0", "gpu_utilization")).Last.Value);

        handler.Page = """DCGM_FI_DEV_GPU_UTIL{gpu="0",namespace="",pod=""} 0""";
        h.Time.Advance(h.Settings.Interval);
        await Eventually.TrueAsync(() => h.LastTimestamp("llama-70b-0", "gpu_utilization") is null, "the pod left the exporter's page");
    }

    private sealed class PageHandler : HttpMessageHandler
    {
        public string Page { get; set; } = "";

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(Page + "\n") });
    }
}
