using Autoscale.Hpa.Calculator;
using Autoscale.Hpa.Metrics;
using Autoscale.Hpa.Pods;
using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Catalog;
using Autoscale.MetricsAdapter.Store;
using Microsoft.Extensions.Time.Testing;
using Autoscale.MetricsAdapter.Sources.Definitions;

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
    // ready queues,   loading, → replicas when omitted, at target, served as zero
    [InlineData(new[] { 20.0, 20.0 }, 2, 8, 10, 8)] // burst: omitting is as strong as zeros; at target assumes loading pods arrive saturated
    [InlineData(new[] { 0.0, 0.0 }, 2, 2, 2, 1)] // lull: omitted (or at-target) loading pods survive; zeros scale them away
    [InlineData(new[] { 6.0 }, 3, 4, 4, 2)] // first replica slightly over target while 3 load: hold, no cascade and no kill
    public void Omitting_loading_pods_protects_them(double[] readyQueues, int loading, int omitted, int atTarget, int servedAsZero)
    {
        Assert.Equal(omitted, Replicas(readyQueues, loading, NotReadyPodPolicy.Omit));
        Assert.Equal(atTarget, Replicas(readyQueues, loading, NotReadyPodPolicy.AtTarget));
        Assert.Equal(servedAsZero, Replicas(readyQueues, loading, NotReadyPodPolicy.Serve));
    }

    private static int Replicas(double[] readyQueues, int loading, NotReadyPodPolicy policy)
    {
        var store = new MetricStore();
        var labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["app"] = "vllm" };
        var pods = new List<PodInfo>();
        var hpaPods = new List<HpaPod>();
        for (var i = 0; i < readyQueues.Length + loading; i++)
        {
            var ready = i < readyQueues.Length;
            pods.Add(new PodInfo("llm", $"vllm-{i}", labels, ready ? PodState.Ready : PodState.NotReady, new Dictionary<string, double> { ["vllm_queue_depth"] = TargetMilli / 1000.0 }));
            hpaPods.Add(new HpaPod($"vllm-{i}", PodPhase.Running, new PodReadyCondition(ready ? ConditionStatus.True : ConditionStatus.False, Now.AddMinutes(-10)), Now.AddMinutes(-10), []));
        }

        store.ReplaceInventory(pods, []);
        for (var i = 0; i < pods.Count; i++)
        {
            // A loading vLLM serves no /metrics at all; with serving switched on, assume it would say "idle".
            var queue = i < readyQueues.Length ? readyQueues[i] : 0;
            store.Record(pods[i].Key, "pod", [new SeriesSample("vllm_queue_depth", new Dictionary<string, string>(), new Sample(queue, Now))]);
        }

        var provider = new CatalogMetricsProvider(store, () => MetricCatalog.BuiltIn, () => ServingPolicy.Default with { NotReadyPods = policy }, new FakeTimeProvider(Now));
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
