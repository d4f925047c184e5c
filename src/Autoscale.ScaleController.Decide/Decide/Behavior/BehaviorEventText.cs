using Autoscale.Hpa;
using Autoscale.Hpa.Spec;
using Autoscale.ScaleController.Decide.Decisions;
using Autoscale.ScaleController.Decide.Observed;

namespace Autoscale.ScaleController.Decide.Behavior;

/// <summary>The event on the HPA: what changed, and why, with the numbers behind it.</summary>
internal static class BehaviorEventText
{
    public const string Updated = "BehaviorUpdated";
    public const string Held = "ScaleDownHeld";
    public const string Released = "ScaleDownReleased";

    private const int NamedPods = 3;

    public static KubernetesEvent Build(
        IReadOnlyList<FieldChange> changes, string windowWhy, bool hold, IReadOnlyList<ObservedPod> loading, PinnedFields pins, IReadOnlyList<BehaviorField>? retained = null)
    {
        retained ??= [];
        var selectChange = changes.FirstOrDefault(c => c.Field == BehaviorField.ScaleDownSelectPolicy);
        var holdChanged = selectChange is not null && (hold || selectChange.From == nameof(ScalingPolicySelect.Disabled));
        var parts = new List<string> { string.Join("; ", changes) };
        if (changes.Any(c => c.Field == BehaviorField.ScaleDownStabilizationWindowSeconds))
        {
            parts.Add($"window: {windowWhy}");
        }

        if (holdChanged)
        {
            parts.Add(hold
                ? $"scale-down held: {loading.Count} replica(s) still loading ({Names(loading)}); released when they are Ready"
                : "scale-down released: no replica is loading any more");
        }

        if (pins.Fields.Count > 0)
        {
            parts.Add($"left pinned: {string.Join(", ", pins.Fields.Order().Select(BehaviorFields.Name))}");
        }

        if (retained.Count > 0)
        {
            parts.Add($"re-sent unchanged (set by this controller before they were pinned; an apply leaving them out would delete them): {string.Join(", ", retained.Select(BehaviorFields.Name))}");
        }

        if (pins.Unknown.Count > 0)
        {
            parts.Add($"ignored unknown pinned fields: {string.Join(", ", pins.Unknown)}");
        }

        var reason = holdChanged && changes.Count == 1 ? (hold ? Held : Released) : Updated;
        return new KubernetesEvent(pins.Unknown.Count > 0 ? KubernetesEventType.Warning : KubernetesEventType.Normal, reason, string.Join(". ", parts));
    }

    private static string Names(IReadOnlyList<ObservedPod> pods) =>
        string.Join(", ", pods.Take(NamedPods).Select(p => p.Name)) + (pods.Count > NamedPods ? ", …" : "");
}
