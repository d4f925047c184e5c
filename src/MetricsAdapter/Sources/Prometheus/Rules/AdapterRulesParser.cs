using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Sources.Prometheus.Templates;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Autoscale.MetricsAdapter.Sources.Prometheus.Rules;

/// <summary>
/// Reads prometheus-adapter's config text so an existing one migrates unchanged. What upstream refuses is an error
/// with its line (unknown keys inside a rule, a bad regex, a name with several groups and no <c>as</c>). What upstream
/// would load but this adapter cannot serve is refused rule by rule, with why (<see cref="RuleRefusal"/>): a template
/// action outside the supported subset, a rule that can associate no resource or cannot query namespaced ones, and
/// <c>resourceRules</c> (metrics.k8s.io is not served). At the root only <c>rules</c>, <c>externalRules</c> and
/// <c>resourceRules</c> are read, so the text may be a whole adapter config or the section that holds them.
/// </summary>
internal static class AdapterRulesParser
{
    private const string DefaultMetricsQuery = "sum(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)";

    /// <summary>Throws <see cref="FormatException"/> with the line of the offending node.</summary>
    public static AdapterRulesConfig Parse(string? yaml)
    {
        if (string.IsNullOrWhiteSpace(yaml))
        {
            return AdapterRulesConfig.Empty;
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new FormatException($"line {e.Start.Line}: {e.Message}", e);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new FormatException("line 1: expected a mapping with rules:");
        }

        var rules = new List<AdapterRule>();
        var external = new List<AdapterRule>();
        var refusals = new List<RuleRefusal>();
        foreach (var (key, value) in root.Children)
        {
            switch (Scalar(key))
            {
                case "rules":
                    Section("rules", value, rules, refusals);
                    break;
                case "externalRules":
                    Section("externalRules", value, external, refusals);
                    break;
                case "resourceRules" when !IsEmpty(value):
                    refusals.Add(new RuleRefusal("resourceRules", -1, (int)key.Start.Line,
                        "resource metrics (metrics.k8s.io: kubectl top, CPU/memory HPAs) are not served by this adapter; keep metrics-server for them"));
                    break;
            }
        }

        return new AdapterRulesConfig(rules, external, refusals);
    }

    private static void Section(string section, YamlNode value, List<AdapterRule> served, List<RuleRefusal> refusals)
    {
        var index = 0;
        foreach (var node in Sequence(value))
        {
            var rule = ParseRule(node, out var refusal);
            if (refusal is null && section == "rules")
            {
                refusal = CustomRuleProblem(rule);
            }

            if (refusal is null)
            {
                served.Add(rule with { Section = section, Index = index });
            }
            else
            {
                refusals.Add(new RuleRefusal(section, index, (int)node.Start.Line, refusal));
            }

            index++;
        }
    }

    /// <summary>Why a custom rule cannot serve anything, found at load instead of on every request.</summary>
    private static string? CustomRuleProblem(AdapterRule rule)
    {
        if (!rule.Resources.HasAny)
        {
            return "resources names no override and no template, so no series label can name a Kubernetes object";
        }

        if (rule.Resources.LabelFor(Autoscale.Kubernetes.GroupResource.Namespaces) is null && rule.Resources.MapsNamespacedResource)
        {
            return "no label maps to namespaces, so values of namespaced objects cannot be queried "
                + "(prometheus-adapter lists such metrics and fails every request for them); add an override for the namespace label";
        }

        return null;
    }

    private static AdapterRule ParseRule(YamlNode node, out string? refusal)
    {
        refusal = null;
        var fields = Mapping(node, "seriesQuery", "seriesFilters", "resources", "name", "metricsQuery");
        var seriesQuery = fields.TryGetValue("seriesQuery", out var q) ? Scalar(q) : "";
        if (seriesQuery.Length == 0)
        {
            throw Error(node, "rule needs a seriesQuery");
        }

        var parsed = Wrap(node, () =>
        {
            var filters = fields.TryGetValue("seriesFilters", out var f) ? [.. Sequence(f).Select(ParseFilter)] : new List<SeriesFilter>();
            var resources = fields.TryGetValue("resources", out var r) ? ParseResources(r) : ResourceMapping.None;
            NameMapping name;
            if (fields.TryGetValue("name", out var n))
            {
                var nameFields = Mapping(n, "matches", "as");
                name = NameMapping.Create(Optional(nameFields, "matches"), Optional(nameFields, "as"), seriesQuery);
            }
            else
            {
                name = NameMapping.Create(null, null, seriesQuery);
            }

            var query = fields.TryGetValue("metricsQuery", out var m) ? Scalar(m) : DefaultMetricsQuery;
            return new AdapterRule(seriesQuery, filters, resources, name, ParseQuery(query, out var why), (int)node.Start.Line) { Refusal = why };
        });
        refusal = parsed.Refusal;
        return parsed;
    }

    /// <summary>
    /// Go's text/template would accept more than the supported subset (if/range/pipelines) and fail later per query; such
    /// a rule is refused with the reason rather than failing the whole config or every request.
    /// </summary>
    private static QueryTemplate ParseQuery(string text, out string? refusal)
    {
        refusal = null;
        try
        {
            return QueryTemplate.Parse(text, TemplateFields.MetricsQuery);
        }
        catch (FormatException e)
        {
            refusal = "metricsQuery " + e.Message;
            return QueryTemplate.Parse(DefaultMetricsQuery, TemplateFields.MetricsQuery);
        }
    }

    private static SeriesFilter ParseFilter(YamlNode node)
    {
        var fields = Mapping(node, "is", "isNot");
        return (Optional(fields, "is"), Optional(fields, "isNot")) switch
        {
            ({ } pattern, null) => new SeriesFilter(Wrap(node, () => GoRegex.Compile(pattern)), Is: true),
            (null, { } pattern) => new SeriesFilter(Wrap(node, () => GoRegex.Compile(pattern)), Is: false),
            _ => throw Error(node, "a series filter needs exactly one of is and isNot"),
        };
    }

    private static ResourceMapping ParseResources(YamlNode node)
    {
        var fields = Mapping(node, "overrides", "template", "namespaced");
        var overrides = new Dictionary<string, GroupResource>(StringComparer.Ordinal);
        if (fields.TryGetValue("overrides", out var o) && o is YamlMappingNode map)
        {
            foreach (var (label, target) in map.Children)
            {
                var t = Mapping(target, "group", "resource");
                var resource = Optional(t, "resource") ?? throw Error(target, "an override needs a resource");
                overrides[Scalar(label)] = ResourceNames.Normalize(resource, Optional(t, "group"))
                    ?? new GroupResource(Optional(t, "group") ?? "", resource);
            }
        }

        var template = Optional(fields, "template") is { } text ? Wrap(node, () => QueryTemplate.Parse(text, TemplateFields.Resource)) : null;
        var namespaced = !fields.TryGetValue("namespaced", out var ns) || !string.Equals(Scalar(ns), "false", StringComparison.OrdinalIgnoreCase);
        return new ResourceMapping(overrides, template, namespaced);
    }

    private static Dictionary<string, YamlNode> Mapping(YamlNode node, params string[] allowed)
    {
        if (node is not YamlMappingNode map)
        {
            throw Error(node, $"expected a mapping with {string.Join(", ", allowed)}");
        }

        var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Children)
        {
            var name = Scalar(key);
            if (Array.IndexOf(allowed, name) < 0)
            {
                throw Error(key, $"unknown field \"{name}\" (expected {string.Join(", ", allowed)})");
            }

            fields[name] = value;
        }

        return fields;
    }

    private static IEnumerable<YamlNode> Sequence(YamlNode node) => node switch
    {
        YamlSequenceNode sequence => sequence.Children,
        YamlScalarNode s when string.IsNullOrEmpty(s.Value) || s.Value == "null" => [],
        _ => throw Error(node, "expected a list"),
    };

    private static bool IsEmpty(YamlNode node) =>
        node is YamlScalarNode s ? string.IsNullOrEmpty(s.Value) || s.Value == "null" : node is YamlSequenceNode { Children.Count: 0 } or YamlMappingNode { Children.Count: 0 };

    private static string Scalar(YamlNode node) => node is YamlScalarNode s ? s.Value ?? "" : throw Error(node, "expected a string");

    private static string? Optional(Dictionary<string, YamlNode> fields, string key) =>
        fields.TryGetValue(key, out var node) && Scalar(node) is { Length: > 0 } value ? value : null;

    private static T Wrap<T>(YamlNode node, Func<T> build)
    {
        try
        {
            return build();
        }
        catch (FormatException e) when (!e.Message.StartsWith("line ", StringComparison.Ordinal))
        {
            throw Error(node, e.Message);
        }
    }

    private static FormatException Error(YamlNode node, string message) => new($"line {node.Start.Line}: {message}");
}
