using System.Globalization;
using System.Text.Json;
using Autoscale.Hpa.Metrics;

namespace Autoscale.LoadTest.Policies;

/// <summary>
/// The adapter's object metric <c>autoscale_desired_replicas</c> (planner contract §2): the planner's
/// <c>autoscale.dev/desired-replicas</c> annotation on the HPA, value = replicas, timestamp = its <c>at</c>; not
/// served when absent, unreadable or older than the max age, so the HPA's other metrics govern.
/// </summary>
internal static class DesiredReplicasMetric
{
    public const string Annotation = "autoscale.dev/desired-replicas";

    public static ObjectMetricSample? Serve(IReadOnlyDictionary<string, string> annotations, DateTimeOffset now, double maxAgeSeconds)
    {
        if (!annotations.TryGetValue(Annotation, out var text))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("replicas", out var r) || !r.TryGetInt32(out var replicas) || replicas < 0
                || !root.TryGetProperty("at", out var a) || a.ValueKind != JsonValueKind.String
                || !DateTimeOffset.TryParse(a.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                return null;
            }

            var age = (now - at).TotalSeconds;
            return age <= maxAgeSeconds ? new ObjectMetricSample(replicas * 1000L, at) : null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
