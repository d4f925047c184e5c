namespace Autoscale.MetricsAdapter.Sources.Prometheus.Rules;

/// <summary>
/// A rule the config holds but this adapter does not serve, and why: logged at Warning when the source starts, counted
/// in <c>autoscale_adapter_prometheus_rules_refused</c>, and listed for <c>--check</c> as "section[index] (line): reason".
/// </summary>
/// <param name="Section"><c>rules</c>, <c>externalRules</c> or <c>resourceRules</c>.</param>
/// <param name="Index">The rule's 0-based position in its section (-1 for a whole section).</param>
/// <param name="Line">Where it starts in the config text.</param>
internal sealed record RuleRefusal(string Section, int Index, int Line, string Reason)
{
    public override string ToString() => Index < 0 ? $"{Section} (line {Line}): {Reason}" : $"{Section}[{Index}] (line {Line}): {Reason}";
}
