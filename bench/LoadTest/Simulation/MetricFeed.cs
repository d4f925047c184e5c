using Autoscale.LoadTest.Cluster;
using Autoscale.LoadTest.Metrics;

namespace Autoscale.LoadTest.Simulation;

/// <summary>
/// Feeds the policy's metric pipeline from the cluster: scrapes on the pipeline's own loops (scrape, rule
/// evaluation, adapter refresh, each at a seeded phase) and owns the <see cref="MetricPipeline"/> the decision reads.
/// A scrape sees vLLM gauges from serving pods only (a loading pod's HTTP server is not up yet), container CPU from
/// every running container (<see cref="VllmCpuModel"/>), and dcgm-exporter's GPU utilisation of every pod holding its
/// GPU (<see cref="GpuUtilModel"/>).
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
        var gpu = new List<GpuSample>();
        foreach (var pod in cluster.LivePods)
        {
            if (pod.IsPlaceholder)
            {
                continue;
            }

            if (pod.Stage == PodStage.Ready && pod.Engine is { } engine)
            {
                vllm.Add(new VllmSample(pod.Name, now, engine.Waiting, engine.Running, engine.KvUsage, engine.Counters));
                cpu.Add(new CpuSample(pod.Name, now, VllmCpuModel.ServingMilli(engine.BusyFraction, engine.OutputTokensPerSecond)));
                gpu.Add(new GpuSample(pod.Name, now, GpuUtilModel.Percent(engine.BusyFraction)));
            }
            else if (pod.Stage == PodStage.Loading)
            {
                cpu.Add(new CpuSample(pod.Name, now, VllmCpuModel.LoadingMilli));
                gpu.Add(new GpuSample(pod.Name, now, 0));
            }
        }

        return new MetricSnapshot(now, vllm, cpu, gpu);
    }
}
