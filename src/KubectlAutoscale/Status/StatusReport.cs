namespace Autoscale.Kubectl.Status;

/// <summary>Everything <c>status</c> found for one HPA, read once; the printer only formats it.</summary>
internal sealed record StatusReport(
    string Namespace,
    string Name,
    string Target,
    string? Selector,
    int? CurrentReplicas,
    int? DesiredReplicas,
    int MinReplicas,
    int MaxReplicas,
    IReadOnlyList<ApiServiceState> ApiServices,
    IReadOnlyList<MetricReport> Metrics,
    IReadOnlyList<ConditionLine> Conditions,
    string? Behavior,
    IReadOnlyList<EventLine> ControllerEvents,
    IReadOnlyList<EventLine> HpaControllerEvents,
    IReadOnlyList<(string Key, string Value)> Annotations,
    IReadOnlyList<Problem> Problems);

/// <summary>One APIService of custom.metrics.k8s.io: who serves it and whether the aggregator can reach it.</summary>
internal sealed record ApiServiceState(string Name, string Service, bool Available, string Reason, string Message);

/// <summary>What the API served for one metric of the HPA, or why it did not.</summary>
internal sealed record MetricReport(
    string Name, string Source, string Target, IReadOnlyList<ServedValue> Served, int? ErrorCode, string? Error, IReadOnlyList<LeftOutPod> LeftOut);

/// <summary>One item of a MetricValueList: the described object, its value and how old its sample is.</summary>
internal sealed record ServedValue(string Object, string Value, TimeSpan Age, long? WindowSeconds);

/// <summary>A pod the scale target selects that the answer left out, and the likely reason.</summary>
internal sealed record LeftOutPod(string Pod, string Reason);

internal sealed record ConditionLine(string Type, string Status, string Reason, string Message);

internal sealed record EventLine(TimeSpan Age, string Type, string Reason, string Message, int Count);

/// <summary>A problem found, with the troubleshooting page's section for it.</summary>
internal sealed record Problem(string Text, string Anchor)
{
    public string Link => $"docs/troubleshooting.md#{Anchor}";
}
