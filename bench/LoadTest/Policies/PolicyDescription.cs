using System.Collections;
using System.Globalization;
using System.Reflection;
using Autoscale.Hpa.Spec;

namespace Autoscale.LoadTest.Policies;

/// <summary>
/// Builds a policy's <see cref="IScalingPolicy.Describe"/>: what the report and the JSON state as the exact config a
/// row ran with. Keys are flat ("hpa.metrics", "kpa", "controller.warmPool"); values are short, readable text.
/// </summary>
internal static class PolicyDescription
{
    /// <summary>What every policy has: its metric pipeline, its decision period and its replica floor.</summary>
    public static Dictionary<string, string> Common(IScalingPolicy policy)
    {
        var pipeline = policy.Pipeline;
        var stages = new List<string> { Invariant($"scrape {pipeline.ScrapeSeconds} s") };
        if (pipeline.RuleEvalSeconds > 0)
        {
            stages.Add(Invariant($"recording rule {pipeline.RuleEvalSeconds} s"));
        }

        if (pipeline.AdapterCacheSeconds > 0)
        {
            stages.Add(Invariant($"adapter cache {pipeline.AdapterCacheSeconds} s"));
        }

        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["pipeline"] = string.Join(", ", stages),
            ["decideEverySeconds"] = Invariant($"{policy.DecideEverySeconds}"),
            ["minReplicas"] = Invariant($"{policy.MinReplicas}"),
        };
    }

    /// <summary><see cref="Common"/> plus the HPA's metrics and targets, its behavior and maxReplicas, plus <paramref name="extra"/>.</summary>
    public static IReadOnlyDictionary<string, string> Of(IScalingPolicy policy, HpaSpec? hpa, params (string Key, string Value)[] extra)
    {
        var description = Common(policy);
        if (hpa is not null)
        {
            description["hpa.metrics"] = string.Join("; ", hpa.Metrics.Select(Metric));
            description["hpa.maxReplicas"] = Invariant($"{hpa.MaxReplicas}");
            description["hpa.behavior"] = hpa.Behavior is null ? "none (legacy path: 300 s scale-down stabilisation)" : Fields(hpa.Behavior);
        }

        foreach (var (key, value) in extra)
        {
            description[key] = value;
        }

        return description;
    }

    /// <summary>"Pods vllm_queue_depth AverageValue 5", "Resource cpu Utilization 80 %".</summary>
    public static string Metric(MetricSpec metric)
    {
        var what = metric.Type switch
        {
            MetricSourceType.Resource or MetricSourceType.ContainerResource => metric.ResourceName ?? "?",
            _ => metric.Metric?.ToString() ?? "?",
        };
        var target = metric.Target.Type switch
        {
            MetricTargetType.Utilization => Invariant($"Utilization {metric.Target.AverageUtilization} %"),
            MetricTargetType.AverageValue => Invariant($"AverageValue {metric.Target.AverageValueMilli / 1000.0}"),
            _ => Invariant($"Value {metric.Target.ValueMilli / 1000.0}"),
        };
        return $"{metric.Type} {what} {target}";
    }

    /// <summary>A record's properties as "Name=value, …", nested records in braces and lists in brackets.</summary>
    public static string Fields(object? value) => value switch
    {
        null => "null",
        string text => text,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Fields)) + "]",
        _ when value.GetType().GetMethod("<Clone>$") is not null => "{" + string.Join(", ", value.GetType()
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .Select(p => p.Name + "=" + Fields(p.GetValue(value)))) + "}",
        _ => value.ToString() ?? "",
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
