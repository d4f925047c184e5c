namespace Autoscale.MetricsAdapter.Sources.Prometheus.Rules;

/// <summary>The parsed <c>rules:</c>, and what was present but is not served by this source (external/resource rules).</summary>
internal sealed record AdapterRulesConfig(IReadOnlyList<AdapterRule> Rules, IReadOnlyList<string> Warnings)
{
    public static AdapterRulesConfig Empty { get; } = new([], []);
}
