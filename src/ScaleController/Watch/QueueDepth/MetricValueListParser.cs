using System.Globalization;
using System.Text.Json;
using Autoscale.Kubernetes;
using Autoscale.ScaleController.Decide.Observed;

namespace Autoscale.ScaleController.Watch.QueueDepth;

/// <summary>
/// Reads a custom.metrics.k8s.io MetricValueList (v1beta1 or v1beta2): one sample per item, its own
/// <c>timestamp</c> and its <c>value</c> quantity. An object metric has one item; more are summed at the newest
/// timestamp. Null when the document is not a MetricValueList or an item cannot be read.
/// </summary>
internal static class MetricValueListParser
{
    public static MetricSample? Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("kind", out var kind) || kind.GetString() != "MetricValueList"
                || !root.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array || items.GetArrayLength() == 0)
            {
                return null;
            }

            long milli = 0;
            DateTimeOffset? newest = null;
            foreach (var item in items.EnumerateArray())
            {
                if (!item.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.String
                    || !Quantity.TryParseMilli(value.GetString()!, out var itemMilli)
                    || !item.TryGetProperty("timestamp", out var stamp) || stamp.ValueKind != JsonValueKind.String
                    || !DateTimeOffset.TryParse(stamp.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var timestamp))
                {
                    return null;
                }

                milli = checked(milli + itemMilli);
                newest = newest is { } n && n > timestamp ? n : timestamp;
            }

            return new MetricSample(newest!.Value, milli / 1000.0);
        }
        catch (Exception ex) when (ex is JsonException or OverflowException or InvalidOperationException)
        {
            return null;
        }
    }
}
