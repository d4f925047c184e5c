namespace Autoscale.Hpa.Calculator;

/// <summary>groupPods result: ready count and the names of unready, missing and ignored pods.</summary>
public sealed record PodGroups(
    int ReadyPodCount,
    IReadOnlySet<string> UnreadyPods,
    IReadOnlySet<string> MissingPods,
    IReadOnlySet<string> IgnoredPods);
