namespace Autoscale.Testing.KubeApi.Selectors;

/// <summary>One term of a label selector; the operators of k8s.io/apimachinery/pkg/labels.</summary>
internal sealed record LabelRequirement(string Key, string Operator, IReadOnlyList<string> Values)
{
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var present = labels.TryGetValue(Key, out var value);
        return Operator switch
        {
            "=" or "==" or "in" => present && Values.Contains(value),
            "!=" or "notin" => !present || !Values.Contains(value),
            "exists" => present,
            "!" => !present,
            ">" => present && long.TryParse(value, out var gt) && gt > long.Parse(Values[0], System.Globalization.CultureInfo.InvariantCulture),
            "<" => present && long.TryParse(value, out var lt) && lt < long.Parse(Values[0], System.Globalization.CultureInfo.InvariantCulture),
            _ => false,
        };
    }
}
