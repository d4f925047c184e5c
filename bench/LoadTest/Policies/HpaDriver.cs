using Autoscale.Hpa.Metrics;
using Autoscale.Hpa.Pods;
using Autoscale.Hpa.Reconcile;
using Autoscale.Hpa.Spec;
using Autoscale.LoadTest.Cluster;

namespace Autoscale.LoadTest.Policies;

/// <summary>
/// Runs the shared HPA library (<see cref="HpaAutoscaler"/>) exactly as kube-controller-manager would: it turns
/// the simulated pods into the pods the selector lists, keeps the controller's in-memory state between syncs, and
/// returns status.desiredReplicas. No part of the HPA algorithm lives here.
/// </summary>
internal sealed class HpaDriver(HpaSpec spec, HpaControllerOptions options)
{
    /// <summary>Virtual time zero; the HPA library works in wall-clock instants.</summary>
    public static readonly DateTimeOffset Epoch = new(2023, 11, 16, 0, 0, 0, TimeSpan.Zero);

    public const string Selector = "app=vllm";
    /// <summary>The vllm container's CPU request: <c>cpu: "4"</c> in deploy/examples/vllm-deployment.yaml.</summary>
    public const long CpuRequestMilli = 4000;

    private HpaControllerState _state = HpaControllerState.Empty;

    public HpaAutoscaler Autoscaler { get; } = new(options);

    public HpaSpec Spec { get; set; } = spec;

    /// <summary>metadata.annotations of the simulated HPA object (the scale controller keeps its history here).</summary>
    public Dictionary<string, string> Annotations { get; } = new(StringComparer.Ordinal);

    /// <summary>status.currentReplicas and status.desiredReplicas as of the last sync (null before the first).</summary>
    public (int Current, int Desired)? Status { get; private set; }

    /// <summary>How many reconciles ran; lets tests prove the library is on the path.</summary>
    public int Reconciles { get; private set; }

    public static DateTimeOffset At(double seconds) => Epoch.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));

    public int Reconcile(PolicyInput input, HpaMetricsSnapshot metrics)
    {
        var pods = input.Pods.Where(p => p.Stage != PodStage.Deleted).Select(ToHpaPod).ToList();
        var scale = new ScaleInfo(input.SpecReplicas, pods.Count, Selector);
        var result = Autoscaler.Reconcile(new HpaReconcileInput(Spec, scale, pods, metrics, _state, At(input.Now)));
        _state = result.NewState;
        Status = (scale.StatusReplicas, result.DesiredReplicas);
        Reconciles++;
        return result.DesiredReplicas;
    }

    internal static HpaPod ToHpaPod(PodView pod)
    {
        var containers = new[] { new HpaContainer("vllm", new Dictionary<string, long> { ["cpu"] = CpuRequestMilli }) };
        DateTimeOffset? start = pod.StartTime is { } s ? At(s) : null;
        return pod.Stage switch
        {
            PodStage.Pending => new HpaPod(pod.Name, PodPhase.Pending, null, null, containers),
            PodStage.PullingImage => new HpaPod(pod.Name, PodPhase.Pending, new PodReadyCondition(ConditionStatus.False, start!.Value), start, containers),
            PodStage.Loading => new HpaPod(pod.Name, PodPhase.Running, new PodReadyCondition(ConditionStatus.False, start!.Value), start, containers),
            PodStage.Ready => new HpaPod(pod.Name, PodPhase.Running, new PodReadyCondition(ConditionStatus.True, At(pod.ReadyAt!.Value)), start, containers),
            _ => new HpaPod(pod.Name, PodPhase.Running, new PodReadyCondition(ConditionStatus.False, start ?? At(pod.CreatedAt)), start, containers, DeletionTimestamp: start ?? At(pod.CreatedAt)),
        };
    }
}
