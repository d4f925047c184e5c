using System.Globalization;
using System.Text.Json;
using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Store;
using k8s.Models;

namespace Autoscale.MetricsAdapter.Sources.Targets;

/// <summary>
/// The planner's recommendation as the object metric <c>autoscale_desired_replicas</c> (planner contract §1–2): the
/// scale controller writes <c>autoscale.dev/desired-replicas</c> = <c>{"replicas":12,"at":"…Z","reason":"…"}</c> on a
/// workload's HPA, and the value is served on that HPA's scale target, stamped with <c>at</c>. Pure: HPAs in, one
/// <see cref="ObjectValue"/> per scale target out, each with its sample or why it has none. How old a value may be
/// is the catalog's business (it knows the time).
/// </summary>
internal static class DesiredReplicas
{
    public const string Metric = "autoscale_desired_replicas";
    public const string Annotation = "autoscale.dev/desired-replicas";

    /// <summary>A longer annotation is not the controller's (it writes ~100 bytes plus a short reason).</summary>
    public const int MaxAnnotationLength = 32 * 1024;

    public static IReadOnlyList<ObjectValue> Of(IEnumerable<V2HorizontalPodAutoscaler> hpas)
    {
        var byTarget = new Dictionary<(GroupResource, string, string), ObjectValue>();
        foreach (var hpa in hpas)
        {
            if (hpa.Metadata?.NamespaceProperty is not { Length: > 0 } ns
                || hpa.Spec?.ScaleTargetRef is not { Kind.Length: > 0, Name.Length: > 0 } target)
            {
                continue;
            }

            var resource = ResourceOf(target.ApiVersion, target.Kind);
            var reference = new ObjectReference(target.Kind, ns, target.Name, target.ApiVersion ?? "");
            var source = $"HPA {ns}/{hpa.Metadata.Name} annotation {Annotation}";
            var value = Read(hpa.Metadata.Annotations, out var missing) is { } sample
                ? new ObjectValue(resource, reference, Metric, sample, source, null, hpa.Metadata.Name)
                : new ObjectValue(resource, reference, Metric, null, source, missing, hpa.Metadata.Name);
            var key = (resource, ns, target.Name);
            // Two HPAs on one target is a misconfiguration the HPA controller refuses (AmbiguousSelector); serve the
            // newest readable value rather than whichever was listed last.
            if (!byTarget.TryGetValue(key, out var other) || Newer(value, other))
            {
                byTarget[key] = value;
            }
        }

        return [.. byTarget.Values];
    }

    /// <summary>The annotation's value, or null with why (absent, unreadable).</summary>
    public static Sample? Read(IDictionary<string, string>? annotations, out string missing)
    {
        missing = "";
        if (annotations is null || !annotations.TryGetValue(Annotation, out var text))
        {
            missing = "has no value: the planner has published no recommendation";
            return null;
        }

        if (text.Length > MaxAnnotationLength)
        {
            missing = $"is unreadable: {text.Length} characters, more than {MaxAnnotationLength}";
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 4 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                missing = "is unreadable: not a JSON object";
                return null;
            }

            if (!root.TryGetProperty("replicas", out var r) || r.ValueKind != JsonValueKind.Number || !r.TryGetInt32(out var replicas) || replicas < 0)
            {
                missing = "is unreadable: \"replicas\" is not a whole number of at least 0";
                return null;
            }

            if (!root.TryGetProperty("at", out var a) || a.ValueKind != JsonValueKind.String
                || !DateTimeOffset.TryParse(a.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
            {
                missing = "is unreadable: \"at\" is not an RFC 3339 time";
                return null;
            }

            return new Sample(replicas, at);
        }
        catch (JsonException e)
        {
            missing = $"is unreadable: not JSON ({e.Message})";
            return null;
        }
    }

    /// <summary>
    /// The resource of a scale target's kind, as Kubernetes' <c>UnsafeGuessKindToResource</c> guesses it
    /// (<c>Deployment</c> → <c>deployments</c>, <c>LeaderWorkerSet</c> → <c>leaderworkersets</c>), in the group of its
    /// apiVersion: the <c>{resource}</c> the HPA controller puts in the metric path.
    /// </summary>
    public static GroupResource ResourceOf(string? apiVersion, string kind)
    {
        var slash = apiVersion?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        var group = slash < 0 ? "" : apiVersion![..slash];
        var singular = kind.ToLowerInvariant();
        var plural = singular switch
        {
            _ when singular.EndsWith('s') => singular + "es",
            _ when singular.EndsWith('y') => singular[..^1] + "ies",
            _ => singular + "s",
        };
        return new GroupResource(group, plural);
    }

    private static bool Newer(ObjectValue candidate, ObjectValue current) =>
        candidate.Sample is { } c && (current.Sample is not { } o || c.Timestamp > o.Timestamp);
}
