using Autoscale.Hpa.Spec;
using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide;
using Autoscale.ScaleController.Decide.History;
using Autoscale.ScaleController.Decide.Observed;
using Microsoft.Extensions.Time.Testing;

namespace Autoscale.ScaleController.Tests.Decide;

/// <summary>Small builders for observed state; "now" is Monday 2025-11-24 12:00 UTC unless a test moves it.</summary>
internal static class Fixtures
{
    public static readonly DateTimeOffset Now = new(2025, 11, 24, 12, 0, 0, TimeSpan.Zero);

    public static readonly WorkloadRef Qwen = new("llm", "qwen");

    public static FakeTimeProvider Clock(DateTimeOffset? at = null) => new(at ?? Now);

    public static WorkloadConfig Workload(WorkloadRef? workload = null, WorkloadPolicy? policy = null, bool dryRun = false)
    {
        var w = workload ?? Qwen;
        return new WorkloadConfig(w, w.Name, dryRun, policy ?? WorkloadPolicy.Default);
    }

    public static ControllerConfig ConfigOf(int maxGpus = 8, bool dryRun = false, params WorkloadConfig[] workloads) =>
        new(dryRun, GpuBudget.Default with { MaxGpus = maxGpus }, WorkloadPolicy.Default, workloads);

    public static ControllerConfig ConfigOf(params WorkloadConfig[] workloads) => ConfigOf(8, false, workloads);

    public static WorkloadPolicy WithPool(int minimum, int maxGpus = 8, PredictivePolicy? predictive = null) =>
        WorkloadPolicy.Default with
        {
            WarmPool = WarmPoolPolicy.Default with { Minimum = minimum, MaxGpus = maxGpus, Predictive = predictive ?? PredictivePolicy.Default },
        };

    public static ObservedHpa HpaOf(
        WorkloadRef? workload = null, HpaBehavior? behavior = null, int current = 2, int desired = 2, params (string Key, string Value)[] annotations)
    {
        var w = workload ?? Qwen;
        return new ObservedHpa(new HpaRef(w.Namespace, w.Name), 1, 10, current, desired, behavior, annotations.ToDictionary(a => a.Key, a => a.Value));
    }

    public static PodTemplate Template(int gpus = 1, string image = "vllm/vllm-openai:v0.10.0") => new(
        image,
        new Dictionary<string, string> { ["cpu"] = "8", ["memory"] = "64Gi", ["nvidia.com/gpu"] = $"{gpus}" },
        new Dictionary<string, string> { ["nvidia.com/gpu.product"] = "NVIDIA-A100-SXM4-80GB" },
        [new Toleration("nvidia.com/gpu", "Exists", null, "NoSchedule")],
        """{"nodeAffinity":{}}""");

    public static ObservedWorkload Observed(
        WorkloadRef? workload = null, ObservedHpa? hpa = null, IReadOnlyList<ObservedPod>? pods = null, int replicas = 2,
        PodTemplate? template = null, IReadOnlyList<MetricSample>? queue = null) =>
        new(workload ?? Qwen, replicas, template ?? Template(), hpa, pods ?? [], queue ?? []);

    /// <summary>A pod that became Ready <paramref name="readyAgo"/> seconds before <see cref="Now"/>.</summary>
    public static ObservedPod Ready(string name, int scheduling, int pull, int load, int readyAgo = 60)
    {
        var ready = Now.AddSeconds(-readyAgo);
        var started = ready.AddSeconds(-load);
        var scheduled = started.AddSeconds(-pull);
        return new ObservedPod(name, scheduled.AddSeconds(-scheduling), scheduling > 0 ? scheduled.AddSeconds(-scheduling) : null, scheduled, started, ready);
    }

    public static ObservedPod Loading(string name, int createdAgo = 30) =>
        new(name, Now.AddSeconds(-createdAgo), Scheduled: Now.AddSeconds(-createdAgo + 1));

    public static ObservedPod Unschedulable(string name, int createdAgo = 30) =>
        new(name, Now.AddSeconds(-createdAgo), UnschedulableSince: Now.AddSeconds(-createdAgo + 1));

    public static ColdStartHistory HistoryOf(params int[] totals) => new(
        totals.Select((t, i) => new ColdStartSample($"p{i}", Now.AddMinutes(-totals.Length + i), 0, 0, t)).ToList());

    public static DecideOutput RunDecide(ControllerConfig config, ObservedCluster cluster, TimeProvider? time = null, IReadOnlyDictionary<WorkloadRef, ColdStartHistory>? history = null) =>
        Decider.Decide(config, cluster, history ?? new Dictionary<WorkloadRef, ColdStartHistory>(), time ?? Clock());

    public static ObservedCluster Cluster(params ObservedWorkload[] workloads) => new(workloads, []);

    public static IReadOnlyList<string> Lines(DecideOutput output) => output.Decisions.Select(d => d.ToString()).ToList();
}
