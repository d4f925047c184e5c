using Autoscale.Hpa.Spec;
using Autoscale.Kubernetes.Yaml;

namespace Autoscale.ScaleController.Config;

/// <summary>Reads <c>selectPolicy</c> and <c>policies</c> with the HPA API's own limits (period 1…1800 s).</summary>
internal static class ScalingRulesReader
{
    public const int MaxPeriodSeconds = 1800;

    public static ScalingPolicySelect SelectPolicy(YamlMap map, ScalingPolicySelect fallback)
    {
        var text = map.Scalar("selectPolicy");
        if (text is null)
        {
            return fallback;
        }

        if (Enum.TryParse<ScalingPolicySelect>(text, ignoreCase: false, out var value) && Enum.IsDefined(value))
        {
            return value;
        }

        map.Errors.Add(map.Child("selectPolicy"), $"\"{text}\" is not one of Max, Min, Disabled");
        return fallback;
    }

    /// <summary>A list given in an override replaces the default list entirely, as the HPA API merges it.</summary>
    public static IReadOnlyList<HpaScalingPolicy> Policies(YamlMap map, IReadOnlyList<HpaScalingPolicy> fallback)
    {
        var items = map.Sequence("policies");
        if (items is null)
        {
            return fallback;
        }

        if (items.Count == 0)
        {
            map.Errors.Add(map.Child("policies"), "must list at least one policy");
            return fallback;
        }

        var policies = new List<HpaScalingPolicy>(items.Count);
        foreach (var (node, path) in items)
        {
            if (node is not YamlDotNet.RepresentationModel.YamlMappingNode mapping)
            {
                map.Errors.Add(path, "expected a mapping with type, value and periodSeconds");
                continue;
            }

            var item = new YamlMap(mapping, path, map.Errors);
            item.RejectUnknownKeys("type", "value", "periodSeconds");
            var complete = item.Require("value") & item.Require("periodSeconds");
            var type = PolicyType(item);
            var value = item.Int("value", 0, 1, int.MaxValue);
            var period = item.Int("periodSeconds", 0, 1, MaxPeriodSeconds);
            if (type is { } t && complete && value > 0 && period > 0)
            {
                policies.Add(new HpaScalingPolicy(t, value, period));
            }
        }

        return policies;
    }

    private static ScalingPolicyType? PolicyType(YamlMap item)
    {
        var text = item.Scalar("type");
        if (text is null)
        {
            item.Errors.Add(item.Child("type"), "is required (Pods or Percent)");
            return null;
        }

        if (text is nameof(ScalingPolicyType.Pods) or nameof(ScalingPolicyType.Percent))
        {
            return Enum.Parse<ScalingPolicyType>(text);
        }

        item.Errors.Add(item.Child("type"), $"\"{text}\" is not one of Pods, Percent");
        return null;
    }
}
