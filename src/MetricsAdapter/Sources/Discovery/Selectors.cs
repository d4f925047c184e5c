using System.Text;
using Autoscale.Kubernetes;
using k8s.Models;

namespace Autoscale.MetricsAdapter.Sources.Discovery;

/// <summary>Kubernetes object selectors as the shared <see cref="LabelSelector"/>.</summary>
internal static class Selectors
{
    /// <summary>
    /// A <c>metav1.LabelSelector</c>; null for a missing or invalid one (upstream: a nil selector selects nothing,
    /// while an empty one selects everything).
    /// </summary>
    public static LabelSelector? From(V1LabelSelector? selector)
    {
        if (selector is null)
        {
            return null;
        }

        var text = new StringBuilder();
        foreach (var (key, value) in selector.MatchLabels ?? new Dictionary<string, string>())
        {
            Append(text, $"{key}={value}");
        }

        foreach (var e in selector.MatchExpressions ?? [])
        {
            var values = string.Join(",", e.Values ?? []);
            string? requirement = e.OperatorProperty switch
            {
                "In" => $"{e.Key} in ({values})",
                "NotIn" => $"{e.Key} notin ({values})",
                "Exists" => e.Key,
                "DoesNotExist" => "!" + e.Key,
                _ => null,
            };
            if (requirement is null)
            {
                return null; // an operator we cannot honour must not widen the selection
            }

            Append(text, requirement);
        }

        return LabelSelector.TryParse(text.ToString(), out var parsed, out _) ? parsed : null;
    }

    /// <summary>A Service's equality selector; null (no pods) when it has none, as for headless or external services.</summary>
    public static LabelSelector? From(IDictionary<string, string>? matchLabels) =>
        matchLabels is { Count: > 0 } ? From(new V1LabelSelector { MatchLabels = matchLabels }) : null;

    public static IReadOnlyDictionary<string, string> Labels(V1ObjectMeta? meta) =>
        meta?.Labels is { } labels ? new Dictionary<string, string>(labels, StringComparer.Ordinal) : Empty;

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    private static void Append(StringBuilder text, string requirement)
    {
        if (text.Length > 0)
        {
            text.Append(',');
        }

        text.Append(requirement);
    }
}
