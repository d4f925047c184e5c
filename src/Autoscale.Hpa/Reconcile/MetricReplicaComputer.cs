using Autoscale.Hpa.Calculator;
using Autoscale.Hpa.Pods;
using Autoscale.Hpa.Spec;

namespace Autoscale.Hpa.Reconcile;

/// <summary>Port of computeReplicasForMetric and the computeStatusFor*Metric functions.</summary>
internal static class MetricReplicaComputer
{
    public static MetricProposal ComputeReplicasForMetric(
        ReplicaCalculator calc, MetricSpec spec, HpaReconcileInput input, Tolerances tolerances)
    {
        var specReplicas = input.Scale.SpecReplicas;
        var statusReplicas = input.Scale.StatusReplicas;
        var metrics = input.Metrics;
        var target = spec.Target;
        var metricName = spec.Metric?.Name ?? string.Empty;
        switch (spec.Type)
        {
            case MetricSourceType.Object when spec.DescribedObject is { } obj && spec.Metric is { } id:
                var sample = metrics.ObjectMetrics?.GetValueOrDefault(new Metrics.ObjectMetricKey(obj, id));
                if (target.Type == MetricTargetType.Value && target.ValueMilli is { } value)
                {
                    return Proposal(spec, $"{obj.Kind} metric {metricName}", "FailedGetObjectMetric",
                        calc.GetObjectMetricReplicas(specReplicas, value, metricName, tolerances, sample, input.Pods));
                }

                if (target.Type == MetricTargetType.AverageValue && target.AverageValueMilli is { } average)
                {
                    // Upstream names Object AverageValue metrics "external metric ..." too; kept for identical reasons.
                    return Proposal(spec, $"external metric {id}", "FailedGetObjectMetric",
                        ReplicaCalculator.GetObjectPerPodMetricReplicas(statusReplicas, average, metricName, tolerances, sample));
                }

                return Invalid(spec, "FailedGetObjectMetric", "invalid object metric source: neither a value target nor an average value target was set");

            case MetricSourceType.Pods when spec.Metric is { } id:
                return target.AverageValueMilli is { } podsTarget
                    ? Proposal(spec, $"pods metric {metricName}", "FailedGetPodsMetric",
                        calc.GetMetricReplicas(specReplicas, podsTarget, metricName, tolerances, input.Pods, metrics.PodsMetrics?.GetValueOrDefault(id), input.Now))
                    : Invalid(spec, "FailedGetPodsMetric", "invalid pods metric source: no average value target was set");

            case MetricSourceType.Resource or MetricSourceType.ContainerResource when spec.ResourceName is { } resource:
                return ComputeResource(calc, spec, resource, input, tolerances);

            case MetricSourceType.External when spec.Metric is { } id:
                var samples = metrics.ExternalMetrics?.GetValueOrDefault(id);
                if (target.AverageValueMilli is { } perPod)
                {
                    return Proposal(spec, $"external metric {id}", "FailedGetExternalMetric",
                        ReplicaCalculator.GetExternalPerPodMetricReplicas(statusReplicas, perPod, metricName, tolerances, samples));
                }

                if (target.ValueMilli is { } total)
                {
                    return Proposal(spec, $"external metric {id}", "FailedGetExternalMetric",
                        calc.GetExternalMetricReplicas(specReplicas, total, metricName, tolerances, samples, input.Pods));
                }

                return Invalid(spec, "FailedGetExternalMetric", "invalid external metric source: neither a value target nor an average value target was set");

            default:
                return Invalid(spec, "InvalidMetricSourceType", $"unknown or incomplete metric source type \"{spec.Type}\"");
        }
    }

    private static MetricProposal ComputeResource(ReplicaCalculator calc, MetricSpec spec, string resource, HpaReconcileInput input, Tolerances tolerances)
    {
        var isContainer = spec.Type == MetricSourceType.ContainerResource;
        var container = isContainer ? spec.Container ?? string.Empty : string.Empty;
        var failure = isContainer ? "FailedGetContainerResourceMetric" : "FailedGetResourceMetric";
        var raw = input.Metrics.ResourceMetrics;
        if (spec.Target.AverageValueMilli is { } average)
        {
            return Proposal(spec, $"{resource} resource", failure,
                calc.GetRawResourceReplicas(input.Scale.SpecReplicas, average, resource, tolerances, input.Pods, raw, container, input.Now));
        }

        if (spec.Target.AverageUtilization is not { } utilization)
        {
            return Invalid(spec, failure, "invalid resource metric source: neither an average utilization target nor an average value (usage) target was set");
        }

        var name = isContainer
            ? $"{resource} container resource utilization (percentage of request)"
            : $"{resource} resource utilization (percentage of request)";
        return Proposal(spec, name, failure,
            calc.GetResourceReplicas(input.Scale.SpecReplicas, utilization, resource, tolerances, input.Pods, raw, container, input.Now));
    }

    private static MetricProposal Proposal(MetricSpec spec, string metricName, string failureReason, ReplicaCalculation calculation) =>
        calculation.IsValid
            ? new MetricProposal(spec, metricName, calculation, null)
            : new MetricProposal(spec, metricName, calculation, Unable(failureReason, calculation.Error!));

    private static MetricProposal Invalid(MetricSpec spec, string reason, string error) =>
        new(spec, string.Empty, ReplicaCalculation.Fail(error), Unable(reason, error), SpecError: true);

    private static HpaCondition Unable(string reason, string error) =>
        new(HpaConditionType.ScalingActive, ConditionStatus.False, reason, $"the HPA was unable to compute the replica count: {error}");

    /// <summary>
    /// The status.currentMetrics entry of the computeStatusFor*Metric functions; null for a failed metric (upstream
    /// leaves that slot zero-valued).
    /// </summary>
    public static HpaMetricStatus? StatusFor(MetricProposal proposal)
    {
        if (!proposal.Calculation.IsValid)
        {
            return null;
        }

        var spec = proposal.Spec;
        var usage = proposal.Calculation.Usage;
        var status = new HpaMetricStatus(spec.Type, spec.ResourceName,
            spec.Type == MetricSourceType.ContainerResource ? spec.Container : null, spec.Metric, spec.DescribedObject);
        return spec.Type switch
        {
            MetricSourceType.Resource or MetricSourceType.ContainerResource => status with
            {
                Metric = null,
                AverageValueMilli = usage,
                AverageUtilization = spec.Target.AverageValueMilli is null ? proposal.Calculation.Utilization : null,
            },
            MetricSourceType.Pods => status with { AverageValueMilli = usage },
            // The same test as ComputeReplicasForMetric uses to pick the per-pod calculation.
            _ => (spec.Type == MetricSourceType.Object ? spec.Target.Type == MetricTargetType.AverageValue : spec.Target.AverageValueMilli is not null)
                ? status with { AverageValueMilli = usage }
                : status with { ValueMilli = usage },
        };
    }
}
