using Autoscale.Hpa.Pods;

namespace Autoscale.Hpa.Calculator;

/// <summary>Port of calculateRequests and its helpers.</summary>
internal static class PodRequests
{
    /// <summary>
    /// Request per pod for <paramref name="resource"/>: the named container only, else pod-level requests when the
    /// gate is on and they are set, else the sum over regular and restartable init containers.
    /// </summary>
    public static (Dictionary<string, long>? Requests, string? Error) CalculateRequests(
        IReadOnlyList<HpaPod> pods, string container, string resource, bool podLevelResourcesEnabled)
    {
        var requests = new Dictionary<string, long>(pods.Count, StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            var usePodLevel = podLevelResourcesEnabled && pod.PodLevelRequestsMilli is { Count: > 0 } && container.Length == 0;
            var (request, error) = usePodLevel
                ? CalculatePodLevelRequests(pod, resource)
                : CalculatePodRequestsFromContainers(pod, container, resource);
            if (error is not null)
            {
                return (null, error);
            }

            requests[pod.Name] = request;
        }

        return (requests, null);
    }

    public static (long Request, string? Error) CalculatePodLevelRequests(HpaPod pod, string resource) =>
        pod.PodLevelRequestsMilli is not null && pod.PodLevelRequestsMilli.TryGetValue(resource, out var value)
            ? (value, null)
            : (0, $"missing pod-level request for {resource} in Pod {pod.Name}");

    public static (long Request, string? Error) CalculatePodRequestsFromContainers(HpaPod pod, string container, string resource)
    {
        long request = 0;
        foreach (var c in pod.Containers)
        {
            if (c.Kind == ContainerKind.Init)
            {
                continue;
            }

            var named = string.Equals(container, c.Name, StringComparison.Ordinal);
            if (container.Length == 0 || named)
            {
                if (!c.RequestsMilli.TryGetValue(resource, out var value))
                {
                    return (0, $"missing request for {resource} in container {c.Name} of Pod {pod.Name}");
                }

                request += value;
            }

            if (named)
            {
                return (request, null);
            }
        }

        return container.Length > 0 ? (0, $"container {container} not found in Pod {pod.Name}") : (request, null);
    }
}
