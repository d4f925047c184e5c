using Autoscale.Hpa.Calculator;
using Autoscale.Hpa.Metrics;
using Autoscale.Hpa.Pods;
using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Api;
using Autoscale.MetricsAdapter.Catalog;
using Autoscale.MetricsAdapter.Store;
using Microsoft.Extensions.Time.Testing;

namespace Autoscale.MetricsAdapter.Tests.Catalog;

/// <summary>
/// What the HPA does with the adapter's replies while replicas load their model, computed with the ported HPA
/// algorithm (src/Autoscale.Hpa): omitting loading pods keeps scale-ups as strong and never scales loading replicas away.
/// </summary>
public sealed class LoadingPodsAgainstHpaTests
{
    private const long TargetMilli = 5_000; // averageValue: 5
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Theory]
    // ready queues,   loading, omit → replicas, serve zeros → replicas
    [InlineData(new[] { 20.0, 20.0 }, 2, 8, 8)] // burst: as strong either way
    [InlineData(new[] { 0.0, 0.0 }, 2, 2, 1)] // lull: omitted loading pods count at target and survive
    [InlineData(new[] { 6.0 }, 3, 4, 2)] // first replica slightly over target while 3 load: hold, no cascade and no kill
    public void Omitting_loading_pods_protects_them(double[] readyQueues, int loading, int replicasWhenOmitted, int replicasWhenServedAsZero)
    {
        Assert.Equal(replicasWhenOmitted, Replicas(readyQueues, loading, serveNotReady: false));
        Assert.Equal(replicasWhenServedAsZero, Replicas(readyQueues, loading, serveNotReady: true));
    }

    private static int Replicas(double[] readyQueues, int loading, bool serveNotReady)
    {
        var store = new MetricStore();
        var labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["app"] = "vllm" };
        var pods = new List<PodInfo>();
        var hpaPods = new List<HpaPod>();
        for (var i = 0; i < readyQueues.Length + loading; i++)
        {
            var ready = i < readyQueues.Length;
            pods.Add(new PodInfo("llm", $"vllm-{i}", labels, ready ? PodState.Ready : PodState.NotReady));
            hpaPods.Add(new HpaPod($"vllm-{i}", PodPhase.Running, new PodReadyCondition(ready ? ConditionStatus.True : ConditionStatus.False, Now.AddMinutes(-10)), Now.AddMinutes(-10), []));
        }

        store.ReplaceInventory(pods, []);
        for (var i = 0; i < pods.Count; i++)
        {
            // A loading vLLM serves no /metrics at all; with serving switched on, assume it would say "idle".
            var queue = i < readyQueues.Length ? readyQueues[i] : 0;
            store.Record(pods[i].Key, "pod", [new SeriesSample("vllm_queue_depth", new Dictionary<string, string>(), new Sample(queue, Now))]);
        }

        var provider = new CatalogMetricsProvider(store, () => MetricCatalog.BuiltIn, () => ServingPolicy.Default with { ServeNotReadyPods = serveNotReady }, new FakeTimeProvider(Now));
        using var reply = provider.GetMetricBySelector("llm", LabelSelector.Parse("app=vllm"), new CustomMetricInfo(GroupResource.Pods, true, "vllm_queue_depth"), LabelSelector.Everything);
        var samples = new List<PodMetricSample>();
        foreach (var item in reply.Items)
        {
            samples.Add(new PodMetricSample(item.DescribedObject.Name, (long)(item.Value * 1000), item.Timestamp));
        }

        var result = new ReplicaCalculator(ReplicaCalculatorOptions.Default)
            .GetMetricReplicas(pods.Count, TargetMilli, "vllm_queue_depth", Tolerances.Default, hpaPods, samples, Now);
        Assert.True(result.IsValid, result.Error);
        return Math.Max(1, result.ReplicaCount);
    }
}
