using Autoscale.Kubernetes.Yaml;
using Autoscale.MetricsAdapter.Config;
using Autoscale.MetricsAdapter.Sources.Prometheus.Rules;

namespace Autoscale.MetricsAdapter.Sources.Prometheus;

/// <summary>
/// The config file's <c>prometheus:</c> section: where Prometheus is (<c>url</c>, <c>interval</c>, <c>timeout</c>,
/// <c>relistInterval</c>, <c>bearerTokenFile</c>) plus prometheus-adapter's own <c>rules:</c>, unchanged, so an existing config migrates.
/// </summary>
internal static class PrometheusSection
{
    /// <summary>Reads the section from its own text (as <c>--check</c> and the tests give it).</summary>
    /// <exception cref="ConfigException">A field is invalid; the message names it.</exception>
    public static PrometheusSourceOptions Parse(string yaml)
    {
        var errors = new YamlErrors();
        var section = StrictYaml.Read(yaml, errors, "prometheus");
        var options = section is { Exists: true } ? Read(section, yaml) : null;
        if (section is { Exists: false })
        {
            errors.Add("prometheus", "must be a mapping with at least url");
        }

        return errors.Any || options is null ? throw new ConfigException(errors.All) : options;
    }

    /// <param name="section">The <c>prometheus:</c> mapping; its problems go to its errors, each with its path.</param>
    /// <param name="yaml">The same mapping as text, for prometheus-adapter's own rules reader.</param>
    /// <returns>The options, or null when the section has an error.</returns>
    public static PrometheusSourceOptions? Read(YamlMap section, string yaml)
    {
        var errors = section.Errors;
        var before = errors.All.Count;
        section.RejectUnknownKeys("bearerTokenFile", "externalRules", "interval", "relistInterval", "resourceRules", "rules", "timeout", "url");
        Uri? url = null;
        if (section.Scalar("url") is not { Length: > 0 } text)
        {
            errors.Add(section.Child("url"), "is required");
        }
        else if (!Uri.TryCreate(text, UriKind.Absolute, out url) || url.Scheme is not ("http" or "https"))
        {
            errors.Add(section.Child("url"), $"\"{text}\" is not an http(s) URL");
        }

        var interval = section.Duration("interval", TimeSpan.FromSeconds(2));
        var timeout = section.Duration("timeout", TimeSpan.FromSeconds(5));
        // prometheus-adapter's --metrics-relist-interval (its default is 10m; a minute here finds new series sooner).
        var relist = section.Duration("relistInterval", TimeSpan.FromMinutes(1));
        var bearerTokenFile = section.Scalar("bearerTokenFile");
        AdapterRulesConfig rules = AdapterRulesConfig.Empty;
        try
        {
            rules = AdapterRulesParser.Parse(yaml);
        }
        catch (FormatException ex)
        {
            errors.Add(section.Child("rules"), ex.Message);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Whatever else the rules reader throws is still a refusal of this section, not a crash.
            errors.Add(section.Path, $"cannot be read: {ex.Message}");
        }

        if (errors.All.Count > before)
        {
            return null;
        }

        return new PrometheusSourceOptions
        {
            Url = url!,
            Interval = interval,
            Timeout = timeout,
            RelistInterval = relist,
            BearerTokenFile = bearerTokenFile,
            Rules = rules.Rules,
            ExternalRules = rules.ExternalRules,
            Refusals = rules.Refusals,
        };
    }
}
