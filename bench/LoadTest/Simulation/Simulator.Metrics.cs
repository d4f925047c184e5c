using Autoscale.LoadTest.Cluster;
using Autoscale.LoadTest.Metrics;

namespace Autoscale.LoadTest.Simulation;

/// <summary>
/// What a scrape sees: vLLM gauges from serving pods only (a loading pod's HTTP server is not up yet), and
/// container CPU from every running container (<see cref="VllmCpuModel"/>), and dcgm-exporter's GPU utilisation of
/// every pod holding its GPU (<see cref="GpuUtilModel"/>).
/// </summary>
internal sealed partial class Simulator
{
    private MetricSnapshot Scrape()
    {
        var vllm = new List<VllmSample>();
        var cpu = new List<CpuSample>();
        var gpu = new List<GpuSample>();
        foreach (var pod in _pods)
        {
            if (pod.IsPlaceholder)
            {
                continue;
            }

            if (pod.Stage == PodStage.Ready && pod.Engine is { } engine)
            {
                vllm.Add(new VllmSample(pod.Name, _now, engine.Waiting, engine.Running, engine.KvUsage));
                cpu.Add(new CpuSample(pod.Name, _now, VllmCpuModel.ServingMilli(engine.BusyFraction, engine.OutputTokensPerSecond)));
                gpu.Add(new GpuSample(pod.Name, _now, GpuUtilModel.Percent(engine.BusyFraction)));
            }
            else if (pod.Stage == PodStage.Loading)
            {
                cpu.Add(new CpuSample(pod.Name, _now, VllmCpuModel.LoadingMilli));
                gpu.Add(new GpuSample(pod.Name, _now, 0));
            }
        }

        return new MetricSnapshot(_now, vllm, cpu, gpu);
    }
}
