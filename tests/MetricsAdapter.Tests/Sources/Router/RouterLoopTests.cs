using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Sources.Router;
using Autoscale.MetricsAdapter.Sources.Scrape;
using Autoscale.MetricsAdapter.Store;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Autoscale.MetricsAdapter.Tests.Sources.Router;

/// <summary>
/// One router's loop over loopback on a fake clock: values on the scale target from the first page (a rate from the
/// second), the counter's change per second, a restart counted from zero, and failures that keep the last good values
/// and then say why they are gone.
/// </summary>
public sealed class RouterLoopTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 6, 0, 0, TimeSpan.Zero);
    private static readonly ObjectReference Target = new("Deployment", "llm", "llama", "apps/v1");

    private readonly FakeTimeProvider _time = new(Start);
    private readonly HttpScraper _http = new();
    private RouterPageServer _router = null!;

    public async Task InitializeAsync() => _router = await RouterPageServer.StartAsync(Page(queued: 2, total: 10));

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _router.DisposeAsync();
    }

    [Fact]
    public async Task The_first_page_gives_the_pending_count_and_the_second_the_rate()
    {
        var loop = Loop();
        Assert.All(loop.Values, v => Assert.Equal("has not been read yet", v.Missing));

        await loop.ScrapeOnceAsync(CancellationToken.None);
        Assert.Equal(new Sample(2, Start), Value(loop, RouterSeries.PendingRequests).Sample);
        Assert.Equal("has no rate yet: it needs a second page", Value(loop, RouterSeries.RequestsPerSecond).Missing);

        _time.Advance(TimeSpan.FromSeconds(2));
        _router.Page = Page(queued: 0, total: 16);
        await loop.ScrapeOnceAsync(CancellationToken.None);

        Assert.Equal(new Sample(0, Start.AddSeconds(2)), Value(loop, RouterSeries.PendingRequests).Sample);
        Assert.Equal(new Sample(3, Start.AddSeconds(2)), Value(loop, RouterSeries.RequestsPerSecond).Sample);
        var pending = Value(loop, RouterSeries.PendingRequests);
        Assert.Equal(GroupResource.Deployments, pending.Resource);
        Assert.Equal(Target, pending.Object);
    }

    [Fact]
    public async Task A_counter_that_went_down_is_a_restarted_router_counted_from_zero()
    {
        var loop = Loop();
        await loop.ScrapeOnceAsync(CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(2));
        _router.Page = Page(queued: 0, total: 4);
        await loop.ScrapeOnceAsync(CancellationToken.None);

        Assert.Equal(2, Value(loop, RouterSeries.RequestsPerSecond).Sample?.Value);
    }

    [Fact]
    public async Task One_request_keeps_the_rate_above_zero_for_the_window_then_it_reads_zero()
    {
        _router.Page = Page(queued: 0, total: 0);
        var loop = Loop();
        var rates = new List<double?>();
        foreach (var (second, total) in new[] { (0, 0), (2, 1), (30, 1), (61, 1), (63, 1), (65, 1) })
        {
            _time.SetUtcNow(Start.AddSeconds(second));
            _router.Page = Page(queued: 0, total: total);
            await loop.ScrapeOnceAsync(CancellationToken.None);
            rates.Add(Value(loop, RouterSeries.RequestsPerSecond).Sample?.Value);
        }

        // Over the last 60 s (scrape.latencyWindow): 1/2, 1/30, 1/61, 1/63, then the request is out of the window.
        Assert.Equal([null, 0.5, 1 / 30.0, 1 / 61.0, 1 / 63.0, 0.0], rates);
    }

    [Fact]
    public async Task A_failing_router_keeps_the_last_good_values_then_says_why_they_are_gone()
    {
        var loop = Loop();
        await loop.ScrapeOnceAsync(CancellationToken.None);

        _router.Page = "<html>502 Bad Gateway</html>";
        _time.Advance(TimeSpan.FromSeconds(2));
        await loop.ScrapeOnceAsync(CancellationToken.None);
        Assert.Equal(new Sample(2, Start), Value(loop, RouterSeries.PendingRequests).Sample);

        _router.Status = 503;
        _time.Advance(TimeSpan.FromSeconds(2));
        await loop.ScrapeOnceAsync(CancellationToken.None);

        var gone = Value(loop, RouterSeries.PendingRequests);
        Assert.Null(gone.Sample);
        Assert.StartsWith("is failing: http: ", gone.Missing, StringComparison.Ordinal);
        Assert.EndsWith("(2 failed scrapes in a row)", gone.Missing, StringComparison.Ordinal);
        Assert.Contains($"router epp ({_router.Url}) model llama-8b", gone.Source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failures_and_the_last_success_are_counted_per_router()
    {
        var registry = global::Prometheus.Metrics.NewCustomRegistry();
        var metrics = new RouterMetrics(registry);
        var loop = new RouterLoop(
            new RouterEndpoint("epp", RouterKind.InferenceExtension, _router.Url, [new RouterModel("llama-8b", GroupResource.Deployments, Target)]),
            _http, ScrapeSettings.Default, _time, NullLogger.Instance, metrics);

        await loop.ScrapeOnceAsync(CancellationToken.None);
        _router.Status = 500;
        await loop.ScrapeOnceAsync(CancellationToken.None);
        await loop.ScrapeOnceAsync(CancellationToken.None);

        var page = await Export(registry);
        Assert.Contains("autoscale_adapter_router_scrape_errors_total{router=\"epp\"} 2", page, StringComparison.Ordinal);
        Assert.Contains($"autoscale_adapter_router_last_success_timestamp_seconds{{router=\"epp\"}} {Start.ToUnixTimeSeconds()}", page, StringComparison.Ordinal);

        metrics.Forget("epp");
        Assert.DoesNotContain("router=\"epp\"", await Export(registry), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_over_the_limit_is_refused_and_the_last_good_values_stay()
    {
        var loop = new RouterLoop(
            new RouterEndpoint("epp", RouterKind.InferenceExtension, _router.Url, [new RouterModel("llama-8b", GroupResource.Deployments, Target)]),
            _http, ScrapeSettings.Default with { MaxPageBytes = 4096, ClearAfterFailures = 2 }, _time, NullLogger.Instance);
        await loop.ScrapeOnceAsync(CancellationToken.None);

        _router.Page = Page(queued: 9, total: 10) + string.Concat(Enumerable.Repeat("# padding of a page far over the limit\n", 200));
        _time.Advance(TimeSpan.FromSeconds(2));
        await loop.ScrapeOnceAsync(CancellationToken.None);
        Assert.Equal(new Sample(2, Start), Value(loop, RouterSeries.PendingRequests).Sample);

        _time.Advance(TimeSpan.FromSeconds(2));
        await loop.ScrapeOnceAsync(CancellationToken.None);
        Assert.StartsWith("is failing: too_large:", Value(loop, RouterSeries.PendingRequests).Missing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_router_that_never_answered_says_so_from_the_first_failure()
    {
        _router.Status = 500;
        var loop = Loop();

        await loop.ScrapeOnceAsync(CancellationToken.None);

        Assert.All(loop.Values, v => Assert.StartsWith("is failing:", v.Missing, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_router_that_checks_tokens_is_read_with_the_token_file()
    {
        using var dir = new TempDir();
        var tokenFile = Path.Combine(dir.Path, "token");
        File.WriteAllText(tokenFile, "s3cret\n");
        _router.RequiredToken = "s3cret";

        var without = Loop();
        await without.ScrapeOnceAsync(CancellationToken.None);
        Assert.StartsWith("is failing: http: HTTP 401", Value(without, RouterSeries.PendingRequests).Missing, StringComparison.Ordinal);

        var with = Loop(tokenFile);
        await with.ScrapeOnceAsync(CancellationToken.None);
        Assert.Equal(2, Value(with, RouterSeries.PendingRequests).Sample?.Value);

        var missing = Loop(Path.Combine(dir.Path, "absent"));
        await missing.ScrapeOnceAsync(CancellationToken.None);
        Assert.StartsWith($"is failing: token: cannot read {Path.Combine(dir.Path, "absent")}", Value(missing, RouterSeries.PendingRequests).Missing, StringComparison.Ordinal);
    }

    private RouterLoop Loop(string? tokenFile = null) => new(
        new RouterEndpoint("epp", RouterKind.InferenceExtension, _router.Url, [new RouterModel("llama-8b", GroupResource.Deployments, Target)], tokenFile),
        _http, ScrapeSettings.Default with { ClearAfterFailures = 2 }, _time, NullLogger.Instance);

    private static async Task<string> Export(global::Prometheus.CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private sealed class TempDir : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("router-token-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }

    private static ObjectValue Value(RouterLoop loop, string metric) => Assert.Single(loop.Values, v => v.Metric == metric);

    private static string Page(int queued, int total) =>
        $"""
        inference_extension_flow_control_queue_size{"{"}fairness_id="a",inference_pool="pool",model_name="llama-8b",priority="0",target_model_name="llama-8b"{"}"} {queued}
        inference_objective_request_total{"{"}model_name="llama-8b",target_model_name="llama-8b"{"}"} {total}

        """;
}
