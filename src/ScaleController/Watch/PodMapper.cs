using Autoscale.ScaleController.Config;
using Autoscale.ScaleController.Decide.Observed;
using Autoscale.ScaleController.Decide.WarmPool;
using k8s.Models;

namespace Autoscale.ScaleController.Watch;

/// <summary>
/// Pod → lifecycle times: creation, PodScheduled=False/Unschedulable since, PodScheduled=True, the last
/// container's start (once all have started) and Ready=True, each from the condition's lastTransitionTime.
/// </summary>
internal static class PodMapper
{
    public static ObservedPod ToObserved(V1Pod pod)
    {
        var conditions = pod.Status?.Conditions ?? [];
        var scheduled = conditions.FirstOrDefault(c => c.Type == "PodScheduled");
        var ready = conditions.FirstOrDefault(c => c.Type == "Ready");
        return new ObservedPod(
            pod.Metadata.Name,
            Utc(pod.Metadata.CreationTimestamp) ?? DateTimeOffset.MinValue,
            scheduled is { Status: "False", Reason: "Unschedulable" } ? Utc(scheduled.LastTransitionTime) : null,
            scheduled is { Status: "True" } ? Utc(scheduled.LastTransitionTime) : null,
            ContainersStarted(pod),
            ready is { Status: "True" } ? Utc(ready.LastTransitionTime) : null,
            pod.Metadata.DeletionTimestamp is not null,
            string.IsNullOrEmpty(pod.Spec?.NodeName) ? null : pod.Spec.NodeName);
    }

    public static ObservedPlaceholder ToPlaceholder(V1Pod pod, GpuBudget budget)
    {
        IDictionary<string, string> annotations = pod.Metadata.Annotations ?? new Dictionary<string, string>();
        IDictionary<string, string> labels = pod.Metadata.Labels ?? new Dictionary<string, string>();
        var requests = TemplateMapper.Requests(pod.Spec?.Containers ?? []);
        var gpus = PlaceholderFactory.Gpus(new PodTemplate("", requests, new Dictionary<string, string>(), []), budget);
        return new ObservedPlaceholder(
            pod.Metadata.NamespaceProperty,
            pod.Metadata.Name,
            PlaceholderLabels.ParseOwner(pod.Metadata.NamespaceProperty, annotations.TryGetValue(PlaceholderLabels.OwnerAnnotation, out var owner) ? owner : null),
            labels.TryGetValue(PlaceholderLabels.TemplateHash, out var hash) ? hash : null,
            gpus,
            pod.Spec?.NodeName,
            pod.Metadata.DeletionTimestamp is not null,
            pod.Status?.Phase == "Running");
    }

    private static DateTimeOffset? ContainersStarted(V1Pod pod)
    {
        var statuses = pod.Status?.ContainerStatuses ?? [];
        var expected = pod.Spec?.Containers?.Count ?? statuses.Count;
        if (statuses.Count == 0 || statuses.Count < expected)
        {
            return null;
        }

        DateTimeOffset? last = null;
        foreach (var status in statuses)
        {
            var started = Utc(status.State?.Running?.StartedAt) ?? Utc(status.State?.Terminated?.StartedAt);
            if (started is null)
            {
                return null;
            }

            last = last is null || started > last ? started : last;
        }

        return last;
    }

    public static DateTimeOffset? Utc(DateTime? time) =>
        time is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, t.Kind == DateTimeKind.Local ? DateTimeKind.Local : DateTimeKind.Utc)).ToUniversalTime() : null;
}
