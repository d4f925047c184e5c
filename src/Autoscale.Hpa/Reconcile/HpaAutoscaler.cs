using Autoscale.Hpa.Calculator;
using Autoscale.Hpa.Normalization;
using Autoscale.Hpa.Pods;
using Autoscale.Hpa.Spec;

namespace Autoscale.Hpa.Reconcile;

/// <summary>
/// One pure reconcile of one HPA: the decision part of reconcileAutoscaler and computeReplicasForMetrics.
/// Reading /scale, listing pods, querying metrics and writing /scale, status and events stay with the caller, which
/// reports a failed read or write back through <see cref="FailedGetScale"/> and <see cref="RescaleFailed"/>.
/// </summary>
public sealed partial class HpaAutoscaler(HpaControllerOptions options)
{
    private readonly ReplicaCalculator _calculator = new(new ReplicaCalculatorOptions(
        options.CpuInitializationPeriod, options.DelayOfInitialReadinessStatus, options.PodLevelResourcesEnabled));

    public HpaControllerOptions Options { get; } = options;

    public HpaReconcileResult Reconcile(HpaReconcileInput input)
    {
        var spec = input.Spec;
        var now = input.Now;
        var previous = input.Status;
        var conditions = new ConditionList(previous?.Conditions, now);
        var events = new List<KubernetesEvent>();
        conditions.Set(new HpaCondition(HpaConditionType.AbleToScale, ConditionStatus.True, "SucceededGetScale", "the HPA controller was able to get the target's current scale"));
        var currentReplicas = input.Scale.SpecReplicas;
        var state = input.State with { Recommendations = ReplicaNormalization.RecordInitialRecommendation(input.State.Recommendations, currentReplicas, now) };
        var minReplicas = spec.MinReplicas ?? 1;
        IReadOnlyList<MetricProposal> proposals = [];
        IReadOnlyList<HpaMetricStatus?>? metricStatuses = null;
        IReadOnlyList<MetricComputation> computations = [];

        int desiredReplicas;
        var rescale = true;
        var rescaleReason = string.Empty;
        string? error = null;
        if (currentReplicas == 0 && minReplicas != 0)
        {
            // Implicit maintenance mode: a target scaled to zero by hand is left alone.
            desiredReplicas = 0;
            rescale = false;
            conditions.Set(new HpaCondition(HpaConditionType.ScalingActive, ConditionStatus.False, "ScalingDisabled", "scaling is disabled since the replica count of the target is zero"));
        }
        else if (currentReplicas > spec.MaxReplicas)
        {
            rescaleReason = "Current number of replicas above Spec.MaxReplicas";
            desiredReplicas = spec.MaxReplicas;
        }
        else if (currentReplicas < minReplicas)
        {
            rescaleReason = "Current number of replicas below Spec.MinReplicas";
            desiredReplicas = minReplicas;
        }
        else
        {
            var computed = ComputeReplicasForMetrics(input, conditions, events);
            proposals = computed.Proposals;
            metricStatuses = computed.Statuses;
            computations = computed.Computations;
            error = computed.Error;
            if (computed.Replicas == -1)
            {
                // setCurrentReplicasAndMetricsInStatus: status.desiredReplicas keeps its old value.
                events.Add(new KubernetesEvent(KubernetesEventType.Warning, "FailedComputeMetricsReplicas", error!));
                var failedStatus = new HpaStatus(currentReplicas, previous?.DesiredReplicas ?? currentReplicas, previous?.LastScaleTime, metricStatuses, conditions.ToList());
                return Result(input, currentReplicas, false, rescaleReason, failedStatus, proposals, state, state, error, computations, events);
            }

            desiredReplicas = Math.Max(0, computed.Replicas);
            var rescaleMetric = computed.Replicas > 0 ? computed.MetricName : string.Empty;
            if (desiredReplicas > currentReplicas)
            {
                rescaleReason = $"{rescaleMetric} above target";
            }

            if (desiredReplicas < currentReplicas)
            {
                rescaleReason = "All metrics below target";
            }

            var normalized = spec.Behavior is null
                ? ReplicaNormalization.NormalizeDesiredReplicas(state.Recommendations!, currentReplicas, desiredReplicas, minReplicas, spec.MaxReplicas,
                    Options.DownscaleStabilisationWindow, now, Options.ScaleUpLimitFactor, Options.ScaleUpLimitMinimum)
                : ReplicaNormalization.NormalizeDesiredReplicasWithBehaviors(spec.Behavior, state.Recommendations!, state.ScaleUpEvents, state.ScaleDownEvents,
                    currentReplicas, desiredReplicas, minReplicas, spec.MaxReplicas, Options.DownscaleStabilisationWindow, now);
            conditions.Set(normalized.AbleToScale);
            conditions.Set(normalized.ScalingLimited);
            state = state with { Recommendations = normalized.Recommendations };
            desiredReplicas = normalized.DesiredReplicas;
            rescale = desiredReplicas != currentReplicas;
        }

        if (!rescale)
        {
            var status = new HpaStatus(currentReplicas, currentReplicas, previous?.LastScaleTime, metricStatuses, conditions.ToList());
            return Result(input, currentReplicas, false, rescaleReason, status, proposals, state, state, error, computations, events);
        }

        var (up, down) = ReplicaNormalization.StoreScaleEvent(spec.Behavior, state.ScaleUpEvents, state.ScaleDownEvents, currentReplicas, desiredReplicas, now);
        conditions.Set(new HpaCondition(HpaConditionType.AbleToScale, ConditionStatus.True, "SucceededRescale", $"the HPA controller was able to update the target scale to {desiredReplicas}"));
        events.Add(new KubernetesEvent(KubernetesEventType.Normal, "SuccessfulRescale", $"New size: {desiredReplicas}; reason: {rescaleReason}"));
        var rescaled = new HpaStatus(currentReplicas, desiredReplicas, now, metricStatuses, conditions.ToList());
        return Result(input, desiredReplicas, true, rescaleReason, rescaled, proposals, state with { ScaleUpEvents = up, ScaleDownEvents = down }, state,
            error, computations, events);
    }

    /// <summary>
    /// The /scale update failed: AbleToScale=False/FailedUpdateScale, a FailedRescale event, status.desiredReplicas
    /// and lastScaleTime kept from before, no scale event stored; the reconcile reports no action and an internal error.
    /// </summary>
    public HpaReconcileResult RescaleFailed(HpaReconcileInput input, HpaReconcileResult result, string updateError)
    {
        var conditions = new ConditionList(result.Conditions, input.Now);
        conditions.Set(new HpaCondition(HpaConditionType.AbleToScale, ConditionStatus.False, "FailedUpdateScale", $"the HPA controller was unable to update the target scale: {updateError}"));
        var currentReplicas = input.Scale.SpecReplicas;
        var status = new HpaStatus(currentReplicas, input.Status?.DesiredReplicas ?? currentReplicas, input.Status?.LastScaleTime, result.Status.CurrentMetrics, conditions.ToList());
        KubernetesEvent[] events =
        [
            .. result.Events.Where(e => e.Reason != "SuccessfulRescale"),
            new KubernetesEvent(KubernetesEventType.Warning, "FailedRescale", $"New size: {result.DesiredReplicas}; reason: {result.RescaleReason}; error: {updateError}"),
        ];
        return result with
        {
            DesiredReplicas = currentReplicas,
            Rescale = false,
            Conditions = status.Conditions,
            NewState = result.StateIfRescaleFails,
            Error = $"failed to rescale: {updateError}",
            Status = status,
            StatusChanged = !status.SemanticallyEquals(input.Status),
            ActionLabel = MonitorActionLabel.None,
            ErrorLabel = MonitorErrorLabel.Internal,
            Events = events,
        };
    }

    /// <summary>
    /// Reading /scale failed: only AbleToScale=False/FailedGetScale changes in the status, with a FailedGetScale event;
    /// no metric is evaluated and the controller state is untouched.
    /// </summary>
    public static HpaReconcileResult FailedGetScale(HpaStatus? status, HpaControllerState state, string getError, DateTimeOffset now)
    {
        var conditions = new ConditionList(status?.Conditions, now);
        conditions.Set(new HpaCondition(HpaConditionType.AbleToScale, ConditionStatus.False, "FailedGetScale", $"the HPA controller was unable to get the target's current scale: {getError}"));
        var newStatus = (status ?? new HpaStatus(0, 0, null, null, [])) with { Conditions = conditions.ToList() };
        return new HpaReconcileResult(newStatus.DesiredReplicas, false, string.Empty, newStatus.Conditions, [], state, state, getError, newStatus,
            !newStatus.SemanticallyEquals(status), MonitorActionLabel.None, MonitorErrorLabel.Internal, [],
            [new KubernetesEvent(KubernetesEventType.Warning, "FailedGetScale", getError)]);
    }

    /// <summary>
    /// tolerancesForHpa: the cluster tolerance, overridden per direction by behavior.scale{Up,Down}.tolerance when
    /// the HPAConfigurableTolerance gate is on.
    /// </summary>
    public Tolerances TolerancesForHpa(HpaBehavior? behavior)
    {
        var tolerances = new Tolerances(Options.Tolerance, Options.Tolerance);
        if (!Options.ConfigurableToleranceEnabled || behavior is null)
        {
            return tolerances;
        }

        return new Tolerances(behavior.ScaleDown?.Tolerance ?? tolerances.ScaleDown, behavior.ScaleUp?.Tolerance ?? tolerances.ScaleUp);
    }

    private static HpaReconcileResult Result(
        HpaReconcileInput input, int desired, bool rescale, string reason, HpaStatus status, IReadOnlyList<MetricProposal> proposals,
        HpaControllerState newState, HpaControllerState failedState, string? error, IReadOnlyList<MetricComputation> computations, List<KubernetesEvent> events)
    {
        var current = input.Scale.SpecReplicas;
        var action = !rescale ? MonitorActionLabel.None : desired > current ? MonitorActionLabel.ScaleUp : MonitorActionLabel.ScaleDown;
        return new HpaReconcileResult(desired, rescale, reason, status.Conditions, proposals, newState, failedState, error, status,
            !status.SemanticallyEquals(input.Status), action, error is null ? MonitorErrorLabel.None : MonitorErrorLabel.Internal, computations, [.. events]);
    }
}
