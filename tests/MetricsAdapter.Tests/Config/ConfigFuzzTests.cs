using System.Text.RegularExpressions;
using Autoscale.MetricsAdapter.Config;
using Autoscale.MetricsAdapter.Hosting;
using Autoscale.MetricsAdapter.Sources;
using Autoscale.MetricsAdapter.Store;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;

namespace Autoscale.MetricsAdapter.Tests.Config;

/// <summary>
/// Issue #12's config fuzz for the adapter: thousands of seeded mutations of the shipped configs, each swapped in
/// through the real reload path (a kubelet-style symlink swap, <see cref="ConfigFileWatcher.Poll"/>, the config
/// source, the running pipeline). Nothing escapes, a refusal keeps the last good config and names a field.
/// </summary>
public sealed partial class ConfigFuzzTests : IDisposable
{
    private const int Mutants = 2000;
    private const string Full = """
        scrape: { interval: 1s, timeout: 800ms, staleAfter: 5s, concurrency: 8, maxPageBytes: 65536, clearAfterFailures: 2, latencyWindow: 1m30s }
        discovery:
          followHorizontalPodAutoscalers: false
          pods: [{ namespace: llm, labelSelector: app=vllm }, { labelSelector: 'tier in (gpu,llm),!canary' }]
          dcgm: { namespace: gpu-operator, labelSelector: app=dcgm }
        serving: { notReadyPods: atTarget }
        catalog:
          - { name: vllm_queue_depth, rename: queue, series: [my_queue] }
          - { name: gpu_engine_active, enabled: false }
          - { name: vllm_preemptions_per_second, series: vllm:num_preemptions_total, kind: counter, aggregation: sum, scale: 1 }
        prometheus:
          url: http://127.0.0.1:1
          interval: 5s
          rules:
            - seriesQuery: 'vllm:num_requests_waiting{namespace!="",pod!=""}'
              resources: { overrides: { namespace: { resource: namespace }, pod: { resource: pod } } }
              name: { matches: '^vllm:(.*)$', as: 'vllm_${1}' }
              metricsQuery: 'sum(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)'
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("adapter-fuzz-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Thousands_of_mutated_configs_swapped_in_live_never_stop_the_adapter()
    {
        string[] seeds =
        [
            File.ReadAllText(Path.Combine(Repo.Root, "deploy", "apiservice", "adapter-config.yaml")),
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Config", "default-config.yaml")),
            Full,
        ];
        Assert.All(seeds, seed => AdapterConfigParser.Parse(seed));
        var link = Path.Combine(_dir, "config.yaml");
        Swap(link, seeds[0], 0);
        var registry = Metrics.NewCustomRegistry();
        var source = ConfigFileWatcher.LoadInitial(link, registry);
        var watcher = new ConfigFileWatcher(link, source, TimeProvider.System, NullLogger<ConfigFileWatcher>.Instance);
        using var pipeline = new AdapterPipeline(
            source, new MetricStore(), new ScrapeTargets(), new SourceHeartbeat(TimeSpan.FromSeconds(2)), registry, null, TimeProvider.System, NullLoggerFactory.Instance);
        await pipeline.StartAsync(CancellationToken.None);

        var mutator = new ConfigMutator(seed: 20261207);
        int refused = 0, accepted = 0;
        for (int i = 1; i <= Mutants; i++)
        {
            var text = mutator.Mutate(seeds[i % seeds.Length]);
            var before = source.Current;
            Swap(link, text, i);
            watcher.Poll();
            if (source.IsValid)
            {
                accepted++;
                continue;
            }

            refused++;
            Assert.Same(before, source.Current);
            var error = source.LastError!;
            Assert.False(error.Contains("could not be read (", StringComparison.Ordinal), $"mutant {i} hit a reader bug: {error}"); // the fallback
            Assert.True(NamesAField().IsMatch(error), $"mutant {i} refused without naming a field: {error[..Math.Min(error.Length, 300)]}");
        }

        // Both outcomes are exercised, and the pipeline that followed every accepted swap is still running.
        Assert.InRange(refused, Mutants / 4, Mutants);
        Assert.InRange(accepted, Mutants / 20, Mutants);
        Swap(link, seeds[2], Mutants + 1);
        watcher.Poll();
        Assert.True(source.IsValid);
        Assert.Equal(TimeSpan.FromSeconds(1), source.Current.Scrape.Interval);
        Assert.False(pipeline.ExecuteTask!.IsCompleted, pipeline.ExecuteTask.Exception?.ToString());
        await pipeline.StopAsync(CancellationToken.None);
    }

    // kubelet's ConfigMap update: a new file, then the link swapped to it; a new target is always noticed.
    private void Swap(string link, string text, int generation)
    {
        var file = Path.Combine(_dir, $"config-{generation % 2}.yaml");
        File.WriteAllText(file, text);
        File.Delete(link);
        File.CreateSymbolicLink(link, file);
    }

    // "field.path[0].key: message" or "(root): message" for what belongs to no field (invalid YAML, the size limit).
    [GeneratedRegex(@"^(\(root\)|\S[^;]*?): \S")]
    private static partial Regex NamesAField();
}
