using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;
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

    public static MetricCatalog Apply(YamlFields f, IReadOnlyList<YamlNode> entries)
    {
        var definitions = BuiltInDefinitions.All.ToDictionary(d => d.Name, StringComparer.Ordinal);
        var named = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < entries.Count; i++)
        {
            string path = $"catalog[{i}]";
            var m = f.Mapping(entries[i], path, Keys);
            var name = f.String(m, "name", path);
            if (m is null || string.IsNullOrEmpty(name))
            {
                f.Error(YamlFields.Join(path, "name"), "is required");
                continue;
            }

            if (!IsServedName(name, f, YamlFields.Join(path, "name")))
            {
                continue;
            }

            if (!named.Add(name))
            {
                f.Error(YamlFields.Join(path, "name"), $"{name} has two entries");
                continue;
            }

            var series = f.Strings(m, "series", path);
            for (int j = 0; j < series.Count; j++)
            {
                // Checked here, or the exposition parser's family table throws when the mapping is built.
                if (!MetricName().IsMatch(series[j]))
                {
                    f.Error($"{YamlFields.Join(path, "series")}[{j}]", $"must be a Prometheus metric name, got '{series[j]}'");
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
                    if (YamlFields.Child(m, key) is not null)
                    {
                        f.Error(YamlFields.Join(path, key), $"only for added metrics; {name} is built in");
                    }
                }

                if (builtIn.Formula is not null && series.Count > 0)
                {
                    // Its inputs are fixed series of several kinds; one more name would not say which input it feeds.
                    f.Error(YamlFields.Join(path, "series"), $"not for {name}: it is derived from {string.Join(", ", builtIn.SourceSeries)}");
                }

                definitions.Remove(name);
                if (!f.Bool(m, "enabled", path, true))
                {
                    continue;
                }

                var rename = f.String(m, "rename", path) ?? name;
                if (rename != name && !IsServedName(rename, f, YamlFields.Join(path, "rename")))
                {
                    continue;
                }

                if (!definitions.TryAdd(rename, builtIn with { Name = rename, SourceSeries = [.. builtIn.SourceSeries.Union(series)] }))
                {
                    f.Error(YamlFields.Join(path, "rename"), $"{rename} is already a metric name");
                }

                continue;
            }

            if (YamlFields.Child(m, "rename") is not null)
            {
                f.Error(YamlFields.Join(path, "rename"), $"only for built-in metrics; {name} is not one");
            }

            if (definitions.ContainsKey(name))
            {
                f.Error(YamlFields.Join(path, "name"), $"{name} is defined twice");
                continue;
            }

            if (series.Count == 0)
            {
                f.Error(YamlFields.Join(path, "series"), "is required for an added metric");
            }

            var kind = f.Choice(m, "kind", path, "", "gauge", "counter");
            if (kind.Length == 0)
            {
                f.Error(YamlFields.Join(path, "kind"), "is required for an added metric (gauge or counter)");
            }

            var pod = ToAggregation(f.Choice(m, "aggregation", path, "sum", Aggregations));
            if (f.Bool(m, "enabled", path, true))
            {
                definitions[name] = new MetricDefinition(
                    name,
                    kind == "counter" ? MetricKind.Rate : MetricKind.Gauge,
                    pod,
                    ToAggregation(f.Choice(m, "objectAggregation", path, Aggregations[(int)pod], Aggregations)),
                    series,
                    f.String(m, "description", path) ?? $"From {string.Join(", ", series)} (config).")
                {
                    SourceScale = f.Double(m, "scale", path, 1),
                };
            }
        }

        return new MetricCatalog(definitions.Values);
    }

    private static bool IsServedName(string name, YamlFields f, string path)
    {
        if (ServedName().IsMatch(name))
        {
            return true;
        }

        f.Error(path, $"must be lower case letters, digits and underscores (an HPA metric name), got '{name}'");
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
