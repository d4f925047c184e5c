using Autoscale.Hpa.Pods;

namespace Autoscale.Hpa.Reconcile;

public sealed partial class HpaAutoscaler
{
    /// <summary>
    /// computeReplicasForMetrics: the max over valid proposals. If every metric failed, or some failed and the rest
    /// would scale down, returns -1 (no scaling) and the first failure's condition; a failure never blocks a scale-up.
    /// Every failed metric records a Warning event named after its condition reason, as upstream's
    /// getUnableComputeReplicaCountCondition does.
    /// </summary>
    internal (int Replicas, string MetricName, IReadOnlyList<MetricProposal> Proposals, IReadOnlyList<HpaMetricStatus?>? Statuses,
        IReadOnlyList<MetricComputation> Computations, string? Error) ComputeReplicasForMetrics(
        HpaReconcileInput input, ConditionList conditions, List<KubernetesEvent> events)
    {
        if (string.IsNullOrEmpty(input.Scale.Selector))
        {
            const string message = "selector is required";
            events.Add(new KubernetesEvent(KubernetesEventType.Warning, "SelectorRequired", message));
            conditions.Set(new HpaCondition(HpaConditionType.ScalingActive, ConditionStatus.False, "InvalidSelector", "the HPA target's scale is missing a selector"));
            return (-1, string.Empty, [], null, [], message);
        }

        if (input.Scale.SelectorParseError is { } parseError)
        {
            var message = $"couldn't convert selector into a corresponding internal selector object: {parseError}";
            events.Add(new KubernetesEvent(KubernetesEventType.Warning, "InvalidSelector", message));
            conditions.Set(new HpaCondition(HpaConditionType.ScalingActive, ConditionStatus.False, "InvalidSelector", message));
            return (-1, string.Empty, [], null, [], message);
        }

        if (input.SelectingHpas is { Count: > 1 } selecting)
        {
            var message = $"pods by selector {input.Scale.Selector} are controlled by multiple HPAs: [{string.Join(' ', selecting)}]";
            events.Add(new KubernetesEvent(KubernetesEventType.Warning, "AmbiguousSelector", message));
            conditions.Set(new HpaCondition(HpaConditionType.ScalingActive, ConditionStatus.False, "AmbiguousSelector", message));
            return (-1, string.Empty, [], null, [], message);
        }

        var tolerances = TolerancesForHpa(input.Spec.Behavior);
        var specReplicas = input.Scale.SpecReplicas;
        var proposals = input.Spec.Metrics.Select(m => MetricReplicaComputer.ComputeReplicasForMetric(_calculator, m, input, tolerances)).ToList();
        var computations = new List<MetricComputation>(proposals.Count);
        var replicas = 0;
        var metricName = string.Empty;
        MetricProposal? firstInvalid = null;
        var invalidCount = 0;
        foreach (var proposal in proposals)
        {
            computations.Add(Observe(proposal, specReplicas));
            if (!proposal.Calculation.IsValid)
            {
                events.Add(new KubernetesEvent(KubernetesEventType.Warning, proposal.FailureCondition!.Reason, proposal.Calculation.Error!));
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

        var statuses = proposals.Select(MetricReplicaComputer.StatusFor).ToList();
        var error = firstInvalid is null
            ? null
            : $"invalid metrics ({invalidCount} invalid out of {proposals.Count}), first error is: {firstInvalid.Calculation.Error}";
        if (invalidCount >= proposals.Count || (invalidCount > 0 && replicas < specReplicas))
        {
            if (firstInvalid?.FailureCondition is { } failure)
            {
                conditions.Set(failure);
            }

            return (-1, string.Empty, proposals, statuses, computations, error ?? "no metrics specified");
        }

        conditions.Set(new HpaCondition(HpaConditionType.ScalingActive, ConditionStatus.True, "ValidMetricFound", $"the HPA was able to successfully calculate a replica count from {metricName}"));
        return (replicas, metricName, proposals, statuses, computations, error);
    }

    // ObserveMetricComputationResult: a valid proposal's direction relative to spec replicas; a failure has no direction.
    private static MetricComputation Observe(MetricProposal proposal, int specReplicas)
    {
        if (!proposal.Calculation.IsValid)
        {
            return new MetricComputation(proposal.Spec.Type, MonitorActionLabel.None, proposal.SpecError ? MonitorErrorLabel.Spec : MonitorErrorLabel.Internal);
        }

        var replicas = proposal.Calculation.ReplicaCount;
        var action = replicas > specReplicas ? MonitorActionLabel.ScaleUp : replicas < specReplicas ? MonitorActionLabel.ScaleDown : MonitorActionLabel.None;
        return new MetricComputation(proposal.Spec.Type, action, MonitorErrorLabel.None);
    }
}
