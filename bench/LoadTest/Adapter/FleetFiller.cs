using System.Globalization;
using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Api;
using Autoscale.MetricsAdapter.Store;

namespace Autoscale.LoadTest.Adapter;

/// <summary>
/// Stands in for discovery and the scrape loop (not wired to emulated vLLM pods yet): N Ready vLLM pods in
/// namespace <see cref="Namespace"/>, spread round-robin over D Deployments labelled <c>app=w{d}</c>, and every
/// <see cref="Interval"/> a fresh sample of the three vLLM gauges per pod, written straight into the store.
/// </summary>
internal sealed class FleetFiller(MetricStore store, SourceHeartbeat heartbeat, TimeProvider time)
{
    public const string Namespace = "bench";
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private readonly Random _random = new(1);
    private string[] _pods = [];

    public int Deployments { get; private set; }

    public static string Selector(int deployment) => "app=w" + deployment.ToString(CultureInfo.InvariantCulture);

    public void Publish(int pods, int deployments)
    {
        Deployments = deployments;
        _pods = new string[pods];
        var podInfos = new List<PodInfo>(pods);
        for (var i = 0; i < pods; i++)
        {
            var d = i % deployments;
            _pods[i] = string.Create(CultureInfo.InvariantCulture, $"w{d}-vllm-{i}");
            podInfos.Add(new PodInfo(Namespace, _pods[i], Labels(d), PodState.Ready));
        }

        var workloads = Enumerable.Range(0, deployments)
            .Select(d => new WorkloadInfo(GroupResource.Deployments, Namespace, "w" + d.ToString(CultureInfo.InvariantCulture), Labels(d), LabelSelector.Parse(Selector(d))))
            .ToList();
        store.ReplaceInventory(podInfos, workloads);
        store.MarkInventorySynced();
        Scrape();
    }

    public void Scrape()
    {
        var now = time.GetUtcNow();
        var model = new Dictionary<string, string>(StringComparer.Ordinal) { ["model_name"] = "meta-llama/Llama-3.1-8B-Instruct" };
        foreach (var pod in _pods)
        {
            var waiting = _random.Next(0, 12);
            store.Record(new ObjectKey(Namespace, pod), "pod",
            [
                new("vllm_queue_depth", model, new Sample(waiting, now)),
                new("vllm_running_requests", model, new Sample(_random.Next(0, 64), now)),
                new("vllm_kv_cache_usage", model, new Sample(_random.NextDouble(), now)),
            ]);
        }

        store.MarkSourcesReported();
        heartbeat.Tick(now);
    }

    /// <summary>Scrapes every <see cref="Interval"/> until cancelled.</summary>
    public async Task RunAsync(CancellationToken token)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(token).ConfigureAwait(false))
            {
                Scrape();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static Dictionary<string, string> Labels(int deployment) =>
        new(StringComparer.Ordinal) { ["app"] = "w" + deployment.ToString(CultureInfo.InvariantCulture), ["app.kubernetes.io/name"] = "vllm" };
}
