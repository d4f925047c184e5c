using Autoscale.LoadTest.Cluster;
using Autoscale.LoadTest.Metrics;

namespace Autoscale.LoadTest.Simulation;

/// <summary>
/// Feeds the policy's metric pipeline from the cluster: scrapes on the pipeline's own loops (scrape, rule
/// evaluation, adapter refresh, each at a seeded phase) and owns the <see cref="MetricPipeline"/> the decision reads.
/// A scrape sees vLLM gauges from serving pods only (a loading pod's HTTP server is not up yet), and container CPU
/// from every running container. CPU is modelled as a weak proxy: about a core while loading weights, and while
/// serving 0.1 core idle plus up to 0.9 core for the busy engine loop plus a little per queued request
/// (tokenisation) — it saturates long before the GPU does.
/// </summary>
internal sealed class MetricFeed(SimClock clock, SimCluster cluster, MetricPipelineOptions options)
{
    private readonly MetricPipeline _pipeline = new(options);

    /// <summary>What the decision sees now.</summary>
    public MetricSnapshot Visible => _pipeline.Visible;

    /// <summary>Schedules the first tick of each stage the pipeline has.</summary>
    public void Start()
    {
        clock.Schedule(clock.Phase(options.ScrapeSeconds), EventKind.Scrape);
        if (options.RuleEvalSeconds > 0)
        {
            clock.Schedule(clock.Phase(options.RuleEvalSeconds), EventKind.RuleEval);
        }

        if (options.AdapterCacheSeconds > 0)
        {
            clock.Schedule(clock.Phase(options.AdapterCacheSeconds), EventKind.AdapterRefresh);
        }
    }

    public void OnScrape()
    {
        _pipeline.OnScrape(Scrape());
        clock.Schedule(clock.Now + options.ScrapeSeconds, EventKind.Scrape);
    }

    public void OnRuleEval()
    {
        _pipeline.OnRuleEval();
        clock.Schedule(clock.Now + options.RuleEvalSeconds, EventKind.RuleEval);
    }

    public void OnAdapterRefresh()
    {
        _pipeline.OnAdapterRefresh();
        clock.Schedule(clock.Now + options.AdapterCacheSeconds, EventKind.AdapterRefresh);
    }

    private MetricSnapshot Scrape()
    {
        var now = clock.Now;
        var vllm = new List<VllmSample>();
        var cpu = new List<CpuSample>();
        foreach (var pod in cluster.LivePods)
        {
            if (pod.IsPlaceholder)
            {
                continue;
            }

            if (pod.Stage == PodStage.Ready && pod.Engine is { } engine)
            {
                vllm.Add(new VllmSample(pod.Name, now, engine.Waiting, engine.Running, engine.KvUsage));
                cpu.Add(new CpuSample(pod.Name, now, 100 + (long)(900 * engine.BusyFraction) + (5L * engine.Waiting)));
            }
            else if (pod.Stage == PodStage.Loading)
            {
                cpu.Add(new CpuSample(pod.Name, now, 1000));
            }
        }

        return new MetricSnapshot(now, vllm, cpu);
    }
}
