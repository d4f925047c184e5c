using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Catalog;

namespace Autoscale.MetricsAdapter.Api;

/// <summary>
/// Writes a MetricValueList in upstream's exact JSON shape and field order, straight into the response buffer:
/// no per-item allocation (pre-encoded property names, values and timestamps formatted into stack buffers).
/// </summary>
internal static class MetricValueListWriter
{
    private static readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind");
    private static readonly JsonEncodedText ApiVersionName = JsonEncodedText.Encode("apiVersion");
    private static readonly JsonEncodedText MetricValueListKind = JsonEncodedText.Encode("MetricValueList");
    private static readonly JsonEncodedText ExternalMetricValueListKind = JsonEncodedText.Encode("ExternalMetricValueList");
    private static readonly JsonEncodedText V1Beta1 = JsonEncodedText.Encode("custom.metrics.k8s.io/v1beta1");
    private static readonly JsonEncodedText V1Beta2 = JsonEncodedText.Encode("custom.metrics.k8s.io/v1beta2");
    private static readonly JsonEncodedText ExternalV1Beta1 = JsonEncodedText.Encode("external.metrics.k8s.io/v1beta1");
    private static readonly JsonEncodedText Metadata = JsonEncodedText.Encode("metadata");
    private static readonly JsonEncodedText Items = JsonEncodedText.Encode("items");
    private static readonly JsonEncodedText DescribedObject = JsonEncodedText.Encode("describedObject");
    private static readonly JsonEncodedText Namespace = JsonEncodedText.Encode("namespace");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText MetricName = JsonEncodedText.Encode("metricName");
    private static readonly JsonEncodedText MetricLabels = JsonEncodedText.Encode("metricLabels");
    private static readonly JsonEncodedText Metric = JsonEncodedText.Encode("metric");
    private static readonly JsonEncodedText Selector = JsonEncodedText.Encode("selector");
    private static readonly JsonEncodedText Timestamp = JsonEncodedText.Encode("timestamp");
    private static readonly JsonEncodedText Window = JsonEncodedText.Encode("window");
    private static readonly JsonEncodedText WindowSeconds = JsonEncodedText.Encode("windowSeconds");
    private static readonly JsonEncodedText Value = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText MatchLabels = JsonEncodedText.Encode("matchLabels");
    private static readonly JsonEncodedText MatchExpressions = JsonEncodedText.Encode("matchExpressions");
    private static readonly JsonEncodedText Key = JsonEncodedText.Encode("key");
    private static readonly JsonEncodedText Operator = JsonEncodedText.Encode("operator");
    private static readonly JsonEncodedText Values = JsonEncodedText.Encode("values");

    private static readonly JsonWriterOptions Options = new() { Indented = false, SkipValidation = true };

    [ThreadStatic]
    private static Utf8JsonWriter? _threadWriter;

    public static void Write(IBufferWriter<byte> output, ApiVersion version, MetricValueList list, MetaLabelSelector? metricSelector)
    {
        var json = Rent(output);
        json.WriteStartObject();
        json.WriteString(Kind, MetricValueListKind);
        json.WriteString(ApiVersionName, version == ApiVersion.V1Beta1 ? V1Beta1 : V1Beta2);
        json.WriteStartObject(Metadata);
        json.WriteEndObject();
        json.WriteStartArray(Items);
        foreach (ref readonly var item in list.Items)
        {
            json.WriteStartObject();
            json.WriteStartObject(DescribedObject);
            json.WriteString(Kind, item.DescribedObject.Kind);
            if (item.DescribedObject.Namespace.Length > 0)
            {
                json.WriteString(Namespace, item.DescribedObject.Namespace);
            }

            json.WriteString(Name, item.DescribedObject.Name);
            json.WriteString(ApiVersionName, item.DescribedObject.ApiVersion);
            json.WriteEndObject();
            if (version == ApiVersion.V1Beta1)
            {
                json.WriteString(MetricName, item.MetricName);
                WriteTimestamp(json, item.Timestamp);
                if (item.WindowSeconds > 0)
                {
                    json.WriteNumber(Window, item.WindowSeconds);
                }

                WriteQuantity(json, item.Value);
                WriteSelector(json, metricSelector);
            }
            else
            {
                json.WriteStartObject(Metric);
                json.WriteString(Name, item.MetricName);
                WriteSelector(json, metricSelector);
                json.WriteEndObject();
                WriteTimestamp(json, item.Timestamp);
                if (item.WindowSeconds > 0)
                {
                    json.WriteNumber(WindowSeconds, item.WindowSeconds);
                }

                WriteQuantity(json, item.Value);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
    }

    public static void WriteExternal(IBufferWriter<byte> output, IReadOnlyList<ExternalMetricValue> items)
    {
        var json = Rent(output);
        json.WriteStartObject();
        json.WriteString(Kind, ExternalMetricValueListKind);
        json.WriteString(ApiVersionName, ExternalV1Beta1);
        json.WriteStartObject(Metadata);
        json.WriteEndObject();
        json.WriteStartArray(Items);
        foreach (var item in items)
        {
            json.WriteStartObject();
            json.WriteString(MetricName, item.MetricName);
            if (item.MetricLabels.Count == 0)
            {
                json.WriteNull(MetricLabels);
            }
            else
            {
                json.WriteStartObject(MetricLabels);
                foreach (var (k, v) in item.MetricLabels.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    json.WriteString(k, v);
                }

                json.WriteEndObject();
            }

            WriteTimestamp(json, item.Timestamp);
            if (item.WindowSeconds > 0)
            {
                json.WriteNumber(Window, item.WindowSeconds);
            }

            WriteQuantity(json, item.Value);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
    }

    private static Utf8JsonWriter Rent(IBufferWriter<byte> output)
    {
        var json = _threadWriter ??= new Utf8JsonWriter(Stream.Null, Options);
        json.Reset(output);
        return json;
    }

    /// <summary>RFC 3339 in UTC at second precision, as metav1.Time marshals.</summary>
    private static void WriteTimestamp(Utf8JsonWriter json, DateTimeOffset timestamp)
    {
        Span<byte> buffer = stackalloc byte[32];
        timestamp.UtcDateTime.TryFormat(buffer, out var written, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        json.WriteString(Timestamp, buffer[..written]);
    }

    private static void WriteQuantity(Utf8JsonWriter json, double value)
    {
        Span<byte> buffer = stackalloc byte[32];
        if (!Quantity.TryFormatMilli(value, buffer, out var written))
        {
            // Providers never hand over NaN or Inf; if one slipped through, a zero would be a lie, so fail loudly.
            throw new InvalidOperationException("a non-finite metric value reached the serializer");
        }

        json.WriteString(Value, buffer[..written]);
    }

    private static void WriteSelector(Utf8JsonWriter json, MetaLabelSelector? selector)
    {
        if (selector is null)
        {
            json.WriteNull(Selector);
            return;
        }

        json.WriteStartObject(Selector);
        if (selector.MatchLabels is { Count: > 0 } labels)
        {
            json.WriteStartObject(MatchLabels);
            foreach (var (k, v) in labels)
            {
                json.WriteString(k, v);
            }

            json.WriteEndObject();
        }

        if (selector.MatchExpressions is { Count: > 0 } expressions)
        {
            json.WriteStartArray(MatchExpressions);
            foreach (var e in expressions)
            {
                json.WriteStartObject();
                json.WriteString(Key, e.Key);
                json.WriteString(Operator, e.Operator);
                if (e.Values is { Count: > 0 } values)
                {
                    json.WriteStartArray(Values);
                    foreach (var v in values)
                    {
                        json.WriteStringValue(v);
                    }

                    json.WriteEndArray();
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }
}
