namespace Autoscale.MetricsAdapter.Sources.Prometheus;

/// <summary>
/// The last answer to a <see cref="RuleQueryKey"/>: the series of the last successful query and when it ran, and the
/// error of the last attempt if it failed (the previous series are kept until they are stale, never replaced by zeros).
/// </summary>
internal sealed record RuleAnswer(IReadOnlyList<RuleSample> Samples, DateTimeOffset? SucceededAt, string? Error)
{
    public static RuleAnswer Pending { get; } = new([], null, null);
}
