using Autoscale.Kubernetes.Yaml;

namespace Autoscale.ScaleController.Config;

/// <summary>Reads <c>warmPool</c>; a <c>schedules</c> list in an override replaces the default list entirely.</summary>
internal static class WarmPoolReader
{
    public static WarmPoolPolicy Read(YamlMap map, WarmPoolPolicy b)
    {
        map.RejectUnknownKeys("minimum", "maxGpus", "prePullImage", "pauseImage", "schedules", "predictive", "headroom");
        var policy = new WarmPoolPolicy(
            map.Int("minimum", b.Minimum, 0, 1000),
            map.Int("maxGpus", b.MaxGpus, 0, 100_000),
            map.Bool("prePullImage", b.PrePullImage),
            map.String("pauseImage", b.PauseImage),
            Schedules(map) ?? b.Schedules,
            map.Map("predictive") is { } predictive ? Predictive(predictive, b.Predictive) : b.Predictive,
            map.Map("headroom") is { } headroom ? Headroom(headroom, b.Headroom) : b.Headroom);
        if (policy.PauseImage.Length == 0)
        {
            map.Errors.Add(map.Child("pauseImage"), "must not be empty");
        }

        return policy;
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
