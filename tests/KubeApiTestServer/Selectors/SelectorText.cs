using System.Text.Json.Nodes;

namespace Autoscale.Testing.KubeApi.Selectors;

/// <summary>metav1.LabelSelector JSON → selector text (parsing and matching use the product's upstream port, Autoscale.Kubernetes.LabelSelector).</summary>
internal static class SelectorText
{
    /// <summary>Formats a <c>metav1.LabelSelector</c> JSON object as a selector string, as the scale subresource does.</summary>
    public static string Format(JsonObject? selector)
    {
        if (selector is null)
        {
            return "";
        }

        var terms = new List<string>();
        if (selector["matchLabels"] is JsonObject matchLabels)
        {
            foreach (var (key, value) in matchLabels.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                terms.Add($"{key}={value?.GetValue<string>()}");
            }
        }

        if (selector["matchExpressions"] is JsonArray expressions)
        {
            foreach (var expression in expressions.OfType<JsonObject>())
            {
                var key = expression["key"]?.GetValue<string>() ?? "";
                var values = (expression["values"] as JsonArray)?.Select(v => v?.GetValue<string>() ?? "").Order(StringComparer.Ordinal) ?? Enumerable.Empty<string>();
                terms.Add((expression["operator"]?.GetValue<string>()) switch
                {
                    "In" => $"{key} in ({string.Join(',', values)})",
                    "NotIn" => $"{key} notin ({string.Join(',', values)})",
                    "DoesNotExist" => "!" + key,
                    _ => key,
                });
            }
        }

        return string.Join(',', terms);
    }
}
