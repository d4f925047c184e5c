using Autoscale.Kubernetes;
using Autoscale.Kubernetes.Yaml;
using Autoscale.MetricsAdapter.Catalog;
using Autoscale.MetricsAdapter.Sources.Exposition;
using Autoscale.MetricsAdapter.Sources.Prometheus;
using Autoscale.MetricsAdapter.Sources.Scrape;
using Autoscale.MetricsAdapter.Sources.Scrape.Mapping;

namespace Autoscale.MetricsAdapter.Config;

/// <summary>Parses and validates the adapter's config file; every mistake is reported with its path.</summary>
internal static class AdapterConfigParser
{
    private static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxArrivalWindow = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan MinDesiredReplicasMaxAge = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxDesiredReplicasMaxAge = TimeSpan.FromHours(1);

    /// <exception cref="ConfigException">The file is not valid YAML or not a valid config.</exception>
    public static AdapterConfig Parse(string yaml)
    {
        var errors = new YamlErrors();
        if (StrictYaml.Read(yaml, errors) is not { } root)
        {
            throw new ConfigException(errors.All);
        }

        root.RejectUnknownKeys("scrape", "discovery", "serving", "catalog", "prometheus", "routers");
        var (scrape, staleAfter) = ReadScrape(root.Section("scrape"));
        var discovery = ReadDiscovery(root.Section("discovery"));
        var serving = root.Section("serving");
        serving.RejectUnknownKeys("notReadyPods", "desiredReplicasMaxAge");
        var notReady = serving.Choice("notReadyPods", "omit", "omit", "atTarget", "serve");
        var maxAge = serving.Duration("desiredReplicasMaxAge", ServingPolicy.DefaultDesiredReplicasMaxAge);
        // Below the planner's 30 s refresh the value would flap between served and not; past an hour it is no
        // longer a recommendation for now.
        Check(errors, "serving.desiredReplicasMaxAge", maxAge >= MinDesiredReplicasMaxAge && maxAge <= MaxDesiredReplicasMaxAge,
            $"must be between {GoDuration.Format(MinDesiredReplicasMaxAge)} and {GoDuration.Format(MaxDesiredReplicasMaxAge)}, got {GoDuration.Format(maxAge)}");
        var catalog = CatalogOverrides.Apply(root);
        var prometheus = root.Text("prometheus");
        // The prometheus: section is validated with the rest, so a bad edit there is refused like any other.
        var prometheusOptions = root.Map("prometheus") is { } section ? PrometheusSection.Read(section, prometheus!) : null;
        var routers = RouterSection.Read(root);
        if (errors.Any)
        {
            throw new ConfigException(errors.All);
        }

        var mapping = new CatalogMapping(catalog, scrape.LatencyWindow, scrape.ArrivalWindow, ExpositionParserOptions.Default with { MaxPageBytes = scrape.MaxPageBytes });
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

    private static (ScrapeSettings Settings, TimeSpan StaleAfter) ReadScrape(YamlMap m)
    {
        m.RejectUnknownKeys("interval", "timeout", "staleAfter", "concurrency", "maxPageBytes", "clearAfterFailures", "latencyWindow", "arrivalWindow");
        var f = m.Errors;
        var d = ScrapeSettings.Default;
        var interval = m.Duration("interval", d.Interval);
        var timeout = m.Duration("timeout", d.Timeout);
        var staleAfter = m.Duration("staleAfter", TimeSpan.FromTicks(interval.Ticks * 5));
        var window = m.Duration("latencyWindow", d.LatencyWindow);
        var arrivalWindow = m.Duration("arrivalWindow", d.ArrivalWindow);
        var settings = new ScrapeSettings(
            interval,
            timeout,
            m.Int("concurrency", d.Concurrency),
            m.Int("maxPageBytes", d.MaxPageBytes),
            m.Int("clearAfterFailures", d.ClearAfterFailures),
            window,
            arrivalWindow);
        Check(f, "scrape.interval", interval >= MinInterval, $"must be at least {GoDuration.Format(MinInterval)}, got {GoDuration.Format(interval)}");
        Check(f, "scrape.timeout", timeout > TimeSpan.Zero && timeout <= interval,
            $"must be above 0 and at most scrape.interval ({GoDuration.Format(interval)}), got {GoDuration.Format(timeout)}");
        Check(f, "scrape.staleAfter", staleAfter >= interval,
            $"must be at least scrape.interval ({GoDuration.Format(interval)}), got {GoDuration.Format(staleAfter)}");
        Check(f, "scrape.latencyWindow", window >= interval * 2,
            $"must be at least twice scrape.interval ({GoDuration.Format(interval * 2)}), got {GoDuration.Format(window)}");
        Check(f, "scrape.arrivalWindow", arrivalWindow == TimeSpan.Zero || (arrivalWindow >= interval && arrivalWindow <= MaxArrivalWindow),
            $"must be 0 (since the previous scrape) or between scrape.interval ({GoDuration.Format(interval)}) and {GoDuration.Format(MaxArrivalWindow)}, got {GoDuration.Format(arrivalWindow)}");
        Check(f, "scrape.concurrency", settings.Concurrency is >= 1 and <= 1024, $"must be between 1 and 1024, got {settings.Concurrency}");
        Check(f, "scrape.maxPageBytes", settings.MaxPageBytes is >= 4096 and <= 256 * 1024 * 1024,
            $"must be between 4096 and 268435456, got {settings.MaxPageBytes}");
        Check(f, "scrape.clearAfterFailures", settings.ClearAfterFailures >= 1, $"must be at least 1, got {settings.ClearAfterFailures}");
        return (settings, staleAfter);
    }

    private static DiscoverySettings ReadDiscovery(YamlMap m)
    {
        m.RejectUnknownKeys("followHorizontalPodAutoscalers", "pods", "dcgm", "portAnnotation", "pathAnnotation", "defaultPath");
        var d = DiscoverySettings.Default;
        var pods = new List<PodSelectorSettings>();
        foreach (var item in m.Maps("pods"))
        {
            if (ReadSelector(item) is { } selector)
            {
                pods.Add(selector);
            }
        }

        return new DiscoverySettings(
            m.Bool("followHorizontalPodAutoscalers", d.FollowHorizontalPodAutoscalers),
            pods,
            m.Map("dcgm") is { } dcgm ? ReadSelector(dcgm) : d.Dcgm,
            m.Scalar("portAnnotation") ?? d.PortAnnotation,
            m.Scalar("pathAnnotation") ?? d.PathAnnotation,
            m.Scalar("defaultPath") ?? d.DefaultPath);
    }

    private static PodSelectorSettings? ReadSelector(YamlMap m)
    {
        m.RejectUnknownKeys("namespace", "labelSelector");
        var selector = m.Scalar("labelSelector");
        if (string.IsNullOrWhiteSpace(selector))
        {
            m.Errors.Add(m.Child("labelSelector"), "is required");
            return null;
        }

        // Checked here, not when discovery starts: a selector that does not parse must be refused with the
        // last good config kept, not reloaded and then thrown by the target resolver (which stopped the host).
        if (!LabelSelector.TryParse(selector, out _, out var why))
        {
            m.Errors.Add(m.Child("labelSelector"), $"is not a label selector: {why}");
        }

        var ns = m.Scalar("namespace") ?? "";
        if (ns.Length > 0 && !IsNamespaceName(ns))
        {
            m.Errors.Add(m.Child("namespace"), $"must be a namespace name (lower case letters, digits and '-', at most 63), got '{ns}'");
        }

        return new PodSelectorSettings(ns, selector);
    }

    // RFC 1123 label, as Kubernetes requires of namespace names.
    private static bool IsNamespaceName(string name) =>
        name.Length is > 0 and <= 63
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && name[0] != '-'
        && name[^1] != '-';

    private static void Check(YamlErrors errors, string path, bool ok, string message)
    {
        if (!ok)
        {
            errors.Add(path, message);
        }
    }
}
