using System.Globalization;
using System.Text.Json;
using Autoscale.ScaleController.Decide.Observed;
using Autoscale.ScaleController.Decide.WarmPool;

namespace Autoscale.ScaleController.Watch.CapacityBuffers;

/// <summary>
/// A CapacityBufferList (JSON, any served version: the fields we read are the same in v1beta1 and v1) → observed
/// buffers. An item missing what we need is still returned, owner null, so Decide collects it.
/// </summary>
internal static class CapacityBufferMapper
{
    public static IReadOnlyList<ObservedCapacityBuffer>? ParseList(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (!root.TryGetProperty("items", out var items) || items.ValueKind == JsonValueKind.Null)
            {
                return [];
            }

            return items.ValueKind == JsonValueKind.Array ? [.. items.EnumerateArray().Select(ToObserved).OfType<ObservedCapacityBuffer>()] : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static ObservedCapacityBuffer? ToObserved(JsonElement item)
    {
        if (!item.TryGetProperty("metadata", out var meta) || Text(meta, "name") is not { } name || Text(meta, "namespace") is not { } ns)
        {
            return null;
        }

        var labels = Map(meta, "labels");
        var annotations = Map(meta, "annotations");
        var spec = item.TryGetProperty("spec", out var s) ? s : default;
        var status = item.TryGetProperty("status", out var st) ? st : default;
        var conditions = status.ValueKind == JsonValueKind.Object && status.TryGetProperty("conditions", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(c => new BufferCondition(Text(c, "type") ?? "", Text(c, "status") ?? "Unknown", Text(c, "reason") ?? "", Text(c, "message") ?? "")).ToList()
            : [];
        return new ObservedCapacityBuffer(
            ns,
            name,
            PlaceholderLabels.ParseOwner(ns, annotations.GetValueOrDefault(PlaceholderLabels.OwnerAnnotation)),
            Int(spec, "replicas") ?? 0,
            labels.GetValueOrDefault(PlaceholderLabels.TemplateHash),
            int.TryParse(annotations.GetValueOrDefault(BufferFactory.GpusAnnotation), NumberStyles.None, CultureInfo.InvariantCulture, out var gpus) ? gpus : 0,
            Text(spec, "provisioningStrategy"),
            Int(status, "replicas"),
            conditions,
            DateTimeOffset.TryParse(Text(meta, "creationTimestamp"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created) ? created : DateTimeOffset.MinValue,
            Text(meta, "deletionTimestamp") is not null,
            Text(meta, "uid"));
    }

    private static string? Text(JsonElement element, string key) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Int(JsonElement element, string key) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : null;

    private static Dictionary<string, string> Map(JsonElement element, string key) =>
        element.TryGetProperty(key, out var map) && map.ValueKind == JsonValueKind.Object
            ? map.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
}
