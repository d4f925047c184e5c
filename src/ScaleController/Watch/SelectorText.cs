using k8s.Models;

namespace Autoscale.ScaleController.Watch;

/// <summary>A workload's <c>spec.selector</c> in the string form list/watch and <see cref="Autoscale.Kubernetes.LabelSelector"/> use.</summary>
internal static class SelectorText
{
    /// <summary>Null for a missing or empty selector: it would select every pod, which no workload means.</summary>
    public static string? From(V1LabelSelector? selector)
    {
        var parts = new List<string>();
        foreach (var (key, value) in (selector?.MatchLabels ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            parts.Add($"{key}={value}");
        }

        foreach (var expression in selector?.MatchExpressions ?? [])
        {
            var values = string.Join(",", (expression.Values ?? []).Order(StringComparer.Ordinal));
            parts.Add(expression.OperatorProperty switch
            {
                "In" => $"{expression.Key} in ({values})",
                "NotIn" => $"{expression.Key} notin ({values})",
                "Exists" => expression.Key,
                "DoesNotExist" => "!" + expression.Key,
                _ => throw new FormatException($"unknown selector operator \"{expression.OperatorProperty}\""),
            });
        }

        return parts.Count == 0 ? null : string.Join(",", parts);
    }
}
