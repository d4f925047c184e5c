using System.Globalization;
using System.Text.Json;

namespace Autoscale.Kubernetes.CustomMetrics;

/// <summary>
/// Reads a custom.metrics.k8s.io MetricValueList (v1beta1 or v1beta2): one <see cref="MetricValue"/> per item. Null
/// when the document is not a MetricValueList or an item cannot be read: a list read in part is not read.
/// </summary>
public static class MetricValueList
{
    /// <summary>Every item, in the order served (empty when nothing is selected); null when unreadable.</summary>
    public static IReadOnlyList<MetricValue>? Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("kind", out var kind) || kind.GetString() != "MetricValueList"
                || !root.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var result = new List<MetricValue>(items.GetArrayLength());
            foreach (var item in items.EnumerateArray())
            {
                if (Item(item) is not { } read)
                {
                    return null;
                }

                result.Add(read);
            }

            return result;
        }
        catch (Exception ex) when (ex is JsonException or OverflowException or InvalidOperationException)
        {
            return null;
        }
    }

    private static MetricValue? Item(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object
            || !item.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.String
            || !Quantity.TryParseMilli(value.GetString()!, out var milli)
            || !item.TryGetProperty("timestamp", out var stamp) || stamp.ValueKind != JsonValueKind.String
            || !DateTimeOffset.TryParse(stamp.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var timestamp))
        {
            return null;
        }

        var name = item.TryGetProperty("describedObject", out var described) && described.ValueKind == JsonValueKind.Object
            && described.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String
            ? n.GetString()!
            : "";
        double? window = item.TryGetProperty("windowSeconds", out var w) && w.ValueKind == JsonValueKind.Number && w.TryGetDouble(out var seconds) && seconds >= 0
            ? seconds
            : null;
        return new MetricValue(name, timestamp, value.GetString()!, milli, window);
    }
}
