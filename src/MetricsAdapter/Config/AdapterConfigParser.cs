using Autoscale.Kubernetes;
using Autoscale.Kubernetes.Yaml;
using Autoscale.MetricsAdapter.Catalog;
using Autoscale.MetricsAdapter.Sources.Exposition;
using Autoscale.MetricsAdapter.Sources.Prometheus;
using Autoscale.MetricsAdapter.Sources.Scrape;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using Autoscale.MetricsAdapter.Sources.Scrape.Mapping;

namespace Autoscale.MetricsAdapter.Config;

/// <summary>Parses and validates the adapter's config file; every mistake is reported with its path.</summary>
internal static class AdapterConfigParser
{
    private static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MinDesiredReplicasMaxAge = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxDesiredReplicasMaxAge = TimeSpan.FromHours(1);

    /// <exception cref="ConfigException">The file is not valid YAML or not a valid config.</exception>
    public static AdapterConfig Parse(string yaml)
    {
        YamlStream stream;
        try
        {
            stream = BoundedYaml.Load(yaml);
        }
        catch (YamlLimitException e)
        {
            throw new ConfigException([$"{(e.Path.Length == 0 ? "(root)" : e.Path)}: {e.Message}"]);
        }
        catch (YamlException e)
        {
            throw new ConfigException([$"(root): line {e.Start.Line}, column {e.Start.Column}: invalid YAML: {e.Message}"]);
        }

        if (stream.Documents.Count > 1)
        {
            throw new ConfigException(["(root): the file must hold one YAML document"]);
        }

        var f = new YamlFields();
        var root = f.Mapping(stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode, "", "scrape", "discovery", "serving", "catalog", "prometheus", "routers");
        var (scrape, staleAfter) = ReadScrape(f, f.Mapping(YamlFields.Child(root, "scrape"), "scrape",
            "interval", "timeout", "staleAfter", "concurrency", "maxPageBytes", "clearAfterFailures", "latencyWindow"));
        var discovery = ReadDiscovery(f, f.Mapping(YamlFields.Child(root, "discovery"), "discovery",
            "followHorizontalPodAutoscalers", "pods", "dcgm", "portAnnotation", "pathAnnotation", "defaultPath"));
        var serving = f.Mapping(YamlFields.Child(root, "serving"), "serving", "notReadyPods", "desiredReplicasMaxAge");
        var notReady = f.Choice(serving, "notReadyPods", "serving", "omit", "omit", "atTarget", "serve");
        var maxAge = f.Duration(serving, "desiredReplicasMaxAge", "serving", ServingPolicy.DefaultDesiredReplicasMaxAge);
        // Below the planner's 30 s refresh the value would flap between served and not; past an hour it is no
        // longer a recommendation for now.
        Check(f, "serving.desiredReplicasMaxAge", maxAge >= MinDesiredReplicasMaxAge && maxAge <= MaxDesiredReplicasMaxAge,
            $"must be between {GoDuration.Format(MinDesiredReplicasMaxAge)} and {GoDuration.Format(MaxDesiredReplicasMaxAge)}, got {GoDuration.Format(maxAge)}");
        var catalog = CatalogOverrides.Apply(f, f.Sequence(root, "catalog", ""));
        var prometheus = YamlFields.Child(root, "prometheus") is { } node ? ToYaml(node) : null;
        var routers = RouterSection.Read(f, f.Sequence(root, "routers", ""));
        if (f.Errors.Count > 0)
        {
            throw new ConfigException(f.Errors);
        }

        var mapping = new CatalogMapping(catalog, scrape.LatencyWindow, ExpositionParserOptions.Default with { MaxPageBytes = scrape.MaxPageBytes });
        // The prometheus: section is validated with the rest, so a bad edit there is refused like any other.
        var prometheusOptions = prometheus is null ? null : ParsePrometheus(prometheus);
        var servingPolicy = new ServingPolicy(staleAfter, notReady switch { "serve" => NotReadyPodPolicy.Serve, "atTarget" => NotReadyPodPolicy.AtTarget, _ => NotReadyPodPolicy.Omit })
        {
            DesiredReplicasMaxAge = maxAge,
        };
        return new AdapterConfig(scrape, discovery, servingPolicy, catalog, mapping, prometheus)
        {
            Prometheus = prometheusOptions,
            Routers = routers,
        };
    }

    // The section's own reader reports its fields; whatever else it throws (a duration past TimeSpan's range threw
    // OverflowException, found by the config fuzz test) is still a refusal of the prometheus section, not a crash.
    private static PrometheusSourceOptions ParsePrometheus(string yaml)
    {
        try
        {
            return PrometheusSection.Parse(yaml);
        }
        catch (Exception e) when (e is not (ConfigException or OutOfMemoryException))
        {
            throw new ConfigException([$"prometheus: cannot be read: {e.Message}"]);
        }
    }

    private static (ScrapeSettings Settings, TimeSpan StaleAfter) ReadScrape(YamlFields f, YamlMappingNode? m)
    {
        var d = ScrapeSettings.Default;
        var interval = f.Duration(m, "interval", "scrape", d.Interval);
        var timeout = f.Duration(m, "timeout", "scrape", d.Timeout);
        var staleAfter = f.Duration(m, "staleAfter", "scrape", TimeSpan.FromTicks(interval.Ticks * 5));
        var window = f.Duration(m, "latencyWindow", "scrape", d.LatencyWindow);
        var settings = new ScrapeSettings(
            interval,
            timeout,
            f.Int(m, "concurrency", "scrape", d.Concurrency),
            f.Int(m, "maxPageBytes", "scrape", d.MaxPageBytes),
            f.Int(m, "clearAfterFailures", "scrape", d.ClearAfterFailures),
            window);
        Check(f, "scrape.interval", interval >= MinInterval, $"must be at least {GoDuration.Format(MinInterval)}, got {GoDuration.Format(interval)}");
        Check(f, "scrape.timeout", timeout > TimeSpan.Zero && timeout <= interval,
            $"must be above 0 and at most scrape.interval ({GoDuration.Format(interval)}), got {GoDuration.Format(timeout)}");
        Check(f, "scrape.staleAfter", staleAfter >= interval,
            $"must be at least scrape.interval ({GoDuration.Format(interval)}), got {GoDuration.Format(staleAfter)}");
        Check(f, "scrape.latencyWindow", window >= interval * 2,
            $"must be at least twice scrape.interval ({GoDuration.Format(interval * 2)}), got {GoDuration.Format(window)}");
        Check(f, "scrape.concurrency", settings.Concurrency is >= 1 and <= 1024, $"must be between 1 and 1024, got {settings.Concurrency}");
        Check(f, "scrape.maxPageBytes", settings.MaxPageBytes is >= 4096 and <= 256 * 1024 * 1024,
            $"must be between 4096 and 268435456, got {settings.MaxPageBytes}");
        Check(f, "scrape.clearAfterFailures", settings.ClearAfterFailures >= 1, $"must be at least 1, got {settings.ClearAfterFailures}");
        return (settings, staleAfter);
    }

    private static DiscoverySettings ReadDiscovery(YamlFields f, YamlMappingNode? m)
    {
        var d = DiscoverySettings.Default;
        var pods = new List<PodSelectorSettings>();
        var list = f.Sequence(m, "pods", "discovery");
        for (int i = 0; i < list.Count; i++)
        {
            if (ReadSelector(f, list[i], $"discovery.pods[{i}]") is { } selector)
            {
                pods.Add(selector);
            }
        }

        var dcgmNode = YamlFields.Child(m, "dcgm");
        return new DiscoverySettings(
            f.Bool(m, "followHorizontalPodAutoscalers", "discovery", d.FollowHorizontalPodAutoscalers),
            pods,
            dcgmNode is null ? d.Dcgm : ReadSelector(f, dcgmNode, "discovery.dcgm"),
            f.String(m, "portAnnotation", "discovery") ?? d.PortAnnotation,
            f.String(m, "pathAnnotation", "discovery") ?? d.PathAnnotation,
            f.String(m, "defaultPath", "discovery") ?? d.DefaultPath);
    }

    private static PodSelectorSettings? ReadSelector(YamlFields f, YamlNode node, string path)
    {
        var m = f.Mapping(node, path, "namespace", "labelSelector");
        var selector = f.String(m, "labelSelector", path);
        if (m is null || string.IsNullOrWhiteSpace(selector))
        {
            f.Error(YamlFields.Join(path, "labelSelector"), "is required");
            return null;
        }

        // Checked here, not when discovery starts: a selector that does not parse must be refused with the
        // last good config kept, not reloaded and then thrown by the target resolver (which stopped the host).
        if (!LabelSelector.TryParse(selector, out _, out var why))
        {
            f.Error(YamlFields.Join(path, "labelSelector"), $"is not a label selector: {why}");
        }

        var ns = f.String(m, "namespace", path) ?? "";
        if (ns.Length > 0 && !IsNamespaceName(ns))
        {
            f.Error(YamlFields.Join(path, "namespace"), $"must be a namespace name (lower case letters, digits and '-', at most 63), got '{ns}'");
        }

        return new PodSelectorSettings(ns, selector);
    }

    // RFC 1123 label, as Kubernetes requires of namespace names.
    private static bool IsNamespaceName(string name) =>
        name.Length is > 0 and <= 63
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && name[0] != '-'
        && name[^1] != '-';

    private static void Check(YamlFields f, string path, bool ok, string message)
    {
        if (!ok)
        {
            f.Error(path, message);
        }
    }

    private static string ToYaml(YamlNode node)
    {
        using var writer = new StringWriter();
        new YamlStream(new YamlDocument(node)).Save(writer, assignAnchors: false);
        var text = writer.ToString().TrimEnd();
        return text.EndsWith("...", StringComparison.Ordinal) ? text[..^3].TrimEnd() + "\n" : text + "\n";
    }
}
