using Autoscale.Kubernetes.Yaml;

namespace Autoscale.ScaleController.Config;

/// <summary>Reads <c>coldStart</c>, <c>scaleDown</c>, <c>scaleUp</c>, <c>warmPool</c> and <c>planner</c>, each field overriding the given baseline.</summary>
internal static class PolicyReader
{
    /// <summary>The HPA API's own bound on stabilizationWindowSeconds.</summary>
    public const int MaxWindowSeconds = 3600;

    public static WorkloadPolicy Read(YamlMap map, WorkloadPolicy baseline) => new(
        map.Map("coldStart") is { } cold ? ColdStart(cold, baseline.ColdStart) : baseline.ColdStart,
        map.Map("scaleDown") is { } down ? ScaleDown(down, baseline.ScaleDown) : baseline.ScaleDown,
        map.Map("scaleUp") is { } up ? ScaleUp(up, baseline.ScaleUp) : baseline.ScaleUp,
        map.Map("warmPool") is { } pool ? WarmPoolReader.Read(pool, baseline.WarmPool) : baseline.WarmPool)
    {
        Planner = map.Map("planner") is { } planner ? PlannerReader.Read(planner, baseline.Planner) : baseline.Planner,
    };

    private static ColdStartPolicy ColdStart(YamlMap map, ColdStartPolicy b)
    {
        map.RejectUnknownKeys("historySize", "percentile", "minSamples", "maxSampleSeconds");
        var policy = new ColdStartPolicy(
            map.Int("historySize", b.HistorySize, 1, 100),
            map.Int("percentile", b.Percentile, 1, 100),
            map.Int("minSamples", b.MinSamples, 1, 100),
            map.Int("maxSampleSeconds", b.MaxSampleSeconds, 1, 86_400));
        if (policy.MinSamples > policy.HistorySize)
        {
            map.Errors.Add(map.Child("minSamples"), $"{policy.MinSamples} is greater than historySize {policy.HistorySize}");
        }

        return policy;
    }

    private static ScaleDownPolicy ScaleDown(YamlMap map, ScaleDownPolicy b)
    {
        map.RejectUnknownKeys(
            "windowFactor", "minWindowSeconds", "maxWindowSeconds", "defaultWindowSeconds", "windowStepSeconds",
            "selectPolicy", "policies", "holdWhileLoading", "maxHoldSeconds");
        var policy = new ScaleDownPolicy(
            map.Double("windowFactor", b.WindowFactor, 0.1, 100),
            map.Int("minWindowSeconds", b.MinWindowSeconds, 0, MaxWindowSeconds),
            map.Int("maxWindowSeconds", b.MaxWindowSeconds, 0, MaxWindowSeconds),
            map.Int("defaultWindowSeconds", b.DefaultWindowSeconds, 0, MaxWindowSeconds),
            map.Int("windowStepSeconds", b.WindowStepSeconds, 1, 600),
            ScalingRulesReader.SelectPolicy(map, b.SelectPolicy),
            ScalingRulesReader.Policies(map, b.Policies),
            map.Bool("holdWhileLoading", b.HoldWhileLoading),
            map.Int("maxHoldSeconds", b.MaxHoldSeconds, 1, 86_400));
        if (policy.MinWindowSeconds > policy.MaxWindowSeconds)
        {
            map.Errors.Add(map.Child("minWindowSeconds"), $"{policy.MinWindowSeconds} is greater than maxWindowSeconds {policy.MaxWindowSeconds}");
        }
        else if (policy.DefaultWindowSeconds < policy.MinWindowSeconds || policy.DefaultWindowSeconds > policy.MaxWindowSeconds)
        {
            map.Errors.Add(
                map.Child("defaultWindowSeconds"),
                $"{policy.DefaultWindowSeconds} is outside [minWindowSeconds {policy.MinWindowSeconds}, maxWindowSeconds {policy.MaxWindowSeconds}]");
        }

        return policy;
    }

    private static ScaleUpPolicy ScaleUp(YamlMap map, ScaleUpPolicy b)
    {
        map.RejectUnknownKeys("stabilizationWindowSeconds", "selectPolicy", "policies");
        return new ScaleUpPolicy(
            map.Int("stabilizationWindowSeconds", b.StabilizationWindowSeconds, 0, MaxWindowSeconds),
            ScalingRulesReader.SelectPolicy(map, b.SelectPolicy),
            ScalingRulesReader.Policies(map, b.Policies));
    }
}
