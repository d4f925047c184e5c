using System.Text.RegularExpressions;
using Autoscale.Kubernetes.Yaml;
using Autoscale.MetricsAdapter.Sources.Definitions;

namespace Autoscale.MetricsAdapter.Config;

/// <summary>
/// The <c>catalog:</c> list: an entry naming a built-in metric may disable it (<c>enabled: false</c>), rename it
/// (<c>rename</c>) or give it more source series (<c>series</c>, tried after the built-in ones); an entry with a new
/// name adds a gauge or counter from other series (<c>series</c>, <c>kind</c>, optional <c>aggregation</c>,
/// <c>objectAggregation</c>, <c>scale</c>, <c>description</c>).
/// </summary>
internal static partial class CatalogOverrides
{
    private static readonly string[] Keys = ["name", "enabled", "rename", "series", "kind", "aggregation", "objectAggregation", "scale", "description"];
    private static readonly string[] Aggregations = ["sum", "mean", "max"];

    /// <param name="root">The config file's root; its <c>catalog:</c> list is read.</param>
    public static MetricCatalog Apply(YamlMap root)
    {
        var f = root.Errors;
        var definitions = BuiltInDefinitions.All.ToDictionary(d => d.Name, StringComparer.Ordinal);
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in root.Maps("catalog"))
        {
            m.RejectUnknownKeys(Keys);
            var name = m.Scalar("name");
            if (string.IsNullOrEmpty(name))
            {
                f.Add(m.Child("name"), "is required");
                continue;
            }

            if (!IsServedName(name, f, m.Child("name")))
            {
                continue;
            }

            if (!named.Add(name))
            {
                f.Add(m.Child("name"), $"{name} has two entries");
                continue;
            }

            var series = m.Strings("series");
            for (int j = 0; j < series.Count; j++)
            {
                // Checked here, or the exposition parser's family table throws when the mapping is built.
                if (!MetricName().IsMatch(series[j]))
                {
                    f.Add($"{m.Child("series")}[{j}]", $"must be a Prometheus metric name, got '{series[j]}'");
                }
            }

            if (series.Any(name => !MetricName().IsMatch(name)))
            {
                continue;
            }
            var builtIn = BuiltInDefinitions.All.FirstOrDefault(d => d.Name == name);
            if (builtIn is not null)
            {
                foreach (var key in new[] { "kind", "aggregation", "objectAggregation", "scale", "description" })
                {
                    if (m.Has(key))
                    {
                        f.Add(m.Child(key), $"only for added metrics; {name} is built in");
                    }
                }

                if (builtIn.Formula is not null && series.Count > 0)
                {
                    // Its inputs are fixed series of several kinds; one more name would not say which input it feeds.
                    f.Add(m.Child("series"), $"not for {name}: it is derived from {string.Join(", ", builtIn.SourceSeries)}");
                }

                definitions.Remove(name);
                if (!m.Bool("enabled", true))
                {
                    continue;
                }

                var rename = m.Scalar("rename") ?? name;
                if (rename != name && !IsServedName(rename, f, m.Child("rename")))
                {
                    continue;
                }

                if (!definitions.TryAdd(rename, builtIn with { Name = rename, SourceSeries = [.. builtIn.SourceSeries.Union(series)] }))
                {
                    f.Add(m.Child("rename"), $"{rename} is already a metric name");
                }

                continue;
            }

            if (m.Has("rename"))
            {
                f.Add(m.Child("rename"), $"only for built-in metrics; {name} is not one");
            }

            if (definitions.ContainsKey(name))
            {
                f.Add(m.Child("name"), $"{name} is defined twice");
                continue;
            }

            if (series.Count == 0)
            {
                f.Add(m.Child("series"), "is required for an added metric");
            }

            var kind = m.Choice("kind", "", "gauge", "counter");
            if (kind.Length == 0)
            {
                f.Add(m.Child("kind"), "is required for an added metric (gauge or counter)");
            }

            var pod = ToAggregation(m.Choice("aggregation", "sum", Aggregations));
            if (m.Bool("enabled", true))
            {
                definitions[name] = new MetricDefinition(
                    name,
                    kind == "counter" ? MetricKind.Rate : MetricKind.Gauge,
                    pod,
                    ToAggregation(m.Choice("objectAggregation", Aggregations[(int)pod], Aggregations)),
                    series,
                    m.Scalar("description") ?? $"From {string.Join(", ", series)} (config).")
                {
                    SourceScale = m.Double("scale", 1),
                };
            }
        }

        return new MetricCatalog(definitions.Values);
    }

    private static bool IsServedName(string name, YamlErrors f, string path)
    {
        if (ServedName().IsMatch(name))
        {
            return true;
        }

        f.Add(path, $"must be lower case letters, digits and underscores (an HPA metric name), got '{name}'");
        return false;
    }

    private static Aggregation ToAggregation(string text) => text switch
    {
        "mean" => Aggregation.Mean,
        "max" => Aggregation.Max,
        _ => Aggregation.Sum,
    };

    [GeneratedRegex("^[a-z][a-z0-9_]{0,126}$")]
    private static partial Regex ServedName();

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();
}
