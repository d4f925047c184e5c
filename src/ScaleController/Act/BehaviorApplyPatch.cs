using System.Text.Json.Nodes;
using Autoscale.Hpa.Spec;
using Autoscale.ScaleController.Decide.Behavior;
using Autoscale.ScaleController.Decide.Decisions;

namespace Autoscale.ScaleController.Act;

/// <summary>
/// The server-side apply body of a <see cref="SetBehavior"/>: an HPA naming only the managed behavior fields, so
/// the apply claims exactly those for <see cref="SetBehavior.FieldManager"/> and leaves pinned ones to their owner.
/// A pinned field this manager still holds from an earlier apply is named too, at the HPA's current value (leaving it
/// out would delete it), with the read resourceVersion as a precondition so a concurrent edit answers 409 instead of
/// being overwritten.
/// </summary>
internal static class BehaviorApplyPatch
{
    public static string Build(SetBehavior decision)
    {
        var fields = decision.ManagedFields.Concat(decision.Retained).Distinct().ToList();
        var behavior = new JsonObject();
        AddRules(behavior, "scaleUp", decision.Behavior.ScaleUp, fields, up: true);
        AddRules(behavior, "scaleDown", decision.Behavior.ScaleDown, fields, up: false);
        var metadata = new JsonObject { ["name"] = decision.Hpa.Name, ["namespace"] = decision.Hpa.Namespace };
        if (decision.Retained.Count > 0 && decision.ResourceVersion is { } version)
        {
            metadata["resourceVersion"] = version;
        }

        var body = new JsonObject
        {
            ["apiVersion"] = "autoscaling/v2",
            ["kind"] = "HorizontalPodAutoscaler",
            ["metadata"] = metadata,
            ["spec"] = new JsonObject { ["behavior"] = behavior },
        };
        return body.ToJsonString();
    }

    private static void AddRules(JsonObject behavior, string key, HpaScalingRules? rules, IReadOnlyList<BehaviorField> managed, bool up)
    {
        var json = new JsonObject();
        foreach (var field in managed.Where(f => BehaviorFields.IsScaleUp(f) == up))
        {
            switch (field)
            {
                case BehaviorField.ScaleUpStabilizationWindowSeconds or BehaviorField.ScaleDownStabilizationWindowSeconds:
                    json["stabilizationWindowSeconds"] = rules?.StabilizationWindowSeconds;
                    break;
                case BehaviorField.ScaleUpSelectPolicy or BehaviorField.ScaleDownSelectPolicy:
                    json["selectPolicy"] = rules?.SelectPolicy?.ToString();
                    break;
                default:
                    json["policies"] = rules?.Policies is { } policies ? Policies(policies) : null;
                    break;
            }
        }

        if (json.Count > 0)
        {
            behavior[key] = json;
        }
    }

    private static JsonArray Policies(IReadOnlyList<HpaScalingPolicy> policies) =>
        [.. policies.Select(p => (JsonNode)new JsonObject { ["type"] = p.Type.ToString(), ["value"] = p.Value, ["periodSeconds"] = p.PeriodSeconds })];
}
