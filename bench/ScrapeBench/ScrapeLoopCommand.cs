using System.Buffers;
using System.Diagnostics;
using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Api;
using Autoscale.MetricsAdapter.Catalog;
using Autoscale.MetricsAdapter.Config;
using Autoscale.MetricsAdapter.Sources;
using Autoscale.MetricsAdapter.Sources.Scrape;
using Autoscale.MetricsAdapter.Store;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;
using static Autoscale.ScrapeBench.Measure;

namespace Autoscale.ScrapeBench;

/// <summary>
/// Measures 1 and 2 of the issue: the real <see cref="ScrapeService"/> over N emulated pods (a child process), its CPU
/// and memory per pod, and how old the values are that <see cref="CatalogMetricsProvider"/> serves meanwhile. Memory is
/// taken three times: idle (nothing scraped), warm (a few pods scraped: fixed costs paid) and loaded (all N).
/// </summary>
internal static class ScrapeLoopCommand
{
    private static readonly TimeSpan ReadEvery = TimeSpan.FromMilliseconds(200);

    public static async Task<int> RunAsync(Cli cli)
    {
        int n = cli.Int("pods", 1000);
        int warmPods = Math.Min(cli.Int("warm-pods", 10), n);
        var interval = cli.Duration("interval", TimeSpan.FromSeconds(2));
        var duration = cli.Duration("duration", TimeSpan.FromSeconds(60));
        var warmup = cli.Duration("warmup", TimeSpan.FromSeconds(15));
        var baselineFor = cli.Duration("baseline", TimeSpan.FromSeconds(10));
        string json = cli.String("json", $"scrape-loop-{n}.json");
        bool keepAlive = cli.String("keep-alive", "true") != "false";

        using var self = Process.GetCurrentProcess();
        await Console.Out.WriteLineAsync($"starting {n} emulated vLLM pods in a child process...");
        long t = Stopwatch.GetTimestamp();
        await using var fleet = await ChildFleet.StartAsync(n, TimeSpan.FromMinutes(2));
        await Console.Out.WriteLineAsync($"  {fleet.Pods.Count} pods listening after {Stopwatch.GetElapsedTime(t).TotalSeconds:0.0} s");

        // Idle baseline: this process with everything loaded but no store contents, no targets and no scraper.
        var config = AdapterConfig.Default;
        var settings = config.Scrape with { Interval = interval, Timeout = config.Scrape.Timeout < interval ? config.Scrape.Timeout : interval };
        var store = new MetricStore();
        var targets = new ScrapeTargets();
        var provider = new CatalogMetricsProvider(store, () => config.Catalog, () => config.Serving, TimeProvider.System);
        var registry = Metrics.NewCustomRegistry();
        var metrics = new ScrapeMetrics(registry);
        var idleMemory = Memory();
        var baseCores = await CoresAsync(self, baselineFor, CancellationToken.None);
        var childIdleCores = await CoresAsync(fleet.Process, TimeSpan.FromSeconds(3), CancellationToken.None);

        // Warm baseline: the first few pods in the inventory and scraped, so the scrape path is JIT-compiled, thread-pool
        // threads exist and the GC has sized its budgets; what grows past this is what each further pod costs.
        var labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["app"] = "vllm", ["app.kubernetes.io/name"] = "vllm" };
        void Track(int count)
        {
            var pods = fleet.Pods.Take(count).ToArray();
            store.ReplaceInventory(pods.Select(p => new PodInfo(PodsCommand.Namespace, p.Name, labels, PodState.Ready)), []);
            targets.Replace(pods.Select(p => new ScrapeTarget(new ObjectKey(PodsCommand.Namespace, p.Name), TargetKind.InferenceServer, new Uri($"http://127.0.0.1:{p.Port}/metrics"))));
        }

        Track(warmPods);
        store.MarkInventorySynced();
        using var service = new ScrapeService(
            targets, store, new SourceHeartbeat(interval), metrics, settings, config.Mapping, TimeProvider.System, NullLogger<ScrapeService>.Instance,
            keepAlive ? null : NoKeepAliveHandler());
        using var stop = new CancellationTokenSource();
        await service.StartAsync(stop.Token);

        // The reader runs from the warm phase on, so its own code and buffers are in the warm baseline too.
        var reader = new FreshnessReader(provider, n);
        using var readStop = new CancellationTokenSource();
        var reading = reader.RunAsync(readStop.Token);
        await Console.Out.WriteLineAsync($"warm baseline: scraping {warmPods} pods for {warmup.TotalSeconds:0} s");
        await Task.Delay(warmup, TimeProvider.System);
        var warmMemory = Memory();

        Track(n);
        await Console.Out.WriteLineAsync($"scraping {n} pods every {interval.TotalSeconds:0.###} s; warm-up {warmup.TotalSeconds:0} s, then {duration.TotalSeconds:0} s measured");
        await Task.Delay(warmup, TimeProvider.System);
        reader.Reset();
        double scrapes0 = metrics.Duration.Count;
        var childCpu0 = Cpu(fleet.Process);
        var cpu0 = Cpu(self);
        var pause0 = GC.GetTotalPauseDuration();
        int[] collections0 = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        long m0 = Stopwatch.GetTimestamp();
        await Task.Delay(duration, TimeProvider.System);
        var cpu1 = Cpu(self);
        var pause1 = GC.GetTotalPauseDuration();
        int[] collections1 = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        var childCpu1 = Cpu(fleet.Process);
        double wall = Stopwatch.GetElapsedTime(m0).TotalSeconds;
        double scrapes1 = metrics.Duration.Count;
        await readStop.CancelAsync();
        await reading;
        var loadedMemory = Memory();
        double scrapeSecondsSum = metrics.Duration.Sum;
        double scrapeCount = metrics.Duration.Count;
        string errors = await ErrorsAsync(registry);

        await stop.CancelAsync();
        await service.StopAsync(CancellationToken.None);

        double cores = (cpu1 - cpu0).TotalSeconds / wall;
        double adapterCores = cores - baseCores;
        var vsIdle = loadedMemory.PerPodKb(idleMemory, n);
        var vsWarm = loadedMemory.PerPodKb(warmMemory, n - warmPods);
        var age = reader.Ages;
        double goalMs = interval.TotalMilliseconds + 500;
        var result = new
        {
            command = $"scrape-loop --pods {n} --interval {interval.TotalSeconds:0.###}s --duration {duration.TotalSeconds:0}s --warmup {warmup.TotalSeconds:0}s --warm-pods {warmPods}{(keepAlive ? "" : " --keep-alive false")}",
            pods = n,
            keepAlive,
            warmPods,
            intervalSeconds = interval.TotalSeconds,
            measuredSeconds = wall,
            gc = GcSettings(),
            scrapesPerSecond = (scrapes1 - scrapes0) / wall,
            expectedScrapesPerSecond = n / interval.TotalSeconds,
            meanScrapeMs = scrapeCount > 0 ? scrapeSecondsSum / scrapeCount * 1000 : double.NaN,
            scrapeErrors = errors,
            processCores = cores,
            gcPausePercent = (pause1 - pause0).TotalSeconds / wall * 100,
            gcCollections = new { gen0 = collections1[0] - collections0[0], gen1 = collections1[1] - collections0[1], gen2 = collections1[2] - collections0[2] },
            baselineCores = baseCores,
            adapterCores,
            emulatorChildCores = (childCpu1 - childCpu0).TotalSeconds / wall,
            emulatorChildIdleCores = childIdleCores,
            idleMemory,
            warmMemory,
            loadedMemory,
            perPodVsIdleKb = vsIdle,
            perPodVsWarmKb = vsWarm,
            heapPerPodKb = vsIdle.HeapKb,
            workingSetPerPodKb = vsIdle.WorkingSetKb,
            freshness = new
            {
                reads = reader.Reads,
                items = age.TotalCount,
                expectedItemsPerRead = n,
                missingItems = reader.Missing,
                p50Ms = age.Ms(50),
                p99Ms = age.Ms(99),
                p999Ms = age.Ms(99.9),
                maxMs = age.MaxMs(),
                goalP99Ms = goalMs,
            },
        };

        await Console.Out.WriteLineAsync($"""

            | pods | interval | scrapes/s (expected) | adapter CPU (cores) | emulators' CPU (child) |
            |---:|---:|---:|---:|---:|
            | {n:N0} | {interval.TotalSeconds:0.###} s | {F(result.scrapesPerSecond, "0")} ({F(result.expectedScrapesPerSecond, "0")}) | {F(adapterCores, "0.000")} (process {F(cores, "0.000")} − idle {F(baseCores, "0.000")}) | {F(result.emulatorChildCores, "0.00")} |

            | memory | GC heap | GC committed | working set |
            |---|---:|---:|---:|
            | idle (nothing scraped) | {Mb(idleMemory.HeapBytes)} | {Mb(idleMemory.CommittedBytes)} | {Mb(idleMemory.WorkingSetBytes)} |
            | warm ({warmPods} pods scraped) | {Mb(warmMemory.HeapBytes)} | {Mb(warmMemory.CommittedBytes)} | {Mb(warmMemory.WorkingSetBytes)} |
            | loaded ({n:N0} pods scraped) | {Mb(loadedMemory.HeapBytes)} | {Mb(loadedMemory.CommittedBytes)} | {Mb(loadedMemory.WorkingSetBytes)} |
            | per pod: (loaded − idle) / {n:N0} | {F(vsIdle.HeapKb, "0.0")} KB | {F(vsIdle.CommittedKb, "0.0")} KB | {F(vsIdle.WorkingSetKb, "0.0")} KB |
            | per pod: (loaded − warm) / {n - warmPods:N0} | {F(vsWarm.HeapKb, "0.0")} KB | {F(vsWarm.CommittedKb, "0.0")} KB | {F(vsWarm.WorkingSetKb, "0.0")} KB |

            | pods | reads | items served | missing | age p50 | p99 | p99.9 | max | goal p99 |
            |---:|---:|---:|---:|---:|---:|---:|---:|---:|
            | {n:N0} | {reader.Reads:N0} | {age.TotalCount:N0} | {reader.Missing:N0} | {F(age.Ms(50), "0")} ms | {F(age.Ms(99), "0")} ms | {F(age.Ms(99.9), "0")} ms | {F(age.MaxMs(), "0")} ms | ≤ {goalMs:0} ms |

            mean scrape {F(result.meanScrapeMs, "0.00")} ms; errors: {(errors.Length == 0 ? "none" : errors)}; GC paused {F(result.gcPausePercent, "0.00")} % of the time ({result.gcCollections.gen0}/{result.gcCollections.gen1}/{result.gcCollections.gen2} gen0/1/2 collections)
            """);
        await WriteJsonAsync(json, result);
        return 0;
    }

    /// <summary>
    /// The adapter's handler settings but no idle connections: each scrape opens and closes its own connection, which
    /// trades SocketsHttpHandler's per-connection buffers (4 KB read + 4 KB write, kept while idle) for a TCP
    /// handshake per scrape. Only to measure that trade; the adapter keeps connections alive.
    /// </summary>
    private static SocketsHttpHandler NoKeepAliveHandler() => new()
    {
        AutomaticDecompression = System.Net.DecompressionMethods.GZip | System.Net.DecompressionMethods.Deflate,
        PooledConnectionIdleTimeout = TimeSpan.Zero,
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
    };

    private static string Mb(long bytes) => $"{F(bytes / 1048576.0, "0.0")} MB";

    /// <summary>The GC's effective configuration and any DOTNET_/COMPlus_ knob set for this run (they change what memory means).</summary>
    private static Dictionary<string, string> GcSettings()
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["server"] = System.Runtime.GCSettings.IsServerGC.ToString(),
            ["latencyMode"] = System.Runtime.GCSettings.LatencyMode.ToString(),
        };
        foreach (var (key, value) in GC.GetConfigurationVariables())
        {
            settings["effective." + key] = value.ToString() ?? "";
        }

        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            if (e.Key is string key && (key.StartsWith("DOTNET_", StringComparison.Ordinal) || key.StartsWith("COMPlus_", StringComparison.Ordinal)))
            {
                settings[key] = e.Value?.ToString() ?? "";
            }
        }

        return settings;
    }

    private static async Task<string> ErrorsAsync(CollectorRegistry registry)
    {
        using var text = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(text);
        var lines = System.Text.Encoding.UTF8.GetString(text.ToArray()).Split('\n')
            .Where(l => l.StartsWith("autoscale_adapter_scrape_errors_total{", StringComparison.Ordinal));
        return string.Join(", ", lines.Select(l => l["autoscale_adapter_scrape_errors_total".Length..]));
    }

    /// <summary>
    /// Reads all pods' <c>vllm_queue_depth</c> as an HPA request would (selector <c>app=vllm</c>, then serialised) every
    /// 200 ms and records now − timestamp for each served item.
    /// </summary>
    private sealed class FreshnessReader(CatalogMetricsProvider provider, int expected)
    {
        private readonly ArrayBufferWriter<byte> _output = new(1 << 20);
        private readonly LabelSelector _selector = LabelSelector.Parse("app=vllm");
        private readonly CustomMetricInfo _info = new(GroupResource.Pods, true, "vllm_queue_depth");
        private readonly Lock _gate = new();

        public HdrHistogram.LongHistogram Ages { get; } = Histogram();

        public long Reads { get; private set; }

        public long Missing { get; private set; }

        public void Reset()
        {
            lock (_gate)
            {
                Ages.Reset();
                Reads = 0;
                Missing = 0;
            }
        }

        public async Task RunAsync(CancellationToken token)
        {
            using var timer = new PeriodicTimer(ReadEvery, TimeProvider.System);
            try
            {
                while (await timer.WaitForNextTickAsync(token))
                {
                    ReadOnce();
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        private void ReadOnce()
        {
            lock (_gate)
            {
                Reads++;
                _output.ResetWrittenCount();
                MetricValueList list;
                try
                {
                    list = provider.GetMetricBySelector(PodsCommand.Namespace, _selector, _info, LabelSelector.Everything);
                }
                catch (ApiStatusException)
                {
                    Missing += expected;
                    return;
                }

                using (list)
                {
                    MetricValueListWriter.Write(_output, ApiVersion.V1Beta2, list, null);
                    var now = TimeProvider.System.GetUtcNow();
                    foreach (ref readonly var item in list.Items)
                    {
                        Ages.RecordValue(Math.Max(0, (long)(now - item.Timestamp).TotalMicroseconds));
                    }

                    Missing += expected - list.Count;
                }
            }
        }
    }
}
