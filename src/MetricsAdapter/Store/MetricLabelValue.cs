using System.Buffers;

namespace Autoscale.MetricsAdapter.Store;

/// <summary>
/// Metric label values as an HPA can select them. An HPA's <c>metric.selector</c> is a Kubernetes label selector,
/// whose values must be valid label values (≤ 63 characters of <c>[A-Za-z0-9_.-]</c>, alphanumeric at both ends),
/// but vLLM's <c>model_name</c> is usually a Hugging Face id such as <c>meta-llama/Llama-3.1-8B-Instruct</c>.
/// Served label values are therefore sanitised: other characters become <c>_</c>
/// (<c>meta-llama_Llama-3.1-8B-Instruct</c>), the ends are trimmed to alphanumerics, and the value is cut at 63.
/// </summary>
internal static class MetricLabelValue
{
    private const int MaxLength = 63;
    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");

    public static string Sanitize(string value)
    {
        if (value.Length <= MaxLength && !value.AsSpan().ContainsAnyExcept(Allowed) && (value.Length == 0 || (char.IsAsciiLetterOrDigit(value[0]) && char.IsAsciiLetterOrDigit(value[^1]))))
        {
            return value;
        }

        var chars = value.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (!Allowed.Contains(chars[i]))
            {
                chars[i] = '_';
            }
        }

        var span = chars.AsSpan();
        span = span.TrimStart("-_.").TrimEnd("-_.");
        if (span.Length > MaxLength)
        {
            span = span[..MaxLength].TrimEnd("-_.");
        }

        return new string(span);
    }

    public static IReadOnlyDictionary<string, string> Sanitize(IReadOnlyDictionary<string, string> labels)
    {
        foreach (var (_, v) in labels)
        {
            if (!ReferenceEquals(Sanitize(v), v))
            {
                return labels.ToDictionary(kv => kv.Key, kv => Sanitize(kv.Value), StringComparer.Ordinal);
            }
        }

        return labels;
    }
}
