using Autoscale.Kubernetes;
using Autoscale.MetricsAdapter.Config;
using Autoscale.MetricsAdapter.Sources.Prometheus.Rules;
using YamlDotNet.RepresentationModel;

namespace Autoscale.MetricsAdapter.Sources.Prometheus;

/// <summary>
/// The config file's <c>prometheus:</c> section: where Prometheus is (<c>url</c>, <c>interval</c>, <c>timeout</c>,
/// <c>relistInterval</c>, <c>bearerTokenFile</c>) plus prometheus-adapter's own <c>rules:</c>, unchanged, so an existing config migrates.
/// </summary>
internal static class PrometheusSection
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal) { "url", "interval", "timeout", "relistInterval", "bearerTokenFile", "rules", "externalRules", "resourceRules" };

    /// <exception cref="ConfigException">A field is invalid; the message names it.</exception>
    public static PrometheusSourceOptions Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new ConfigException(["prometheus: must be a mapping with at least url"]);
        }

        var errors = new List<string>();
        string? Scalar(string key) => root.Children.TryGetValue(new YamlScalarNode(key), out var n) ? (n as YamlScalarNode)?.Value : null;
        foreach (var key in root.Children.Keys.OfType<YamlScalarNode>())
        {
            if (!Known.Contains(key.Value ?? ""))
            {
                errors.Add($"prometheus.{key.Value}: unknown key (expected one of: {string.Join(", ", Known.Order(StringComparer.Ordinal))})");
            }
        }

        Uri? url = null;
        if (Scalar("url") is not { Length: > 0 } text)
        {
            errors.Add("prometheus.url: required");
        }
        else if (!Uri.TryCreate(text, UriKind.Absolute, out url) || url.Scheme is not ("http" or "https"))
        {
            errors.Add($"prometheus.url: \"{text}\" is not an http(s) URL");
        }

        TimeSpan Duration(string key, TimeSpan fallback)
        {
            if (Scalar(key) is not { } value)
            {
                return fallback;
            }

            // The same reading as every other duration in the config file (1m30s included).
            if (GoDuration.TryParse(value, out var duration))
            {
                return duration;
            }

            errors.Add($"prometheus.{key}: must be a duration like 2s or 500ms, got '{value}' (at most {GoDuration.Format(GoDuration.Max)})");
            return fallback;
        }

        var interval = Duration("interval", TimeSpan.FromSeconds(2));
        var timeout = Duration("timeout", TimeSpan.FromSeconds(5));
        // prometheus-adapter's --metrics-relist-interval (its default is 10m; a minute here finds new series sooner).
        var relist = Duration("relistInterval", TimeSpan.FromMinutes(1));
        AdapterRulesConfig rules = AdapterRulesConfig.Empty;
        try
        {
            rules = AdapterRulesParser.Parse(yaml);
        }
        catch (FormatException ex)
        {
            errors.Add($"prometheus.rules: {ex.Message}");
        }

        if (errors.Count > 0)
        {
            throw new ConfigException(errors);
        }

        return new PrometheusSourceOptions
        {
            Url = url!,
            Interval = interval,
            Timeout = timeout,
            RelistInterval = relist,
            BearerTokenFile = Scalar("bearerTokenFile"),
            Rules = rules.Rules,
            ExternalRules = rules.ExternalRules,
            Refusals = rules.Refusals,
        };
    }
}
