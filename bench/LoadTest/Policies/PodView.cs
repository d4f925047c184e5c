using Autoscale.LoadTest.Cluster;

namespace Autoscale.LoadTest.Policies;

/// <summary>What the API server says about one replica pod (placeholders are not selected by the target).</summary>
internal sealed record PodView(string Name, PodStage Stage, double CreatedAt, double? StartTime, double? ReadyAt);
