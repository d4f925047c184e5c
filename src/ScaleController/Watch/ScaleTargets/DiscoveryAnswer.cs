namespace Autoscale.ScaleController.Watch.ScaleTargets;

/// <summary>What discovery said about a kind: the resolved resource, or an outcome and a message saying why not.</summary>
internal sealed record DiscoveryAnswer(ResolvedResource? Resource, string Outcome, string? Error)
{
    public static DiscoveryAnswer Failed(string outcome, string error) => new(null, outcome, error);
}
