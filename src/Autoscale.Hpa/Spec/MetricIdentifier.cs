namespace Autoscale.Hpa.Spec;

/// <summary>
/// autoscaling/v2 <c>MetricIdentifier</c>. The selector is kept as its canonical string form: this library never
/// evaluates selectors, it only uses the pair as a key into the metric snapshot.
/// </summary>
public sealed record MetricIdentifier(string Name, string? Selector = null)
{
    public override string ToString() => Selector is null ? Name : $"{Name}({Selector})";
}
