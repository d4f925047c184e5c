using Autoscale.LoadTest.Cluster;
using Autoscale.LoadTest.Metrics;

namespace Autoscale.LoadTest.Simulation;

/// <summary>
/// What a scrape sees: vLLM gauges from serving pods only (a loading pod's HTTP server is not up yet), and
/// container CPU from every running container. CPU is modelled as a weak proxy: about a core while loading
/// weights, and while serving 0.1 core idle plus up to 0.9 core for the busy engine loop plus a little per
/// queued request (tokenisation) — it saturates long before the GPU does.
/// </summary>
internal sealed partial class Simulator
{
    private MetricSnapshot Scrape()
    {
        var vllm = new List<VllmSample>();
        var cpu = new List<CpuSample>();
        foreach (var pod in _pods)
        {
            if (pod.IsPlaceholder)
            {
                continue;
            }

            if (pod.Stage == PodStage.Ready && pod.Engine is { } engine)
            {
                vllm.Add(new VllmSample(pod.Name, _now, engine.Waiting, engine.Running, engine.KvUsage));
                cpu.Add(new CpuSample(pod.Name, _now, 100 + (long)(900 * engine.BusyFraction) + (5L * engine.Waiting)));
            }
            else if (pod.Stage == PodStage.Loading)
            {
                cpu.Add(new CpuSample(pod.Name, _now, 1000));
            }
        }

        return new MetricSnapshot(_now, vllm, cpu);
    }
}
