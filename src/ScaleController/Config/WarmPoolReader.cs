using Autoscale.Kubernetes.Yaml;

namespace Autoscale.ScaleController.Config;

/// <summary>
/// Reads <c>warmPool</c>; a <c>schedules</c> list in an override replaces the default list entirely. <c>backend</c> is
/// placeholders, capacityBuffer or auto; <c>provisioningStrategy</c> is written into the buffer as given (never guessed).
/// </summary>
internal static class WarmPoolReader
{
    public static WarmPoolPolicy Read(YamlMap map, WarmPoolPolicy b)
    {
        map.RejectUnknownKeys("minimum", "maxGpus", "prePullImage", "pauseImage", "schedules", "predictive", "headroom", "backend", "provisioningStrategy");
        var policy = new WarmPoolPolicy(
            map.Int("minimum", b.Minimum, 0, 1000),
            map.Int("maxGpus", b.MaxGpus, 0, 100_000),
            map.Bool("prePullImage", b.PrePullImage),
            map.String("pauseImage", b.PauseImage),
            Schedules(map) ?? b.Schedules,
            map.Map("predictive") is { } predictive ? Predictive(predictive, b.Predictive) : b.Predictive,
            map.Map("headroom") is { } headroom ? Headroom(headroom, b.Headroom) : b.Headroom,
            Backend(map, b.Backend),
            map.Scalar("provisioningStrategy") ?? b.ProvisioningStrategy);
        if (policy.ProvisioningStrategy is { } strategy && (strategy.Length is 0 or > 316 || strategy.Any(char.IsWhiteSpace)))
        {
            map.Errors.Add(map.Child("provisioningStrategy"), "must be a strategy name such as buffer.x-k8s.io/active-capacity (no spaces, at most 316 characters)");
        }

        if (policy.PauseImage.Length == 0)
        {
            map.Errors.Add(map.Child("pauseImage"), "must not be empty");
        }

        return policy;
    }

    private static WarmPoolBackend Backend(YamlMap map, WarmPoolBackend fallback)
    {
        switch (map.Scalar("backend"))
        {
            case null:
                return fallback;
            case "placeholders":
                return WarmPoolBackend.Placeholders;
            case "capacityBuffer":
                return WarmPoolBackend.CapacityBuffer;
            case "auto":
                return WarmPoolBackend.Auto;
            case var text:
                map.Errors.Add(map.Child("backend"), $"\"{text}\" is not one of placeholders, capacityBuffer, auto");
                return fallback;
        }
    }

    private static List<WarmPoolSchedule>? Schedules(YamlMap map)
    {
        var items = map.Sequence("schedules");
        if (items is null)
        {
            return null;
        }

        var schedules = new List<WarmPoolSchedule>(items.Count);
        foreach (var (node, path) in items)
        {
            if (node is not YamlDotNet.RepresentationModel.YamlMappingNode mapping)
            {
                map.Errors.Add(path, "expected a mapping with days, start, end, timeZone and size");
                continue;
            }

            if (ScheduleReader.Read(new YamlMap(mapping, path, map.Errors)) is { } schedule)
            {
                schedules.Add(schedule);
            }
        }

        return schedules;
    }

    private static WarmPoolHeadroom Headroom(YamlMap map, WarmPoolHeadroom b)
    {
        map.RejectUnknownKeys("fraction");
        return new WarmPoolHeadroom(map.Double("fraction", b.Fraction, 0, 10));
    }

    private static PredictivePolicy Predictive(YamlMap map, PredictivePolicy b)
    {
        map.RejectUnknownKeys("enabled", "queueGrowthPerReplica", "lookbackSeconds", "countHpaGap", "countPending", "maxExtra");
        return new PredictivePolicy(
            map.Bool("enabled", b.Enabled),
            map.Double("queueGrowthPerReplica", b.QueueGrowthPerReplica, 0.001, 1e9),
            map.Int("lookbackSeconds", b.LookbackSeconds, 15, 3600),
            map.Bool("countHpaGap", b.CountHpaGap),
            map.Bool("countPending", b.CountPending),
            map.Int("maxExtra", b.MaxExtra, 0, 1000));
    }
}
