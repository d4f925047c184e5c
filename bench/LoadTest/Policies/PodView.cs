using Autoscale.LoadTest.Cluster;

namespace Autoscale.LoadTest.Policies;

/// <summary>
/// What the API server says about one replica pod (placeholders are not selected by the target). Times are
/// virtual seconds: <paramref name="StartTime"/> is when it was bound (PodScheduled=True, status.startTime),
/// <paramref name="ContainersStartedAt"/> when the image was there and vLLM started, <paramref name="UnschedulableSince"/>
/// when the scheduler first found no node. Pods that existed before the run carry no lifecycle timestamps.
/// </summary>
internal sealed record PodView(
    string Name,
    PodStage Stage,
    double CreatedAt,
    double? StartTime,
    double? ReadyAt,
    double? ContainersStartedAt = null,
    double? UnschedulableSince = null);
