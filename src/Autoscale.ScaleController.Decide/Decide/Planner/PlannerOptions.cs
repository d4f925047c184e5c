namespace Autoscale.ScaleController.Decide.Planner;

/// <summary>Settings of <see cref="PlannerRecommender"/>.</summary>
internal sealed record PlannerOptions
{
    /// <summary>
    /// Demand older than this is stale and gives no recommendation, like every other metric the adapter serves:
    /// the HPA's other metrics then govern. Two adapter scrape periods of slack over a 30-second window.
    /// </summary>
    public int MaxInputAgeSeconds { get; init; } = 90;

    /// <summary>The most replicas one recommendation adds to those ready and starting, or removes from the last one.</summary>
    public int MaxStep { get; init; } = 16;

    /// <summary>A previous recommendation older than this no longer limits the step down (the planner was away).</summary>
    public int LastRecommendationTtlSeconds { get; init; } = 600;

    /// <summary>Allows 0 replicas when demand and its forecast are both zero; otherwise the floor is 1.</summary>
    public bool AllowScaleToZero { get; init; }

    public static PlannerOptions Default { get; } = new();
}
