using System.Text;
using k8s.Models;

namespace Autoscale.Kubernetes;

public sealed partial class LabelSelector
{
    /// <summary>
    /// A <c>metav1.LabelSelector</c> as upstream's <c>LabelSelectorAsSelector</c> reads it; null for a missing one (a nil
    /// selector selects nothing, while an empty one selects everything) and for one that cannot be honoured (an unknown
    /// operator or an invalid key or value must not widen the selection). <see cref="ToString"/> gives the canonical
    /// text list/watch and the scale subresource use.
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
            AppendTerm(text, $"{key}={value}");
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
                return null;
            }

            AppendTerm(text, requirement);
        }

        return TryParse(text.ToString(), out var parsed, out _) ? parsed : null;
    }

    private static void AppendTerm(StringBuilder text, string requirement)
    {
        if (text.Length > 0)
        {
            text.Append(',');
        }

        text.Append(requirement);
    }
}
