using System.Text;
using System.Text.Json;

namespace Autoscale.ScaleController.Decide.Planner;

/// <summary>
/// The HPA annotation <c>autoscale.dev/desired-replicas</c> the adapter serves as the object metric
/// <c>autoscale_desired_replicas</c> (planner contract §1): <c>{"replicas":12,"at":"2026-12-07T06:30:00.000Z","reason":"…"}</c>.
/// The adapter stops serving it once <c>at</c> is older than its max age, so the planner refreshes it while it has a
/// recommendation and lets it go stale when it has none.
/// </summary>
internal sealed record DesiredReplicasValue(int Replicas, DateTimeOffset At)
{
    public const string Annotation = "autoscale.dev/desired-replicas";

    public static string Encode(int replicas, DateTimeOffset at, string reason)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("replicas", replicas);
            json.WriteString("at", PlannerTime.Format(at));
            json.WriteString("reason", reason);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Null when absent or unreadable: the planner then publishes as if nothing had been.</summary>
    public static DesiredReplicasValue? Decode(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > PlannerStateCodec.MaxLength)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(value);
            var root = document.RootElement;
            return root.TryGetProperty("replicas", out var r) && r.ValueKind == JsonValueKind.Number && r.TryGetInt32(out var replicas) && replicas >= 0
                && root.TryGetProperty("at", out var a) && a.ValueKind == JsonValueKind.String && PlannerTime.Parse(a.GetString()) is { } at
                ? new DesiredReplicasValue(replicas, at)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
