using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Autoscale.ScaleController.Decide.Planner;

/// <summary>
/// The HPA annotation <c>autoscale.dev/planner-state</c>: compact JSON
/// <c>{"v":1,"o":lastObservedAt,"p":meanPrompt,"g":meanOutput,"c":correction,"cn":observations,"r":lastReplicas,
/// "ra":lastAt,"rs":lastSizedFor,"d":recentArrival,"sn":shapeRequests,"sw":shapeFromWindow,"p2":promptSecondMoment,
/// "g2":outputSecondMoment,"k":prefillCorrection,"kn":prefillObservations,"f":{forecast}}</c> ("d", "sn", "sw", "p2",
/// "g2", "k" and "kn" optional: a state written before them decodes without them, its shape trusted as before, its
/// spreads the configured ones and its prefill correction × 1) with the forecast as
/// <see cref="DemandForecastCodec"/> writes it.
/// Bounded: the forecast holds one day of buckets (288 numbers at 5 minutes, about 3 KB) and everything else is a
/// handful of numbers; a value longer than <see cref="MaxLength"/>, of another version, or unreadable decodes as
/// empty (the planner relearns; the controller goes on).
/// </summary>
internal static class PlannerStateCodec
{
    public const string Annotation = "autoscale.dev/planner-state";

    /// <summary>Far above a day of 1-minute buckets (~15 KB) and far below the 256 KiB limit on all annotations.</summary>
    public const int MaxLength = 32 * 1024;

    private const int Version = 1;

    public static string Encode(PlannerState state, ForecastOptions options)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("v", Version);
            Time(json, "o", state.LastObservedAt);
            Number(json, "p", state.MeanPromptTokens);
            Number(json, "g", state.MeanOutputTokens);
            Number(json, "c", state.Correction.Factor);
            json.WriteNumber("cn", state.Correction.Observations);
            if (state.LastReplicas is { } replicas)
            {
                json.WriteNumber("r", replicas);
            }
            else
            {
                json.WriteNull("r");
            }

            Time(json, "ra", state.LastAt);
            Number(json, "rs", state.LastSizedFor);
            Number(json, "d", state.RecentArrival);
            Number(json, "sn", state.ShapeRequests);
            json.WriteBoolean("sw", state.ShapeFromWindow);
            Number(json, "p2", state.PromptSecondMoment);
            Number(json, "g2", state.OutputSecondMoment);
            Number(json, "k", state.Prefill.Factor);
            json.WriteNumber("kn", state.Prefill.Observations);
            json.WritePropertyName("f");
            json.WriteRawValue(DemandForecastCodec.Encode(state.Forecast, options), skipInputValidation: true);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static PlannerState Decode(string? value, ForecastOptions options)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength)
        {
            return PlannerState.Empty;
        }

        try
        {
            using var document = JsonDocument.Parse(value);
            var root = document.RootElement;
            if (root.GetProperty("v").GetInt32() != Version)
            {
                return PlannerState.Empty;
            }

            var correction = Correction(Number(root.GetProperty("c")), root.GetProperty("cn").GetInt32());
            var prefill = root.TryGetProperty("k", out var k) && root.TryGetProperty("kn", out var kn)
                ? Correction(Number(k), kn.GetInt32())
                : CapacityCorrection.None;
            var replicas = root.GetProperty("r") is { ValueKind: JsonValueKind.Number } r ? r.GetInt32() : (int?)null;
            return new PlannerState(
                DemandForecastCodec.Decode(root.GetProperty("f").GetRawText(), options),
                correction,
                Time(root.GetProperty("o")),
                Positive(Number(root.GetProperty("p"))),
                Positive(Number(root.GetProperty("g"))),
                replicas is >= 0 ? replicas : null,
                Time(root.GetProperty("ra")),
                Number(root.GetProperty("rs")) ?? double.NaN,
                root.TryGetProperty("d", out var d) ? NonNegative(Number(d)) : null,
                root.TryGetProperty("sn", out var sn) ? NonNegative(Number(sn)) ?? 0 : PlannerStep.ShapeSmoothingRequests,
                root.TryGetProperty("sw", out var sw) && sw.ValueKind == JsonValueKind.True,
                root.TryGetProperty("p2", out var p2) ? Positive(Number(p2)) : null,
                root.TryGetProperty("g2", out var g2) ? Positive(Number(g2)) : null,
                prefill.Observations > 0 ? prefill : null);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return PlannerState.Empty;
        }
    }

    private static CapacityCorrection Correction(double? factor, int observations) =>
        observations > 0 && factor is >= CapacityCorrection.MinFactor and <= CapacityCorrection.MaxFactor
            ? new CapacityCorrection(factor.Value, observations)
            : CapacityCorrection.None;

    private static double? Positive(double? value) => value is > 0 ? value : null;

    private static double? NonNegative(double? value) => value is >= 0 && double.IsFinite(value.Value) ? value : null;

    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, double.Parse(v.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void Time(Utf8JsonWriter json, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            json.WriteString(name, PlannerTime.Format(v));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static double? Number(JsonElement element) => element.ValueKind == JsonValueKind.Null ? null : element.GetDouble();

    private static DateTimeOffset? Time(JsonElement element) =>
        element.ValueKind == JsonValueKind.Null ? null : PlannerTime.Parse(element.GetString()) ?? throw new FormatException("time");
}
