using System.Text.Json;
using Autoscale.Hpa.Spec;
using Autoscale.ScaleController.Decide.Behavior;
using Autoscale.ScaleController.Decide.Decisions;
using Autoscale.ScaleController.Decide.Observed;
using k8s;
using k8s.Models;

namespace Autoscale.ScaleController.Watch;

/// <summary>
/// autoscaling/v2 HPA → <see cref="ObservedHpa"/> (bounds, replicas, behavior, annotations, and which behavior fields
/// our field manager holds by apply, read from metadata.managedFields).
/// </summary>
internal static class HpaMapper
{
    public static ObservedHpa ToObserved(V2HorizontalPodAutoscaler hpa) => new(
        new HpaRef(hpa.Metadata.NamespaceProperty, hpa.Metadata.Name),
        hpa.Spec?.MinReplicas,
        hpa.Spec?.MaxReplicas ?? 0,
        hpa.Status?.CurrentReplicas ?? 0,
        hpa.Status?.DesiredReplicas ?? 0,
        Behavior(hpa.Spec?.Behavior),
        hpa.Metadata.Annotations is { } annotations ? new Dictionary<string, string>(annotations) : new Dictionary<string, string>(),
        AppliedByUs(hpa.Metadata.ManagedFields),
        hpa.Metadata.ResourceVersion);

    /// <summary>The behavior fields in our manager's Apply entries (FieldsV1: <c>{"f:spec":{"f:behavior":{"f:scaleDown":{"f:…":{}}}}}</c>).</summary>
    public static IReadOnlySet<BehaviorField> AppliedByUs(IList<V1ManagedFieldsEntry>? entries)
    {
        var owned = new HashSet<BehaviorField>();
        foreach (var entry in entries ?? [])
        {
            if (entry.Manager != SetBehavior.FieldManager || entry.Operation != "Apply" || !string.IsNullOrEmpty(entry.Subresource)
                || Fields(entry.FieldsV1) is not { } fields
                || !fields.TryGetProperty("f:spec", out var spec) || !spec.TryGetProperty("f:behavior", out var behavior))
            {
                continue;
            }

            foreach (var field in BehaviorFields.All)
            {
                var name = BehaviorFields.Name(field);
                var dot = name.IndexOf('.', StringComparison.Ordinal);
                if (behavior.TryGetProperty("f:" + name[..dot], out var side) && side.ValueKind == JsonValueKind.Object
                    && side.TryGetProperty("f:" + name[(dot + 1)..], out _))
                {
                    owned.Add(field);
                }
            }
        }

        return owned;
    }

    private static JsonElement? Fields(object? fieldsV1)
    {
        if (fieldsV1 is null)
        {
            return null;
        }

        var element = fieldsV1 is JsonElement e ? e : Parse(KubernetesJson.Serialize(fieldsV1));
        return element.ValueKind == JsonValueKind.Object ? element : null;
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static HpaBehavior? Behavior(V2HorizontalPodAutoscalerBehavior? behavior) =>
        behavior is null ? null : new HpaBehavior(Rules(behavior.ScaleUp), Rules(behavior.ScaleDown));

    private static HpaScalingRules? Rules(V2HPAScalingRules? rules) => rules is null ? null : new HpaScalingRules(
        rules.StabilizationWindowSeconds,
        Enum.TryParse<ScalingPolicySelect>(rules.SelectPolicy, out var select) ? select : null,
        rules.Policies?.Select(p => new HpaScalingPolicy(
            Enum.TryParse<ScalingPolicyType>(p.Type, out var type) ? type : ScalingPolicyType.Pods, p.Value, p.PeriodSeconds)).ToList(),
        rules.Tolerance is { } tolerance ? (double)tolerance.ToDecimal() : null);
}
