using System.IO.Compression;
using System.Net;
using System.Text;
using Autoscale.MetricsAdapter.Sources;
using Autoscale.MetricsAdapter.Sources.Scrape;
using Autoscale.MetricsAdapter.Store;
using Autoscale.MetricsAdapter.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Prometheus;
using Autoscale.MetricsAdapter.Sources.Definitions;
using Autoscale.MetricsAdapter.Sources.Scrape.Mapping;

namespace Autoscale.MetricsAdapter.Tests.Sources.Scrape;

/// <summary>
/// Issue #12: a corpus of hostile /metrics pages served by a loopback Kestrel and read by the adapter's real scrape
/// path (SocketsHttpHandler with decompression, <see cref="HttpScraper"/>, <see cref="PageMapper"/>, the store).
/// Whenever a pod's values are dropped, the scrape reports it in the metric and the log; reads stay bounded.
/// </summary>
public sealed class HostileExporterTests : IAsyncLifetime
{
    private const string Good = "vllm:num_requests_waiting{model_name=\"m\"} 4\n";
    private const int Limit = 1024 * 1024;
    private static readonly ObjectKey Pod = new("llm", "hostile-0");

    private readonly CollectorRegistry _registry = Metrics.NewCustomRegistry();
    private readonly RecordingLogger _log = new();
    private readonly MetricStore _store = new();
    private readonly HostileExporter _exporter = new();
    private ScrapeMetrics _metrics = null!;
    private HttpScraper _http = null!;

    public async Task InitializeAsync()
    {
        _metrics = new ScrapeMetrics(_registry);
        _http = new HttpScraper();
        _store.ReplaceInventory([new PodInfo(Pod.Namespace, Pod.Name, new Dictionary<string, string>(), PodState.Ready)], []);
        await _exporter.StartAsync();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _exporter.DisposeAsync();
    }

    [Theory]
    [InlineData("gzip-bomb", "too_large")]
    [InlineData("deflate-bomb", "too_large")]
    [InlineData("endless-chunked", "too_large")]
    [InlineData("big-no-length", "too_large")]
    [InlineData("many-values", "too_many_series")]
    [InlineData("huge-label", "parse")]
    [InlineData("trickle", "timeout")]
    public async Task A_hostile_page_drops_the_pods_values_with_an_error_in_the_metric_and_the_log(string page, string kind)
    {
        // The bombs and the endless page meet a 1 MB limit; the others the default 16 MB, so that they reach the parser.
        int limit = page is "big-no-length" or "many-values" or "huge-label" ? 16 * 1024 * 1024 : Limit;
        var loop = await LoopWithGoodValuesAsync(limit, TimeSpan.FromSeconds(page == "trickle" ? 2 : 10));
        _exporter.Page = page;

        await loop.ScrapeOnceAsync(CancellationToken.None);

        Assert.Empty(Stored());
        Assert.Equal(1, Counter($"autoscale_adapter_scrape_errors_total{{kind=\"{kind}\"}}"));
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("llm/hostile-0", StringComparison.Ordinal)
            && e.Message.Contains(kind, StringComparison.Ordinal));
        // The scrape stops at the limit; what the exporter got out by then also fills both ends' socket buffers (TCP
        // autotuning, tcp_rmem max 32 MiB here) and the client's bounded drain of the dropped response. Fresh-clone CI
        // runs here saw 24.8 MB and 48.3 MB, past a bound of those kernel maxima, so the slack is 128 MiB: still
        // far below what an unbounded read of the endless page gets out in the scrape's 10 s timeout.
        Assert.InRange(_exporter.BytesWritten, 0, limit + (128L * 1024 * 1024));
    }

    [Fact]
    public async Task Duplicate_series_keep_the_first_value_and_are_counted_and_logged()
    {
        var loop = await LoopWithGoodValuesAsync(Limit);
        _exporter.Page = "duplicates";

        await loop.ScrapeOnceAsync(CancellationToken.None);

        Assert.Equal(5.0, Assert.Single(Stored()).Last.Value);
        Assert.Equal(1, Counter("autoscale_adapter_scrape_duplicate_samples_total"));
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("llm/hostile-0", StringComparison.Ordinal)
            && e.Message.Contains("1 duplicate", StringComparison.Ordinal));
    }

    private async Task<TargetLoop> LoopWithGoodValuesAsync(int maxPageBytes, TimeSpan? timeout = null)
    {
        var settings = ScrapeSettings.Default with { Interval = TimeSpan.FromSeconds(10), Timeout = timeout ?? TimeSpan.FromSeconds(10), MaxPageBytes = maxPageBytes, ClearAfterFailures = 1 };
        var context = new ScrapeContext(_store, _http, new SemaphoreSlim(1), new SourceHeartbeat(settings.Interval), _metrics, TimeProvider.System, _log);
        var mapping = new CatalogMapping(MetricCatalog.BuiltIn, settings.LatencyWindow, settings.ArrivalWindow, Autoscale.MetricsAdapter.Sources.Exposition.ExpositionParserOptions.Default with { MaxPageBytes = maxPageBytes });
        var loop = new TargetLoop(new ScrapeTarget(Pod, TargetKind.InferenceServer, _exporter.Url), context, settings, mapping);
        _exporter.Page = "good";
        await loop.ScrapeOnceAsync(CancellationToken.None);
        Assert.Equal(4.0, Assert.Single(Stored()).Last.Value);
        _exporter.BytesWritten = 0;
        return loop;
    }

    private StoredSeries[] Stored() =>
        _store.Current.Namespace(Pod.Namespace)?.PodsByName.GetValueOrDefault(Pod.Name)?.Slot.Metrics.ByMetric.GetValueOrDefault("vllm_queue_depth") ?? [];

    private double Counter(string series)
    {
        using var stream = new MemoryStream();
        _registry.CollectAndExportAsTextAsync(stream).GetAwaiter().GetResult();
        var line = Encoding.UTF8.GetString(stream.ToArray()).Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Serves the page named by <see cref="Page"/> on 127.0.0.1 and counts the body bytes it wrote.</summary>
    private sealed class HostileExporter : IAsyncDisposable
    {
        private static readonly byte[] GzipBomb = Compress(s => new GZipStream(s, CompressionLevel.Fastest), 64 * 1024 * 1024);
        private static readonly byte[] DeflateBomb = Compress(s => new ZLibStream(s, CompressionLevel.Fastest), 64 * 1024 * 1024);
        private WebApplication? _app;
        private long _bytes;

        public string Page { get; set; } = "good";

        public long BytesWritten
        {
            get => Interlocked.Read(ref _bytes);
            set => Interlocked.Exchange(ref _bytes, value);
        }

        public Uri Url { get; private set; } = null!;

        public async Task StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
            _app = builder.Build();
            _app.MapGet("/metrics", ServeAsync);
            await _app.StartAsync();
            Url = new Uri(_app.Urls.Single() + "/metrics");
        }

        public async ValueTask DisposeAsync()
        {
            if (_app is not null)
            {
                await _app.StopAsync();
                await _app.DisposeAsync();
            }
        }

        private async Task ServeAsync(HttpContext http)
        {
            var response = http.Response;
            var aborted = http.RequestAborted;
            response.ContentType = "text/plain; version=0.0.4";
            try
            {
                switch (Page)
                {
                    case "good":
                        await WriteAsync(response, Encoding.UTF8.GetBytes(Good), aborted);
                        break;
                    case "gzip-bomb":
                        response.Headers.ContentEncoding = "gzip";
                        response.ContentLength = GzipBomb.Length;
                        await WriteAsync(response, GzipBomb, aborted);
                        break;
                    case "deflate-bomb":
                        response.Headers.ContentEncoding = "deflate";
                        response.ContentLength = DeflateBomb.Length;
                        await WriteAsync(response, DeflateBomb, aborted);
                        break;
                    case "endless-chunked":
                        var chunk = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("# filler line of an endless page\n", 1024)));
                        while (!aborted.IsCancellationRequested)
                        {
                            await WriteAsync(response, chunk, aborted);
                        }

                        break;
                    case "big-no-length":
                        var block = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("vllm:num_requests_waiting{model_name=\"m\"} 1\n", 4096)));
                        for (long sent = 0; sent <= 17L * 1024 * 1024; sent += block.Length)
                        {
                            await WriteAsync(response, block, aborted);
                        }

                        break;
                    case "many-values":
                        var page = new StringBuilder();
                        for (int i = 0; i < 100_000; i++)
                        {
                            page.Append(System.Globalization.CultureInfo.InvariantCulture, $"vllm:num_requests_waiting{{model_name=\"m{i}\"}} 1\n");
                        }

                        await WriteAsync(response, Encoding.UTF8.GetBytes(page.ToString()), aborted);
                        break;
                    case "huge-label":
                        await WriteAsync(response, Encoding.UTF8.GetBytes($"vllm:num_requests_waiting{{model_name=\"{new string('x', 1024 * 1024)}\"}} 1\n"), aborted);
                        break;
                    case "trickle":
                        await WriteAsync(response, Encoding.UTF8.GetBytes(Good), aborted);
                        while (!aborted.IsCancellationRequested)
                        {
                            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System, aborted);
                            await WriteAsync(response, "#\n"u8.ToArray(), aborted);
                        }

                        break;
                    case "duplicates":
                        await WriteAsync(response, Encoding.UTF8.GetBytes("vllm:num_requests_waiting{model_name=\"m\"} 5\nvllm:num_requests_waiting{model_name=\"m\"} 100\n"), aborted);
                        break;
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
            {
                // The scraper hung up: that is what these pages are for.
            }
        }

        private async Task WriteAsync(HttpResponse response, byte[] data, CancellationToken aborted)
        {
            await response.Body.WriteAsync(data, aborted);
            await response.Body.FlushAsync(aborted);
            Interlocked.Add(ref _bytes, data.Length);
        }

        private static byte[] Compress(Func<Stream, Stream> compressor, int zeros)
        {
            using var output = new MemoryStream();
            using (var stream = compressor(output))
            {
                var block = new byte[1024 * 1024];
                for (int i = 0; i < zeros / block.Length; i++)
                {
                    stream.Write(block);
                }
            }

            return output.ToArray();
        }
    }
}
