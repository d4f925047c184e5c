using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Autoscale.ScaleController.Decide.Planner;

/// <summary>
/// The HPA annotation <c>autoscale.dev/planner-status</c>: why the planner published what it did (or nothing), for
/// <c>kubectl get hpa -o yaml</c>. JSON: <c>at</c>, <c>replicas</c> (null when nothing is served), <c>reason</c> (demand,
/// forecast, capacity per replica, ready and starting replicas, the number), and the model's parts: capacity per
/// replica, the binding limit, the online corrections (decode from the ITL; prefill from the TTFT, as learnt and as
/// applied beyond the model's own error), the look-ahead horizon and the request shape (mean lengths and the spreads
/// sized for: learnt from the adapter's <c>vllm_stddev_*_tokens</c> when it serves them, else configured).
/// </summary>
internal sealed record PlannerStatus(
    DateTimeOffset At,
    int? Replicas,
    string Reason,
    double? CapacityPerReplica = null,
    string? Bound = null,
    double Correction = 1,
    int HorizonSeconds = 0,
    double? ForecastCentral = null,
    double? ForecastUpper = null,
    double? MeanPromptTokens = null,
    double? MeanOutputTokens = null,
    double? PromptCv = null,
    double? OutputCv = null,
    double PrefillCorrection = 1,
    double PrefillApplied = 1)
{
    public const string Annotation = "autoscale.dev/planner-status";

    public string Encode()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("at", PlannerTime.Format(At));
            if (Replicas is { } replicas)
            {
                json.WriteNumber("replicas", replicas);
            }
            else
            {
                json.WriteNull("replicas");
            }

            json.WriteString("reason", Reason);
            Number(json, "capacityPerReplica", CapacityPerReplica);
            if (Bound is not null)
            {
                json.WriteString("bound", Bound);
            }

            Number(json, "correction", Correction);
            Number(json, "prefillCorrection", PrefillCorrection);
            Number(json, "prefillApplied", PrefillApplied);
            json.WriteNumber("horizonSeconds", HorizonSeconds);
            Number(json, "forecastCentral", ForecastCentral);
            Number(json, "forecastUpper", ForecastUpper);
            Number(json, "meanPromptTokens", MeanPromptTokens);
            Number(json, "meanOutputTokens", MeanOutputTokens);
            Number(json, "promptCv", PromptCv);
            Number(json, "outputCv", OutputCv);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The time and number of a status written earlier; null when absent or unreadable.</summary>
    public static (DateTimeOffset At, int? Replicas)? Decode(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > PlannerStateCodec.MaxLength)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(value);
            var root = document.RootElement;
            if (!root.TryGetProperty("at", out var a) || a.ValueKind != JsonValueKind.String || PlannerTime.Parse(a.GetString()) is not { } at)
            {
                return null;
            }

            int? replicas = root.TryGetProperty("replicas", out var r) && r.ValueKind == JsonValueKind.Number && r.TryGetInt32(out var n) ? n : null;
            return (at, replicas);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, double.Parse(v.ToString("G4", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
        }
    }
}
