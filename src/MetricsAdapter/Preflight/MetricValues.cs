namespace Autoscale.MetricsAdapter.Preflight;

/// <summary>One adapter's answer for one pod metric: a value per pod, or the error it answered with.</summary>
internal sealed record MetricValues(IReadOnlyDictionary<string, double> ByPod, string? Error)
{
    public static MetricValues Of(IReadOnlyDictionary<string, double> byPod) => new(byPod, null);

    public static MetricValues Failed(string error) => new(new Dictionary<string, double>(), error);
}
