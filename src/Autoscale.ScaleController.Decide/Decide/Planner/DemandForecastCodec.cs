using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Autoscale.ScaleController.Decide.Planner;

/// <summary>
/// The HPA annotation <c>autoscale.dev/demand-forecast</c>: compact JSON
/// <c>{"v":1,"bs":bucketSeconds,"ob":openBucket,"os":openSum,"ot":openSeconds,"l":level,"t":trend,"e":errorVariance,
/// "n":buckets,"s":[season…],"w":[warmup…]}</c>, unknown values as <c>null</c>, six significant digits. One day of
/// 5-minute buckets is 288 numbers, about 3 KB, far below the 256 KiB annotation limit. A value written with another
/// bucket size, or one that cannot be read, decodes as empty: the forecast is relearnt, the controller goes on.
/// </summary>
internal static class DemandForecastCodec
{
    public const string Annotation = "autoscale.dev/demand-forecast";
    private const int Version = 1;

    public static string Encode(DemandForecast state, ForecastOptions options)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("v", Version);
            json.WriteNumber("bs", options.BucketSeconds);
            json.WriteNumber("ob", state.OpenBucket);
            Number(json, "os", state.OpenSum);
            Number(json, "ot", state.OpenSeconds);
            Number(json, "l", state.Level);
            Number(json, "t", state.Trend);
            Number(json, "e", state.ErrorVariance);
            json.WriteNumber("n", state.Buckets);
            Array(json, "s", state.Season);
            Array(json, "w", state.Warmup);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static DemandForecast Decode(string? value, ForecastOptions options)
    {
        if (string.IsNullOrEmpty(value))
        {
            return DemandForecast.Empty;
        }

        try
        {
            using var document = JsonDocument.Parse(value);
            var root = document.RootElement;
            if (root.GetProperty("v").GetInt32() != Version || root.GetProperty("bs").GetInt32() != options.BucketSeconds)
            {
                return DemandForecast.Empty;
            }

            var season = Array(root.GetProperty("s"), options.SeasonBuckets);
            var warmup = Array(root.GetProperty("w"), options.SeasonBuckets);
            var state = new DemandForecast(
                root.GetProperty("ob").GetInt64(),
                Number(root.GetProperty("os")),
                Number(root.GetProperty("ot")),
                Number(root.GetProperty("l")),
                Number(root.GetProperty("t")),
                Number(root.GetProperty("e")),
                root.GetProperty("n").GetInt32(),
                season,
                warmup);
            return Plausible(state) ? state : DemandForecast.Empty;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return DemandForecast.Empty;
        }
    }

    private static bool Plausible(DemandForecast s) =>
        s.OpenBucket >= -1 && s.Buckets >= 0 && s.OpenSeconds >= 0 && double.IsFinite(s.OpenSum) && double.IsFinite(s.Trend)
        && !double.IsInfinity(s.Level) && (double.IsNaN(s.ErrorVariance) || s.ErrorVariance >= 0)
        && (s.OpenBucket >= 0 || s.OpenSeconds == 0);

    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, Round(value));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void Array(Utf8JsonWriter json, string name, ImmutableArray<double> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values.IsDefault ? [] : values)
        {
            if (double.IsFinite(value))
            {
                json.WriteNumberValue(Round(value));
            }
            else
            {
                json.WriteNullValue();
            }
        }

        json.WriteEndArray();
    }

    private static double Number(JsonElement element) => element.ValueKind == JsonValueKind.Null ? double.NaN : element.GetDouble();

    private static ImmutableArray<double> Array(JsonElement element, int length)
    {
        var values = element.EnumerateArray().Select(Number).ToImmutableArray();
        return values.Length == 0 ? [] : values.Length == length ? values : throw new FormatException("season length");
    }

    private static double Round(double value) => double.Parse(value.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
