using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Store;

namespace Autoscale.MetricsAdapter.Tests.Support;

/// <summary>
/// A small fixed fleet in namespace <c>llm</c>: Deployment <c>llama</c> with pods llama-0..2 (llama-2 still loading),
/// Deployment <c>qwen</c> with qwen-0, a Service <c>llama</c>, and samples at fixed timestamps.
/// </summary>
internal static class TestFleet
{
    public const string Ns = "llm";
    public const string Llama = "meta-llama/Llama-3.1-8B-Instruct";
    public const string Qwen = "Qwen/Qwen2.5-7B-Instruct";

    /// <summary>When the samples were taken; the test clock stands 1 s later.</summary>
    public static readonly DateTimeOffset SampleTime = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static DateTimeOffset Now => SampleTime.AddSeconds(1);

    public static MetricStore Create()
    {
        var store = new MetricStore();
        Seed(store);
        return store;
    }

    public static void Seed(MetricStore store)
    {
        var llamaLabels = Labels(("app", "llama"), ("tier", "gpu"));
        var qwenLabels = Labels(("app", "qwen"), ("tier", "gpu"));
        store.ReplaceInventory(
            [
                new PodInfo(Ns, "llama-0", llamaLabels, PodState.Ready),
                new PodInfo(Ns, "llama-1", llamaLabels, PodState.Ready),
                new PodInfo(Ns, "llama-2", llamaLabels, PodState.NotReady),
                new PodInfo(Ns, "qwen-0", qwenLabels, PodState.Ready),
            ],
            [
                new WorkloadInfo(GroupResource.Deployments, Ns, "llama", Labels(("app", "llama")), LabelSelector.Parse("app=llama")),
                new WorkloadInfo(GroupResource.Deployments, Ns, "qwen", Labels(("app", "qwen")), LabelSelector.Parse("app=qwen")),
                new WorkloadInfo(GroupResource.Services, Ns, "llama", Labels(("app", "llama")), LabelSelector.Parse("app=llama")),
            ]);
        store.MarkInventorySynced();

        Record(store, "llama-0", Llama, waiting: 3, running: 12, kv: 0.25, tokensBefore: 1000, tokensAfter: 1300);
        Record(store, "llama-1", Llama, waiting: 7.5, running: 20, kv: 0.875, tokensBefore: 2000, tokensAfter: 2600);
        Record(store, "llama-2", Llama, waiting: 0, running: 0, kv: 0, tokensBefore: 0, tokensAfter: 0);
        Record(store, "qwen-0", Qwen, waiting: 2000, running: 1, kv: 0.0009, tokensBefore: 10, tokensAfter: 10);
        store.MarkSourcesReported();
    }

    public static Dictionary<string, string> Labels(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private static void Record(MetricStore store, string pod, string model, double waiting, double running, double kv, double tokensBefore, double tokensAfter)
    {
        var labels = Labels(("model_name", model));
        var key = new ObjectKey(Ns, pod);
        // Two scrapes 10 s apart so the counter has a rate.
        store.Record(key, "pod", [new("vllm_generation_tokens_per_second", labels, new Sample(tokensBefore, SampleTime.AddSeconds(-10)))]);
        store.Record(key, "pod", [
            new("vllm_queue_depth", labels, new Sample(waiting, SampleTime)),
            new("vllm_running_requests", labels, new Sample(running, SampleTime)),
            new("vllm_kv_cache_usage", labels, new Sample(kv, SampleTime)),
            new("vllm_generation_tokens_per_second", labels, new Sample(tokensAfter, SampleTime)),
        ]);
    }
}
