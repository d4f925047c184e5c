namespace Autoscale.MetricsAdapter.Sources.Prometheus.Rules;

/// <summary>The parsed <c>rules:</c> and <c>externalRules:</c>, and the rules present but refused, each with why.</summary>
internal sealed record AdapterRulesConfig(IReadOnlyList<AdapterRule> Rules, IReadOnlyList<AdapterRule> ExternalRules, IReadOnlyList<RuleRefusal> Refusals)
{
    public static AdapterRulesConfig Empty { get; } = new([], [], []);
}
