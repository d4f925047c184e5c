using System.Globalization;
using System.Text.Json;
using Autoscale.MetricsAdapter.Store;

namespace Autoscale.MetricsAdapter.Sources.Prometheus.Client;

/// <summary>
/// Reads Prometheus' HTTP API JSON (<c>/api/v1/query</c>, <c>/api/v1/series</c>). Values are strings (<c>"NaN"</c>,
/// <c>"+Inf"</c> included) and timestamps are seconds with millisecond fractions: every point keeps its own timestamp.
/// </summary>
internal static class PromResponseParser
{
    public static PromResult<PromQueryResult> ParseQuery(ReadOnlySpan<byte> json) =>
        Parse(json, static data => ReadQueryData(data));

    public static PromResult<IReadOnlyList<IReadOnlyDictionary<string, string>>> ParseSeries(ReadOnlySpan<byte> json) =>
        Parse<IReadOnlyList<IReadOnlyDictionary<string, string>>>(json, static data => [.. data.EnumerateArray().Select(ReadLabels)]);

    /// <summary>A Prometheus sample value: a decimal, <c>NaN</c>, <c>+Inf</c> or <c>-Inf</c>.</summary>
    public static double ParseValue(string text) => text switch
    {
        "NaN" => double.NaN,
        "+Inf" or "Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    /// <summary>Seconds since the epoch, as JSON text, to a millisecond timestamp without float rounding.</summary>
    public static DateTimeOffset ParseTimestamp(JsonElement seconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)decimal.Round(seconds.GetDecimal() * 1000m));

    private static PromResult<T> Parse<T>(ReadOnlySpan<byte> json, Func<JsonElement, T> readData)
        where T : class
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            var status = root.GetProperty("status").GetString();
            if (status == "error")
            {
                var errorType = root.TryGetProperty("errorType", out var t) ? t.GetString() : null;
                var message = root.TryGetProperty("error", out var e) ? e.GetString() : null;
                return new PromError(PromErrorKind.Query, $"{errorType}: {message}", ErrorType: errorType);
            }

            if (status != "success")
            {
                return new PromError(PromErrorKind.BadResponse, $"unknown status \"{status}\"");
            }

            return PromResult<T>.Ok(readData(root.GetProperty("data")));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or IndexOutOfRangeException or OverflowException)
        {
            return new PromError(PromErrorKind.BadResponse, $"unreadable response: {e.Message}");
        }
    }

    private static PromQueryResult ReadQueryData(JsonElement data)
    {
        var typeText = data.GetProperty("resultType").GetString();
        var result = data.GetProperty("result");
        switch (typeText)
        {
            case "vector":
            case "matrix":
                var matrix = typeText == "matrix";
                var series = new List<PromSeries>(result.GetArrayLength());
                foreach (var item in result.EnumerateArray())
                {
                    // Native histogram samples ("histogram"/"histograms") have no float value to serve: skipped.
                    if (matrix ? item.TryGetProperty("values", out var values) : item.TryGetProperty("value", out values))
                    {
                        Sample[] points = matrix ? [.. values.EnumerateArray().Select(ReadPoint)] : [ReadPoint(values)];
                        if (points.Length > 0)
                        {
                            series.Add(new PromSeries(ReadLabels(item.GetProperty("metric")), points));
                        }
                    }
                }

                return new PromQueryResult(matrix ? PromResultType.Matrix : PromResultType.Vector, series);
            case "scalar":
                return new PromQueryResult(PromResultType.Scalar, [new PromSeries(EmptyLabels, [ReadPoint(result)])]);
            case "string":
                return new PromQueryResult(PromResultType.String, []);
            default:
                throw new FormatException($"unknown resultType \"{typeText}\"");
        }
    }

    private static readonly Dictionary<string, string> EmptyLabels = new(StringComparer.Ordinal);

    private static Sample ReadPoint(JsonElement pair) =>
        new(ParseValue(pair[1].GetString() ?? throw new FormatException("null sample value")), ParseTimestamp(pair[0]));

    private static Dictionary<string, string> ReadLabels(JsonElement metric)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in metric.EnumerateObject())
        {
            labels[property.Name] = property.Value.GetString() ?? "";
        }

        return labels;
    }
}
