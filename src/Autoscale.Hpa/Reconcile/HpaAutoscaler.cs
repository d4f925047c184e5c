using Autoscale.Hpa.Calculator;
using Autoscale.Hpa.Normalization;
using Autoscale.Hpa.Pods;
using Autoscale.Hpa.Spec;

namespace Autoscale.Hpa.Reconcile;

/// <summary>
/// One pure reconcile of one HPA: the decision part of reconcileAutoscaler and computeReplicasForMetrics.
/// Reading /scale, listing pods, querying metrics and writing /scale and status stay with the caller.
/// </summary>
public sealed class HpaAutoscaler(HpaControllerOptions options)
{
    private readonly ReplicaCalculator _calculator = new(new ReplicaCalculatorOptions(
        options.CpuInitializationPeriod, options.DelayOfInitialReadinessStatus, options.PodLevelResourcesEnabled));

    public HpaControllerOptions Options { get; } = options;

    public HpaReconcileResult Reconcile(HpaReconcileInput input)
    {
        var spec = input.Spec;
        var conditions = new ConditionList();
        conditions.Set(new HpaCondition(HpaConditionType.AbleToScale, ConditionStatus.True, "SucceededGetScale", "the HPA controller was able to get the target's current scale"));
        var currentReplicas = input.Scale.SpecReplicas;
        var state = input.State with { Recommendations = HorizontalController.RecordInitialRecommendation(input.State.Recommendations, currentReplicas, input.Now) };
        var minReplicas = spec.MinReplicas ?? 1;
        IReadOnlyList<MetricProposal> proposals = [];

        int desiredReplicas;
        var rescaleReason = string.Empty;
        string? error = null;
        if (currentReplicas == 0 && minReplicas != 0)
        {
            // Implicit maintenance mode: a target scaled to zero by hand is left alone.
            conditions.Set(new HpaCondition(HpaConditionType.ScalingActive, ConditionStatus.False, "ScalingDisabled", "scaling is disabled since the replica count of the target is zero"));
            return Result(currentReplicas, false, rescaleReason, conditions, proposals, state, state, null);
        }

        if (currentReplicas > spec.MaxReplicas)
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
            var computed = ComputeReplicasForMetrics(input, conditions);
            proposals = computed.Proposals;
            error = computed.Error;
            if (computed.Replicas == -1)
            {
                return Result(currentReplicas, false, rescaleReason, conditions, proposals, state, state, error);
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
                ? HorizontalController.NormalizeDesiredReplicas(state.Recommendations!, currentReplicas, desiredReplicas, minReplicas, spec.MaxReplicas, Options.DownscaleStabilisationWindow, input.Now)
                : HorizontalController.NormalizeDesiredReplicasWithBehaviors(spec.Behavior, state.Recommendations!, state.ScaleUpEvents, state.ScaleDownEvents,
                    currentReplicas, desiredReplicas, minReplicas, spec.MaxReplicas, Options.DownscaleStabilisationWindow, input.Now);
            conditions.Set(normalized.AbleToScale);
            conditions.Set(normalized.ScalingLimited);
            state = state with { Recommendations = normalized.Recommendations };
            desiredReplicas = normalized.DesiredReplicas;
        }

        if (desiredReplicas == currentReplicas)
        {
            return Result(currentReplicas, false, rescaleReason, conditions, proposals, state, state, error);
        }

        var failedState = state;
        var (up, down) = HorizontalController.StoreScaleEvent(spec.Behavior, state.ScaleUpEvents, state.ScaleDownEvents, currentReplicas, desiredReplicas, input.Now);
        conditions.Set(new HpaCondition(HpaConditionType.AbleToScale, ConditionStatus.True, "SucceededRescale", $"the HPA controller was able to update the target scale to {desiredReplicas}"));
        return Result(desiredReplicas, true, rescaleReason, conditions, proposals, state with { ScaleUpEvents = up, ScaleDownEvents = down }, failedState, error);
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

    /// <summary>
    /// computeReplicasForMetrics: the max over valid proposals. If every metric failed, or some failed and the rest
    /// would scale down, returns -1 (no scaling) and the first failure's condition; a failure never blocks a scale-up.
    /// </summary>
    internal (int Replicas, string MetricName, IReadOnlyList<MetricProposal> Proposals, string? Error) ComputeReplicasForMetrics(
        HpaReconcileInput input, ConditionList conditions)
    {
        if (string.IsNullOrEmpty(input.Scale.Selector))
        {
            conditions.Set(new HpaCondition(HpaConditionType.ScalingActive, ConditionStatus.False, "InvalidSelector", "the HPA target's scale is missing a selector"));
            return (-1, string.Empty, [], "selector is required");
        }

        var tolerances = TolerancesForHpa(input.Spec.Behavior);
        var proposals = input.Spec.Metrics.Select(m => MetricReplicaComputer.ComputeReplicasForMetric(_calculator, m, input, tolerances)).ToList();
        var replicas = 0;
        var metricName = string.Empty;
        MetricProposal? firstInvalid = null;
        var invalidCount = 0;
        foreach (var proposal in proposals)
        {
            if (!proposal.Calculation.IsValid)
            {
                firstInvalid ??= proposal;
                invalidCount++;
                continue;
            }

            if (replicas == 0 || proposal.Calculation.ReplicaCount > replicas)
            {
                replicas = proposal.Calculation.ReplicaCount;
                metricName = proposal.MetricName;
            }
        }

        var error = firstInvalid is null
            ? null
            : $"invalid metrics ({invalidCount} invalid out of {proposals.Count}), first error is: {firstInvalid.Calculation.Error}";
        if (invalidCount >= proposals.Count || (invalidCount > 0 && replicas < input.Scale.SpecReplicas))
        {
            if (firstInvalid?.FailureCondition is { } failure)
            {
                conditions.Set(failure);
            }

            return (-1, string.Empty, proposals, error ?? "no metrics specified");
        }

        conditions.Set(new HpaCondition(HpaConditionType.ScalingActive, ConditionStatus.True, "ValidMetricFound", $"the HPA was able to successfully calculate a replica count from {metricName}"));
        return (replicas, metricName, proposals, error);
    }

    private static HpaReconcileResult Result(
        int desired, bool rescale, string reason, ConditionList conditions, IReadOnlyList<MetricProposal> proposals,
        HpaControllerState newState, HpaControllerState failedState, string? error) =>
        new(desired, rescale, reason, conditions.ToList(), proposals, newState, failedState, error);
}
